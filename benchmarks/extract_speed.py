"""Extraction speed on one core: docs and chars per second, latency, start-up, the spaCy floor.

.venv/bin/python benchmarks/extract_speed.py [--acled PATH] [--reports PATH] [--repeats 3]

Runs ``default_extractor().extract(text, published=..., publisher=...)`` in this one process, pinned
to one CPU with the BLAS/OpenMP thread pools set to 1, over the ACLED dev notes and the press
releases (JSON lines with ``text``, ``published`` ISO date or null, ``source``), each set alone and
both together. Each pass is timed ``--repeats`` times and the best is kept; the one-off start-up
(imports, vocabulary load, extractor build incl. gazetteer open, the first call's lazy regex
compilation) is reported apart. The floor is spaCy's blank English tokenizer (``make_doc``) over
the same texts; "x spaCy" is extraction time over tokenizing time.
Needs spaCy (``pip install spacy``; no model is downloaded).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

# One core: set before numpy (pulled in by spaCy, imported in main) starts its thread pools.
for _variable in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
):
    os.environ[_variable] = "1"

T = TypeVar("T")

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
# A warm-up text of our own: the first call compiles the number and role regexes lazily.
WARM_UP = "On 3 May 2020, an airstrike killed at least 12 civilians in Atareb, Aleppo."


@dataclass(frozen=True)
class Doc:
    text: str
    published: date | None
    publisher: str | None


@dataclass(frozen=True)
class Timing:
    total: float  # seconds for the whole pass
    latencies: list[float]  # seconds per document, in input order


def read_set(path: Path) -> list[Doc]:
    """The documents of one JSON-lines file; ValueError says why one cannot be read."""
    if not path.is_file():
        raise ValueError(f"{path} not found (give the path with --acled / --reports)")
    docs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                published = row.get("published")
                docs.append(
                    Doc(
                        row["text"],
                        date.fromisoformat(published[:10]) if published else None,
                        row.get("source"),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a document ({exc!r})") from None
    if not docs:
        raise ValueError(f"{path} has no documents")
    return docs


def pin_to_one_core() -> str:
    """Keep the process on one CPU (Linux); returns which, for the report."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def time_pass(docs: list[Doc], run: Callable[[Doc], object]) -> Timing:
    latencies = []
    clock = time.perf_counter
    begin = clock()
    for doc in docs:
        start = clock()
        run(doc)
        latencies.append(clock() - start)
    return Timing(clock() - begin, latencies)


def best_of(repeats: int, docs: list[Doc], run: Callable[[Doc], object]) -> tuple[Timing, float]:
    """The fastest of ``repeats`` passes, and the first pass's time (colder caches)."""
    timings = [time_pass(docs, run) for _ in range(repeats)]
    return min(timings, key=lambda t: t.total), timings[0].total


def percentile(values: list[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def timed(make: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = make()
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled", type=Path, default=SHARED / "acled" / "dev.jsonl")
    parser.add_argument("--reports", type=Path, default=SHARED / "reports" / "dev.jsonl")
    parser.add_argument("--repeats", type=int, default=3, help="passes per measurement (best kept)")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    try:
        sets = {"acled": read_set(args.acled), "reports": read_set(args.reports)}
    except ValueError as exc:
        parser.error(str(exc))  # exit code 2, as for any usage error
    sets["combined"] = sets["acled"] + sets["reports"]
    pinned = pin_to_one_core()

    try:
        spacy, spacy_import = timed(lambda: importlib.import_module("spacy"))
    except ImportError:
        sys.exit("error: spaCy is not installed: .venv/bin/pip install spacy")

    # Start-up, once per process: everything before the first document is read.
    module, t_import = timed(lambda: importlib.import_module("harmtrack.extract.extractor"))
    from harmtrack.vocab.loader import load_vocabulary

    _, t_vocab = timed(load_vocabulary)  # cached: the extractor below reuses it
    extractor, t_build = timed(module.default_extractor)
    _, t_first = timed(lambda: extractor.extract(WARM_UP, published=date(2020, 5, 4)))
    nlp, t_blank = timed(lambda: spacy.blank("en"))
    nlp.make_doc(WARM_UP)

    def extract(doc: Doc) -> object:
        return extractor.extract(doc.text, published=doc.published, publisher=doc.publisher)

    def tokenize(doc: Doc) -> object:
        return nlp.make_doc(doc.text)

    print(f"python {sys.version.split()[0]}, spaCy {spacy.__version__}, {pinned}, threads 1")
    print(f"{extractor.name}; best of {args.repeats} passes per row")
    print()
    print("start-up (once per process, not in the rates below)")
    print(f"  import harmtrack.extract          {t_import:7.3f} s")
    print(f"  vocabulary load + validation      {t_vocab:7.3f} s")
    print(f"  extractor build (gazetteer open)  {t_build:7.3f} s")
    print(f"  first call (lazy regexes)         {t_first:7.3f} s")
    print(f"  total                             {t_import + t_vocab + t_build + t_first:7.3f} s")
    print(f"  spaCy import + blank('en')        {spacy_import + t_blank:7.3f} s")
    print()
    header = (
        f"{'set':<9} {'docs':>5} {'chars':>8} {'docs/s':>8} {'1st pass':>8} {'kchar/s':>8} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'spaCy docs/s':>12} {'x spaCy':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, docs in sets.items():
        chars = sum(len(doc.text) for doc in docs)
        best, first = best_of(args.repeats, docs, extract)
        floor, _ = best_of(args.repeats, docs, tokenize)
        ms = [latency * 1000 for latency in best.latencies]
        print(
            f"{name:<9} {len(docs):>5} {chars:>8} {len(docs) / best.total:>8.1f} "
            f"{len(docs) / first:>8.1f} {chars / best.total / 1000:>8.1f} "
            f"{percentile(ms, 50):>7.2f} {percentile(ms, 95):>7.2f} "
            f"{len(docs) / floor.total:>12.0f} {best.total / floor.total:>8.1f}"
        )
    print()
    print("docs/s, kchar/s, latency: best pass (gazetteer answers cached from earlier passes);")
    print("1st pass: that row's first pass (the acled row's runs with an empty gazetteer cache);")
    print("x spaCy: extraction time / tokenizer time over the same texts.")


if __name__ == "__main__":
    main()
