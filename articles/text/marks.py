"""What every line-level rule sees: the line without invisible marks and extra spaces."""

from __future__ import annotations

import re

# Diacritics, tatweel and zero-width marks: invisible to rules, kept in the text.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u2066-\u2069\u202a-\u202e\ufeff]")


def strip_marks(text: str) -> str:
    """The text rules see: without diacritics, tatweel and invisible marks."""
    return _MARKS.sub("", text)


def tidy_line(line: str) -> str:
    """Collapse non-breaking and repeated spaces; strip the ends (one line: no newline in it)."""
    return " ".join(line.split())
