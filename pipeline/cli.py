"""The ``wapenradar`` command line (also ``python -m pipeline``)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import List, Optional

import orjson
import typer

from .records import KINDS

app = typer.Typer(
    help="Wapenradar: Dutch defence news → weapons, quantities, attributions and transfers as JSON records "
         "(contract: ANNOTATION.md, schema: `wapenradar schema`).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("wapenradar")
BUNDLED_GOLD = ("seed.gold.jsonl", "fixtures.gold.jsonl", "blind.gold.jsonl", "heldout.gold.jsonl",
                "unseen.gold.jsonl", "unseen2.gold.jsonl", "unseen3.gold.jsonl", "final.gold.jsonl",
                "fresh.gold.jsonl", "fresh2.gold.jsonl", "late.gold.jsonl", "late2.gold.jsonl")


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="wapenradar: %(message)s",
                        stream=sys.stderr)


def _kinds(value: Optional[str]) -> tuple[str, ...]:
    if not value:
        return KINDS
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise typer.BadParameter(f"unknown kind(s) {', '.join(bad)}; choose from {', '.join(KINDS)}")
    return kinds


def corpus_dir() -> Path:
    """The bundled ``corpus/`` folder (next to the package in a checkout)."""
    return Path(__file__).resolve().parent.parent / "corpus"


def _load_nlp(model: Optional[str]):
    from .language import ModelNotFound, load
    from .patterns import PatternError

    try:
        return load(model)
    except (ModelNotFound, PatternError) as exc:
        typer.echo(f"wapenradar: {exc}", err=True)
        raise typer.Exit(2)


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Articles: .txt files (doc_id = file stem), folders of them, "
                                                 ".jsonl files with doc_id (or id), text and optional date, url; "
                                                 "`-` reads standard input."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSON Lines here (atomically: a "
                                          "temporary file renamed at the end). Default: standard output."),
    model: Optional[str] = typer.Option(None, "--model", help="Base spaCy model: nl_core_news_sm (used "
                                        "automatically when installed), `blank`, or a name/path."),
    kinds: Optional[str] = typer.Option(None, "--kinds", help="Comma-separated record kinds to output "
                                        f"(default all: {','.join(KINDS)})."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Documents per nlp.pipe batch."),
    max_chars: int = typer.Option(200_000, "--max-chars", min=1, help="Longer texts become error lines."),
    time_budget: float = typer.Option(10.0, "--time-budget", min=0, help="Seconds one document may take; a "
                                      "document over it becomes an error line of type Timeout (0: no limit)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes to run; output order stays input order."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into -o from what it wrote."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any document failed."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no log lines."),
    engine: str = typer.Option("local", "--engine", help="`local` or `dask` (pip install wapenradar[dask])."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address for --engine dask "
                                            "(default: a local cluster of --workers processes)."),
    partition_size: int = typer.Option(1000, "--partition-size", min=1, help="Documents per Dask partition."),
) -> None:
    """Extract records from articles: one document object per input line, in input order."""
    from .runner import RunOptions, run

    _setup_logging(quiet)
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine {engine!r}; choose local or dask", param_hint="--engine")
    opts = RunOptions(inputs=inputs, output=output, model=model, kinds=_kinds(kinds), batch_size=batch_size,
                      max_chars=max_chars, time_budget=time_budget or None, workers=workers, resume=resume,
                      quiet=quiet, engine=engine, scheduler=scheduler, extra={"partition_size": partition_size})
    if engine == "dask":
        from .dask_engine import DaskUnavailable

        try:
            summary = run(opts, load_nlp=_load_nlp)
        except (DaskUnavailable, ValueError) as exc:
            typer.echo(f"wapenradar: {exc}", err=True)
            raise typer.Exit(2)
    else:
        summary = run(opts, load_nlp=_load_nlp)
    if not quiet:
        typer.echo(f"wapenradar: {summary.line()}", err=True)
    if summary.nothing_read:
        if not quiet:
            typer.echo("wapenradar: no input could be read", err=True)
        raise typer.Exit(2)
    if strict and summary.failed:
        raise typer.Exit(1)


def _read_jsonl(path: Path) -> list[dict]:
    from .jsonl import Unreadable, iter_lines

    out = []
    try:
        for n, obj, problem in iter_lines(path):
            if problem is not None:
                typer.echo(f"wapenradar: {path}:{n}: {problem}", err=True)
                raise typer.Exit(2)
            out.append(obj)
    except Unreadable as exc:
        typer.echo(f"wapenradar: {exc}", err=True)
        raise typer.Exit(2)
    return out


def bundled_gold() -> list[dict]:
    return [d for name in BUNDLED_GOLD if (corpus_dir() / name).exists() for d in _read_jsonl(corpus_dir() / name)]


@app.command()
def evaluate(
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold JSON Lines (ANNOTATION.md). Default: the "
                                        "bundled corpus (seed, fixtures and ten blind sets)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Score these predictions instead of running the "
                                        "pipeline on the gold texts."),
    model: Optional[str] = typer.Option(None, "--model", help="Base spaCy model (see extract)."),
    kinds: Optional[str] = typer.Option(None, "--kinds", help="Comma-separated kinds to score."),
    max_errors: int = typer.Option(60, "--max-errors", min=0, help="How many misses/false hits to list."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No log lines."),
    diff: bool = typer.Option(False, "--diff", help="Show each miss and false hit in its sentence, the span "
                              "marked [[…]], with the pattern id that produced it."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report here: "
                                        "gold and predicted spans side by side, scores, errors linked into the text."),
) -> None:
    """Precision, recall and F1 per kind and per pattern against gold, then the misses and false hits."""
    from .batch import process
    from .evaluate import format_report, score
    from .io import InputDoc

    _setup_logging(quiet)
    gold_docs = _read_jsonl(gold) if gold else bundled_gold()
    if not gold_docs:
        typer.echo("wapenradar: no gold documents to evaluate", err=True)
        raise typer.Exit(2)
    k = _kinds(kinds)
    if pred is not None:
        pred_docs = _read_jsonl(pred)
    else:
        nlp = _load_nlp(model)
        items = [InputDoc(g["doc_id"], g["text"], g.get("date"), g.get("url"), g["doc_id"]) for g in gold_docs]
        pred_docs = list(process(nlp, items, kinds=k, detect_language=False))
    report = score(gold_docs, pred_docs, k)
    typer.echo(format_report(report, errors=max_errors > 0 and not diff, max_errors=max_errors))
    if diff:
        from .evaluate import format_diff

        typer.echo(format_diff(report, max_errors=max_errors))
    if html is not None:
        from .html_report import write_report

        write_report(html, gold_docs, pred_docs, report)
        typer.echo(f"wapenradar: wrote {html}", err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an output line."""
    from .schema import output_schema

    typer.echo(orjson.dumps(output_schema(), option=orjson.OPT_INDENT_2).decode())


def _register_tools() -> None:
    """Commands for pattern tuning and downstream import live in their own module."""
    try:
        from .cli_tools import register
    except ImportError:  # pragma: no cover - the module ships with the package
        return
    register(app)


_register_tools()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
