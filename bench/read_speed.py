"""Reader throughput per format: the same report (tests/report_forms.py) read with
`read_document` again and again, in reports per second. Read only: parsing and checking
are measured by `check`. LibreOffice-made forms (PDF, .doc) need `soffice`."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.report_forms import build, soffice
from toolkit.readers import read_document

# Form -> how many reads to time (a .doc read runs LibreOffice, seconds each).
FORMS = {"txt": 200, "docx": 100, "docx_auto": 100, "pdf": 20, "html": 100, "doc": 3}


def run() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="bench-read-") as tmp:
        for form, n in FORMS.items():
            if form in ("pdf", "doc") and soffice() is None:
                rows.append({"format": form, "reads": 0, "seconds": "-", "reports/s": "-",
                             "ms/report": "-", "chars": "-", "note": "soffice missing"})  # fmt: skip
                continue
            path = build(form, Path(tmp))
            chars = len(read_document(path).text)  # warm: imports, caches
            start = time.perf_counter()
            for _ in range(n):
                read_document(path)
            elapsed = time.perf_counter() - start
            rows.append(
                {
                    "format": form,
                    "reads": n,
                    "seconds": round(elapsed, 2),
                    "reports/s": round(n / elapsed, 1),
                    "ms/report": round(1000 * elapsed / n, 1),
                    "chars": chars,
                    "note": f"{path.stat().st_size // 1024} KiB file",
                }
            )
    return rows
