"""Clause segmentation: the word range a supply verb's parties and systems are read from."""
import pytest

from pipeline.dutch import words


@pytest.fixture(scope="module")
def clauses(nlp):
    return nlp.get_pipe("wapenradar_transfers").clauses


def clause_of(clauses, text: str, verb: str) -> str:
    ws = words(text, 0, len(text))
    vi = next(i for i, w in enumerate(ws) if w.text == verb)
    lo, hi = clauses.clause(ws, vi)
    return text[ws[lo].start:ws[hi - 1].end]


@pytest.mark.parametrize("text, verb, clause", [
    ("Duitsland zegde een derde batterij toe, de Verenigde Staten leverden eerder al twee.", "leverden",
     "de Verenigde Staten leverden eerder al twee."),
    ("De Denen hebben het systeem gekocht en Duitsland heeft interesse.", "gekocht", "De Denen hebben het systeem gekocht"),
    ("De Denen hebben het systeem gekocht en Duitsland heeft interesse.", "interesse", "Duitsland heeft interesse."),
    ("Kyiv heeft F-16's uit Nederland, Denemarken en Noorwegen ontvangen.", "ontvangen",
     "Kyiv heeft F-16's uit Nederland, Denemarken en Noorwegen ontvangen."),
    ("Servië kocht drones bij CASC, en het bestelde twaalf Rafales.", "bestelde", "het bestelde twaalf Rafales."),
    ("Peking ontkende dat het raketten aan Rusland levert.", "levert", "het raketten aan Rusland levert."),
])
def test_clause_boundaries(clauses, text, verb, clause):
    assert clause_of(clauses, text, verb) == clause


@pytest.mark.parametrize("text, index, pronoun", [
    ("Peking ontkende dat het raketten levert.", 3, True),      # het before a plural: the subject
    ("Peking ontkende dat het wapen werkt.", 3, False),          # het wapen: an article and its noun
    ("Servië kocht drones, en het bestelde Rafales.", 5, True),  # het before its verb after `, en`
])
def test_het_as_pronoun(clauses, text, index, pronoun):
    ws = words(text, 0, len(text))
    assert ws[index].lower == "het" and clauses.het_pronoun(ws, index) is pronoun
