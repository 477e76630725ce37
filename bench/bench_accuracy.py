"""Accuracy of the knowledge matcher on the shared Chinese customer-service dev sets.

    .venv/bin/python bench/bench_accuracy.py [--eval DIR] [--sweep] [--errors]

Reads ../shared/eval (or /work/shared/eval) when present and never copies it: the data is
third-party research text used only to measure. Each figure is printed next to a plain
character-ratio rapidfuzz baseline measured in the same run:
- jddc_intents: intent accuracy (an `other` message is right when the matcher says other or falls
  back) and fallback rate, with the demo shop's intents;
- bq_faq_rerank: top-1 accuracy of the FAQ re-ranking score;
- afqmc_pairs: paraphrase accuracy of the same score at the matcher's own FAQ thresholds
  (faq_strong: an answer whatever the intent; faq_min: only when the intent agrees) and at the
  best threshold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from rapidfuzz import fuzz, process

from knowledge import Matcher, load_knowledge
from knowledge.bands import DEFAULT_THRESHOLDS, Thresholds, band_for
from knowledge.lexicon import Lexicon
from knowledge.normalize import normalize
from knowledge.similarity import PhraseScorer

REPO = Path(__file__).resolve().parent.parent
EVAL_DIRS = (REPO.parent / "shared" / "eval", Path("/work/shared/eval"))

# JDDC replaces personal data with placeholders; put back text of the same shape, so that the
# matcher sees what it would see in production (a link, a number, an order number).
PLACEHOLDERS = {
    "订单": "80241856321",
    "数字": "3",
    "金额": "199.00",
    "日期": "2019-01-05",
    "时间": "10:20:31",
    "链接": "https://item.jd.com/100008348542.html",
    "地址": "北京市朝阳区建国路88号",
    "姓名": "张",
    "电话": "13800001234",
    "站点": "jd.com",
    "组织机构": "恒达",
}
_PLACEHOLDER = re.compile(r"\[([^\[\]x]{1,6})x\]")


def find_eval_dir(given: str | None) -> Path | None:
    candidates = (Path(given),) if given else EVAL_DIRS
    return next((p for p in candidates if p.is_dir()), None)


def fill(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: PLACEHOLDERS.get(m.group(1), ""), text)


def read_jddc(folder: Path) -> list[tuple[str, str]]:
    lines = (folder / "jddc_intents" / "dev.tsv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line.strip()]
    return [(row[0], fill(row[3])) for row in rows]


def correct(label: str, predicted: str) -> bool:
    """The dev set's rule: an `other` message is right when the matcher says other or falls back."""
    return predicted == label or (label == "other" and predicted in ("other", "fallback"))


def intent_metrics(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    pairs = list(pairs)
    n = len(pairs)
    right = sum(correct(label, pred) for label, pred in pairs)
    fallback = sum(pred == "fallback" for _, pred in pairs)
    return {"accuracy": right / n, "fallback_rate": fallback / n, "n": n}


def matcher_predictions(
    matcher: Matcher, rows: list[tuple[str, str]]
) -> list[tuple[str, str, float, float, str]]:
    """(label, top intent, top score, runner-up score, band) per message. The band is the
    matcher's own (it also falls back when "other" is as likely as the best reading, and asks
    when two products are equally good); the sweep recomputes bands from the scores."""
    out: list[tuple[str, str, float, float, str]] = []
    for label, text in rows:
        result = matcher.match(text)
        ranked = list(result.alternatives)
        if result.band == "fallback":
            top, score = ranked[0] if ranked else ("other", 0.0)
            runner = ranked[1][1] if len(ranked) > 1 else 0.0
        else:
            top, score = result.intent, result.score
            runner = ranked[0][1] if ranked else 0.0
        out.append((label, top, score, runner, result.band))
    return out


def as_predictions(rows: list[tuple[str, str, float, float, str]], t: Thresholds | None = None):
    """(label, prediction) with the recorded bands, or with bands recomputed under `t`."""
    for label, top, score, runner, recorded in rows:
        band = recorded if t is None else band_for(score, runner, t)
        yield label, ("fallback" if band == "fallback" else top)


def baseline_intents(kb_examples: list[tuple[str, str]], rows, threshold: float):
    """Nearest intent example or FAQ question by plain fuzz.ratio; fall back under `threshold`."""
    texts = [normalize(text) for _, text in kb_examples]
    for label, text in rows:
        best = process.extractOne(normalize(text), texts, scorer=fuzz.ratio)
        if best is None or best[1] < threshold:
            yield label, "fallback"
        else:
            yield label, kb_examples[best[2]][0]


def labelled_phrases(kb) -> list[tuple[str, str]]:
    phrases = [(i.id, e) for i in kb.intents.values() for e in i.examples]
    phrases += [(f.intent, q) for f in kb.faqs.values() if f.intent for q in f.questions]
    return phrases


def run_jddc(folder: Path, sweep: bool, errors: bool = False) -> None:
    rows = read_jddc(folder)
    kb = load_knowledge(None)
    started = time.perf_counter()
    matcher = Matcher(kb)
    built = time.perf_counter() - started
    predictions = matcher_predictions(matcher, rows)
    ours = intent_metrics(as_predictions(predictions))
    phrases = labelled_phrases(kb)
    base = max(
        (
            intent_metrics(baseline_intents(phrases, rows, t)) | {"threshold": t}
            for t in range(0, 101, 5)
        ),
        key=lambda m: m["accuracy"],
    )
    top1 = sum(correct(label, top) for label, top, *_ in predictions) / len(rows)
    acted = [(label, top) for label, top, _, _, band in predictions if band == "act"]
    act_precision = sum(correct(gold, pred) for gold, pred in acted) / max(len(acted), 1)
    print(
        f"\njddc_intents/dev.tsv: {len(rows)} labelled customer messages (matcher built in {built:.2f} s)"
    )
    print(f"  {'':38} {'accuracy':>9} {'fallback':>9}")
    print(
        f"  {'shopbot matcher (demo shop intents)':38} {ours['accuracy']:9.3f} {ours['fallback_rate']:9.3f}"
    )
    print(f"  {'  same, top-1 intent ignoring bands':38} {top1:9.3f} {0:9.3f}")
    label = f"fuzz.ratio nearest example (t={base['threshold']})"
    print(f"  {label:38} {base['accuracy']:9.3f} {base['fallback_rate']:9.3f}")
    print(
        f"  act band: {len(acted) / len(rows):.3f} of messages, {act_precision:.3f} of them right"
    )
    print_confusions(predictions)
    if errors:
        print_errors(rows, predictions)
    if sweep:
        sweep_thresholds(predictions)


def print_confusions(predictions) -> None:
    wrong = Counter(
        (label, top if band != "fallback" else "fallback")
        for label, top, _, _, band in predictions
        if not correct(label, top if band != "fallback" else "fallback")
    )
    print(
        "  most frequent errors (label → predicted): "
        + ", ".join(f"{a}→{b} {n}" for (a, b), n in wrong.most_common(8))
    )


def print_errors(rows: list[tuple[str, str]], predictions) -> None:
    """Every wrong message under its (label → predicted) class, the most frequent class first:
    to fix kinds of mistakes rather than single sentences. Printed only, never saved."""
    by_class: dict[tuple[str, str], list[str]] = {}
    for (_, text), (label, top, score, _, band) in zip(rows, predictions, strict=True):
        guess = "fallback" if band == "fallback" else top
        if not correct(label, guess):
            by_class.setdefault((label, guess), []).append(f"{score:.2f}  {text[:80]}")
    for (label, guess), texts in sorted(by_class.items(), key=lambda kv: -len(kv[1])):
        print(f"\n  {label} → {guess} ({len(texts)})")
        for line in texts:
            print(f"    {line}")


def sweep_thresholds(predictions) -> None:
    """How the band thresholds trade answers against mistakes on this dev set."""
    print("\n  fallback_below: accuracy / fallback rate")
    cells = []
    for low in (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60):
        m = intent_metrics(as_predictions(predictions, Thresholds(fallback_below=low)))
        cells.append(f"{low:.2f}: {m['accuracy']:.3f}/{m['fallback_rate']:.2f}")
    print("    " + "   ".join(cells))
    print("  act_at × margin: share of messages acted on / share of those right")
    for act in (0.6, 0.7, 0.8, 0.9):
        cells = []
        for margin in (0.0, 0.12, 0.25):
            t = Thresholds(act_at=act, margin=margin)
            acted = [(g, top) for g, top, s, r, _ in predictions if band_for(s, r, t) == "act"]
            right = sum(correct(g, top) for g, top in acted) / max(len(acted), 1)
            cells.append(f"m={margin:.2f} {len(acted) / len(predictions):.2f}/{right:.3f}")
        print(f"    act_at {act:.1f}: " + "   ".join(cells))


class Reranker:
    """The matcher's FAQ re-ranking score (similarity.py), with IDF from one corpus of questions
    and jieba without any shop words (these sets are about banking and Alipay, not the shop)."""

    def __init__(self, corpus: Iterable[str], lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        texts = sorted(set(corpus))
        self._scorer = PhraseScorer([(t, lexicon.tokens(t)) for t in texts])
        self._phrases: dict[str, object] = {}

    def _phrase(self, text: str):
        if text not in self._phrases:
            self._phrases[text] = self._scorer.phrase(text, self._lexicon.tokens(text))
        return self._phrases[text]

    def score(self, a: str, b: str) -> float:
        return self._scorer.similarity(self._phrase(a), self._phrase(b))


def run_bq(folder: Path, lexicon: Lexicon) -> None:
    path = folder / "bq_faq_rerank" / "dev.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    ours = Reranker((normalize(c) for row in rows for c in row["candidates"]), lexicon)

    def top1(score: Callable[[str, str], float]) -> float:
        right = 0
        for row in rows:
            query = normalize(row["query"])
            scores = [score(query, normalize(c)) for c in row["candidates"]]
            right += max(range(len(scores)), key=scores.__getitem__) == row["gold_index"]
        return right / len(rows)

    mine, base = top1(ours.score), top1(lambda q, c: fuzz.ratio(q, c))
    print(f"\nbq_faq_rerank/dev.jsonl: {len(rows)} queries, pick the same-intent phrasing")
    print(f"  {'shopbot FAQ re-ranking score':38} {mine:9.3f}")
    print(f"  {'fuzz.ratio':38} {base:9.3f}")
    print(
        f"  {'random (1 / candidates)':38} {sum(1 / r['n_candidates'] for r in rows) / len(rows):9.3f}"
    )


def run_afqmc(folder: Path, lexicon: Lexicon) -> None:
    lines = (folder / "afqmc_pairs" / "dev.tsv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line.count("\t") == 2]
    pairs = [(normalize(a), normalize(b), label == "1") for a, b, label in rows]
    ours = Reranker([a for a, _, _ in pairs] + [b for _, b, _ in pairs], lexicon)

    def best(score: Callable[[str, str], float]) -> tuple[float, float]:
        scored = [(score(a, b), same) for a, b, same in pairs]
        grid = [i / 100 for i in range(101)]
        return max((sum((s >= t) == same for s, same in scored) / len(scored), t) for t in grid)

    mine = best(ours.score)
    base = best(lambda a, b: fuzz.ratio(a, b) / 100)
    always = sum(not same for *_, same in pairs) / len(pairs)
    t = DEFAULT_THRESHOLDS
    at_strong = accuracy_at(ours.score, pairs, t.faq_strong)
    at_min = accuracy_at(ours.score, pairs, t.faq_min)
    print(f"\nafqmc_pairs/dev.tsv: {len(pairs)} question pairs, same meaning or not")
    label = f"shopbot FAQ score ≥ faq_strong {t.faq_strong:.2f}"
    print(
        f"  {label:38} {at_strong:9.3f}  (the matcher's own threshold: an FAQ answer whatever the intent)"
    )
    label = f"shopbot FAQ score ≥ faq_min {t.faq_min:.2f}"
    print(f"  {label:38} {at_min:9.3f}  (offered only when the intent agrees)")
    print(f"  {'shopbot FAQ score, best threshold':38} {mine[0]:9.3f}  (threshold {mine[1]:.2f})")
    print(f"  {'fuzz.ratio, best threshold':38} {base[0]:9.3f}  (threshold {base[1]:.2f})")
    label = 'always "different"'
    print(f"  {label:38} {always:9.3f}")


def accuracy_at(
    score: Callable[[str, str], float], pairs: list[tuple[str, str, bool]], threshold: float
) -> float:
    return sum((score(a, b) >= threshold) == same for a, b, same in pairs) / len(pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", help="folder holding jddc_intents/, bq_faq_rerank/, afqmc_pairs/")
    parser.add_argument("--sweep", action="store_true", help="print the band threshold sweep")
    parser.add_argument(
        "--errors", action="store_true", help="print the wrong dev messages by error class"
    )
    args = parser.parse_args()
    folder = find_eval_dir(args.eval)
    if folder is None:
        print(
            "evaluation data not found (looked in ../shared/eval and /work/shared/eval): nothing measured"
        )
        return 0
    print(f"evaluation data: {folder}")
    run_jddc(folder, args.sweep, args.errors)
    lexicon = Lexicon([], [])
    run_bq(folder, lexicon)
    run_afqmc(folder, lexicon)
    return 0


if __name__ == "__main__":
    sys.exit(main())
