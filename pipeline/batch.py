"""Running the pipeline over a stream of articles: one output line per input, in order.

:func:`process` is the per-partition function: it takes input items and yields
document objects (or error objects for what could not be processed), holding
only one batch in memory. The command line, the worker pool and the Dask
engine all call it, so they produce the same lines.
"""
from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from spacy.language import Language

from .extract import doc_to_record
from .io import InputDoc, InputError, Item
from .records import KINDS, SCHEMA_VERSION

log = logging.getLogger("wapenradar")
DEFAULT_MAX_CHARS = 200_000


def error_record(doc_id: str, type_: str, message: str) -> dict:
    return {"schema_version": SCHEMA_VERSION, "doc_id": doc_id, "error": {"type": type_, "message": message}}


@dataclass
class Summary:
    read: int = 0
    extracted: int = 0
    failed: int = 0
    words: int = 0
    resumed: int = 0
    duplicates: list[str] = field(default_factory=list)

    def line(self) -> str:
        dup = f", {len(self.duplicates)} duplicate doc_id(s): {', '.join(self.duplicates[:5])}" if self.duplicates else ""
        res = f" (resumed after {self.resumed} lines already written)" if self.resumed else ""
        return f"read {self.read}, extracted {self.extracted}, failed {self.failed}{dup}{res}"


def _check(item: Item, max_chars: int) -> Item:
    if isinstance(item, InputDoc):
        if not item.text.strip():
            return InputError(item.doc_id, "EmptyText", f"{item.where or item.doc_id}: the text is empty", item.where)
        if len(item.text) > max_chars:
            return InputError(item.doc_id, "TooLong",
                              f"{item.where or item.doc_id}: {len(item.text)} characters, over --max-chars {max_chars}",
                              item.where)
    return item


def _language(text: str) -> Optional[str]:
    from .langid import detect  # imported late: optional speed-up when unused

    return detect(text)


def process(nlp: Language, items: Iterable[Item], *, kinds: Iterable[str] = KINDS, batch_size: int = 64,
            max_chars: int = DEFAULT_MAX_CHARS, detect_language: bool = True) -> Iterator[dict]:
    """Document objects for ``items``, in input order; errors become error objects, never exceptions."""
    kinds = tuple(kinds)
    it = iter(items)
    while True:
        batch = [_check(x, max_chars) for x in itertools.islice(it, batch_size)]
        if not batch:
            return
        docs = [x for x in batch if isinstance(x, InputDoc)]
        results = _run_batch(nlp, docs, kinds, detect_language)
        for x in batch:
            if isinstance(x, InputError):
                yield error_record(x.doc_id, x.type, x.message)
            else:
                yield results[id(x)]


def _run_batch(nlp: Language, docs: list[InputDoc], kinds: tuple[str, ...], detect_language: bool) -> dict[int, dict]:
    out: dict[int, dict] = {}
    if not docs:
        return out
    try:
        processed = list(nlp.pipe([d.text for d in docs]))
    except Exception:  # one bad document: redo the batch one by one to find it
        processed = [None] * len(docs)
    for d, doc in zip(docs, processed):
        try:
            if doc is None:
                doc = nlp(d.text)
            lang = _language(d.text) if detect_language else None
            out[id(d)] = doc_to_record(doc, d.doc_id, date=d.date, url=d.url, language=lang, kinds=kinds)
        except Exception as exc:  # noqa: BLE001 - reported in the output, never dropped
            log.warning("%s: %s: %s", d.where or d.doc_id, type(exc).__name__, exc)
            out[id(d)] = error_record(d.doc_id, type(exc).__name__, f"{d.where or d.doc_id}: {exc}")
    return out
