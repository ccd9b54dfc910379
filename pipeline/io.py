"""Reading articles: ``.txt`` files, folders of them, JSON Lines, standard input.

Every input yields either an :class:`InputDoc` or an :class:`InputError` naming
the file and line, so one bad article never stops a batch and nothing is
dropped silently. Files are read lazily, one at a time.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union

import orjson


@dataclass(slots=True)
class InputDoc:
    doc_id: str
    text: str
    date: Optional[str] = None
    url: Optional[str] = None
    where: str = ""  # file[:line], for messages


@dataclass(slots=True)
class InputError:
    doc_id: str
    type: str
    message: str
    where: str = ""


Item = Union[InputDoc, InputError]


class NoInput(ValueError):
    """An input path that does not exist or holds no articles."""


def _decode(raw: bytes, where: str, doc_id: str) -> Union[str, InputError]:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(doc_id, "InvalidUTF8", f"{where}: not valid UTF-8 (byte {exc.start})", where)


def _from_json_line(raw: bytes, where: str, n: int, fallback_id: str) -> Item:
    line = raw.strip()
    text = _decode(line, where, fallback_id)
    if isinstance(text, InputError):
        return text
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        return InputError(fallback_id, "MalformedJSON", f"{where}: malformed JSON ({exc})", where)
    if not isinstance(obj, dict):
        return InputError(fallback_id, "MalformedJSON", f"{where}: a line must be a JSON object", where)
    doc_id = obj.get("doc_id", obj.get("id"))
    doc_id = str(doc_id) if doc_id is not None else fallback_id
    body = obj.get("text")
    if not isinstance(body, str):
        return InputError(doc_id, "MissingText", f"{where}: no 'text' string in this line", where)
    date = obj.get("date")
    url = obj.get("url")
    return InputDoc(doc_id, body, str(date) if date is not None else None, str(url) if url is not None else None, where)


def read_txt(path: Union[str, Path], open_path: Union[str, Path, None] = None) -> Item:
    """One plain-text article (doc_id = file stem); ``open_path``: where to read it when that differs
    from the name ``path`` it is reported under (a worker on another machine or folder)."""
    path = Path(path)
    try:
        raw = Path(open_path or path).read_bytes()
    except OSError as exc:
        return InputError(path.stem, "Unreadable", f"{path}: cannot read ({exc.strerror or exc})", str(path))
    text = _decode(raw, str(path), path.stem)
    return text if isinstance(text, InputError) else InputDoc(path.stem, text, where=str(path))


def iter_inputs(paths: Iterable[Union[str, Path]], stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """Articles from every path, in order. ``-`` is standard input (JSON Lines, or one plain text)."""
    for p in paths:
        if str(p) == "-":
            yield from _stdin(stdin or sys.stdin.buffer)
            continue
        for f in expand_path(p):
            if isinstance(f, InputError):
                yield f
            else:
                yield from _file(f)


def expand_path(p: Union[str, Path]) -> Iterator[Union[Path, InputError]]:
    """The input files one path stands for, in reading order (a folder: its .txt/.jsonl files, sorted),
    or the error item a missing path or an empty folder becomes."""
    path = Path(p)
    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.suffix in (".txt", ".jsonl") and f.is_file())
        if not files:
            yield InputError(path.name, "NoInput", f"{path}: folder holds no .txt or .jsonl files", str(path))
        yield from files
    elif path.exists():
        yield path
    else:
        yield InputError(path.stem, "Unreadable", f"{path}: no such file or folder", str(path))


def _file(path: Path) -> Iterator[Item]:
    if path.suffix == ".jsonl":
        return read_jsonl_range(path)
    return iter((read_txt(path),))


def read_jsonl_range(path: Union[str, Path], start: int = 0, end: Optional[int] = None,
                     first_line: int = 1, open_path: Union[str, Path, None] = None) -> Iterator[Item]:
    """The items of the lines of a JSON Lines file between byte offsets ``start`` and ``end`` (line
    boundaries, as :func:`jsonl_ranges` gives them); ``first_line`` is the line number at ``start``, so
    doc ids and messages are the same as when the whole file is read. ``open_path``: see :func:`read_txt`."""
    path = Path(path)
    try:
        with open(open_path or path, "rb") as fh:
            fh.seek(start)
            pos = start
            for n, raw in enumerate(fh, first_line):
                if end is not None and pos >= end:
                    break
                pos += len(raw)
                if raw.strip():
                    yield _from_json_line(raw, f"{path}:{n}", n, f"{path.stem}:{n}")
    except OSError as exc:
        yield InputError(path.stem, "Unreadable", f"{path}: cannot read ({exc.strerror or exc})", str(path))


def jsonl_ranges(path: Union[str, Path], lines_per_range: int) -> Iterator[tuple[int, int, int, int]]:
    """Split a JSON Lines file into ``(start, end, first_line, n_docs)`` byte ranges of about
    ``lines_per_range`` non-blank lines each, reading it once with flat memory."""
    start, pos, first, n_docs = 0, 0, 1, 0
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            pos += len(raw)
            if raw.strip():
                n_docs += 1
            if n_docs >= lines_per_range:
                yield start, pos, first, n_docs
                start, first, n_docs = pos, n + 1, 0
    if n_docs:
        yield start, pos, first, n_docs


def _stdin(stream: BinaryIO) -> Iterator[Item]:
    first = stream.readline()
    if first.lstrip().startswith(b"{"):
        yield _from_json_line(first, "<stdin>:1", 1, "stdin:1")
        for n, raw in enumerate(stream, 2):
            if raw.strip():
                yield _from_json_line(raw, f"<stdin>:{n}", n, f"stdin:{n}")
    else:
        text = _decode(first + stream.read(), "<stdin>", "stdin")
        yield text if isinstance(text, InputError) else InputDoc("stdin", text, where="<stdin>")
