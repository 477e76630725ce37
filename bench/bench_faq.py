"""The demo shop's FAQ as shoppers ask it: right, wrong and fallback rates.

    .venv/bin/python bench/bench_faq.py [--errors]

Reads the project's own evaluation (tests/knowledge/faq_eval_dev.tsv, the half the FAQ variants
and scoring were tuned on, and faq_eval_holdout.tsv, which nothing was fitted to): colloquial
paraphrases of every FAQ entry, near misses that must not get a neighbour's answer, and
out-of-scope messages that must get no answer. Rates per kind of line: "paraphrase" (an id
expected), "near miss" (`!id`), "out of scope" (`-`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from knowledge import Matcher, load_knowledge  # noqa: E402
from tests.knowledge.faq_eval import DEV, HOLDOUT, Scored, rates, read_cases, score  # noqa: E402


def kind(expect: str) -> str:
    if expect == "-":
        return "out of scope"
    return "near miss" if expect.startswith("!") else "paraphrase"


def report(name: str, scored: list[Scored], errors: bool) -> None:
    overall = rates(scored)
    print(
        f"{name}: {len(scored)} messages  right {overall['right']:.3f}  "
        f"wrong {overall['wrong']:.3f}  fallback {overall['fallback']:.3f}"
    )
    for label in ("paraphrase", "near miss", "out of scope"):
        part = [s for s in scored if kind(s.case.expect) == label]
        if part:
            r = rates(part)
            print(
                f"  {label:<13} {len(part):>4}  right {r['right']:.3f}  wrong {r['wrong']:.3f}"
                f"  fallback {r['fallback']:.3f}"
            )
    if errors:
        for s in scored:
            if s.outcome != "right":
                print(f"    {s.outcome:<8} {s.case.expect:<22} got {s.got!s:<22} {s.case.text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every miss")
    args = parser.parse_args()
    matcher = Matcher(load_knowledge(None))
    for name, path in (("dev", DEV), ("held out", HOLDOUT)):
        report(name, score(matcher, read_cases(path)), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
