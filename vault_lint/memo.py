"""Work remembered by text: a vault writes the same values, lines and words
in note after note, so what a short text gives is remembered across its
notes. A longer text is worked out each time, so that what is remembered
stays small however large the notes are."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

REMEMBERED_LENGTH = 256  # the longest text remembered

Result = TypeVar("Result")


def by_short_text(maxsize: int) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """``lru_cache(maxsize)`` for a function whose first argument is a text,
    used while that text is at most ``REMEMBERED_LENGTH`` characters long."""

    def decorate(function: Callable[..., Result]) -> Callable[..., Result]:
        remembered = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text: str, *args: Any) -> Result:
            return remembered(text, *args) if len(text) <= REMEMBERED_LENGTH else function(text, *args)

        return call

    return decorate
