"""How well the matcher reads phrasings it has never seen, measured on the shop's own examples.

    .venv/bin/python bench/bench_intents_cv.py [--folds 5] [--errors]

The dev set of bench_accuracy.py is small and was looked at while the intents were written, so a
gain there may not carry over to new shoppers. This benchmark needs no outside data: each fold
holds out every k-th example of every intent, builds the matcher without them and reads them back,
once as written and once in the colloquial dress shoppers add (亲/请问/在吗 before, 呢/吧/啊/哈/呀
after). An `other` example counts as right when the matcher says other or falls back, as in the
dev set's rule. The figures are a floor: a held-out example often has a close sibling left in.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace
from types import MappingProxyType

from knowledge import Matcher, load_knowledge
from knowledge.model import KnowledgeBase

PREFIXES = ("亲 ", "请问", "在吗 ", "你好 请问", "亲，")
SUFFIXES = ("呢", "吧", "啊", "哈", "呀", "的话", "?")


def dressed(text: str, i: int) -> str:
    """The example as a shopper might type it: a prefix or a particle, chosen by position."""
    if i % 2:
        return PREFIXES[i // 2 % len(PREFIXES)] + text
    return text.rstrip("?？。!！ ") + SUFFIXES[i // 2 % len(SUFFIXES)]


def without(
    kb: KnowledgeBase, fold: int, folds: int
) -> tuple[KnowledgeBase, list[tuple[str, str]]]:
    """The knowledge base without every `folds`-th example (offset `fold`), and those examples."""
    held: list[tuple[str, str]] = []
    intents = {}
    for intent in kb.intents.values():
        kept = [e for i, e in enumerate(intent.examples) if i % folds != fold]
        held += [(intent.id, e) for i, e in enumerate(intent.examples) if i % folds == fold]
        intents[intent.id] = replace(intent, examples=tuple(kept))
    return replace(kb, intents=MappingProxyType(intents)), held


def predicted(matcher: Matcher, text: str) -> str:
    result = matcher.match(text)
    return "fallback" if result.band == "fallback" else result.intent


def right(label: str, guess: str) -> bool:
    return guess == label or (label == "other" and guess in ("other", "fallback"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--errors", action="store_true", help="print every held-out miss")
    args = parser.parse_args()
    kb = load_knowledge(None)
    plain: list[tuple[str, str, str]] = []
    dress: list[tuple[str, str, str]] = []
    started = time.perf_counter()
    for fold in range(args.folds):
        reduced, held = without(kb, fold, args.folds)
        matcher = Matcher(reduced)
        for i, (label, text) in enumerate(held):
            plain.append((label, text, predicted(matcher, text)))
            variant = dressed(text, i)
            dress.append((label, variant, predicted(matcher, variant)))
    took = time.perf_counter() - started
    print(f"{len(plain)} held-out examples, {args.folds} folds ({took:.1f} s)")
    for name, rows in (("as written", plain), ("with 亲/请问/呢/吧…", dress)):
        accuracy = sum(right(label, guess) for label, _, guess in rows) / len(rows)
        fallback = sum(guess == "fallback" for *_, guess in rows) / len(rows)
        print(f"  {name:22} accuracy {accuracy:.3f}  fallback {fallback:.3f}")
    wrong = Counter((label, guess) for label, _, guess in plain + dress if not right(label, guess))
    print(
        "  most frequent misses: "
        + ", ".join(f"{a}→{b} {n}" for (a, b), n in wrong.most_common(10))
    )
    if args.errors:
        for label, text, guess in sorted(plain + dress):
            if not right(label, guess):
                print(f"{label}\t{guess}\t{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
