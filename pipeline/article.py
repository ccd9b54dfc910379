"""Article structure: metadata prefix, paragraphs, headings, photo credits, sentences.

Nothing in the text is changed; the component only records where things are
(``doc._.wapenradar``) and marks sentence starts on the tokens, so the other
components and ``doc.sents`` see the same sentences. A heading without final
punctuation (``Dodelijke steun``) is a sentence of its own; a photo credit
(``Beeld Getty Images``) becomes a skipped range that yields no records.
"""
from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from .component import PatternComponent
from .patterns import Regex
from .dutch import WordList
from .state import Extraction, Sentence

END_PUNCT = ".!?:;…"
CLOSERS = "\"”’'»)"
# A sentence ends after . ! ? … (and any closing quotes/brackets) when space and
# an upper-case letter, digit or opening quote follow.
BOUNDARY = re.compile(r"([.!?…]+[\"”’'»)]*)[ \t]+(?=[„\"“‘'«(]*[A-Z0-9À-ÖØ-Þ])")
MAX_HEADING_WORDS = 14


class ArticleRule(BaseModel):
    id: str
    kind: Literal["date_prefix", "dateline", "credit", "abbreviation"]
    regex: Optional[Regex] = None
    words: list[str] = []
    note: str = ""



class ArticleSegmenter(PatternComponent):
    FILES = {"article.jsonl": ArticleRule, "dutch.jsonl": WordList}

    def _compile(self) -> None:
        rules = self.data["article.jsonl"]
        self.date_re = next(re.compile(r.regex) for r in rules if r.kind == "date_prefix" and r.regex)
        self.dateline_res = [re.compile(r.regex) for r in rules if r.kind == "dateline" and r.regex]
        self.credit_res = [(r.id, re.compile(r.regex, re.M)) for r in rules if r.kind == "credit" and r.regex]
        self.abbreviations = frozenset(w.lower() for r in rules if r.kind == "abbreviation" for w in r.words)

    def process(self, doc: Doc, state: Extraction) -> None:
        text = state.text
        m = self.date_re.match(text)
        if m:
            state.date, state.body_start = m.group(1), m.end()
        for rx in self.dateline_res:  # KYIV (ANP/AFP) - : metadata of the wire story, no party in it
            d = rx.match(text, state.body_start)
            if d:
                state.skips.append((d.start(), d.end()))
        sentences: list[Sentence] = []
        for line_start, line_end, alone in self._lines(text, state.body_start):
            line_end = self._strip_credit(text, line_start, line_end, state)
            if line_end <= line_start:
                continue
            line = text[line_start:line_end]
            if alone and line[-1] not in END_PUNCT + CLOSERS and len(line.split()) <= MAX_HEADING_WORDS:
                sentences.append(Sentence(line_start, line_end, heading=True))
                continue
            sentences.extend(self._split(text, line_start, line_end))
        state.set_sentences(sentences)
        self._mark_tokens(doc, sentences)

    @staticmethod
    def _lines(text: str, start: int):
        """Non-blank lines as (start, end, alone): alone = a paragraph of one line."""
        spans = []
        pos = start
        for raw in text[start:].split("\n"):
            s, e = pos, pos + len(raw)
            pos = e + 1
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            spans.append((s, e) if e > s else None)
        for i, span in enumerate(spans):
            if span is None:
                continue
            before = spans[i - 1] if i > 0 else None
            after = spans[i + 1] if i + 1 < len(spans) else None
            yield span[0], span[1], before is None and after is None

    def _strip_credit(self, text: str, start: int, end: int, state: Extraction) -> int:
        for _rule_id, rx in self.credit_res:
            m = rx.search(text, start, end)
            if m and m.end() >= end - 1:
                credit_start = m.start() + len(m.group()) - len(m.group().lstrip())
                state.skips.append((credit_start, end))
                end = m.start()
                while end > start and text[end - 1].isspace():
                    end -= 1
        return end

    def _split(self, text: str, start: int, end: int) -> list[Sentence]:
        out = []
        s = start
        for m in BOUNDARY.finditer(text, start, end):
            cut = m.end(1)
            if self._is_abbreviation(text, s, m.start(1)):
                continue
            out.append(Sentence(s, cut))
            s = m.end()
        out.append(Sentence(s, end))
        return out

    def _is_abbreviation(self, text: str, sent_start: int, dot: int) -> bool:
        if text[dot] != ".":
            return False
        i = dot
        while i > sent_start and not text[i - 1].isspace():
            i -= 1
        # opening quotes and brackets go; an apostrophe inside the word stays (F-16's. is no initial s.)
        raw = text[i:dot].lstrip("(„\"“‘'")
        if len(raw) >= 2 and raw.isalpha() and raw.isupper():
            return False  # an acronym ends the sentence: aan de VS. (the list's vs is versus, in lower case)
        word = raw.lower()
        if len(word) == 1 and word.isalpha():  # an initial: J. Biden; but not a name after a preposition (op X.)
            return not re.search(r"\b(?:op|via|naar|van|in|aan|bij|met)\s+$", text[max(sent_start, i - 6):i])
        return word in self.abbreviations

    @staticmethod
    def _mark_tokens(doc: Doc, sentences: list[Sentence]) -> None:
        """Mark the first token of each sentence; tokens left unset are no sentence start for
        ``doc.sents``, and a parser keeps the marked starts (only these few tokens are touched)."""
        if not len(doc):
            return
        doc[0].is_sent_start = True
        for s in sentences:
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            if span is not None and len(span):
                span[0].is_sent_start = True


@Language.factory(
    "wapenradar_article",
    default_config={"patterns_dir": None},
    requires=[],
    assigns=["token.is_sent_start", "doc._.wapenradar"],
)
def make_article_segmenter(nlp: Language, name: str, patterns_dir: Optional[str]) -> ArticleSegmenter:
    return ArticleSegmenter(nlp, name, patterns_dir=patterns_dir)
