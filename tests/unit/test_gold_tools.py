"""annotate-check (gold validation, ported from shared/tools/check_gold.py) and pre-annotate's gold shape."""
from __future__ import annotations

import copy

import orjson

from pipeline.gold import check_doc, check_file, check_files, to_gold

TEXT = " date 2024-03 Duitsland levert 18 Leopard 2A6-tanks aan Oekraïne, zegt minister Pistorius."


def at(s: str) -> dict:
    i = TEXT.index(s)
    return {"text": s, "start": i, "end": i + len(s)}


def gold_doc() -> dict:
    return {
        "doc_id": "leopard-synthetic", "date": "2024-03", "text": TEXT,
        "weapons": [{**at("Leopard 2A6"), "id": "w1", "name": "Leopard 2A6", "category": "tank", "origin": "DE"}],
        "quantities": [{**at("18"), "id": "q1", "value": 18, "low": None, "high": None, "approx": "exact",
                        "unit": "item", "measure": "delivered", "weapon": "Leopard 2A6", "weapon_class": None,
                        "owner": "Oekraïne", "attribution": "a1"}],
        "attributions": [{"id": "a1", "cue": at("zegt"), "source": at("minister Pistorius"),
                          "source_name": "Boris Pistorius", "source_type": "person",
                          "content": at("Duitsland levert 18 Leopard 2A6-tanks aan Oekraïne"), "kind": "indirect",
                          "stance": "assert", "hedged": False}],
        "transfers": [{"id": "t1", "supplier": "Duitsland", "supplier_country": "DE", "recipient": "Oekraïne",
                       "recipient_country": "UA", "weapon": "Leopard 2A6", "weapon_class": None, "quantity": "q1",
                       "status": "promised", "evidence": at("Duitsland levert 18 Leopard 2A6-tanks aan Oekraïne"),
                       "attribution": "a1"}],
    }


def test_a_correct_gold_document_has_no_problems():
    assert check_doc(gold_doc()) == []


def test_problems_name_the_record_and_what_is_wrong():
    d = gold_doc()
    d["weapons"][0]["start"] += 1                      # offsets no longer cut the text as written
    d["weapons"].append({**at("Leopard 2A6"), "id": "w1", "name": "", "category": "tank"})  # id twice, no name
    d["quantities"][0].update(approx="range", value=None)  # a range without bounds
    d["attributions"][0]["hedged"] = "false"            # a string is not a boolean in gold
    d["attributions"][0]["stance"] = "claims"
    d["transfers"][0].update(quantity="q9", weapon=None, status="sold")
    del d["transfers"][0]["weapon_class"]
    problems = check_doc(d)
    text = "\n".join(problems)
    assert "weapons[0] (w1): text[35:45] is 'eopard 2A6', not 'Leopard 2A6'" in text
    assert "weapons[1] (w1): id 'w1' is used twice in this document" in text
    assert "weapons[1] (w1): no name" in text
    assert "quantities[0] (q1): approx 'range' needs low and high" in text
    assert "attributions[0] (a1).hedged: Input should be a valid boolean" in text
    assert "attributions[0] (a1).stance: Input should be 'assert' or 'deny'" in text
    assert "transfers[0] (t1): quantity 'q9' does not exist" in text
    assert "transfers[0] (t1): needs weapon or weapon_class" in text
    assert "transfers[0] (t1).status:" in text
    assert len(problems) == len(set(problems))


def test_missing_lists_and_bad_date():
    d = gold_doc()
    del d["transfers"]
    d["date"] = "maart 2024"
    problems = check_doc(d)
    assert "'transfers' must be a list (write [] when there are none)" in problems
    assert "date 'maart 2024' is not YYYY-MM or YYYY-MM-DD" in problems


def test_file_problems_carry_file_and_line(tmp_path):
    good, bad = gold_doc(), gold_doc()
    bad["doc_id"] = "second"
    bad["quantities"][0]["measure"] = "sold"
    path = tmp_path / "x.gold.jsonl"
    path.write_bytes(orjson.dumps(good) + b"\n\n" + orjson.dumps(bad) + b"\n{not json\n")
    problems = check_file(path)
    assert problems[0].startswith(f"{path}:3: second: quantities[0] (q1).measure: Input should be")
    assert problems[1].startswith(f"{path}:4: not valid JSON")
    assert len(problems) == 2


def test_a_doc_id_used_twice_across_files(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(orjson.dumps(gold_doc()) + b"\n")
    b.write_bytes(orjson.dumps(gold_doc()) + b"\n")
    assert check_files([a, b]) == [f"{b}:1: leopard-synthetic: doc_id also used at {a}:1"]


def test_to_gold_renumbers_ids_updates_references_and_drops_extractor_fields():
    run = gold_doc()
    run.update(schema_version="1.0", url="https://example.org/x", language="nl")
    run["weapons"][0].update(id="w-9f00aa11bb", pattern="lexicon:leopard-2a6", system_id="leopard-2a6", in_lexicon=True)
    run["quantities"][0].update(id="q-0123456789", attribution="a-aaaaaaaaaa", pattern="number+counted-after")
    run["attributions"][0].update(id="a-aaaaaaaaaa", pattern="cue-zeggen:inverted")
    run["transfers"][0].update(id="t-bbbbbbbbbb", quantity="q-0123456789", attribution="a-aaaaaaaaaa",
                               pattern="tr-leveren")
    before = copy.deepcopy(run)
    g = to_gold(run)
    assert run == before  # the run is not modified
    assert list(g) == ["doc_id", "date", "text", "weapons", "quantities", "attributions", "transfers"]
    assert g == gold_doc()
    assert list(g["weapons"][0])[:4] == ["text", "start", "end", "id"]
    assert check_doc(g) == []
