"""Logging that stays readable: a refused request is one line, not a traceback.

Django logs a 403 (PermissionDenied, a CSRF failure) or a SuspiciousOperation with the
exception attached, so each refusal printed a whole traceback and drowned the real 500s. A
client error is the client's doing; the line with its status and path says all there is.
"""

from __future__ import annotations

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """Drop the traceback from records about 4xx answers and `django.security` refusals."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        refused = isinstance(status, int) and 400 <= status < 500
        if refused or record.name.startswith("django.security"):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
