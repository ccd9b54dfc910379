"""Article structure: metadata prefix, paragraphs, headings, photo credits, sentences — offsets untouched."""
from pipeline.state import get_state

ARTICLE = (" date 2023-02 De president begroet zijn gast (links) in Brazilië. Beeld Getty Images\n\n"
           "Het leger snakt naar raketten. Volgens o.a. Kyiv is dat zo.\n\n"
           "Dodelijke steun\n\n"
           "Volgens de VS overweegt China steun. Dhr. J. Jansen zegt dat 14.00 uur te laat is.")


def sentences(nlp, text):
    doc = nlp(text)
    state = get_state(doc)
    return doc, state, [text[s.start:s.end] for s in state.sentences]


def test_date_prefix_is_metadata(nlp, extract):
    doc, state, sents = sentences(nlp, ARTICLE)
    assert state.date == "2023-02"
    assert not any("date" in s for s in sents)
    assert extract(ARTICLE)["date"] == "2023-02"
    assert extract(" date 2024-05-22 Rusland vuurde raketten af.")["date"] == "2024-05-22"
    assert extract("Rusland vuurde raketten af.")["date"] is None


def test_sentences_headings_and_credits(nlp):
    doc, state, sents = sentences(nlp, ARTICLE)
    assert sents == [
        "De president begroet zijn gast (links) in Brazilië.",
        "Het leger snakt naar raketten.",
        "Volgens o.a. Kyiv is dat zo.",
        "Dodelijke steun",
        "Volgens de VS overweegt China steun.",
        "Dhr. J. Jansen zegt dat 14.00 uur te laat is.",
    ]
    assert [ARTICLE[a:b] for a, b in state.skips] == ["Beeld Getty Images"]
    assert [s.heading for s in state.sentences] == [False, False, False, True, False, False]


def test_doc_sents_follow_the_article_sentences(nlp):
    doc, state, sents = sentences(nlp, ARTICLE)
    assert [s.text.strip() for s in doc.sents if s.text.strip()][-1] == sents[-1]
    assert doc.text == ARTICLE  # nothing in the text changes


def test_photo_credit_yields_nothing(extract):
    doc = extract("Een F-16 landt op de basis. Foto ANP Patriot\n\nDe Patriot-batterij staat klaar.")
    assert [w["text"] for w in doc["weapons"]] == ["F-16", "Patriot"]
    assert doc["weapons"][1]["start"] > doc["text"].index("\n\n")


def test_heading_with_a_number_is_its_own_sentence(extract):
    doc = extract("Ook drie raketten uit Syrië afgevuurd\n\nHet leger zegt dat drie raketten uit Syrië zijn afgevuurd.")
    assert [q["text"] for q in doc["quantities"]] == ["drie", "drie"]


def test_a_plural_with_apostrophe_ends_a_sentence(nlp):
    """`M1A1's.` is a plural, not the initial `s.`; an initial after an opening quote still is one."""
    _, _, sents = sentences(nlp, "Polen bestelde 116 M1A1's. In augustus volgden de F-16’s. "
                                 "Daarna sprak („J. Jansen) over drones.")
    assert sents == ["Polen bestelde 116 M1A1's.", "In augustus volgden de F-16’s.",
                     "Daarna sprak („J. Jansen) over drones."]


def test_an_acronym_ends_a_sentence(nlp):
    """`de VS.` ends a sentence (the abbreviation list's `vs.` is versus, in lower case)."""
    _, _, sents = sentences(nlp, "België kocht 34 F-35's bij de VS. Van de 34 zijn er twaalf aangekomen. "
                                 "Het gaat om Oekraïne vs. Rusland in de lucht.")
    assert sents == ["België kocht 34 F-35's bij de VS.", "Van de 34 zijn er twaalf aangekomen.",
                     "Het gaat om Oekraïne vs. Rusland in de lucht."]
