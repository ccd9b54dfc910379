"""Running the pipeline over a stream of articles: one output line per input, in order.

:func:`process` is the per-partition function: it takes input items and yields
document objects (or error objects for what could not be processed), holding
only one batch in memory. The command line, the worker pool and the Dask
engine all call it, so they produce the same lines.

Every document gets a time budget (:data:`DEFAULT_TIME_BUDGET` seconds, the
``--time-budget`` option): a document that takes longer becomes an error line
of type ``Timeout`` instead of hanging the run. In the main thread of a process
(the command line, ``--workers`` processes) the budget is a ``SIGALRM`` timer,
which also interrupts a runaway regular expression; in other threads (Dask
workers run tasks in a thread pool) a watchdog raises the timeout
asynchronously in the worker thread, which interrupts Python code but not a
single long C call.
"""
from __future__ import annotations

import contextlib
import ctypes
import itertools
import logging
import signal
import threading
import weakref
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

import orjson
from spacy.language import Language

from .extract import doc_to_record
from .io import InputDoc, InputError, Item
from .records import KINDS, SCHEMA_VERSION

log = logging.getLogger("wapenradar")
DEFAULT_MAX_CHARS = 200_000
DEFAULT_TIME_BUDGET = 10.0
# Documents per spaCy memory zone: a zone frees the words it added to the vocabulary, keeping memory
# flat on any archive.
ZONE_DOCS = 2000
# Inside a memory zone spaCy's tokenizer caches nothing new, so every word is split cold (a third of the
# pipeline's time). A run therefore starts outside zones, letting the vocabulary and the tokenizer cache
# take up to this many new strings for good (about 45 MB); by then the frequent words of the archive are
# cached, and every later batch runs in zones.
WARM_STRINGS = 100_000
MAX_LISTED_DUPLICATES = 100


def error_record(doc_id: str, type_: str, message: str) -> dict:
    return {"schema_version": SCHEMA_VERSION, "doc_id": doc_id, "error": {"type": type_, "message": message}}


@dataclass
class Summary:
    read: int = 0          # input items (documents and per-line/per-file input errors): one output line each
    extracted: int = 0     # output lines with records
    failed: int = 0        # output lines with an error object
    unreadable: int = 0    # inputs that could not be opened at all (missing file, empty folder)
    words: int = 0
    resumed: int = 0
    duplicate_count: int = 0
    duplicates: list[str] = field(default_factory=list)  # the first MAX_LISTED_DUPLICATES duplicate doc_ids

    def add_duplicate(self, doc_id: str) -> None:
        self.duplicate_count += 1
        if len(self.duplicates) < MAX_LISTED_DUPLICATES:
            self.duplicates.append(doc_id)

    @property
    def nothing_read(self) -> bool:
        return self.read - self.unreadable <= 0

    def line(self) -> str:
        dup = (f", {self.duplicate_count} duplicate doc_id(s): {', '.join(self.duplicates[:5])}"
               f"{' ...' if self.duplicate_count > 5 else ''}") if self.duplicate_count else ""
        res = f" (resumed after {self.resumed} lines already written)" if self.resumed else ""
        return f"read {self.read}, extracted {self.extracted}, failed {self.failed}{dup}{res}"


# -- time budget ------------------------------------------------------------------------------
class DocTimeout(BaseException):
    """A document used up its time budget (a ``BaseException``, so a component's ``except Exception`` cannot
    swallow it)."""


def _raise_timeout(signum, frame):  # noqa: ARG001 - signal handler signature
    raise DocTimeout()


class time_budget:  # noqa: N801 - used as a context manager, like contextlib's
    """Raise :class:`DocTimeout` in the current thread when the block runs longer than ``seconds``.

    ``None`` or ``0`` disables the budget. Nested budgets are not supported
    (the inner one replaces the outer one's timer in the main thread).
    """

    __slots__ = ("seconds", "_main", "_old", "_lock", "_done", "_fired", "_timer", "_tid")

    def __init__(self, seconds: Optional[float]) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None

    def __enter__(self) -> "time_budget":
        if self.seconds is None:
            return self
        self._main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        if self._main:
            self._old = signal.signal(signal.SIGALRM, _raise_timeout)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self._lock = threading.Lock()
            self._done = self._fired = False
            self._tid = threading.get_ident()
            self._timer = threading.Timer(self.seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _fire(self) -> None:
        with self._lock:
            if not self._done:
                self._fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._tid), ctypes.py_object(DocTimeout))

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self.seconds is None:
            return False
        if self._main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old if self._old is not None else signal.SIG_DFL)
            return False
        with self._lock:
            self._done = True
            self._timer.cancel()
            if self._fired:  # drop a timeout that was scheduled but not yet delivered
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._tid), None)
        if self._fired and exc_type is None:
            raise DocTimeout()
        return False


# -- processing -------------------------------------------------------------------------------
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
            max_chars: int = DEFAULT_MAX_CHARS, detect_language: bool = True,
            time_budget: Optional[float] = DEFAULT_TIME_BUDGET) -> Iterator[dict]:
    """Document objects for ``items``, in input order; errors become error objects, never exceptions.

    ``time_budget``: seconds one document may take (``None``/0: no limit);
    a document over it becomes an error object of type ``Timeout``.
    """
    kinds = tuple(kinds)
    if detect_language:  # load the language model now, not inside the first document's time budget
        from .langid import warm_up

        warm_up()
    it = iter(items)
    done = 0
    zone, zoned = contextlib.nullcontext(), False
    try:
        while True:
            batch = [_check(x, max_chars) for x in itertools.islice(it, batch_size)]
            if not batch:
                return
            if (zoned and done >= ZONE_DOCS) or (not zoned and not _warming(nlp)):
                zone.__exit__(None, None, None)  # a fresh memory zone now and then: the vocabulary stays bounded
                zone, done, zoned = _zone(nlp), 0, True
                zone.__enter__()
            docs = [x for x in batch if isinstance(x, InputDoc)]
            results = _run_batch(nlp, docs, kinds, detect_language, time_budget)
            done += len(docs)
            for x in batch:
                if isinstance(x, InputError):
                    yield error_record(x.doc_id, x.type, x.message)
                else:
                    yield results[id(x)]
    finally:
        zone.__exit__(None, None, None)


def _zone(nlp: Language):
    return nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()


_STRINGS_AT_START: "weakref.WeakKeyDictionary[Language, int]" = weakref.WeakKeyDictionary()


def _warming(nlp: Language) -> bool:
    """Whether ``nlp`` may still add strings to its vocabulary for good (see :data:`WARM_STRINGS`); counted
    from the first run with this pipeline, so repeated runs in one process share the allowance."""
    n = len(nlp.vocab.strings)
    return n - _STRINGS_AT_START.setdefault(nlp, n) < WARM_STRINGS


def _run_batch(nlp: Language, docs: list[InputDoc], kinds: tuple[str, ...], detect_language: bool,
               budget: Optional[float]) -> dict[int, dict]:
    """Records by ``id(input)``. The batch goes through ``nlp.pipe`` lazily, one document at a time, so a
    failure or a timeout is charged to the document being processed; the pipe is then restarted after it.

    The caller (:func:`process`) runs batches in spaCy memory zones of ``ZONE_DOCS`` documents: the
    strings and lexemes they add to the vocabulary are freed afterwards (only plain dicts leave a zone),
    so memory stays flat over any number of articles instead of growing with every new word seen.
    """
    out: dict[int, dict] = {}
    if not docs:
        return out
    i = 0
    while i < len(docs):
        stream = nlp.pipe([d.text for d in docs[i:]])
        for d in docs[i:]:
            i += 1
            try:
                with time_budget(budget):
                    doc = next(stream)
                    lang = _language(d.text) if detect_language else None
                    out[id(d)] = doc_to_record(doc, d.doc_id, date=d.date, url=d.url, language=lang,
                                               kinds=kinds)
            except DocTimeout:
                log.warning("%s: Timeout: over the time budget of %gs", d.where or d.doc_id, budget)
                out[id(d)] = error_record(d.doc_id, "Timeout", f"{d.where or d.doc_id}: processing took "
                                          f"over the time budget of {budget:g}s")
                break  # the pipe's generators are gone: restart after this document
            except Exception as exc:  # noqa: BLE001 - reported in the output, never dropped
                log.warning("%s: %s: %s", d.where or d.doc_id, type(exc).__name__, exc)
                out[id(d)] = error_record(d.doc_id, type(exc).__name__,
                                          f"{d.where or d.doc_id}: {str(exc)[:500]}")
                break
        stream = None  # close the pipe's generators while the zone is open
    return out


def to_line(rec: dict) -> bytes:
    """One output line (without the newline) for a document or error object; never raises."""
    try:
        return orjson.dumps(rec)
    except (orjson.JSONEncodeError, TypeError) as exc:  # e.g. a lone surrogate in a text given through the API
        return orjson.dumps(error_record(str(rec.get("doc_id", "")).encode("utf-8", "replace").decode(),
                                         "Unserializable", f"cannot write this document as JSON: {exc}"))


def is_error(rec: dict) -> bool:
    return "error" in rec
