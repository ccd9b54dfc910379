"""``wapenradar extract``: stream inputs through the pipeline into JSON Lines, safely.

* streaming: inputs are read lazily and processed in batches; memory does not
  grow with the number of articles;
* order: one output line per input line, in input order, with ``--workers N``
  too (batches are farmed out to processes and collected in order);
* atomic: output is written to ``OUT.partial`` and renamed to ``OUT`` at the
  end; ``--resume`` keeps the complete lines of an interrupted ``OUT.partial``
  and continues after them, so the result equals an uninterrupted run;
* nothing lost: unreadable or failing documents become error lines, counted
  in the summary; duplicate ``doc_id``s are reported.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing as mp
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Optional

import orjson

from .batch import DEFAULT_MAX_CHARS, Summary, process
from .io import InputDoc, Item, iter_inputs
from .records import KINDS

log = logging.getLogger("wapenradar")


@dataclass
class RunOptions:
    inputs: list[str]
    output: Optional[Path] = None
    model: Optional[str] = None
    kinds: tuple[str, ...] = KINDS
    batch_size: int = 64
    max_chars: int = DEFAULT_MAX_CHARS
    workers: int = 1
    resume: bool = False
    quiet: bool = False
    engine: str = "local"
    scheduler: Optional[str] = None
    progress: Optional[bool] = None  # None: only when stderr is a terminal
    extra: dict = field(default_factory=dict)


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


def _complete_lines(path: Path) -> int:
    """Count complete lines of an interrupted output and cut off a half-written last line."""
    if not path.exists():
        return 0
    with open(path, "rb+") as fh:
        data = fh.read()
        keep = data.rfind(b"\n") + 1
        if keep != len(data):
            fh.seek(keep)
            fh.truncate()
    return data[:keep].count(b"\n")


# -- worker pool ----------------------------------------------------------------------------
_WORKER: dict = {}


def _worker_init(model: Optional[str], kinds: tuple[str, ...], max_chars: int) -> None:
    from .language import load

    logging.getLogger("wapenradar").setLevel(logging.WARNING)
    _WORKER.update(nlp=load(model), kinds=kinds, max_chars=max_chars)


def _worker_batch(items: list[Item]) -> list[bytes]:
    return [orjson.dumps(r) for r in process(_WORKER["nlp"], items, kinds=_WORKER["kinds"],
                                             batch_size=len(items) or 1, max_chars=_WORKER["max_chars"])]


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _lines(opts: RunOptions, items: Iterable[Item], load_nlp: Callable) -> Iterator[bytes]:
    if opts.engine == "dask":
        from .dask_engine import run_dask_lines

        yield from run_dask_lines(opts, items)
        return
    if opts.workers <= 1:
        nlp = load_nlp(opts.model)
        for rec in process(nlp, items, kinds=opts.kinds, batch_size=opts.batch_size, max_chars=opts.max_chars):
            yield orjson.dumps(rec)
        return
    load_nlp(opts.model)  # fail early, in this process, on a bad model or pattern file
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(opts.workers, initializer=_worker_init, initargs=(opts.model, opts.kinds, opts.max_chars)) as pool:
        # imap keeps input order; a few batches in flight per worker keep memory flat
        for lines in pool.imap(_worker_batch, _chunks(items, opts.batch_size), chunksize=1):
            yield from lines


def _progress(opts: RunOptions):
    from tqdm import tqdm

    enabled = opts.progress if opts.progress is not None else (not opts.quiet and sys.stderr.isatty())
    return tqdm(total=None, unit="doc", file=sys.stderr, disable=not enabled, dynamic_ncols=True,
                desc="wapenradar")


def run(opts: RunOptions, *, load_nlp: Callable) -> Summary:
    summary = Summary()
    seen: set[str] = set()
    skip = 0
    sink: BinaryIO
    if opts.output is not None:
        tmp = partial_path(opts.output)
        if opts.resume:
            skip = _complete_lines(tmp)
            if skip:
                log.info("resuming %s after %d complete lines", tmp, skip)
        elif tmp.exists():
            tmp.unlink()
        tmp.parent.mkdir(parents=True, exist_ok=True)
        sink = open(tmp, "ab")
    else:
        sink = sys.stdout.buffer

    def counted(items: Iterable[Item]) -> Iterator[Item]:
        for n, item in enumerate(items):
            summary.read += 1
            if isinstance(item, InputDoc):
                if item.doc_id in seen:
                    summary.duplicates.append(item.doc_id)
                    log.warning("%s: duplicate doc_id %r (kept as a separate line)", item.where, item.doc_id)
                seen.add(item.doc_id)
                summary.words += item.text.count(" ") + 1
            if n >= skip:
                yield item

    bar = _progress(opts)
    try:
        for line in _lines(opts, counted(iter_inputs(opts.inputs)), load_nlp):
            if line.startswith(b'{"schema_version":"') and b'"error":{' in line[:200]:
                summary.failed += 1
            else:
                summary.extracted += 1
            sink.write(line + b"\n")
            bar.update(1)
            if bar.n % 50 == 0:
                bar.set_postfix(errors=summary.failed, words=summary.words, refresh=False)
        sink.flush()
    finally:
        bar.close()
        if opts.output is not None:
            sink.close()
    if opts.output is not None:
        os.replace(partial_path(opts.output), opts.output)
    summary.resumed = skip
    return summary
