"""Where an uploaded file waits between the preview and the confirmation: in the cache.

The session would carry up to 5 MB on every request; a file on disk would need cleaning up and
is not shared between servers. The cache is shared wherever Tandem runs several processes
(Redis, see README), forgets the file by itself after an hour, and holds it compressed (an HR
export shrinks about tenfold). The key names the manager and the program as well as a random
token, so a token is worthless to anyone else or for another program. An upload the cache has
dropped (expired, or a restart of a cache kept in memory) is simply uploaded again.
"""

from __future__ import annotations

import secrets
import zlib

from django.core.cache import cache

KEEP_SECONDS = 60 * 60


def _key(user_id: int, program_id: int, token: str) -> str:
    return f"program-import:{user_id}:{program_id}:{token}"


def upload_keep(*, user_id: int, program_id: int, data: bytes) -> str:
    """Keep the file for an hour; returns the token that finds it again."""
    token = secrets.token_urlsafe(18)
    cache.set(_key(user_id, program_id, token), zlib.compress(data, 6), KEEP_SECONDS)
    return token


def upload_read(*, user_id: int, program_id: int, token: str) -> bytes | None:
    """The file kept under `token` for this manager and program, or None."""
    kept = cache.get(_key(user_id, program_id, token))
    return zlib.decompress(kept) if isinstance(kept, bytes) else None


def upload_forget(*, user_id: int, program_id: int, token: str) -> None:
    cache.delete(_key(user_id, program_id, token))
