"""Patterns searched only where a text holds a string no match can do without.

sre tries a pattern at every position of a text (under re.I, folding the case of each
character for each alternative it tries), while ``in`` scans the text once in C. Most
texts a page holds have none of a rule's strings ("月", "撮影", "subscribe"), so the
search is skipped; where one is present the pattern gives its own answer, unchanged."""

from __future__ import annotations

import re


class Guarded:
    """``pattern``, searched only in texts that hold one of ``needs`` or start with one
    of ``starts``. For a case-blind pattern, written in lower case and looked for in the
    text folded as re.I folds it."""

    __slots__ = ("pattern", "needs", "starts", "_fold")

    def __init__(self, pattern: re.Pattern, needs: tuple[str, ...], starts: tuple[str, ...] = ()):
        self.pattern, self.needs, self.starts = pattern, needs, starts
        strings = needs + starts
        self._fold = bool(pattern.flags & re.I) and any(c.lower() != c.upper() for s in strings for c in s)
        if self._fold and any(s != folded(s) for s in strings):
            raise ValueError(f"a case-blind pattern's strings are written folded (lower case): {strings}")

    def search(self, text: str):
        seen = folded(text) if self._fold else text
        for need in self.needs:
            if need in seen:
                return self.pattern.search(text)
        if self.starts and seen.startswith(self.starts):
            return self.pattern.search(text)
        return None


def folded(text: str) -> str:
    """``text`` case-folded so that each character re.I takes for a letter is that letter:
    casefold() does so for all but the Turkish İ (folded to "i" and a combining dot) and
    ı, which re.I takes for "i"."""
    text = text.casefold()
    if not text.isascii():
        text = text.replace("\u0307", "").replace("ı", "i")
    return text
