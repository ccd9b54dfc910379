"""``wapenradar extract``: stream inputs through the pipeline into JSON Lines, safely.

* streaming: inputs are read lazily and processed in batches; memory does not
  grow with the number of articles (with ``--workers N`` at most ``2 N``
  batches are in flight; only an 8-byte hash per ``doc_id`` is kept, to report
  duplicates);
* order: one output line per input line, in input order, with ``--workers N``
  too (batches are farmed out to processes and collected in order), so the
  output is byte for byte the output of ``--workers 1``;
* atomic: output is written to ``OUT.partial`` and renamed to ``OUT`` at the
  end; ``--resume`` keeps the complete lines of an interrupted ``OUT.partial``
  and continues after them, so the result equals an uninterrupted run;
* nothing lost: unreadable or failing documents (and documents over the time
  budget) become error lines, counted in the summary; duplicate ``doc_id``\\ s
  are reported;
* progress: a bar on stderr (documents, words/s, errors) when stderr is a
  terminal and ``--quiet`` is not given; standard output only ever gets JSON
  Lines.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing as mp
import os
import sys
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Optional

from .batch import DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET, Summary, is_error, process, to_line
from .io import InputDoc, Item, iter_inputs
from .records import KINDS

log = logging.getLogger("wapenradar")
Line = tuple[bytes, bool, int]  # (JSON line without newline, is an error line, words of the input)
UNREADABLE = ("Unreadable", "NoInput")


@dataclass
class RunOptions:
    inputs: list[str]
    output: Optional[Path] = None
    model: Optional[str] = None
    kinds: tuple[str, ...] = KINDS
    batch_size: int = 64
    max_chars: int = DEFAULT_MAX_CHARS
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET
    workers: int = 1
    resume: bool = False
    quiet: bool = False
    engine: str = "local"
    scheduler: Optional[str] = None
    progress: Optional[bool] = None  # None: only when stderr is a terminal and not quiet
    extra: dict = field(default_factory=dict)


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


def words(text: str) -> int:
    return len(text.split())


def _resume_partial(path: Path) -> tuple[int, int]:
    """(complete lines, error lines among them) of an interrupted output; a half-written last line is cut off."""
    if not path.exists():
        return 0, 0
    lines = failed = 0
    keep = 0
    with open(path, "rb+") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            keep += len(raw)
            lines += 1
            failed += _line_is_error(raw)
        fh.seek(keep)
        fh.truncate()
    return lines, failed


def _line_is_error(raw: bytes) -> bool:
    # error lines are {"schema_version":..,"doc_id":..,"error":{..}}: three keys, no "text"
    return b'"error":{"type":' in raw and b'"text":' not in raw[:raw.find(b'"error":{"type":')]


# -- worker pool ----------------------------------------------------------------------------
_WORKER: dict = {}


def _worker_init(model: Optional[str], kinds: tuple[str, ...], max_chars: int, budget: Optional[float]) -> None:
    logging.getLogger("wapenradar").setLevel(logging.WARNING)
    if "nlp" not in _WORKER:  # spawn: load here; fork: inherited from the parent, already loaded
        from .language import load

        _WORKER["nlp"] = load(model)
    _WORKER.update(kinds=kinds, max_chars=max_chars, budget=budget)


def _worker_batch(items: list[Item]) -> list[Line]:
    return list(_encode(process(_WORKER["nlp"], items, kinds=_WORKER["kinds"], batch_size=len(items) or 1,
                                max_chars=_WORKER["max_chars"], time_budget=_WORKER["budget"]), items))


def _encode(records: Iterable[dict], items: list[Item]) -> Iterator[Line]:
    for rec, item in zip(records, items):
        yield to_line(rec), is_error(rec), words(item.text) if isinstance(item, InputDoc) else 0


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _lines(opts: RunOptions, items: Iterable[Item], load_nlp: Callable) -> Iterator[Line]:
    if opts.workers <= 1:
        nlp = load_nlp(opts.model)
        for chunk in _chunks(items, opts.batch_size):
            yield from _encode(process(nlp, chunk, kinds=opts.kinds, batch_size=opts.batch_size,
                                       max_chars=opts.max_chars, time_budget=opts.time_budget), chunk)
        return
    nlp = load_nlp(opts.model)  # fail early, in this process, on a bad model or pattern file
    fork = sys.platform.startswith("linux")
    ctx = mp.get_context("fork" if fork else "spawn")
    _WORKER.clear()
    if fork:  # the workers inherit the loaded pipeline and language model instead of loading them again
        from .langid import warm_up

        warm_up()
        _WORKER["nlp"] = nlp
    # ProcessPoolExecutor rather than Pool: a worker that dies (out of memory, a crash in C) fails the run
    # with BrokenProcessPool, keeping OUT.partial for --resume, instead of waiting forever for its batch.
    with ProcessPoolExecutor(opts.workers, mp_context=ctx, initializer=_worker_init,
                             initargs=(opts.model, opts.kinds, opts.max_chars, opts.time_budget)) as pool:
        # map() would read the whole input ahead (no back-pressure); keep a bounded window of batches in
        # flight instead and collect them in submission order.
        window: deque = deque()
        for chunk in _chunks(items, opts.batch_size):
            window.append(pool.submit(_worker_batch, chunk))
            if len(window) >= 2 * opts.workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    _WORKER.clear()


class _Progress:
    """tqdm on stderr with documents, words/s and errors; a no-op when disabled."""

    def __init__(self, opts: RunOptions) -> None:
        enabled = opts.progress if opts.progress is not None else (not opts.quiet and sys.stderr.isatty())
        self.bar = None
        if enabled:
            from tqdm import tqdm

            try:
                sized = os.get_terminal_size(sys.stderr.fileno()).columns > 0
            except (OSError, ValueError, AttributeError):  # not a terminal (forced with progress=True)
                sized = False
            # a terminal that reports no size (some CI ptys) would get an empty bar: give it a width
            self.bar = tqdm(total=None, unit="doc", file=sys.stderr, desc="wapenradar", mininterval=0.5,
                            **({"dynamic_ncols": True} if sized else {"ncols": 100, "nrows": 20}))
        self.start = time.perf_counter()
        self.last = 0.0

    def update(self, summary: Summary, n: int = 1) -> None:
        if self.bar is None:
            return
        if not self.bar.n:  # words/s from the first finished document, not from before the model loaded
            self.start = time.perf_counter()
        self.bar.update(n)
        now = time.perf_counter()
        if now - self.last >= 0.5:
            self.last = now
            self._postfix(summary, now, refresh=False)

    def _postfix(self, summary: Summary, now: float, refresh: bool) -> None:
        self.bar.set_postfix_str(f"{summary.words / max(now - self.start, 1e-9):,.0f} words/s, "
                                 f"{summary.failed} errors", refresh=refresh)

    def close(self, summary: Optional[Summary] = None) -> None:
        if self.bar is not None:
            if summary is not None:
                self._postfix(summary, time.perf_counter(), refresh=True)
            self.bar.close()
            self.bar = None


def _doc_key(doc_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def run(opts: RunOptions, *, load_nlp: Callable) -> Summary:
    """Run ``wapenradar extract``; returns the summary (the caller decides the exit code)."""
    if opts.engine == "dask":
        from .dask_engine import run_cli

        return run_cli(opts)
    if opts.engine != "local":
        raise ValueError(f"unknown engine {opts.engine!r}; choose local or dask")
    summary = Summary()
    seen: set[int] = set()
    skip = skip_failed = 0
    sink: BinaryIO
    if opts.output is not None:
        tmp = partial_path(opts.output)
        if opts.resume:
            skip, skip_failed = _resume_partial(tmp)
            if skip:
                log.info("resuming %s after %d complete lines", tmp, skip)
        elif tmp.exists():
            tmp.unlink()
        tmp.parent.mkdir(parents=True, exist_ok=True)
        sink = open(tmp, "ab")
    else:
        if opts.resume:
            log.warning("--resume needs -o OUT (it continues OUT.partial); writing everything to standard output")
        sink = sys.stdout.buffer

    def counted(items: Iterable[Item]) -> Iterator[Item]:
        for n, item in enumerate(items):
            summary.read += 1
            if isinstance(item, InputDoc):
                key = _doc_key(item.doc_id)
                if key in seen:
                    summary.add_duplicate(item.doc_id)
                    log.warning("%s: duplicate doc_id %r (kept as a separate line)", item.where, item.doc_id)
                seen.add(key)
            elif item.type in UNREADABLE:
                summary.unreadable += 1
            if n >= skip:
                yield item

    bar = _Progress(opts)
    try:
        for line, failed, n_words in _lines(opts, counted(iter_inputs(opts.inputs)), load_nlp):
            summary.words += n_words
            if failed:
                summary.failed += 1
            else:
                summary.extracted += 1
            sink.write(line + b"\n")
            bar.update(summary)
        sink.flush()
        bar.close(summary)
    finally:
        bar.close()
        if opts.output is not None:
            sink.close()
    summary.resumed = skip
    summary.failed += skip_failed
    summary.extracted += skip - skip_failed
    if opts.output is not None:
        if summary.read < skip:
            raise RuntimeError(f"{partial_path(opts.output)} has {skip} lines but the input only {summary.read} "
                               "documents: was it written for other input? Run without --resume.")
        os.replace(partial_path(opts.output), opts.output)
    return summary
