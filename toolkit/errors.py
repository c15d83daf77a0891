"""Exception classes: user mistakes and backend failures are kept apart.

The CLI turns every `FazhiError` into one line on stderr and an exit code.
"""

from __future__ import annotations


class FazhiError(Exception):
    """Base class for errors the toolkit reports to the user without a traceback."""

    exit_code = 2


class InputError(FazhiError):
    """A file or value the user gave cannot be used (unreadable, not text, malformed)."""

    exit_code = 2


class ConfigError(FazhiError):
    """A configuration or data file of the toolkit is invalid."""

    exit_code = 2


class BackendError(FazhiError):
    """A model backend failed after its retries."""

    exit_code = 3
