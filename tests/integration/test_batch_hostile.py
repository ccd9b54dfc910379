"""Hostile input at ``pipeline.batch.process``: nothing crashes or hangs, every line validates, languages are flagged."""
from __future__ import annotations

import time

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import DocTimeout, process, time_budget, to_line
from pipeline.io import InputDoc
from pipeline.records import Document, ErrorDocument

DUTCH = ["Volgens Kyiv heeft Rusland nog 59 Kalibr-kruisraketten over.",
         "Nederland levert 18 F-16's aan Oekraïne, meldt minister Brekelmans.",
         "Het leger kocht ruim 1,1 miljard euro aan munitie en 2.300 granaten."]
FOREIGN = ["The Pentagon said on Friday it would send 12 more HIMARS launchers to Ukraine.",
           "Die Bundeswehr erhält nach Angaben des Ministeriums 35 weitere Leopard-2-Panzer.",
           "Российская армия выпустила 60 ракет «Калибр» по Украине.",
           "中国向俄罗斯提供了无人机。", "صواريخ باتريوت وصلت إلى أوكرانيا"]
# Long runs are kept moderate here: spaCy's tokenizer (and the sentence splitter) are quadratic in the length
# of a run without spaces, which the time budget catches (test_pathological_runs_hit_the_budget_not_the_run).
WEIRD = ["1" + "0" * 400, "10^400", "-" * 400, "!?" * 200, "....." * 100, "(((((((" * 40, "„“”’‘" * 40,
         "a" * 5000, "F-" * 150 + "16", "<html><body><p>Patriot</p><script>x()</script></body></html>",
         "&nbsp;&amp;&#x27;&#128163;", "\u200b\u200e\u202e\ufeff", "e\u0301" * 500, "\x00\x01\x07\x1b[31m",
         "\t\r\n\v\f", "🚀💥" * 100, "1e308 1e-400 0x1F 1_000 ½ ⅞ ٣٤٥ ௫", "10.000.000.000.000.000.000.000 raketten",
         "\n" * 200, "ＦＵＬＬＷＩＤＴＨ １２ ＳＵ－３５", "IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII" * 100]

chunk = st.one_of(
    st.sampled_from(DUTCH + FOREIGN + WEIRD),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60).map(lambda s: s * 20),
    st.integers(min_value=0, max_value=10**400).map(str),
    st.from_regex(r"[0-9.,]{1,60} (miljoen|miljard|duizend|procent|km|kilo)?", fullmatch=True),
)
hostile_text = st.lists(chunk, min_size=1, max_size=6).flatmap(
    lambda parts: st.sampled_from([" ", "\n", "\n\n", "", ". "]).map(lambda sep: sep.join(parts)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=st.lists(hostile_text, min_size=1, max_size=3))
def test_hostile_input_never_crashes_and_always_validates(nlp, texts: list[str]) -> None:
    items = [InputDoc(f"h{i}", t, where=f"h{i}") for i, t in enumerate(texts)]
    docs = list(process(nlp, items, batch_size=2, time_budget=10))
    assert [d["doc_id"] for d in docs] == [i.doc_id for i in items]
    for item, doc in zip(items, docs):
        back = orjson.loads(to_line(doc))  # serializable as one JSON line
        if "error" in back:
            ErrorDocument.model_validate(back)
            assert back["error"]["type"] == "EmptyText" and not item.text.strip(), back["error"]
            continue
        Document.model_validate(back)
        assert back["text"] == item.text
        for kind in ("weapons", "quantities"):
            for rec in back[kind]:
                assert 0 <= rec["start"] <= rec["end"] <= len(item.text)
                assert item.text[rec["start"]:rec["end"]] == rec["text"]


@pytest.mark.parametrize("text, lang", [(FOREIGN[0] * 3, "en"), (FOREIGN[1] * 3, "de"), (" ".join(DUTCH), "nl"),
                                        ("<p>" + " ".join(DUTCH) + "</p>", "nl"), ("12 345 !!!", None)])
def test_language_is_flagged(nlp, text: str, lang) -> None:
    (doc,) = process(nlp, [InputDoc("x", text)])
    assert doc["language"] == lang


def test_time_budget_interrupts_python_and_runaway_regexes() -> None:
    import re

    start = time.monotonic()
    with pytest.raises(DocTimeout):
        with time_budget(0.2):
            re.match(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking
    assert time.monotonic() - start < 5
    with time_budget(5):  # a block that finishes in time is not disturbed, and no alarm is left behind
        pass
    time.sleep(0.05)


def test_time_budget_in_a_worker_thread() -> None:
    import threading

    result = {}

    def work():
        try:
            with time_budget(0.2):
                while True:
                    sum(range(1000))
        except DocTimeout:
            result["timeout"] = True
        with time_budget(2):  # and nothing fires later
            time.sleep(0.3)
        result["after"] = True

    t = threading.Thread(target=work)
    t.start()
    t.join(10)
    assert result == {"timeout": True, "after": True}


def test_pathological_runs_hit_the_budget_not_the_run(nlp) -> None:
    # spaCy's tokenizer is quadratic in the length of a run without spaces: seconds each without a budget
    items = [InputDoc("bang", "!?" * 8000), InputDoc("dots", "…?" * 8000 + "x"), InputDoc("ok", DUTCH[1])]
    start = time.monotonic()
    docs = list(process(nlp, items, time_budget=0.3))
    assert time.monotonic() - start < 5
    assert [d.get("error", {}).get("type") for d in docs] == ["Timeout", "Timeout", None]
    assert "0.3s" in docs[0]["error"]["message"]
    assert [w["name"] for w in docs[2]["weapons"]] == ["F-16"]
