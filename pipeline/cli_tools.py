"""Commands for pattern tuners and data teams: explain, patterns check, annotate-check, pre-annotate, export.

:mod:`pipeline.cli` calls :func:`register`; the work is done in
:mod:`pipeline.explain`, :mod:`pipeline.pattern_check`, :mod:`pipeline.gold`
and :mod:`pipeline.export`, so this module only parses options and reports.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .records import KINDS

patterns_app = typer.Typer(help="Check the pattern and lexicon files in patterns/.", no_args_is_help=True,
                           add_completion=False, pretty_exceptions_enable=False)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"wapenradar: {message}", err=True)
    raise typer.Exit(code)


def _nlp(model: Optional[str], quiet: bool = True):
    from .cli import _load_nlp, _setup_logging

    _setup_logging(quiet)
    return _load_nlp(model)


def explain(
    text: str = typer.Argument(..., help="The text to explain; `-` reads it from standard input."),
    model: Optional[str] = typer.Option(None, "--model", help="Base spaCy model (see extract)."),
    width: int = typer.Option(0, "--width", min=0, help="Table width in characters (default: the terminal, "
                              "at least 140)."),
) -> None:
    """Show how one text is read: tokens, sentences, which patterns matched where, and the resulting records."""
    from rich.console import Console

    from .explain import explain as run_explain, render

    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        _fail("nothing to explain: the text is empty")
    ex = run_explain(_nlp(model), text)
    render(ex, Console(width=width or max(140, shutil.get_terminal_size((140, 24)).columns), highlight=False))


@patterns_app.command("check")
def patterns_check(
    patterns_dir: Optional[Path] = typer.Option(None, "--patterns-dir", help="Pattern folder to check "
                                                "(default: the one the pipeline loads)."),
    limit: int = typer.Option(30, "--limit", min=0, help="Ids listed per file for never-fired entries; 0 = all."),
    strict: bool = typer.Option(False, "--strict", help="Also exit 1 on duplicate ids or aliases claimed twice."),
    model: Optional[str] = typer.Option(None, "--model", help="Base spaCy model used to fire the patterns."),
) -> None:
    """Validate every pattern file, report duplicate ids, aliases claimed twice, and patterns that never fire."""
    from .cli import _setup_logging
    from .pattern_check import check_patterns, format_result

    _setup_logging(True)
    res = check_patterns(patterns_dir, model=model)
    out = format_result(res, limit=limit)
    if not res.ok:
        typer.echo(out, err=True)
        raise typer.Exit(1)
    typer.echo(out)
    if strict and (res.duplicate_ids or res.shared_aliases):
        raise typer.Exit(1)


def annotate_check(
    files: List[Path] = typer.Argument(..., help="Gold JSON Lines files (ANNOTATION.md), e.g. corpus/*.gold.jsonl."),
) -> None:
    """Validate gold files against ANNOTATION.md: one `FILE:LINE: problem` per problem; exit 1 when any."""
    from .gold import check_files

    problems = check_files(files)
    for p in problems:
        typer.echo(p)
    if problems:
        typer.echo(f"wapenradar: {len(problems)} problem(s) in {len(files)} file(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"wapenradar: {len(files)} gold file(s) OK", err=True)


def pre_annotate(
    articles: List[str] = typer.Argument(..., help="Articles (.txt, folders, .jsonl; as for extract)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the gold draft here "
                                          "(default: standard output)."),
    model: Optional[str] = typer.Option(None, "--model", help="Base spaCy model (see extract)."),
) -> None:
    """Write the pipeline's records in gold format (ids w1/q1/a1/t1) as a starting point for an annotator."""
    from .batch import process
    from .gold import iter_gold_lines
    from .io import iter_inputs

    nlp = _nlp(model)
    docs, failed = [], 0
    for d in process(nlp, iter_inputs(articles), detect_language=False):
        if "error" in d:
            failed += 1
            typer.echo(f"wapenradar: {d['error']['message']}", err=True)
        else:
            docs.append(d)
    data = b"".join(iter_gold_lines(docs))
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        typer.echo(f"wapenradar: wrote {len(docs)} gold draft(s) to {output}", err=True)
    if not docs:
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(1)


def export(
    input_path: Path = typer.Argument(..., metavar="INPUT.jsonl", help="A run of `wapenradar extract`."),
    fmt: str = typer.Option(..., "--format", help="csv or parquet."),
    table: str = typer.Option(..., "--table", help=f"One of {', '.join(KINDS)}."),
    output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
) -> None:
    """Flatten one record kind of a JSONL run into a CSV or Parquet table (one row per record)."""
    from .export import FORMATS, RecordsError, export as run_export

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    if table not in KINDS:
        raise typer.BadParameter(f"choose from {', '.join(KINDS)}", param_hint="--table")
    try:
        rows, skipped = run_export(input_path, table, fmt, output)
    except RecordsError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wapenradar: {rows} {table} row(s) to {output}; {skipped} error line(s) skipped", err=True)


def register(app: typer.Typer) -> None:
    """Add the tool commands to the ``wapenradar`` app."""
    app.command("explain")(explain)
    app.add_typer(patterns_app, name="patterns")
    app.command("annotate-check")(annotate_check)
    app.command("pre-annotate")(pre_annotate)
    app.command("export")(export)
