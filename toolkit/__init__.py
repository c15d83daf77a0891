"""fazhi-toolkit: draft and check the annual rule-of-law government reports of S&T bureaus."""

from .errors import BackendError, ConfigError, FazhiError, InputError
from .outline import OutlineSpec, default_outline, load_outline
from .output import html as _html  # noqa: F401  registers the notebook views of the records
from .parse.parser import parse_file, parse_text
from .parse.report import ParsedReport, SectionNode

__version__ = "0.1.0"

__all__ = [
    "BackendError",
    "ConfigError",
    "FazhiError",
    "InputError",
    "OutlineSpec",
    "ParsedReport",
    "SectionNode",
    "default_outline",
    "load_outline",
    "parse_file",
    "parse_text",
]
