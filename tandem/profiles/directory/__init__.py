"""The mentor directory: its query string read into filters (`filters`) and the reads that
answer them (`reads`)."""
