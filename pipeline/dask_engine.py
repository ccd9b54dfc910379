"""Running the extraction on a Dask cluster (``pip install wapenradar[dask]``).

Python API::

    from pipeline.dask_engine import extract_with_dask

    manifest = extract_with_dask(["archive/2023.jsonl", "archive/2024.jsonl"], "out/parts",
                                 scheduler="tcp://scheduler:8786")   # or client=..., or neither: a LocalCluster

The inputs (JSON Lines files, ``.txt`` files or folders of them, as for
``wapenradar extract``) are split on the client into partitions of about
``partition_size`` documents (byte ranges of the JSONL files; the files are
only scanned for line ends). A ``dask.bag`` of those partitions is mapped with
``map_partitions`` over :func:`run_partition`, which reads its documents, runs
them through the same :func:`pipeline.batch.process` as the local engine with
one pipeline per worker process (loaded on first use and cached), and writes
``part-NNNNN.jsonl`` (atomically) plus ``part-NNNNN.json`` (its counts) into
``out_dir``. ``manifest.json`` lists the parts in input order with their
counts, the inputs and the schema version; concatenating the parts in that
order gives exactly the output of ``wapenradar extract`` on one machine.

Workers must see the input files and ``out_dir`` (a shared or network file
system): relative input paths are resolved against the client's working
directory, but reported (doc ids, messages) as given, like the local engine.
``resume=True`` keeps parts that are already complete.

``wapenradar extract --engine dask [--scheduler ADDRESS] -o OUT`` runs this into
``OUT.parts/``, concatenates the parts into ``OUT`` (atomically, via
``OUT.partial``), writes the manifest to ``OUT.manifest.json`` and removes the
parts; without ``-o`` the parts go to a temporary folder and are streamed to
standard output. Without ``--scheduler`` a ``LocalCluster`` with ``--workers``
processes is started.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

import orjson

from .batch import DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET, Summary, is_error, process, to_line
from .io import InputDoc, InputError, Item, expand_path, jsonl_ranges, read_jsonl_range, read_txt
from .records import KINDS, SCHEMA_VERSION

log = logging.getLogger("wapenradar")
DEFAULT_PARTITION_SIZE = 1000
MANIFEST = "manifest.json"


class DaskUnavailable(RuntimeError):
    """Dask (or distributed) is not installed, or the scheduler cannot be reached."""


def _require_dask():
    try:
        import dask.bag as db
        import distributed
    except ImportError as exc:
        raise DaskUnavailable(
            f"--engine dask needs dask and distributed ({exc.name or exc} is not installed): "
            "pip install 'wapenradar[dask]'") from exc
    return db, distributed


# -- planning (client side) -----------------------------------------------------------------
Source = tuple  # ("jsonl", name, open_path, start, end, first_line) | ("txt", name, open_path) | ("error", ...)


def plan_partitions(paths: Iterable[Union[str, Path]], partition_size: int = DEFAULT_PARTITION_SIZE,
                    cwd: Optional[str] = None) -> list[list[Source]]:
    """Partitions (lists of sources) of about ``partition_size`` documents each, in input order."""
    cwd = cwd or os.getcwd()
    parts: list[list[Source]] = []
    current: list[Source] = []
    size = 0

    def close() -> None:
        nonlocal current, size
        if current:
            parts.append(current)
        current, size = [], 0

    for p in paths:
        if str(p) == "-":
            raise ValueError("--engine dask reads files, not standard input")
        for f in expand_path(p):
            if isinstance(f, InputError):
                current.append(("error", f.doc_id, f.type, f.message, f.where))
                size += 1
            elif f.suffix == ".jsonl":
                open_path = os.path.join(cwd, str(f))
                try:
                    ranges = list(jsonl_ranges(open_path, partition_size))
                except OSError as exc:
                    current.append(("error", f.stem, "Unreadable", f"{f}: cannot read ({exc.strerror or exc})",
                                    str(f)))
                    size += 1
                    continue
                for start, end, first, n_docs in ranges:
                    if size and size + n_docs > partition_size:
                        close()
                    current.append(("jsonl", str(f), open_path, start, end, first))
                    size += n_docs
            else:
                current.append(("txt", str(f), os.path.join(cwd, str(f))))
                size += 1
            if size >= partition_size:
                close()
    close()
    return parts


def _items(sources: Sequence[Source]) -> Iterator[Item]:
    for src in sources:
        if src[0] == "jsonl":
            _, name, open_path, start, end, first = src
            yield from read_jsonl_range(name, start, end, first, open_path=open_path)
        elif src[0] == "txt":
            yield read_txt(src[1], open_path=src[2])
        else:
            _, doc_id, type_, message, where = src
            yield InputError(doc_id, type_, message, where)


# -- the per-partition function (worker side) -----------------------------------------------
_PIPELINES: dict = {}
_LOCK = threading.Lock()


def _pipeline(model: Optional[str]):
    """One pipeline per worker process, loaded on first use."""
    with _LOCK:
        if model not in _PIPELINES:
            from .language import load

            _PIPELINES[model] = load(model)
        return _PIPELINES[model]


def part_name(index: int) -> str:
    return f"part-{index:05d}.jsonl"


def run_partition(partition: Sequence[tuple[int, Sequence[Source]]], out_dir: str, model: Optional[str] = None,
                  kinds: Sequence[str] = KINDS, batch_size: int = 64, max_chars: int = DEFAULT_MAX_CHARS,
                  time_budget: Optional[float] = DEFAULT_TIME_BUDGET) -> list[dict]:
    """Process one bag partition (``[(index, sources)]``); write its part file and counts; return the counts."""
    nlp = _pipeline(model)
    out = []
    for index, sources in partition:
        path = Path(out_dir) / part_name(index)
        tmp = path.with_name(path.name + ".partial")
        meta = {"file": path.name, "index": index, "docs": 0, "extracted": 0, "failed": 0, "words": 0,
                "doc_ids": [], "sources": [list(s) for s in sources]}
        items = _counting(_items(sources), meta)
        with open(tmp, "wb") as fh:
            for rec in process(nlp, items, kinds=kinds, batch_size=batch_size, max_chars=max_chars,
                               time_budget=time_budget):
                fh.write(to_line(rec) + b"\n")
                meta["docs"] += 1
                meta["failed" if is_error(rec) else "extracted"] += 1
        os.replace(tmp, path)
        Path(out_dir, path.stem + ".json").write_bytes(orjson.dumps(meta))
        out.append(meta)
    return out


def _counting(items: Iterable[Item], meta: dict) -> Iterator[Item]:
    for item in items:
        if isinstance(item, InputDoc):
            meta["words"] += len(item.text.split())
            meta["doc_ids"].append(item.doc_id)
        elif item.type in ("Unreadable", "NoInput"):
            meta["unreadable"] = meta.get("unreadable", 0) + 1
        yield item


# -- driving it ------------------------------------------------------------------------------
def _client(scheduler: Optional[str], n_workers: int):
    """A new client (and the LocalCluster it runs on, or None when connecting to ``scheduler``)."""
    db, distributed = _require_dask()
    for name in ("distributed", "tornado", "bokeh"):  # their INFO lines would drown the summary
        logging.getLogger(name).setLevel(logging.WARNING)
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    cluster = distributed.LocalCluster(n_workers=max(1, n_workers), threads_per_worker=1, processes=True,
                                       dashboard_address=":0")
    return distributed.Client(cluster), cluster


def extract_with_dask(paths: Iterable[Union[str, Path]], out_dir: Union[str, Path], *,
                      scheduler: Optional[str] = None, client: Any = None, n_workers: int = 2,
                      model: Optional[str] = None, kinds: Sequence[str] = KINDS, batch_size: int = 64,
                      max_chars: int = DEFAULT_MAX_CHARS, time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
                      partition_size: int = DEFAULT_PARTITION_SIZE, resume: bool = False,
                      on_part: Optional[Any] = None) -> dict:
    """Extract records from ``paths`` on a Dask cluster into JSONL part files and ``manifest.json`` in ``out_dir``.

    The cluster is ``client`` (a ``distributed.Client``), else the scheduler at ``scheduler``, else a new
    ``LocalCluster`` of ``n_workers`` processes. ``resume``: keep parts already complete in ``out_dir``.
    ``on_part(meta)`` is called as each part completes. Returns the manifest (also written to
    ``out_dir/manifest.json``): ``{"schema_version", "inputs", "parts": [{"file", "docs", "extracted",
    "failed", "words", "sources"}], "counts": {"read", "extracted", "failed", "unreadable", "words",
    "duplicates"}, "duplicate_doc_ids"}``.
    """
    db, distributed = _require_dask()
    paths = [str(p) for p in paths]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plan = plan_partitions(paths, partition_size)
    done: dict[int, dict] = {}
    if resume:
        for i in range(len(plan)):
            meta_path = out / (Path(part_name(i)).stem + ".json")
            if (out / part_name(i)).exists() and meta_path.exists():
                meta = orjson.loads(meta_path.read_bytes())
                if meta.get("sources") == [list(s) for s in plan[i]]:
                    done[i] = meta
    else:
        for old in list(out.glob("part-*.json*")):
            old.unlink()
    todo = [(i, sources) for i, sources in enumerate(plan) if i not in done]
    own = client is None
    cluster = None
    if own:
        client, cluster = _client(scheduler, n_workers)
    try:
        if todo:
            bag = db.from_sequence(todo, npartitions=len(todo))
            results = bag.map_partitions(run_partition, str(out.resolve()), model, tuple(kinds), batch_size,
                                         max_chars, time_budget)
            futures = client.compute(results.to_delayed())
            for fut in distributed.as_completed(futures):
                for meta in fut.result():
                    done[meta["index"]] = meta
                    if on_part is not None:
                        on_part(meta)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return _write_manifest(out, paths, [done[i] for i in range(len(plan))])


def _write_manifest(out: Path, inputs: list[str], parts: list[dict]) -> dict:
    seen: set[str] = set()
    dups: list[str] = []
    for meta in parts:
        for doc_id in meta["doc_ids"]:
            if doc_id in seen:
                dups.append(doc_id)
            seen.add(doc_id)
    counts = {k: sum(m.get(k, 0) for m in parts) for k in ("extracted", "failed", "unreadable", "words")}
    counts["read"] = sum(m["docs"] for m in parts)
    counts["duplicates"] = len(dups)
    manifest = {
        "schema_version": SCHEMA_VERSION, "engine": "dask", "inputs": inputs,
        "parts": [{k: m[k] for k in ("file", "docs", "extracted", "failed", "words", "sources")} for m in parts],
        "counts": counts, "duplicate_doc_ids": dups[:100],
    }
    tmp = out / (MANIFEST + ".partial")
    tmp.write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
    os.replace(tmp, out / MANIFEST)
    return manifest


def concatenate(out_dir: Union[str, Path], sink, manifest: Optional[dict] = None) -> None:
    """Write the parts of ``out_dir`` in manifest order to the binary stream ``sink``."""
    out = Path(out_dir)
    manifest = manifest or orjson.loads((out / MANIFEST).read_bytes())
    for part in manifest["parts"]:
        with open(out / part["file"], "rb") as fh:
            shutil.copyfileobj(fh, sink, 1 << 20)


def run_cli(opts) -> Summary:
    """``wapenradar extract --engine dask``: see the module docstring."""
    from .runner import _Progress, partial_path

    summary = Summary()
    bar = _Progress(opts)

    def on_part(meta: dict) -> None:
        summary.words += meta["words"]
        summary.failed += meta["failed"]
        bar.update(summary, meta["docs"])

    tmpdir = None
    if opts.output is not None:
        parts_dir = opts.output.with_name(opts.output.name + ".parts")
    else:
        tmpdir = tempfile.mkdtemp(prefix="wapenradar-dask-")
        parts_dir = Path(tmpdir)
    try:
        manifest = extract_with_dask(opts.inputs, parts_dir, scheduler=opts.scheduler, n_workers=opts.workers,
                                     model=opts.model, kinds=opts.kinds, batch_size=opts.batch_size,
                                     max_chars=opts.max_chars, time_budget=opts.time_budget,
                                     partition_size=opts.extra.get("partition_size", DEFAULT_PARTITION_SIZE),
                                     resume=opts.resume, on_part=on_part)
        bar.close(summary)
        if opts.output is not None:
            tmp = partial_path(opts.output)
            with open(tmp, "wb") as sink:
                concatenate(parts_dir, sink, manifest)
            os.replace(tmp, opts.output)
            opts.output.with_name(opts.output.name + ".manifest.json").write_bytes(
                orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
            shutil.rmtree(parts_dir, ignore_errors=True)
        else:
            concatenate(parts_dir, sys.stdout.buffer, manifest)
            sys.stdout.buffer.flush()
    finally:
        bar.close()
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)
    c = manifest["counts"]
    summary.read, summary.extracted, summary.failed = c["read"], c["extracted"], c["failed"]
    summary.unreadable, summary.words = c["unreadable"], c["words"]
    summary.duplicate_count = c["duplicates"]
    summary.duplicates = manifest["duplicate_doc_ids"]
    return summary
