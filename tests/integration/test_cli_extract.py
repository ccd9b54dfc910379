"""The `wapenradar extract` command on real files: every output line validates against the schema."""
from __future__ import annotations

import subprocess
import sys

import orjson

from pipeline.records import Document, ErrorDocument

from ..conftest import CORPUS

WAPENRADAR = [sys.executable, "-m", "pipeline"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*WAPENRADAR, *args], input=stdin, capture_output=True, timeout=300)


def test_extract_corpus_folder_validates(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = run("extract", str(CORPUS / "articles"), "-o", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr.decode()
    lines = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    names = sorted(p.stem for p in (CORPUS / "articles").glob("*.txt"))
    assert [d["doc_id"] for d in lines] == names
    for d in lines:
        doc = Document.model_validate(d)
        assert doc.schema_version == "1.0" and doc.language == "nl"
        for w in doc.weapons:
            assert doc.text[w.start:w.end] == w.text
        for q in doc.quantities:
            assert doc.text[q.start:q.end] == q.text
    seed = next(d for d in lines if d["doc_id"] == "kalibr-2023-02")
    assert seed["date"] == "2023-02" and len(seed["weapons"]) == 13


def test_bad_inputs_get_clear_messages_and_the_rest_is_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Iran leverde honderden Shahed-136’s aan Rusland.", encoding="utf-8")
    bad_utf8 = tmp_path / "bad.txt"
    bad_utf8.write_bytes(b"Rusland vuurde \xff\xfe raketten af.")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_bytes(b'{"doc_id": "a", "text": "De Kalibr werd afgevuurd."}\n'
                      b'{"doc_id": "b", "text": \n'
                      b'{"doc_id": "c", "url": "https://example.org/c"}\n'
                      b'{"id": "d", "text": "Nederland levert zes F-16\'s aan Oekraine.", "date": "2024-02"}\n')
    proc = run("extract", str(good), str(bad_utf8), str(jsonl), str(tmp_path / "missing.txt"))
    assert proc.returncode == 0, proc.stderr.decode()
    lines = [orjson.loads(x) for x in proc.stdout.splitlines()]
    assert [d["doc_id"] for d in lines] == ["good", "bad", "a", "batch:2", "c", "d", "missing"]
    errors = {d["doc_id"]: d["error"] for d in lines if "error" in d}
    for d in lines:
        (ErrorDocument if "error" in d else Document).model_validate(d)
    assert errors["bad"]["type"] == "InvalidUTF8" and "bad.txt" in errors["bad"]["message"]
    assert errors["batch:2"]["type"] == "MalformedJSON" and "batch.jsonl:2" in errors["batch:2"]["message"]
    assert errors["c"]["type"] == "MissingText" and "batch.jsonl:3" in errors["c"]["message"]
    assert errors["missing"]["type"] == "Unreadable"
    d = next(x for x in lines if x["doc_id"] == "d")
    assert d["date"] == "2024-02" and [w["name"] for w in d["weapons"]] == ["F-16"]
    assert b"read 7, extracted 3, failed 4" in proc.stderr


def test_stdin_and_strict(tmp_path):
    proc = run("extract", "-", "--quiet", stdin="Rusland zette 479 drones in.".encode())
    (doc,) = [orjson.loads(x) for x in proc.stdout.splitlines()]
    assert doc["doc_id"] == "stdin" and [q["value"] for q in doc["quantities"]] == [479]
    empty = tmp_path / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    assert run("extract", str(empty), "--quiet").returncode == 0
    assert run("extract", str(empty), "--quiet", "--strict").returncode == 1


def test_kinds_filter_and_schema():
    proc = run("extract", "-", "--quiet", "--kinds", "transfers",
               stdin="Nederland levert zes F-16's aan Oekraïne.".encode())
    (doc,) = [orjson.loads(x) for x in proc.stdout.splitlines()]
    assert doc["weapons"] == [] and doc["quantities"] == [] and len(doc["transfers"]) == 1
    assert doc["transfers"][0]["quantity"] is None  # quantities were not asked for
    schema = orjson.loads(run("schema").stdout)
    assert "Document" in schema["$defs"] and "ErrorDocument" in schema["$defs"]


def test_unknown_model_is_a_clear_error():
    proc = run("extract", "-", "--model", "nl_core_news_xx", stdin=b"De Kalibr.")
    assert proc.returncode == 2
    assert b"not installed" in proc.stderr and b"Traceback" not in proc.stderr


def test_evaluate_bundled_corpus_prints_scores():
    proc = run("evaluate", "--quiet", "--max-errors", "0")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    from pipeline.cli import BUNDLED_GOLD

    n_gold = sum(1 for name in BUNDLED_GOLD for line in (CORPUS / name).read_bytes().splitlines() if line.strip())
    assert n_gold == len(list((CORPUS / "articles").glob("*.txt")))  # every bundled article has its gold
    assert f"{n_gold} documents" in out
    row = next(line for line in out.splitlines() if line.startswith("weapons"))
    assert float(row.split()[3]) >= 0.95
