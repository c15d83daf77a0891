"""`fazhi parse`, `fazhi check`, `fazhi fix`: one document read, judged or mended."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..check import CheckSettings, check_file
from ..check.findings import codes
from ..errors import InputError
from ..facts import load_fact_sheet
from ..i18n import N_, _
from ..output.render import (
    codes_table,
    print_parse,
)
from ..parse.parser import parse_file
from .common import CheckFormat, Format, emit_json, print_findings, wide_terminal


def parse(
    file: Annotated[
        Path,
        typer.Argument(help=N_("Report file (.txt, .md, .docx, .pdf, .html, .doc, .wps, .rtf, .odt).")),
    ],
    format: Annotated[Format, typer.Option("--format", "-f", help=N_("table or json"))] = "table",
) -> None:
    """Parse a report: title, year, issuer, level, date and the heading tree."""
    report = parse_file(file)
    if format == "json":
        emit_json(report.to_dict())
    else:
        print_parse(report, Console())


def check(
    file: Annotated[
        Path | None, typer.Argument(help=N_("Draft to check (.txt, .md, .docx, .pdf, .html, .doc…)."))
    ] = None,
    year: Annotated[
        int | None, typer.Option(help=N_("Year reported on (default: read from the draft)."))
    ] = None,
    facts: Annotated[
        Path | None, typer.Option(help=N_("Fact sheet (YAML) to check numbers and names against."))
    ] = None,
    format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help=N_("table, concise or json (default: table on a wide terminal)")
        ),
    ] = None,
    select: Annotated[
        str | None, typer.Option(help=N_("Only these codes or prefixes, e.g. N,T505."))
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help=N_("Skip these codes or prefixes, e.g. T506."))
    ] = None,
    deadline: Annotated[
        str | None, typer.Option(help=N_("Publication deadline in year Y+1 as MM-DD (default 04-01)."))
    ] = None,
    list_codes: Annotated[
        bool, typer.Option("--list-codes", help=N_("Print every rule code and exit."))
    ] = False,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help=N_("Also write a .docx copy with every finding as a Word comment (the input is not changed)."),
        ),
    ] = None,
) -> None:
    """Check a draft against the outline and the genre's rules. Exit 1 if any error is found."""
    if list_codes:
        if format == "json":
            emit_json({code: info.model_dump() for code, info in codes().items()})
        elif format == "concise" or (format is None and not wide_terminal()):
            for code, info in codes().items():
                fix = _("fixable") if info.fixable else "-"
                print(f"{code} {info.severity} {fix} {info.title}")
        else:
            Console().print(codes_table())
        return
    if file is None:
        raise InputError(_("give a FILE to check (or --list-codes)"))
    if deadline is not None and not re.fullmatch(
        r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", deadline
    ):
        raise InputError(
            _("--deadline {value}: write it as MM-DD, e.g. 03-01").format(value=repr(deadline))
        )
    sheet = load_fact_sheet(facts) if facts else None
    options = dict(
        year=year,
        facts=sheet,
        select=select,
        ignore=ignore,
        settings=CheckSettings(deadline=deadline),
    )
    if annotate is not None:
        from ..review import annotate_file

        done = annotate_file(file, annotate, **options)
        result = done.result
    else:
        result = check_file(file, **options)  # type: ignore[arg-type]
    print_findings(result, format)
    if annotate is not None:
        print(
            _("fazhi: wrote {out}: {at_place} comment(s) at their place, {at_title} gathered "
              "at the title").format(out=done.out, at_place=done.at_place, at_title=done.at_title),
            file=sys.stderr,
        )
    raise typer.Exit(result.exit_code)


def fix(
    file: Annotated[Path, typer.Argument(help=N_("Draft to fix (.txt, .md or .docx)."))],
    write: Annotated[
        bool, typer.Option("--write", help=N_("Rewrite FILE (text: in place; .docx: tracked changes)."))
    ] = False,
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help=N_("Write the fixed copy here instead."))
    ] = None,
    select: Annotated[
        str | None, typer.Option(help=N_("Only these codes or prefixes, e.g. T505,T506."))
    ] = None,
    ignore: Annotated[str | None, typer.Option(help=N_("Leave these codes or prefixes."))] = None,
    year: Annotated[
        int | None, typer.Option(help=N_("Year reported on (default: read from the draft)."))
    ] = None,
) -> None:
    """Make the safe mechanical fixes (see `fazhi check --list-codes`, column fixable).

    Text: a unified diff on stdout, or the file rewritten (--write) or copied (-o). Word:
    the fixes as tracked changes by fazhi in a copy (-o) or the file (--write). Exit 1 if
    error findings remain (they need a person).
    """
    from ..review import fix_file

    done = fix_file(file, write=write, out=out, select=select, ignore=ignore, year=year)
    if done.diff and done.written is None:
        sys.stdout.write(done.diff)
    elif done.source.format == "docx" and done.written is None:
        for fx in done.applied:
            for e in fx.edits:
                print(f"{file}:{e.line}: {fx.code} {e.old!r} -> {e.new!r}")
    err = sys.stderr
    codes_fixed = sorted({f.code for f in done.fixed})
    summary = _("fazhi: fixed {n} finding(s) ({codes}) with {edits} edit(s)").format(
        n=len(done.fixed), codes=", ".join(codes_fixed) or _("none"), edits=len(done.edits))
    if done.written:
        summary += _("; wrote {path}").format(path=done.written)
    else:
        summary += _("; nothing written (use --write or -o OUT)")
    print(summary, file=err)
    for f, why in done.left:
        print(_("fazhi: not fixed: {where}: {code} {why}").format(
            where=f"{file}:{f.line}", code=f.code, why=why), file=err)  # fmt: skip
    person = [f for f in done.remaining if not f.fixable]
    if person:
        print(_("fazhi: {n} finding(s) need a person: {codes}").format(
            n=len(person), codes=", ".join(sorted({f.code for f in person}))), file=err)  # fmt: skip
    raise typer.Exit(1 if any(f.severity == "error" for f in done.remaining) else 0)
