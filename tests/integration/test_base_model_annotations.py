"""The code paths for a base model with POS tags and NER, exercised on hand-annotated Docs.

nl_core_news_sm cannot be installed here, so the annotations a tagger and an
entity recogniser would set are written by hand; the same text is run without
them to show the blank-model path is the fallback, not the other way round.
"""
from __future__ import annotations

from spacy.tokens import Doc

from pipeline.extract import doc_to_record


def run(nlp, words, spaces, pos=None, ents=None) -> dict:
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos, ents=ents)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc_to_record(doc, "annotated")


WORDS = ["Iran", "levert", "moderne", "kruisraketten", "aan", "Rusland", "."]
SPACES = [True, True, True, True, True, False, False]
POS = ["PROPN", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"]


def test_pos_tags_mark_adjectives_of_a_class_phrase(nlp):
    tagged = run(nlp, WORDS, SPACES, pos=POS)
    plain = run(nlp, WORDS, SPACES)
    assert [t["weapon_class"] for t in tagged["transfers"]] == ["moderne kruisraketten"]
    # without tags, `levert moderne` could be verb + adjective or two adjectives: the phrase stays its head
    assert [t["weapon_class"] for t in plain["transfers"]] == ["kruisraketten"]
    assert [(t["supplier"], t["recipient"]) for t in tagged["transfers"]] == [("Iran", "Rusland")]


def test_named_entities_decide_the_source_type(nlp):
    words = ["Volgens", "Armatech", "zijn", "twintig", "raketten", "onderschept", "."]
    spaces = [True, True, True, True, True, False, False]
    with_ner = run(nlp, words, spaces, ents=["O", "B-ORG", "O", "O", "O", "O", "O"])
    without = run(nlp, words, spaces)
    assert [a["source_type"] for a in with_ner["attributions"]] == ["organization"]
    assert [a["source_type"] for a in without["attributions"]] == ["person"]  # a capitalised unknown name
    assert with_ner["quantities"] == without["quantities"]  # the rest does not depend on NER


def test_sentences_from_the_segmenter_are_kept_with_a_parser_present(nlp):
    doc = Doc(nlp.vocab, words=["Dodelijke", "steun", "\n\n", "Volgens", "Kyiv", "is", "dat", "zo", "."],
              spaces=[True, False, False, True, True, True, True, False, False],
              pos=["ADJ", "NOUN", "SPACE", "ADP", "PROPN", "AUX", "PRON", "ADV", "PUNCT"])
    for _name, component in nlp.pipeline:
        doc = component(doc)
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == ["Dodelijke steun", "Volgens Kyiv is dat zo."]
