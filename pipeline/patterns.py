"""Reading the pattern and lexicon files of ``patterns/``.

Every file is JSON Lines, one entry with an ``id`` per line, validated by a
pydantic model on load. A bad entry stops with ``patterns/FILE:LINE: what is
wrong`` (a :class:`PatternError`), never a bare traceback.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
import re
from typing import Annotated, Iterable, Iterator, Optional, TypeVar

import orjson
from pydantic import AfterValidator, BaseModel, ValidationError

from .jsonl import Unreadable, iter_lines

M = TypeVar("M", bound=BaseModel)


def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:  # pydantic only turns ValueError into a validation message
        raise ValueError(f"regex does not compile: {exc}") from None
    return value


Regex = Annotated[str, AfterValidator(_compiles)]
"""A pattern-file field holding a regular expression, checked when the file is loaded."""


class PatternError(ValueError):
    """A pattern or lexicon entry that does not validate; the message names file and line."""


def default_patterns_dir() -> Path:
    """The ``patterns/`` folder shipped with the package (package-dir mapped to ``wapenradar_patterns``)."""
    spec = importlib.util.find_spec("wapenradar_patterns")
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            if Path(loc, "weapons.jsonl").exists():
                return Path(loc)
    return Path(__file__).resolve().parent.parent / "patterns"


def _display(path: Path) -> str:
    return f"patterns/{path.name}" if path.parent.name in ("patterns", "wapenradar_patterns") else str(path)


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """Yield ``(line_number, object)``; blank lines and ``//`` comment lines are skipped."""
    try:
        for line in iter_lines(path, comments=True):
            if line.problem is not None:
                problem = "an entry must be a JSON object" if "JSON object" in line.problem else line.problem
                raise PatternError(f"{_display(path)}:{line.number}: {problem}")
            yield line.number, line.obj
    except Unreadable as exc:
        raise PatternError(str(exc)) from None


def load_entries(path: Path, model: type[M], *, unique_id: bool = True) -> list[M]:
    """Validate every line of ``path`` against ``model``; ids must be unique within the file."""
    out: list[M] = []
    seen: dict[str, int] = {}
    for n, obj in read_jsonl(path):
        try:
            entry = model.model_validate(obj)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "entry"
            raise PatternError(f"{_display(path)}:{n}: {where}: {first['msg']} (id {obj.get('id')!r})") from None
        entry_id = getattr(entry, "id", None)
        if unique_id and entry_id is not None:
            if entry_id in seen:
                raise PatternError(f"{_display(path)}:{n}: duplicate id {entry_id!r} (first on line {seen[entry_id]})")
            seen[entry_id] = n
        out.append(entry)
    return out


def resolve_dir(patterns_dir: Optional[str | Path]) -> Path:
    path = Path(patterns_dir) if patterns_dir else default_patterns_dir()
    if not path.is_dir():
        raise PatternError(f"patterns folder {path} does not exist")
    return path


def dump_jsonl(path: Path, entries: Iterable[BaseModel]) -> None:
    """Write entries back as JSON Lines (used by the components' ``to_disk``)."""
    with open(path, "wb") as fh:
        for e in entries:
            fh.write(orjson.dumps(e.model_dump(mode="json", exclude_none=False)) + b"\n")
