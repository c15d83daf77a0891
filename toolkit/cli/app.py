"""The `fazhi` app assembled: every command group registered in one place, and the entry
point that turns user errors into one line and an exit code."""

from __future__ import annotations

import os
import sys

import typer
from typer._click import exceptions as click_errors

from ..errors import FazhiError
from ..i18n import _
from . import collect, corpus, demo, documents, drafting, survey, yoy
from .typer_zh import Command, Group, localise_typer, usage_error_line

# Command name -> the function behind it, in the order `fazhi --help` lists them.
COMMANDS = {
    "parse": documents.parse,
    "check": documents.check,
    "fix": documents.fix,
    "ingest": corpus.ingest_cmd,
    "search": corpus.search_cmd,
    "embed": corpus.embed_cmd,
    "corpus": corpus.corpus_cmd,
    "collect": collect.collect_cmd,
    "draft": drafting.draft,
    "batch": drafting.batch,
    "extract": yoy.extract,
    "compare": yoy.compare,
    "survey": survey.survey,
    "outline": drafting.outline,
    "demo": demo.demo,
}


def command_help() -> dict[str, str]:
    """Each command's help in the current language (the docstrings are for developers)."""
    return {
        "parse": _("Parse a report: title, year, issuer, level, date and the heading tree."),
        "check": _("Check a draft against the outline and the genre's rules. "
                   "Exit 1 if any error is found."),
        "fix": _("Make the safe mechanical fixes (see `fazhi check --list-codes`, column "
                 "fixable).\n\nText: a unified diff on stdout, or the file rewritten (--write) "
                 "or copied (-o). Word: the fixes as tracked changes by fazhi in a copy (-o) or "
                 "the file (--write). Exit 1 if error findings remain (they need a person)."),
        "ingest": _("Add reports to the corpus store; files already stored are skipped, "
                    "bad files reported."),
        "search": _("Search the corpus (BM25, optionally fused with embeddings) with filters."),
        "embed": _("Embed every chunk not yet embedded with MODEL, through OPENAI_BASE_URL "
                   "(resumable)."),
        "corpus": _("Summarise the corpus store (reports, sections, chunks per year and level)."),
        "collect": _("Collect published reports into the corpus: polite fetching, attachments, "
                     "the genre check, duplicates; a rerun fetches only what is missing or "
                     "failed."),
        "draft": _("Draft a report from a fact sheet. Exit 0: no error finding; 1: error "
                   "findings; 3: backend failed."),
        "batch": _("Draft every bureau in a table; resumable; a failing bureau does not stop "
                   "the others."),
        "extract": _("A fact sheet from an existing report; comments mark what to check. "
                     "Exit 2: not this genre."),
        "compare": _("Year over year: facts only in one year, changed quantities, last year's "
                     "plans followed up."),
        "survey": _("Survey published reports: dates, days late, parts, specificity, data, "
                    "checker findings, a score by profile; aggregates by province, level, "
                    "department and year; a league table."),
        "outline": _("The outline: section ids and topic ids to use in fact sheets and filters."),
        "demo": _("The main job on the bundled data: index the reference reports, search, check."),
    }  # fmt: skip


def build_app() -> typer.Typer:
    """The `fazhi` app in the language of the environment now (help, panels, usage)."""
    localise_typer()
    built = typer.Typer(
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        cls=Group,
        help=_("Draft and check 法治政府建设年度报告."),
    )
    helps = command_help()
    for name, command in COMMANDS.items():
        built.command(name, cls=Command, help=helps[name])(command)
    return built


app = build_app()  # for tests and tools that import it; `main` builds its own


def main() -> None:
    """Entry point: user errors become one line on stderr and an exit code, never a traceback."""
    try:
        code = build_app()(standalone_mode=False)  # usage errors come here, not to typer
    except click_errors.NoArgsIsHelpError as exc:
        print(exc.format_message(), file=sys.stderr)
        sys.exit(exc.exit_code)
    except click_errors.UsageError as exc:
        print(_("fazhi: error: {message}").format(message=usage_error_line(exc)), file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Abort:
        print(_("fazhi: interrupted"), file=sys.stderr)
        sys.exit(130)
    except FazhiError as exc:
        print(_("fazhi: error: {message}").format(message=exc), file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print(_("fazhi: interrupted"), file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("FAZHI_DEBUG"):
            raise
        message = _("fazhi: internal error: {kind}: {message} (set FAZHI_DEBUG=1 for details)")
        print(message.format(kind=type(exc).__name__, message=exc), file=sys.stderr)
        sys.exit(70)
    sys.exit(code if isinstance(code, int) else 0)
