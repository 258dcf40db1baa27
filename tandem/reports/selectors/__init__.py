"""Reads behind the report pages: one selector per page."""
