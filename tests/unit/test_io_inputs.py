"""Reading inputs: every line or file becomes exactly one item, errors included, and byte ranges read the same."""
from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest

from pipeline.io import InputDoc, InputError, iter_inputs, jsonl_ranges, read_jsonl_range


def _write_jsonl(path: Path, rows: list) -> Path:
    with open(path, "wb") as fh:
        for row in rows:
            fh.write(row if isinstance(row, bytes) else orjson.dumps(row))
            fh.write(b"\n")
    return path


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    return _write_jsonl(tmp_path / "mixed.jsonl", [
        {"doc_id": "a", "text": "Nederland koopt zes F-35's.", "date": "2025-03-14", "url": "https://x.test/a"},
        {"id": 7, "text": "Een tweede bericht."},
        b"   ",  # blank line: skipped, but it still counts for line numbers
        b"\xff\xfe not utf-8",
        b"{not json",
        b"[1, 2]",
        {"doc_id": "no-text"},
        {"text": "Zonder id."},
    ])


def test_jsonl_items_errors_and_line_numbers(mixed: Path) -> None:
    items = list(iter_inputs([mixed]))
    assert [type(i).__name__ for i in items] == ["InputDoc", "InputDoc", "InputError", "InputError", "InputError",
                                                "InputError", "InputDoc"]
    a, b, utf, bad, arr, notext, noid = items
    assert (a.doc_id, a.date, a.url, a.where) == ("a", "2025-03-14", "https://x.test/a", f"{mixed}:1")
    assert b.doc_id == "7"
    assert (utf.type, utf.doc_id) == ("InvalidUTF8", "mixed:4")
    assert (bad.type, bad.doc_id) == ("MalformedJSON", "mixed:5")
    assert arr.type == "MalformedJSON"
    assert (notext.type, notext.doc_id) == ("MissingText", "no-text")
    assert (noid.doc_id, noid.text) == ("mixed:8", "Zonder id.")


def test_txt_files_folders_and_missing_paths(tmp_path: Path) -> None:
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "b.txt").write_text("Tweede.", encoding="utf-8")
    (folder / "a.txt").write_text("Eerste.", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"caf\xe9")  # latin-1, not UTF-8
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    items = list(iter_inputs([folder, tmp_path / "missing.txt", empty]))
    assert [(i.doc_id, type(i).__name__) for i in items] == [
        ("a", "InputDoc"), ("b", "InputDoc"), ("c", "InputError"), ("missing", "InputError"), ("empty", "InputError")]
    assert [i.type for i in items if isinstance(i, InputError)] == ["InvalidUTF8", "Unreadable", "NoInput"]


def test_stdin_jsonl_and_plain_text() -> None:
    jl = io.BytesIO(b'{"doc_id": "s1", "text": "Een."}\n\n{"doc_id": "s2", "text": "Twee."}\n')
    assert [(i.doc_id, i.text) for i in iter_inputs(["-"], stdin=jl)] == [("s1", "Een."), ("s2", "Twee.")]
    plain = io.BytesIO("Gewone tekst\nover twee regels.".encode())
    (doc,) = iter_inputs(["-"], stdin=plain)
    assert isinstance(doc, InputDoc) and doc.doc_id == "stdin" and doc.text.endswith("regels.")


@pytest.mark.parametrize("per_range", [1, 2, 3, 100])
def test_byte_ranges_read_exactly_what_the_whole_file_reads(mixed: Path, per_range: int) -> None:
    whole = list(iter_inputs([mixed]))
    ranges = list(jsonl_ranges(mixed, per_range))
    assert sum(n for *_, n in ranges) == len(whole)
    assert ranges[0][0] == 0 and ranges[-1][1] == mixed.stat().st_size
    assert all(r1[1] == r2[0] for r1, r2 in zip(ranges, ranges[1:]))  # contiguous, no byte read twice
    pieces = [item for start, end, first, _ in ranges for item in read_jsonl_range(mixed, start, end, first)]
    assert pieces == whole


def test_range_reader_reports_under_the_given_name(tmp_path: Path) -> None:
    real = _write_jsonl(tmp_path / "real.jsonl", [b"{oops"])
    (item,) = read_jsonl_range("archive/shown.jsonl", open_path=real)
    assert item.doc_id == "shown:1" and item.message.startswith("archive/shown.jsonl:1:")
