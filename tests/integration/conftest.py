"""Integration fixtures: the bundled corpus run once per session, and the CLI wired to the session pipeline."""
from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from pipeline.batch import process
from pipeline.io import iter_inputs

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "corpus" / "articles"


@pytest.fixture(scope="session")
def corpus_run(nlp, tmp_path_factory) -> Path:
    """``wapenradar extract corpus/articles`` as a JSONL file (in-process, with the session pipeline)."""
    path = tmp_path_factory.mktemp("run") / "corpus.jsonl"
    docs = list(process(nlp, iter_inputs([ARTICLES]), detect_language=False))
    path.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
    return path


@pytest.fixture()
def cli(nlp, monkeypatch):
    """A CliRunner on the ``wapenradar`` app whose commands reuse the session pipeline instead of loading one."""
    from typer.testing import CliRunner

    import pipeline.cli as cli_module

    monkeypatch.setattr(cli_module, "_load_nlp", lambda model: nlp)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli_module.app, list(args), input=input, catch_exceptions=False)

    return invoke


# -- batch runner (issue 5) ---------------------------------------------------------------------
def _batch_paragraphs() -> list[str]:
    return [p.strip() for f in sorted(ARTICLES.glob("*.txt"))
            for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]


@pytest.fixture(scope="session")
def make_jsonl():
    """``make_jsonl(path, n, extra=(), prefix="doc")``: ``n`` short articles (doc-0000 ...) recombined from the
    bundled paragraphs, then the raw ``extra`` lines, as a JSONL input file."""
    paragraphs = _batch_paragraphs()

    def make(path: Path, n: int, extra=(), prefix: str = "doc") -> Path:
        with open(path, "wb") as fh:
            for i in range(n):
                text = "\n\n".join(paragraphs[(i * 7 + k) % len(paragraphs)] for k in range(1 + i % 3))
                fh.write(orjson.dumps({"doc_id": f"{prefix}-{i:04d}", "text": text}) + b"\n")
            for line in extra:
                fh.write(line + b"\n")
        return path

    return make
