"""Half-open character intervals [start, end) found by position in logarithmic time: whether any of them
holds a position, and the longest group of them holding each of many positions. Offsets only, no docs."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterable, Sequence


class Cover:
    """Whether any of some intervals holds a position: `any(a <= pos < b for a, b in intervals)`."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(intervals)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the farthest end among the intervals up to each, in order of start
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def holds(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


def longest_holding(
    groups: Sequence[Sequence[tuple[int, int]]], positions: Sequence[int], shortest: bool = False
) -> list[int | None]:
    """For each position, the index of the group with an interval holding it whose intervals are longest
    (or shortest) in all (the first such group on a tie), or None: one sweep over the positions in
    ascending order with a heap of the groups begun, instead of a look at every group for every position."""
    sign = 1 if shortest else -1
    pieces = sorted(
        (a, b, sign * sum(y - x for x, y in spans), i) for i, spans in enumerate(groups) for a, b in spans
    )
    out: list[int | None] = [None] * len(positions)
    begun: list[tuple[int, int, int]] = []  # (signed length, group, end): the best group on top
    k = 0
    for n in sorted(range(len(positions)), key=positions.__getitem__):
        pos = positions[n]
        while k < len(pieces) and pieces[k][0] <= pos:
            _, end, signed_length, i = pieces[k]
            heapq.heappush(begun, (signed_length, i, end))
            k += 1
        while begun and begun[0][2] <= pos:  # ended before this position, so before every later one
            heapq.heappop(begun)
        out[n] = begun[0][1] if begun else None
    return out
