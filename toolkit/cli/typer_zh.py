"""Typer's own words in the user's language: the help panels' titles, "Usage:", the help
option, option helps, and usage errors as one line.

Typer 0.29 vendors click (`typer._click`) and writes these strings in English: the panel
titles are module constants of `typer.rich_utils` (set here when the app is built), the help
option and the usage line come from the command classes (subclassed here), and usage errors
are English f-strings, which `usage_error_line` rebuilds from the exception's fields (or
matches, for the few that carry only a message). pyproject pins typer to 0.29.x for this;
tests/test_cli_language.py fails if an upgrade changes the wording."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError
from typer import rich_utils
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from ..i18n import N_, _, validation_message


def localise_typer() -> None:
    """Set typer's panel titles and labels in the current language (read at help time)."""
    rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    rich_utils.ERRORS_PANEL_TITLE = _("Error")
    rich_utils.ABORTED_TEXT = _("Aborted.")
    rich_utils.DEFAULT_STRING = _("[default: {}]")
    rich_utils.REQUIRED_LONG_STRING = _("[required]")
    rich_utils.ENVVAR_STRING = _("[env var: {}]")
    rich_utils.DEPRECATED_STRING = _("(deprecated) ")
    rich_utils.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")


class _Localised:
    """Mixed into typer's command classes: option helps (written with `N_`) translated when
    the command is built, the help option's help and the usage prefix in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:  # type: ignore[attr-defined]
            if getattr(param, "help", None):
                param.help = _(param.help)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))


class Command(_Localised, TyperCommand):
    """A fazhi command (see `_Localised`)."""


class Group(_Localised, TyperGroup):
    """The fazhi app (see `_Localised`)."""


def _hint(exc: click_errors.BadParameter) -> str | None:
    if exc.param_hint is not None:
        hint: Any = exc.param_hint
    elif exc.param is not None:
        hint = exc.param.get_error_hint()
    else:
        return None
    return click_errors._join_param_hints(hint)


_CHOICE = re.compile(r"^(?P<value>.+) is not one of (?P<choices>.+)\.$", re.S)
_NOT_VALID = re.compile(r"^Value (?P<value>.+) is not a valid (?P<label>\w+)\.$", re.S)


def _bad_value(exc: click_errors.BadParameter) -> str:
    """What is wrong with the value, without click's prefix."""
    text = exc.message
    cause = exc.__cause__
    if isinstance(cause, ValidationError) and cause.errors():
        err = cause.errors()[0]
        text = validation_message(err)
        if err.get("type") not in ("value_error", "assertion_error"):
            return _("{value}: {why}").format(value=repr(err.get("input")), why=text)
    if m := _CHOICE.match(text):
        return _("{value} is not one of {choices}").format(**m.groupdict())
    if m := _NOT_VALID.match(text):
        return _("{value} is not a valid {label}").format(**m.groupdict())
    return text


_FIXED: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S),
     N_("Got unexpected extra argument(s) ({args})")),
    (re.compile(r"^No such command (?P<name>'.*?')\.(?: Did you mean (?P<like>.+)\?)?$", re.S), ""),
    (re.compile(r"^Missing command\.$"), N_("Missing command.")),
    (re.compile(r"^Option (?P<name>'.*?') requires an argument\.$"),
     N_("Option {name} requires a value.")),
    (re.compile(r"^Option (?P<name>'.*?') requires (?P<n>\d+) arguments\.$"),
     N_("Option {name} requires {n} values.")),
    (re.compile(r"^Option (?P<name>'.*?') does not take a value\.$"),
     N_("Option {name} does not take a value.")),
    (re.compile(r"^Argument (?P<name>'.*?') takes (?P<n>\d+) values\.$"),
     N_("Argument {name} takes {n} values.")),
]  # fmt: skip


def _usage_message(exc: click_errors.UsageError) -> str:
    if isinstance(exc, click_errors.MissingParameter):
        hint = _hint(exc) or ""
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        if kind == "argument":
            return _("Missing argument {name}.").format(name=hint)
        if kind == "option":
            return _("Missing option {name}.").format(name=hint)
        return _("Missing parameter {name}.").format(name=hint)
    if isinstance(exc, click_errors.BadParameter):
        hint = _hint(exc)
        if hint is None:
            return _("Invalid value: {why}").format(why=_bad_value(exc))
        return _("Invalid value for {name}: {why}").format(name=hint, why=_bad_value(exc))
    if isinstance(exc, click_errors.NoSuchOption):
        text = _("No such option: {name}").format(name=exc.option_name)
        if exc.possibilities:
            like = ", ".join(sorted(exc.possibilities))
            text += _(" (did you mean {options}?)").format(options=like)
        return text
    for pattern, msgid in _FIXED:
        if m := pattern.match(exc.message):
            if not msgid:  # No such command, perhaps with suggestions
                text = _("No such command {name}.").format(name=m["name"])
                if m["like"]:
                    text += _(" (did you mean {options}?)").format(options=m["like"])
                return text
            return _(msgid).format(**m.groupdict())
    return exc.message


def usage_error_line(exc: click_errors.UsageError) -> str:
    """A click usage error as one line in the user's language, with where to read more."""
    message = " ".join(_usage_message(exc).split())
    if exc.ctx is None:
        return message
    return _("{message} (see `{command} --help`)").format(
        message=message, command=exc.ctx.command_path
    )
