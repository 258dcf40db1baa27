"""The mentor directory: its query string read into filters (`filters`), the reads that
answer them (`reads`), the cards a page shows (`cards`, rendered by `html`) and its page
(`views`)."""
