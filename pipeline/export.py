"""Reading a JSONL run back into the pydantic models, and flattening it into one table per kind.

Warehouses want flat tables, not nested JSON: ``wapenradar export`` writes one
row per record with the document's ``doc_id``, ``date`` and ``url`` in front,
and every span field (an attribution's ``cue``, ``source``, ``content``, a
transfer's ``evidence``) as ``<field>_start``, ``<field>_end``, ``<field>_text``
columns. The column list and the Arrow types come from the models in
:mod:`pipeline.records`, so an empty table still has every column, typed, and a
new field in the contract shows up without touching this module. Fields a
record carries beyond the models (``extra="allow"``) are not exported.
"""
from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Iterator, Literal, Union

from pydantic import ValidationError

from .jsonl import Unreadable, iter_lines
from .records import KINDS, RECORD_MODELS, Document, ErrorDocument, Span

if typing.TYPE_CHECKING:  # pyarrow is imported where a table is built: `import pipeline` stays light
    import pyarrow as pa

FORMATS = ("csv", "parquet")
DOC_COLUMNS = ("doc_id", "date", "url")  # strings
GOLD_ONLY = frozenset({"optional"})  # an annotator's marker (ANNOTATION.md), never set in a run


def _fields(kind: str) -> list[tuple[str, Any]]:
    return [(n, f.annotation) for n, f in RECORD_MODELS[kind].model_fields.items() if n not in GOLD_ONLY]


class RecordsError(ValueError):
    """A line of a JSONL run that is not a valid document or error object; the message names file and line."""


def iter_records(path: Path | str) -> Iterator[Document | ErrorDocument]:
    """Each line of a run as a :class:`Document` or :class:`ErrorDocument`, in file order."""
    path = Path(path)
    try:
        lines = iter_lines(path)
        for n, obj, problem in lines:
            if problem is not None:
                raise RecordsError(f"{path}:{n}: {problem}")
            model = ErrorDocument if "error" in obj else Document
            try:
                yield model.model_validate(obj)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "line"
                more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
                raise RecordsError(f"{path}:{n}: doc_id {obj.get('doc_id')!r}: {where}: {first['msg']}{more}") from None
    except Unreadable as exc:
        raise RecordsError(str(exc)) from None


def read_records(path: Path | str) -> list[Document | ErrorDocument]:
    """Load a JSONL run into the pydantic models; raises :class:`RecordsError` naming the line of a bad record."""
    return list(iter_records(path))


def _arrow_type(annotation: Any) -> "pa.DataType":
    """The Arrow type of a scalar model field (Optional unwrapped; int|float → float64; Literal → string)."""
    import pyarrow as pa

    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if set(args) == {int, float}:
            return pa.float64()
        if len(args) == 1:
            return _arrow_type(args[0])
    if origin is Literal or annotation is str:
        return pa.string()
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    if annotation is float:
        return pa.float64()
    raise TypeError(f"no Arrow type for {annotation!r}")


def _is_span(annotation: Any) -> bool:
    return annotation is Span or Span in typing.get_args(annotation)


def table_schema(kind: str) -> "pa.Schema":
    """Columns of one export table: the document columns, then the record's fields with spans flattened."""
    import pyarrow as pa

    fields = [pa.field(name, pa.string()) for name in DOC_COLUMNS]
    for name, annotation in _fields(kind):
        if _is_span(annotation):
            fields += [pa.field(f"{name}_start", pa.int64()), pa.field(f"{name}_end", pa.int64()),
                       pa.field(f"{name}_text", pa.string())]
        else:
            fields.append(pa.field(name, _arrow_type(annotation)))
    return pa.schema(fields)


def rows(kind: str, doc: Document) -> Iterator[dict[str, Any]]:
    """One flat row per record of ``kind`` in ``doc``."""
    fields = _fields(kind)
    for rec in getattr(doc, kind):
        row: dict[str, Any] = {"doc_id": doc.doc_id, "date": doc.date, "url": doc.url}
        for name, annotation in fields:
            value = getattr(rec, name)
            if _is_span(annotation):
                row.update({f"{name}_start": value.start if value else None, f"{name}_end": value.end if value else None,
                            f"{name}_text": value.text if value else None})
            else:
                row[name] = value
        yield row


def to_table(kind: str, docs: list[Document | ErrorDocument]) -> tuple["pa.Table", int]:
    """The flat table of one kind, and how many error lines were skipped."""
    import pyarrow as pa

    if kind not in KINDS:
        raise ValueError(f"unknown table {kind!r}; choose from {', '.join(KINDS)}")
    good = [d for d in docs if isinstance(d, Document)]
    data = [r for d in good for r in rows(kind, d)]
    return pa.Table.from_pylist(data, schema=table_schema(kind)), len(docs) - len(good)


def write_table(table: "pa.Table", path: Path | str, fmt: str) -> None:
    if fmt == "csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, str(path))
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, str(path))
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def export(input_path: Path | str, kind: str, fmt: str, output: Path | str) -> tuple[int, int]:
    """Flatten one kind of a JSONL run into ``output``; returns (rows written, error lines skipped)."""
    table, skipped = to_table(kind, read_records(input_path))
    write_table(table, output, fmt)
    return table.num_rows, skipped
