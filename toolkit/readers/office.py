"""Other office formats (.doc, .wps, .rtf, .odt): converted to .docx by LibreOffice
(`soffice --headless`), then read as .docx. Each conversion uses its own temporary
LibreOffice profile, so parallel runs do not wait on each other's lock."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..i18n import _
from .document import Document
from .plain import plausible_text

CONVERT_TIMEOUT_S = 120
INSTALL_HINT = "apt-get install libreoffice-writer-nogui"


def soffice_path() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, out_dir: Path) -> Path:
    """`path` converted to .docx in `out_dir`; `InputError` naming what went wrong."""
    exe = soffice_path()
    if exe is None:
        raise InputError(
            _("{path}: reading {suffix} files needs LibreOffice, which is not installed "
              "(`{hint}`), or save the file as .docx").format(
                path=path, suffix=path.suffix, hint=INSTALL_HINT)
        )  # fmt: skip
    profile = out_dir / "profile"
    # Copy under a plain name: LibreOffice trips over some characters in paths.
    # A ".docx" that needs converting is really an old binary file (or RTF): LibreOffice
    # would write its .docx over the copy, so the copy is named as a .doc.
    suffix = path.suffix.lower()
    src = out_dir / f"input{'.doc' if suffix == '.docx' else suffix}"
    shutil.copyfile(path, src)
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(src)]  # fmt: skip
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise InputError(
            _("{path}: LibreOffice did not convert the file within {seconds} s").format(
                path=path, seconds=CONVERT_TIMEOUT_S
            )
        ) from None
    out = out_dir / "input.docx"
    if done.returncode != 0 or not out.exists():
        why = (done.stderr or done.stdout).strip().splitlines()
        if why:
            message = _("{path}: LibreOffice could not convert the file ({why})")
        else:
            message = _("{path}: LibreOffice could not convert the file; is it "
                        "password-protected or damaged?")  # fmt: skip
        raise InputError(message.format(path=path, why=why[-1][:120] if why else ""))
    return out


def read_office(path: Path, fmt: str) -> Document:
    """A .doc/.wps/.rtf/.odt report, read through a .docx made by LibreOffice."""
    from .word import read_docx

    with tempfile.TemporaryDirectory(prefix="fazhi-lo-") as tmp:
        converted = convert_to_docx(path, Path(tmp))
        try:
            doc = read_docx(converted, fmt)
        except InputError as exc:
            raise InputError(str(exc).replace(str(converted), str(path))) from None
    if not plausible_text(doc.text):
        # LibreOffice imports what no filter recognises as plain text: noise, not a report.
        raise InputError(
            _("{path}: LibreOffice could not read it as a document; is it damaged?").format(
                path=path
            )
        )
    doc.path = path
    doc.encoding = fmt
    return doc
