"""Where a worker's time went, from the collapsed stacks of `bench_pipeline.py --py-spy FILE`.

    .venv/bin/python bench/spy_summary.py FILE                     # the main thread, by function
    .venv/bin/python bench/spy_summary.py FILE "Pipeline._run ("   # what runs under one function

Only the event loop's thread counts, and only while it works: samples waiting in `select` (the
loop idle between requests) and the database and executor threads (idle on their queues almost
all the time: py-spy cannot tell a thread blocked on a lock from a busy one) are left out. Each
line is a share of the samples that remain; a function's share includes what it calls.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

_LINE = re.compile(r":\d+\)")


def main_thread_stacks(path: Path) -> list[tuple[list[str], int]]:
    """(frames outermost first, samples) of the event loop's thread while it was not idle."""
    stacks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [_LINE.sub(")", frame) for frame in stack.split(";")]
        if "runpy" not in frames[0] or "select (selectors" in frames[-1]:
            continue
        stacks.append((frames, int(count)))
    return stacks


def summary(stacks: list[tuple[list[str], int]], under: str | None, top: int = 30) -> list[str]:
    shares: Counter[str] = Counter()
    total = 0
    for frames, count in stacks:
        if under is not None:
            at = next((i for i, frame in enumerate(frames) if frame.startswith(under)), None)
            if at is None:
                continue
            frames = frames[at + 1 : at + 2] or ["(itself)"]
        total += count
        for frame in set(frames):
            shares[frame] += count
    lines = [f"{total} samples" + (f" under {under}" if under else "")]
    # The event loop's own frames are under every sample: they say nothing.
    found = [(frame, n) for frame, n in shares.most_common() if under or n < 0.99 * total]
    lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in found[:top]]
    return lines


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    under = sys.argv[2] if len(sys.argv) > 2 else None
    print("\n".join(summary(main_thread_stacks(Path(sys.argv[1])), under)))
