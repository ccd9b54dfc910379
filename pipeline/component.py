"""What every Wapenradar spaCy component shares: its pattern files, and saving them.

A component is built from named pattern files (``weapons.jsonl`` ...), each
validated by a pydantic model. Like spaCy's ``span_ruler`` it writes those
patterns with ``to_disk`` and reads them back with ``from_disk``, so a
pipeline saved with ``nlp.to_disk`` runs without the source tree.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Iterable, Optional

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from .patterns import dump_jsonl, load_entries, resolve_dir
from .state import get_state


class PatternComponent:
    """Base class: subclasses list their files in ``FILES`` and compile them in ``_compile``."""

    FILES: ClassVar[dict[str, type[BaseModel]]] = {}

    def __init__(self, nlp: Language, name: str, *, patterns_dir: Optional[str] = None) -> None:
        self.nlp = nlp
        self.name = name
        self.patterns_dir = patterns_dir
        self.data: dict[str, list[Any]] = {}
        self._load_from(resolve_dir(patterns_dir))

    # -- patterns ---------------------------------------------------------------------------
    def _load_from(self, folder: Path) -> None:
        self.data = {fname: load_entries(folder / fname, model) for fname, model in self.FILES.items()}
        self._compile()

    def _compile(self) -> None:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    # -- spaCy protocol ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self.process(doc, get_state(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def process(self, doc: Doc, state: Any) -> None:  # pragma: no cover
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for fname, entries in self.data.items():
            dump_jsonl(path / fname, entries)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PatternComponent":
        self._load_from(ensure_path(path))
        return self
