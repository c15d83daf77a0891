"""Until toolkit.i18n lands: the same `_` (messages stay English msgids)."""

from __future__ import annotations

try:
    from ..i18n import _  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - before the i18n commit

    def _(message: str) -> str:
        return message


__all__ = ["_"]
