"""JSON Lines with line numbers: one reader for pattern files, gold files, runs and CLI inputs.

Each caller decides what a bad line means (stop with ``FILE:LINE``, report it
and go on), so the reader yields the problem instead of raising.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, NamedTuple, Optional

import orjson


class Line(NamedTuple):
    number: int
    obj: Optional[dict]  # None when the line is not a JSON object
    problem: Optional[str]  # why not: "not valid JSON (...)" or "a line must be a JSON object"


class Unreadable(OSError):
    """The file cannot be opened; the message names it."""


def iter_lines(path: Path | str, *, comments: bool = False) -> Iterator[Line]:
    """Every non-blank line of ``path`` (``//`` lines skipped when ``comments``)."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise Unreadable(f"{path}: cannot read ({exc.strerror or exc})") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            line = raw.strip()
            if not line or (comments and line.startswith(b"//")):
                continue
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield Line(n, None, f"not valid JSON ({exc})")
                continue
            if not isinstance(obj, dict):
                yield Line(n, None, "a line must be a JSON object")
                continue
            yield Line(n, obj, None)
