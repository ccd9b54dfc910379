"""The streaming runner: nothing lost, order and bytes independent of --workers, progress off stdout, exit codes."""
from __future__ import annotations

import time
from pathlib import Path

import orjson
import pytest

from pipeline.batch import process
from pipeline.io import InputDoc
from pipeline.records import Document, ErrorDocument
from pipeline.runner import RunOptions, _resume_partial, partial_path, run

HOSTILE_LINES = [
    b'{"doc_id": "empty", "text": "   "}',
    b"\xc3\x28 broken utf-8",
    b'{"doc_id": "long", "text": "' + b"raket " * 2000 + b'"}',
    b'{"doc_id": "doc-0001", "text": "Dubbel doc_id met een F-16."}',
    b'{"doc_id": "boom", "text": "BOEM: deze tekst laat een component falen."}',
    b'{"doc_id": "slow", "text": "TRAAG: deze tekst duurt te lang."}',
    b"{malformed",
]


@pytest.fixture()
def sabotaged(nlp, monkeypatch):
    """The session pipeline, with the quantity component raising on BOEM and hanging on TRAAG."""
    comp = type(nlp.get_pipe("wapenradar_quantities"))
    original = comp.process

    def process_(self, doc, state):
        if "BOEM" in doc.text:
            raise ValueError("kapot")
        if "TRAAG" in doc.text:
            while True:  # only the time budget gets us out of here
                time.sleep(0.01)
        return original(self, doc, state)

    monkeypatch.setattr(comp, "process", process_)
    return nlp


def _run(nlp, inputs, out=None, **kw):
    opts = RunOptions(inputs=[str(p) for p in inputs], output=out, model="blank", quiet=True, **kw)
    return run(opts, load_nlp=lambda _m: nlp)


def test_every_input_gives_exactly_one_line(sabotaged, make_jsonl, tmp_path: Path) -> None:
    src = make_jsonl(tmp_path / "in.jsonl", 5, HOSTILE_LINES)
    out = tmp_path / "out.jsonl"
    summary = _run(sabotaged, [src, tmp_path / "missing.jsonl"], out, max_chars=10_000, time_budget=1.0,
                   batch_size=4)
    lines = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert len(lines) == 5 + len(HOSTILE_LINES) + 1
    assert not partial_path(out).exists()
    errors = {d["doc_id"]: d["error"]["type"] for d in lines if "error" in d}
    assert errors == {"empty": "EmptyText", "in:7": "InvalidUTF8", "long": "TooLong", "boom": "ValueError",
                      "slow": "Timeout", "in:12": "MalformedJSON", "missing": "Unreadable"}
    for d in lines:  # every line is a valid document or error object
        (ErrorDocument if "error" in d else Document).model_validate(d)
        if "error" in d:
            assert set(d) == {"schema_version", "doc_id", "error"} and d["error"]["message"]
    # the documents around the failing ones were processed normally, in input order
    assert [d["doc_id"] for d in lines[:5]] == [f"doc-{i:04d}" for i in range(5)]
    assert lines[8]["doc_id"] == "doc-0001" and lines[8]["weapons"][0]["name"] == "F-16"
    assert (summary.read, summary.extracted, summary.failed) == (13, 6, 7)
    assert summary.duplicates == ["doc-0001"] and summary.unreadable == 1


def test_exit_codes_and_summary_line(cli, make_jsonl, tmp_path: Path) -> None:
    src = make_jsonl(tmp_path / "in.jsonl", 2, [b'{"doc_id": "e", "text": ""}'])
    ok = cli("extract", str(src), "-o", str(tmp_path / "o.jsonl"))
    assert ok.exit_code == 0
    assert "read 3, extracted 2, failed 1" in ok.stderr
    assert cli("extract", str(src), "-o", str(tmp_path / "o.jsonl"), "--strict").exit_code == 1
    nothing = cli("extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "n.jsonl"))
    assert nothing.exit_code == 2 and "no input could be read" in nothing.stderr


def test_workers_give_the_same_bytes_in_input_order(nlp, make_jsonl, tmp_path: Path) -> None:
    src = make_jsonl(tmp_path / "in.jsonl", 90, HOSTILE_LINES[:4])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    s1 = _run(nlp, [src], one, batch_size=5, max_chars=10_000)
    s2 = _run(nlp, [src], two, batch_size=5, max_chars=10_000, workers=2)
    assert one.read_bytes() == two.read_bytes()
    ids = [orjson.loads(x)["doc_id"] for x in two.read_bytes().splitlines()]
    assert ids[:90] == [f"doc-{i:04d}" for i in range(90)] and len(ids) == 94
    assert (s1.read, s1.extracted, s1.failed) == (s2.read, s2.extracted, s2.failed) == (94, 91, 3)


def test_progress_bar_goes_to_stderr_only(nlp, make_jsonl, tmp_path: Path, capfd) -> None:
    src = make_jsonl(tmp_path / "in.jsonl", 3, [b'{"doc_id": "e", "text": ""}'])
    _run(nlp, [src], None, progress=True)  # JSON Lines to stdout, bar to stderr
    out, err = capfd.readouterr()
    assert [orjson.loads(x)["doc_id"] for x in out.splitlines()] == ["doc-0000", "doc-0001", "doc-0002", "e"]
    assert "4doc" in err.replace(" ", "") and "words/s" in err and "1 errors" in err
    _run(nlp, [src], tmp_path / "o.jsonl")  # default: only when stderr is a terminal (it is not here)
    assert capfd.readouterr().err == ""


def test_quiet_cli_writes_nothing_to_stderr_and_only_json_to_stdout(cli, make_jsonl, tmp_path: Path) -> None:
    src = make_jsonl(tmp_path / "in.jsonl", 2)
    res = cli("extract", str(src), "--quiet")
    assert res.exit_code == 0 and res.stderr == ""
    assert [orjson.loads(x)["doc_id"] for x in res.stdout.splitlines()] == ["doc-0000", "doc-0001"]


def test_resume_cuts_a_half_written_line_and_counts(nlp, make_jsonl, tmp_path: Path) -> None:
    src = make_jsonl(tmp_path / "in.jsonl", 6, [b'{"doc_id": "e", "text": ""}', b'{"doc_id": "f", "text": "Slot."}'])
    full = tmp_path / "full.jsonl"
    _run(nlp, [src], full)
    lines = full.read_bytes().splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    partial_path(out).write_bytes(b"".join(lines[:7]) + lines[7][:25])  # killed while writing line 8
    assert _resume_partial(partial_path(out)) == (7, 1)
    partial_path(out).write_bytes(b"".join(lines[:3]) + lines[3][:10])
    summary = _run(nlp, [src], out, resume=True)
    assert out.read_bytes() == full.read_bytes()
    assert (summary.read, summary.extracted, summary.failed, summary.resumed) == (8, 7, 1, 3)


def test_process_api_languages_and_order(nlp) -> None:
    items = [InputDoc("nl", "Oekraïne krijgt volgens Kyiv nog dit jaar twaalf extra Patriot-systemen uit Duitsland."),
             InputDoc("en", "The United States will send twelve more Patriot systems to Ukraine this year, "
                            "officials in Washington said on Friday."),
             InputDoc("de", "Die Bundesregierung liefert der Ukraine in diesem Jahr zwölf weitere Patriot-Systeme, "
                            "teilte das Verteidigungsministerium am Freitag mit."),
             InputDoc("kort", "F-16")]
    docs = list(process(nlp, items, batch_size=3))
    assert [(d["doc_id"], d["language"]) for d in docs] == [("nl", "nl"), ("en", "en"), ("de", "de"), ("kort", None)]


def test_vocabulary_grows_only_by_the_warm_allowance(monkeypatch) -> None:
    """A run keeps new strings for good (so the tokenizer cache warms) only up to WARM_STRINGS; after that
    batches run in memory zones and the vocabulary stops growing, with the same records either way."""
    import random

    import pipeline.batch as batch
    from pipeline.language import load

    nlp = load("blank")
    monkeypatch.setattr(batch, "WARM_STRINGS", 300)
    rng = random.Random(7)

    def made_up_word() -> str:
        return "".join(rng.choice("aeioubdfgklmnprstvz") for _ in range(9))

    docs = [InputDoc(f"d{i}", f"Het leger vuurde {i + 2} Kalibr-raketten af op "
                     + " ".join(made_up_word() for _ in range(40)) + ".") for i in range(60)]
    before = len(nlp.vocab.strings)
    first = list(process(nlp, docs, batch_size=5, detect_language=False))
    grown = len(nlp.vocab.strings) - before
    assert 300 <= grown < 300 + 5 * 50  # at most one batch past the allowance, then flat
    again = list(process(nlp, docs, batch_size=5, detect_language=False))
    assert len(nlp.vocab.strings) - before == grown
    assert first == again
    assert all(Document.model_validate(d).quantities[0].value == i + 2 for i, d in enumerate(first))
