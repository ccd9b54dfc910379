"""Build the Wapenradar ``Language``: a base model plus the Wapenradar components.

The base is ``nl_core_news_sm`` when it is installed (or the model named), else
``spacy.blank("nl")``; the article segmenter provides sentences either way. The
base model cannot be downloaded at run time on machines without network access,
so nothing here tries to.
"""
from __future__ import annotations

import logging
from typing import Iterable, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import is_package

# Importing the modules registers their factories (entry points do the same for
# `spacy.load` of a saved pipeline when this package is installed).
from . import article, attributions, quantities, transfers, weapons  # noqa: F401
from .state import TEXT_KEY

log = logging.getLogger("wapenradar")
DEFAULT_MODEL = "nl_core_news_sm"
COMPONENTS = ("weapons", "quantities", "attributions", "transfers")
_announced: set[str] = set()


class TextKeepingTokenizer:
    """The base tokenizer, keeping the input string on the Doc (``doc.user_data``).

    spaCy rebuilds ``doc.text`` from the tokens on every access, which costs
    about as much as tokenizing; spaCy's tokenization is non-destructive, so the
    input string *is* the text. Everything else (serialisation included) is the
    wrapped tokenizer's.
    """

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


class ModelNotFound(RuntimeError):
    """The base model named with ``--model`` is not installed."""


def _base(model: Optional[str]) -> tuple[Language, str]:
    if model in (None, "auto"):
        if is_package(DEFAULT_MODEL):
            return spacy.load(DEFAULT_MODEL), DEFAULT_MODEL
        return spacy.blank("nl"), "blank"
    if model == "blank":
        return spacy.blank("nl"), "blank"
    try:
        return spacy.load(model), model
    except OSError as exc:
        raise ModelNotFound(
            f"base model {model!r} is not installed (it cannot be downloaded here); "
            f"run without --model to use spacy.blank('nl')") from exc


def load(model: Optional[str] = None, *, patterns_dir: Optional[str] = None,
         components: Iterable[str] = COMPONENTS) -> Language:
    """The extraction pipeline. ``model``: None/``auto`` (nl_core_news_sm if installed), ``blank``, or a name/path."""
    nlp, base = _base(model)
    if base not in _announced:
        _announced.add(base)
        if base == "blank":
            log.info("base model: spacy.blank('nl') with the Wapenradar sentence splitter "
                     "(%s is not installed; POS, dependencies and NER are not used)", DEFAULT_MODEL)
        else:
            log.info("base model: %s (POS/NER used where present)", base)
    cfg = {"patterns_dir": patterns_dir}
    before = "parser" if "parser" in nlp.pipe_names else ("senter" if "senter" in nlp.pipe_names else None)
    nlp.add_pipe("wapenradar_article", config=cfg, before=before) if before else nlp.add_pipe("wapenradar_article", config=cfg)
    for name in components:
        if name not in COMPONENTS:
            raise ValueError(f"unknown component {name!r}; choose from {', '.join(COMPONENTS)}")
    for name in COMPONENTS:  # in dependency order, whatever order was asked
        if name in components:
            nlp.add_pipe(f"wapenradar_{name}", config=cfg)
    nlp.meta["wapenradar_base"] = base
    if not isinstance(nlp.tokenizer, TextKeepingTokenizer):
        nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    return nlp
