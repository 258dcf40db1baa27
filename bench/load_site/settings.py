"""The settings bench/load.py serves Tandem with: production's (`config.settings.base`, every
value from the environment the bench sets), plus the bench's bare view (`load_site.urls`),
static files collected into the bench's scratch directory, and the cache's keys under a prefix
of the run's own, so a run never reads what another process left in the same Redis; and each
request's server-side times logged for the tail's breakdown (load_site/timing.py)."""

import os
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import CACHES, MIDDLEWARE

# Outermost, so it times all of Django's work on a request (load_site/timing.py).
MIDDLEWARE = ["load_site.timing.RequestClock", *MIDDLEWARE]
ROOT_URLCONF = "load_site.urls"
STATIC_ROOT = Path(os.environ["TANDEM_BENCH_STATIC_ROOT"])
CACHES["default"]["KEY_PREFIX"] = os.environ["TANDEM_BENCH_CACHE_PREFIX"]
