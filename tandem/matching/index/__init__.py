"""The index of listed mentors each process keeps for recommendations, and how it stays
current: one cheap query per use, rows patched as mentors change, full builds only at worker
start and in the background (docs/matching.md, "How the mentor index stays current")."""

from tandem.matching.index.current import mentor_index, mentor_index_clear, mentor_index_warm

__all__ = ["mentor_index", "mentor_index_clear", "mentor_index_warm"]
