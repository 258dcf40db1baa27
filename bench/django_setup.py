"""What every Django bench does first: Tandem on the path, the test settings unless
DJANGO_SETTINGS_MODULE says otherwise, a scratch directory, and a SQLite URL inside it when
DATABASE_URL is unset (each bench then makes its own throwaway database), then Django set up."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_ready(*, web: bool = False) -> Path:
    """Set Django up for a bench; the scratch directory it may put databases in. With `web`,
    the process is set up as a web process is (`config.web`: one BLAS thread), for benches
    that time pages."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if web:  # before numpy loads
        from config.web import web_process_ready

        web_process_ready()
    workdir = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'unused.sqlite3'}"

    import django

    django.setup()
    return workdir
