"""The `fazhi` command, a thin layer over the library: one module per command group
(`documents`: parse/check/fix, `corpus`, `drafting`: draft/batch/outline, `yoy`, `demo`),
assembled in `app`. Each command's body calls the library function that does the work."""

from .app import COMMANDS, app, main

__all__ = ["COMMANDS", "app", "main"]
