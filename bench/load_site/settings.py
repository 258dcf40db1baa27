"""The settings bench/load.py serves Tandem with: production's (`config.settings.base`, every
value from the environment the bench sets), plus the bench's bare view (`load_site.urls`),
static files collected into the bench's scratch directory, and the cache's keys under a prefix
of the run's own, so a run never reads what another process left in the same Redis."""

import os
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import CACHES

ROOT_URLCONF = "load_site.urls"
STATIC_ROOT = Path(os.environ["TANDEM_BENCH_STATIC_ROOT"])
CACHES["default"]["KEY_PREFIX"] = os.environ["TANDEM_BENCH_CACHE_PREFIX"]
