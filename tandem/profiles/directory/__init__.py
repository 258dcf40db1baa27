"""The mentor directory: its query string read into filters (`filters`), the reads that
answer them (`reads`) and the cards a page shows (`cards`)."""
