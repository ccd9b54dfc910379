"""The tool commands end to end: explain, patterns check, annotate-check, pre-annotate, export, evaluate."""
from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.cli import bundled_gold
from pipeline.gold import check_doc
from pipeline.pattern_check import check_patterns, format_result
from pipeline.patterns import default_patterns_dir
from pipeline.records import KINDS, Document

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "corpus" / "articles"
SENTENCE = "Van de 650 Kalibrs zijn volgens Kyiv nog maar 59 over."


def test_explain_shows_tokens_patterns_and_records(cli):
    res = cli("explain", SENTENCE)
    assert res.exit_code == 0, res.output
    out = res.output
    for heading in ("tokens", "sentences", "weapon hits", "quantities", "attribution cues", "records"):
        assert heading in out
    assert "│ Kalibrs │" in out and "lexicon:kalibr" in out          # the weapon and the lexicon entry
    assert "number+counted-after" in out and "partitive-before" in out  # 650 counted after, 59 a part of them
    assert "cue-volgens" in out
    records = orjson.loads(out[out.index("{", out.index("records")):])
    assert [w["name"] for w in records["weapons"]] == ["Kalibr"]
    assert [q["value"] for q in records["quantities"]] == [650, 59]
    assert records["attributions"][0]["source_name"] == "Kyiv"


def test_explain_reads_standard_input(cli):
    res = cli("explain", "-", input="Iran leverde honderden Shahed-136’s aan Rusland.")
    assert res.exit_code == 0 and "lexicon:shahed-136" in res.output and "tr-leveren" in res.output


def test_patterns_check_on_the_bundled_patterns(cli):
    res = cli("patterns", "check", "--limit", "5")
    assert res.exit_code == 0, res.output
    assert "entries: valid" in res.output
    assert "duplicate ids across files:" in res.output
    n_articles = len(list((ROOT / "corpus" / "articles").glob("*.txt")))
    assert f"never fired on the bundled corpus ({n_articles} articles):" in res.output
    assert "Traceback" not in res.output


@pytest.fixture()
def patterns_copy(tmp_path) -> Path:
    folder = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def _append(path: Path, *objs: dict) -> int:
    """Append entries; return the line number of the first."""
    before = path.read_bytes()
    if before and not before.endswith(b"\n"):
        before += b"\n"
    path.write_bytes(before + b"".join(orjson.dumps(o) + b"\n" for o in objs))
    return before.count(b"\n") + 1


def test_an_invalid_entry_is_reported_as_file_and_line_not_a_traceback(cli, patterns_copy):
    line = _append(patterns_copy / "weapons.jsonl",
                   {"id": "wunderwaffe", "name": "Wunderwaffe", "aliases": [], "category": "superweapon"})
    res = cli("patterns", "check", "--patterns-dir", str(patterns_copy))
    assert res.exit_code == 1
    assert f"patterns/weapons.jsonl:{line}: category: Input should be" in res.output
    assert "(id 'wunderwaffe')" in res.output and "Traceback" not in res.output


def test_a_cross_file_error_is_reported_too(patterns_copy):
    _append(patterns_copy / "weapon_context_aliases.jsonl", {"id": "alias-x", "alias": "Xyz", "system": "no-such"})
    res = check_patterns(patterns_copy, corpus=[])
    assert not res.ok
    assert res.errors == ["patterns/weapon_context_aliases.jsonl: alias-x: unknown system 'no-such'"]


def test_duplicate_ids_and_aliases_claimed_twice_are_reported(patterns_copy, tmp_path):
    line = _append(patterns_copy / "weapons.jsonl",
                   {"id": "kalibr-kopie", "name": "KALIBR", "aliases": ["3m 14"], "category": "cruise_missile"},
                   {"id": "tr-leveren", "name": "Testraket", "aliases": [], "category": "other"})
    article = tmp_path / "one.txt"
    article.write_text("Rusland vuurde Kalibrs af.", encoding="utf-8")
    res = check_patterns(patterns_copy, corpus=[article])
    assert res.ok, res.errors
    assert any(d.startswith("id 'tr-leveren' in patterns/transfers.jsonl:") and f"patterns/weapons.jsonl:{line + 1}" in d
               for d in res.duplicate_ids)
    shared = "\n".join(res.shared_aliases)
    assert "Kalibr/KALIBR [ignoring case, spaces and hyphens]" in shared
    assert f"'KALIBR' → kalibr-kopie (patterns/weapons.jsonl:{line})" in shared
    assert "3M-14/3m 14" in shared
    assert "kalibr-kopie" in res.never_fired["weapons.jsonl"]  # the first claim wins, the copy never fires
    assert "kalibr" not in res.never_fired["weapons.jsonl"]
    assert "aliases claimed by two weapon entries: 2" in format_result(res)


def test_annotate_check(cli, tmp_path):
    gold = sorted((ROOT / "corpus").glob("*.gold.jsonl"))
    res = cli("annotate-check", *map(str, gold))
    assert res.exit_code == 0, res.output
    doc = orjson.loads(gold[0].read_bytes().splitlines()[0])
    doc["weapons"][0]["end"] += 2
    bad = tmp_path / "bad.gold.jsonl"
    bad.write_bytes(orjson.dumps(doc) + b"\n")
    res = cli("annotate-check", str(bad))
    assert res.exit_code == 1
    assert res.stdout.startswith(f"{bad}:1: {doc['doc_id']}: weapons[0] ({doc['weapons'][0]['id']}): text[")


def test_pre_annotate_writes_a_valid_gold_draft(cli, tmp_path, corpus_run):
    out = tmp_path / "draft.jsonl"
    res = cli("pre-annotate", str(ARTICLES / "kalibr-2023-02.txt"), "-o", str(out))
    assert res.exit_code == 0, res.output
    (draft,) = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert check_doc(draft) == []
    run = next(d for d in pipeline.read_records(corpus_run) if d.doc_id == "kalibr-2023-02")
    for kind in KINDS:
        assert len(draft[kind]) == len(getattr(run, kind))
        assert [r["id"] for r in draft[kind]] == [f"{kind[0]}{i}" for i in range(1, len(draft[kind]) + 1)]
        assert not any({"pattern", "system_id", "in_lexicon"} & r.keys() for r in draft[kind])
    assert draft["date"] == "2023-02" and "schema_version" not in draft


def test_export_round_trips_with_the_same_record_counts(cli, corpus_run, tmp_path):
    docs = pipeline.read_records(corpus_run)
    assert docs and all(isinstance(d, Document) for d in docs)
    for kind in KINDS:
        expected = sum(len(getattr(d, kind)) for d in docs)
        ids = [r.id for d in docs for r in getattr(d, kind)]
        for fmt in ("csv", "parquet"):
            out = tmp_path / f"{kind}.{fmt}"
            res = cli("export", "--format", fmt, "--table", kind, str(corpus_run), "-o", str(out))
            assert res.exit_code == 0, res.output
            assert f"{expected} {kind} row(s)" in res.stderr and "0 error line(s) skipped" in res.stderr
            table = pacsv.read_csv(out) if fmt == "csv" else pq.read_table(out)
            assert table.num_rows == expected
            assert table.column("id").to_pylist() == ids
            assert set(table.column("doc_id").to_pylist()) <= {d.doc_id for d in docs}


def test_export_skips_and_counts_error_lines_and_stops_on_a_bad_record(cli, corpus_run, tmp_path):
    run = tmp_path / "run.jsonl"
    error_line = {"schema_version": "1.0", "doc_id": "broken", "error": {"type": "TooLong", "message": "too long"}}
    run.write_bytes(corpus_run.read_bytes() + orjson.dumps(error_line) + b"\n")
    res = cli("export", "--format", "csv", "--table", "weapons", str(run), "-o", str(tmp_path / "w.csv"))
    assert res.exit_code == 0 and "1 error line(s) skipped" in res.stderr
    lines = corpus_run.read_bytes().splitlines()
    doc = orjson.loads(lines[1])
    doc["weapons"][0]["category"] = "wunderwaffe"
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\n".join([lines[0], orjson.dumps(doc)]) + b"\n")
    res = cli("export", "--format", "parquet", "--table", "weapons", str(bad), "-o", str(tmp_path / "w.parquet"))
    assert res.exit_code == 2
    assert f"{bad}:2: doc_id '{doc['doc_id']}': weapons.0.category:" in res.stderr


def test_evaluate_diff_and_html(cli, tmp_path):
    html = tmp_path / "report.html"
    res = cli("evaluate", "--diff", "--max-errors", "500", "--html", str(html))
    assert res.exit_code == 0, res.output
    assert "per pattern (kind, pattern id, fired, matched gold, precision):" in res.stdout
    assert "gold records no pattern reached (misses):" in res.stdout
    assert "diff (miss = gold no pattern reached" in res.stdout
    assert res.stdout.count("[[") == res.stdout.count("]]") >= res.stdout.count("\nmiss ") + res.stdout.count("\nfalse ")
    page = html.read_text(encoding="utf-8")
    n_gold = len(bundled_gold())
    assert page.startswith("<!DOCTYPE html>") and page.count('<section class="doc"') == n_gold


def test_a_regex_that_does_not_compile_is_placed_by_file_and_line(patterns_copy):
    line = _append(patterns_copy / "weapon_rules.jsonl", {"id": "bad-rx", "kind": "designation", "regex": "([A-Z"})
    res = check_patterns(patterns_copy, corpus=[])
    assert res.errors == [f"patterns/weapon_rules.jsonl:{line}: regex: Value error, regex does not compile: "
                          "unterminated character set at position 1 (id 'bad-rx')"]
