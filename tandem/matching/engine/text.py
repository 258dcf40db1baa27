"""Text similarity without a model download: hashed TF-IDF vectors, L2-normalised.

Goals and bios are short, so a few hundred hashed dimensions keep most of the signal, and
the cosine of two vectors is a plain dot product.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

TEXT_DIMENSIONS = 256
_WORD = re.compile(r"[a-z][a-z0-9+#.-]{1,30}")
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "do",
        "for",
        "from",
        "get",
        "had",
        "has",
        "have",
        "help",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "like",
        "me",
        "more",
        "most",
        "my",
        "not",
        "of",
        "on",
        "or",
        "our",
        "out",
        "over",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "us",
        "use",
        "want",
        "was",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
        "i'd",
        "i'm",
        "i've",
        "year",
        "years",
        "work",
        "working",
        "role",
        "job",
    ]
)


def _tokens(text: str) -> list[str]:
    return [w.strip(".-") for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def _bucket(word: str, dimensions: int) -> int:
    # crc32 is stable across processes (unlike hash()), so vectors are reproducible.
    return zlib.crc32(word.encode("utf-8")) % dimensions


def _counts(texts: Sequence[str], dimensions: int) -> npt.NDArray[np.float32]:
    counts = np.zeros((len(texts), dimensions), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in _tokens(text):
            counts[row, _bucket(word, dimensions)] += 1.0
    return counts


def text_idf(texts: Sequence[str], *, dimensions: int = TEXT_DIMENSIONS) -> npt.NDArray[np.float32]:
    """Inverse document frequencies of the hashed words over a corpus."""
    present = np.count_nonzero(_counts(texts, dimensions), axis=0)
    return (np.log((1.0 + len(texts)) / (1.0 + present)) + 1.0).astype(np.float32)


def text_vectorize(texts: Sequence[str], idf: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """TF-IDF rows for `texts` with a given idf, L2-normalised (zeros for empty texts)."""
    weighted = np.log1p(_counts(texts, idf.shape[0])) * idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    return np.divide(weighted, norms, out=np.zeros_like(weighted), where=norms > 0)


def text_vectors(
    texts: Sequence[str], *, dimensions: int = TEXT_DIMENSIONS
) -> npt.NDArray[np.float32]:
    """One row per text: TF-IDF over `texts` themselves, hashed, L2-normalised."""
    return text_vectorize(texts, text_idf(texts, dimensions=dimensions))
