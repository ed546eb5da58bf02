"""A PDF with a text layer as plan text (pdfplumber; ``pip install 'orggraph[pdf]'``).

A PDF has lines on pages, not paragraphs.  Lines are re-joined into paragraphs: a paragraph
goes on while the next line follows at the usual line spacing, is not indented as a first
line, and does not open with a list marker ("1.", "a)", "-", "+", "I.", "Điều 5."); wrapped
Vietnamese needs no hyphen mending, the syllables are joined by a space.  Page headers and
footers (lines repeated at the top or bottom of most pages) and page numbers are dropped.
Tables the PDF draws with rules are read as tables, their words taken out of the lines.
A PDF with no text layer (a scan) is refused with one line: it needs OCR first.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ...errors import InputError

__all__ = ["pdf_text"]

_MARKER = re.compile(
    r"^(?:[IVXL]+\s*[.\-–)]\s|[A-Z]\s*[.\-–)]\s|\d{1,2}(?:\.\d{1,2})*\s*[.\-–)]\s|[a-zđ]\)\s|\(\d{1,2}\)\s"
    r"|[-–—•+]\s"
    r"|Điều\s+\d|Chương\s+[IVXL\d]|\|)"
)
_COLUMN_GAP = 36.0  # points: wider than any space between words of one line
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|Trang\s+\d{1,4}(?:\s*/\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$"
)


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    table: list[str] | None = None  # pipe rows, for a table placed at this line's position


def _open(data: bytes) -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise InputError(
            "reading .pdf needs pdfplumber: pip install 'orggraph[pdf]' (or save the plan as text)"
        ) from None
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises its own exception types for broken files
        raise InputError(f"a damaged PDF ({type(exc).__name__})") from None


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _table_rows(table: Any) -> list[str]:
    rows = []
    above: list[str] = []
    for number, raw in enumerate(table.extract()):
        cells = [" ".join((cell or "").split()).replace("|", "/") for cell in raw]
        # pdfplumber gives None for the parts of a merged cell: across columns they are one
        # cell (dropped at the row's end), down rows the text of the cell above.
        filled = []
        for index, (cell, original) in enumerate(zip(cells, raw, strict=True)):
            if original is None and any(c is not None for c in raw[index + 1 :]) and index < len(above):
                filled.append(above[index])
            else:
                filled.append(cell)
        while filled and not filled[-1]:
            filled.pop()
        above = filled + above[len(filled) :]
        if filled:
            rows.append("| " + " | ".join(filled) + " |")
            if number == 0:
                rows.append("|" + "---|" * len(filled))
    return rows


def _page_lines(page: Any, number: int) -> list[_Line]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    words = [
        w for w in page.extract_words(keep_blank_chars=False, use_text_flow=True) if not _inside(w, boxes)
    ]
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        last = lines[-1] if lines else None
        same_line = last is not None and abs(word["top"] - last.top) <= max(
            2.0, (word["bottom"] - word["top"]) * 0.4
        )
        # A wide gap on one line parts two columns ("ỦY BAN NHÂN DÂN" … "CỘNG HÒA XÃ HỘI …").
        if last is not None and same_line and word["x0"] - last.x1 <= _COLUMN_GAP:
            last.text += " " + word["text"]
            last.x1 = max(last.x1, word["x1"])
            last.bottom = max(last.bottom, word["bottom"])
        else:
            lines.append(_Line(number, word["top"], word["bottom"], word["x0"], word["x1"], word["text"]))
    for table in tables:
        x0, top, x1, bottom = table.bbox
        lines.append(_Line(number, top, bottom, x0, x1, "", table=_table_rows(table)))
    lines.sort(key=lambda line: line.top)
    return lines


def _furniture(pages: list[list[_Line]], heights: list[float]) -> set[str]:
    """Texts of lines that repeat near the top or bottom of most pages (headers, footers)."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        edge = {
            re.sub(r"\d+", "#", line.text)
            for line in lines
            if line.table is None and (line.top < 0.08 * height or line.bottom > 0.92 * height)
        }
        seen.update(edge)
    return {text for text, count in seen.items() if count >= 0.5 * len(pages)}


def _capitals(text: str) -> bool:
    """Mostly capital letters ("KẾ HOẠCH … 5G, IoT TRONG …")?"""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def pdf_text(data: bytes) -> str:
    """The plan text of a PDF's bytes."""
    document = _open(data)
    with document:
        if not any(page.chars for page in document.pages):
            raise InputError(
                "a PDF with no text layer (a scanned image): run OCR on it first, for instance"
                " 'ocrmypdf -l vie in.pdf out.pdf', then build from the result"
            )
        pages = [_page_lines(page, number) for number, page in enumerate(document.pages)]
        heights = [float(page.height) for page in document.pages]
    repeated = _furniture(pages, heights)
    body = [
        line
        for lines, height in zip(pages, heights, strict=True)
        for line in lines
        if line.table is not None
        or not (
            _PAGE_NUMBER.match(line.text.strip())
            or (
                re.sub(r"\d+", "#", line.text) in repeated
                and (line.top < 0.08 * height or line.bottom > 0.92 * height)
            )
        )
    ]
    text_lines = [line for line in body if line.table is None]
    if not text_lines and not any(line.table for line in body):
        raise InputError("a PDF whose text layer holds no words")
    gaps = [
        b.top - a.top
        for a, b in zip(text_lines, text_lines[1:], strict=False)
        if a.page == b.page and 0 < b.top - a.top < 40
    ]
    # Line spacing: the common small gap (paragraph gaps are larger, and may be the majority).
    spacing = statistics.quantiles(gaps, n=4)[0] if len(gaps) >= 4 else (min(gaps) if gaps else 14.0)
    left = statistics.median([line.x0 for line in text_lines]) if text_lines else 0.0
    right = max((line.x1 for line in text_lines), default=0.0)
    short = right - 0.12 * (right - left)  # a line ending before this did not wrap
    out: list[str] = []
    paragraph: list[str] = []
    previous: _Line | None = None

    def flush() -> None:
        if paragraph:
            out.append(" ".join(paragraph))
            paragraph.clear()

    for line in body:
        if line.table is not None:
            flush()
            out.extend(line.table)
            previous = None
            continue
        text = line.text.strip()
        starts = (
            previous is None
            or _MARKER.match(text) is not None
            or (line.page == previous.page and line.top - previous.top > 1.35 * spacing)
            or (line.x0 > left + 12 and previous.x0 <= left + 12)  # a first-line indent, a right column
            or line.x0 < previous.x0 - 40  # back from a right column to the left one
            or abs(line.top - previous.top) < 2  # another column of the same line
            or previous.x1 < short  # the line above ended before the margin: its paragraph did
            or _capitals(text) != _capitals(previous.text)  # a heading in capitals and the text after it
        )
        if starts:
            flush()
        paragraph.append(text)
        previous = line
    flush()
    return "\n".join(out) + "\n"
