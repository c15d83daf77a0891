"""Read a Word .docx report into text."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def read_docx_text(path: Path) -> str:
    """The paragraphs of a .docx as text; `InputError` if it is not a Word document."""
    import zipfile

    try:
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError

        doc = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, OSError) as exc:
        raise InputError(
            f"{path}: not a readable .docx ({type(exc).__name__}); save it again from Word/WPS"
        ) from None
    except Exception as exc:  # malformed XML inside a zip
        raise InputError(f"{path}: not a readable .docx ({type(exc).__name__})") from None
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" ".join(c.text for c in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(f"{path}: the document has no text")
    return text
