"""The Dask engine on a real two-process LocalCluster gives exactly the single-process output."""
from __future__ import annotations

import sys
from pathlib import Path

import orjson
import pytest

from pipeline.dask_engine import DaskUnavailable, concatenate, extract_with_dask, plan_partitions
from pipeline.runner import RunOptions, run

distributed = pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "corpus" / "articles"


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0")
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def inputs(make_jsonl, tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("dask-in")
    a = make_jsonl(d / "a.jsonl", 37, [b'{"doc_id": "e", "text": ""}', b"\xff bad", b"{broken"])
    b = make_jsonl(d / "b.jsonl", 12, [b'{"doc_id": "doc-0003", "text": "Dubbel."}'], prefix="b")
    return [str(a), str(ARTICLES), str(b), str(d / "missing.jsonl")]


@pytest.fixture(scope="module")
def local_output(nlp, inputs, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("dask-local") / "local.jsonl"
    run(RunOptions(inputs=inputs, output=out, model="blank", quiet=True), load_nlp=lambda _m: nlp)
    return out.read_bytes()


@pytest.mark.slow
def test_dask_parts_equal_local_output(client, inputs, local_output, tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    manifest = extract_with_dask(inputs, parts, client=client, model="blank", partition_size=10)
    assert len(manifest["parts"]) >= 6  # the files were really split over partitions
    assert [p["file"] for p in manifest["parts"]] == [f"part-{i:05d}.jsonl" for i in range(len(manifest["parts"]))]
    on_disk = orjson.loads((parts / "manifest.json").read_bytes())
    assert on_disk == manifest and manifest["schema_version"] == "1.0" and manifest["inputs"] == inputs
    joined = b"".join((parts / p["file"]).read_bytes() for p in manifest["parts"])
    assert joined == local_output
    n_lines = local_output.count(b"\n")
    n_errors = sum(1 for x in local_output.splitlines() if "error" in orjson.loads(x))
    c = manifest["counts"]
    assert (c["read"], c["extracted"], c["failed"], c["unreadable"]) == (n_lines, n_lines - n_errors, n_errors, 1)
    assert manifest["duplicate_doc_ids"] == ["doc-0003"]
    assert [p["docs"] for p in manifest["parts"]] == [(parts / p["file"]).read_bytes().count(b"\n")
                                                      for p in manifest["parts"]]

    # resume: a missing part is recomputed, complete ones are kept as they are
    (parts / "part-00002.jsonl").unlink()
    kept = (parts / "part-00001.jsonl").stat().st_mtime_ns
    again = extract_with_dask(inputs, parts, client=client, model="blank", partition_size=10, resume=True)
    assert (parts / "part-00001.jsonl").stat().st_mtime_ns == kept
    with open(tmp_path / "joined.jsonl", "wb") as sink:
        concatenate(parts, sink, again)
    assert (tmp_path / "joined.jsonl").read_bytes() == local_output


@pytest.mark.slow
def test_cli_engine_dask_with_scheduler(cli, client, inputs, local_output, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = cli("extract", *inputs, "-o", str(out), "--engine", "dask", "--scheduler", client.scheduler.address,
              "--partition-size", "25", "--model", "blank")
    assert res.exit_code == 0, res.stderr
    assert out.read_bytes() == local_output
    assert not (tmp_path / "out.jsonl.parts").exists() and not (tmp_path / "out.jsonl.partial").exists()
    manifest = orjson.loads((tmp_path / "out.jsonl.manifest.json").read_bytes())
    assert sum(p["docs"] for p in manifest["parts"]) == local_output.count(b"\n")
    assert "1 duplicate doc_id(s): doc-0003" in res.stderr


def test_plan_keeps_input_order_and_splits_files(inputs) -> None:
    plan = plan_partitions(inputs, 10)
    sources = [src for part in plan for src in part]
    txt = sorted(str(p) for p in ARTICLES.glob("*.txt"))
    names = [src[1] for src in sources if src[0] != "error"]
    first_txt = names.index(txt[0])
    assert set(names[:first_txt]) == {inputs[0]} and names[first_txt:first_txt + len(txt)] == txt
    assert set(names[first_txt + len(txt):]) == {inputs[2]}
    assert sources[-1][:3] == ("error", "missing", "Unreadable")
    a_ranges = [src for src in sources if src[0] == "jsonl" and src[1] == inputs[0]]
    assert len(a_ranges) == 4 and all(r1[4] == r2[3] for r1, r2 in zip(a_ranges, a_ranges[1:]))


def test_missing_dask_is_a_clear_error(cli, monkeypatch, inputs, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(DaskUnavailable, match=r"pip install 'wapenradar\[dask\]'"):
        extract_with_dask(inputs, tmp_path / "p")
    res = cli("extract", inputs[0], "--engine", "dask", "-o", str(tmp_path / "o.jsonl"))
    assert res.exit_code == 2 and "pip install 'wapenradar[dask]'" in res.stderr
