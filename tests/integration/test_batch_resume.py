"""A real `wapenradar extract` process killed with SIGKILL half-way, then --resume: the same bytes as an uninterrupted run."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.runner import RunOptions, partial_path, run

N_DOCS = 400


@pytest.mark.slow
def test_sigkill_then_resume_equals_uninterrupted_run(nlp, make_jsonl, tmp_path: Path) -> None:
    src = make_jsonl(tmp_path / "big.jsonl", N_DOCS, [b'{"doc_id": "e", "text": ""}', b"{broken"])
    expected = tmp_path / "expected.jsonl"
    run(RunOptions(inputs=[str(src)], output=expected, model="blank", batch_size=8, quiet=True),
        load_nlp=lambda _m: nlp)

    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(src), "-o", str(out), "--batch-size", "8",
           "--model", "blank"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    tmp = partial_path(out)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if tmp.exists() and tmp.read_bytes().count(b"\n") >= 40:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists(), "the output must only appear, renamed, at the end"
    written = tmp.read_bytes().count(b"\n")
    assert 40 <= written < N_DOCS

    resumed = subprocess.run(cmd + ["--resume"], capture_output=True, cwd=tmp_path, timeout=120)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"read {N_DOCS + 2}, extracted {N_DOCS}, failed 2" in resumed.stderr.decode()
    assert "resumed after" in resumed.stderr.decode()
    assert not tmp.exists()
    assert out.read_bytes() == expected.read_bytes()
