"""read_records (JSONL → pydantic models) and the flat export tables."""
from __future__ import annotations

import orjson
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.export import RecordsError, export, table_schema, to_table
from pipeline.records import Document, ErrorDocument

TEXT = "Volgens Kyiv leverde Duitsland 18 Leopard 2A6-tanks."


def at(s: str) -> dict:
    i = TEXT.index(s)
    return {"text": s, "start": i, "end": i + len(s)}


DOC = {
    "schema_version": "1.0", "doc_id": "d1", "date": "2024-03", "url": "https://example.org/a", "language": "nl",
    "text": TEXT,
    "weapons": [{"id": "w-1", **at("Leopard 2A6"), "name": "Leopard 2A6", "category": "tank", "origin": "DE",
                 "system_id": "leopard-2a6", "in_lexicon": True, "pattern": "lexicon:leopard-2a6"}],
    "quantities": [{"id": "q-1", **at("18"), "value": 18, "low": None, "high": None, "approx": "exact", "unit": "item",
                    "measure": "delivered", "weapon": "Leopard 2A6", "weapon_class": None, "owner": "Oekraïne",
                    "attribution": "a-1", "pattern": "number+counted-after"}],
    "attributions": [{"id": "a-1", "cue": at("Volgens"), "source": at("Kyiv"), "source_name": "Kyiv",
                      "source_type": "government", "content": None, "kind": "indirect", "stance": "assert",
                      "hedged": False, "pattern": "cue-volgens"}],
    "transfers": [{"id": "t-1", "supplier": "Duitsland", "supplier_country": "DE", "recipient": None,
                   "recipient_country": None, "weapon": "Leopard 2A6", "weapon_class": None, "quantity": "q-1",
                   "status": "delivered", "evidence": at("leverde Duitsland 18 Leopard 2A6-tanks"),
                   "attribution": "a-1", "pattern": "tr-leveren"}],
}
ERROR = {"schema_version": "1.0", "doc_id": "d2", "error": {"type": "EmptyText", "message": "d2: the text is empty"}}


def write(path, *objs: dict | bytes) -> None:
    path.write_bytes(b"".join((o if isinstance(o, bytes) else orjson.dumps(o)) + b"\n" for o in objs))


def test_read_records_gives_models(tmp_path):
    path = tmp_path / "run.jsonl"
    write(path, DOC, b"", ERROR)
    docs = pipeline.read_records(path)
    assert [type(d) for d in docs] == [Document, ErrorDocument]
    assert docs[0].attributions[0].cue.text == "Volgens"
    assert docs[1].error.type == "EmptyText"


@pytest.mark.parametrize("line, message", [
    (b"{oops", "run.jsonl:2: not valid JSON"),
    (b"[1, 2]", "run.jsonl:2: a line must be a JSON object"),
    (orjson.dumps({**DOC, "doc_id": "bad", "weapons": [{**DOC["weapons"][0], "category": "wunderwaffe"}]}),
     "run.jsonl:2: doc_id 'bad': weapons.0.category: Input should be"),
    (orjson.dumps({**DOC, "doc_id": "bad2", "quantities": [{**DOC["quantities"][0], "start": -1}]}),
     "run.jsonl:2: doc_id 'bad2': quantities.0.start: Input should be greater than or equal to 0"),
])
def test_read_records_names_the_line_of_a_bad_record(tmp_path, line, message):
    path = tmp_path / "run.jsonl"
    write(path, DOC, line)
    with pytest.raises(RecordsError) as exc:
        pipeline.read_records(path)
    assert message in str(exc.value)


def test_tables_flatten_spans_and_skip_error_lines():
    docs = [Document.model_validate(DOC), ErrorDocument.model_validate(ERROR)]
    table, skipped = to_table("attributions", docs)
    assert skipped == 1 and table.num_rows == 1
    row = table.to_pylist()[0]
    assert row["doc_id"] == "d1" and row["date"] == "2024-03" and row["url"] == "https://example.org/a"
    assert (row["cue_start"], row["cue_end"], row["cue_text"]) == (0, 7, "Volgens")
    assert (row["source_text"], row["content_start"], row["content_text"]) == ("Kyiv", None, None)
    assert "cue" not in table.column_names and "optional" not in table.column_names
    transfers, _ = to_table("transfers", docs)
    assert transfers.to_pylist()[0]["evidence_text"] == "leverde Duitsland 18 Leopard 2A6-tanks"


def test_empty_tables_keep_typed_columns():
    table, _ = to_table("quantities", [])
    assert table.num_rows == 0
    assert table.schema == table_schema("quantities")
    assert str(table.schema.field("value").type) == "double"
    assert str(table.schema.field("start").type) == "int64"
    assert table.column_names[:3] == ["doc_id", "date", "url"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_writes_one_row_per_record(tmp_path, fmt):
    src = tmp_path / "run.jsonl"
    write(src, DOC, ERROR, {**DOC, "doc_id": "d3"})
    out = tmp_path / f"weapons.{fmt}"
    assert export(src, "weapons", fmt, out) == (2, 1)
    table = pacsv.read_csv(out) if fmt == "csv" else pq.read_table(out)
    assert table.column("doc_id").to_pylist() == ["d1", "d3"]
    assert table.column("name").to_pylist() == ["Leopard 2A6"] * 2
    assert table.column("in_lexicon").to_pylist() == [True, True]
