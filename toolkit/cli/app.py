"""The `fazhi` app assembled: every command group registered in one place, and the entry
point that turns user errors into one line and an exit code."""

from __future__ import annotations

import os
import sys

import typer

from ..errors import FazhiError
from ..i18n import _
from . import collect, corpus, demo, documents, drafting, survey, yoy

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help=_("Draft and check 法治政府建设年度报告."),
)

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
for _name, _command in COMMANDS.items():
    app.command(_name)(_command)


def main() -> None:
    """Entry point: user errors become one line on stderr and an exit code, never a traceback."""
    try:
        app()  # standalone: usage errors are reported by typer with exit code 2
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
