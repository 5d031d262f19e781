"""Accumulate a reader's plain-text rendering together with its positions.

Readers append strings and call :meth:`TextBuilder.region` / :meth:`TextBuilder.page`
*before* the text they name, so every region/page start is the exact offset of
its first character in the final text (what ``SourceText.span`` relies on).
"""

from __future__ import annotations


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.regions: list[tuple[int, str]] = []
        self.page_starts: list[int] = []

    @property
    def pos(self) -> int:
        return self._pos

    def add(self, s: str) -> None:
        if s:
            self._parts.append(s)
            self._pos += len(s)

    def region(self, label: str) -> None:
        # Consecutive lines of one block share a region; a later region at the
        # same offset replaces an earlier, empty one.
        if self.regions and self.regions[-1][1] == label:
            return
        if self.regions and self.regions[-1][0] == self._pos:
            self.regions[-1] = (self._pos, label)
        else:
            self.regions.append((self._pos, label))

    def page(self) -> None:
        self.page_starts.append(self._pos)

    def text(self) -> str:
        return "".join(self._parts)
