"""A Word .docx as plan text (python-docx; ``pip install 'orggraph[docx]'``).

Paragraphs and tables in document order.  Word's automatic list numbering is not in a
paragraph's text, so it is computed again from the numbering definitions (each list's
counters, its levels' formats and texts such as "%1.", "%1)", "-") and written back as the
marker the page shows: "1. ", "a) ", "I. ", "- ".  A table becomes pipe rows; a cell merged
down several rows is repeated into each, a cell merged across columns is one cell.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ...errors import InputError
from ...text import roman_numeral

__all__ = ["docx_text"]

_BULLETS = {
    "•",
    "\uf0b7",
    "\uf0a7",
    "\uf076",
    "\uf0d8",
    "o",
    "▪",
    "■",
    "●",
    "◦",
    "–",
    "—",
    "-",
}  # Symbol-font bullets too


def _load(data: bytes) -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(
            "reading .docx needs python-docx: pip install 'orggraph[docx]' (or save the plan as text)"
        ) from None
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"a damaged .docx ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and python-docx's own errors
        raise InputError(f"a damaged .docx ({type(exc).__name__})") from None


def _letters(number: int) -> str:
    # Word's letters repeat past z: a … z, aa … zz.
    letter = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26]
    return letter * ((number - 1) // 26 + 1)


def _format(number: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return roman_numeral(number).lower()
    if fmt == "upperRoman":
        return roman_numeral(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class _Numbering:
    """The document's list definitions and the counters of each list as it is read."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                levels[ilvl] = (self._val(lvl, "w:numFmt", "decimal"), self._val(lvl, "w:lvlText", ""),
                                int(self._val(lvl, "w:start", "1")))  # fmt: skip
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val"), "") if ref is not None else "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(qn("w:val"), "1")))
            self.levels[num.get(qn("w:numId"), "")] = levels

    def _val(self, node: Any, tag: str, default: str) -> str:
        child = node.find(self.qn(tag))
        return child.get(self.qn("w:val"), default) if child is not None else default

    def marker(self, num_id: str, ilvl: int) -> str:
        """The next marker of list ``num_id`` at level ``ilvl`` ("1.", "a)", "-"), or ""."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it
        if fmt == "bullet":
            return "-" if text.strip() in _BULLETS or not text.strip() else text.strip()
        if fmt == "none":
            return text.strip()
        out = text
        for level in range(9):
            if f"%{level + 1}" in out:
                level_fmt = levels.get(level, ("decimal", "", 1))[0]
                value = counters.get(level, levels.get(level, ("", "", 1))[2])
                out = out.replace(f"%{level + 1}", _format(value, fmt if level == ilvl else level_fmt))
        return out.strip()


def _numbering_of(paragraph: Any, qn: Any) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's list, directly or through its style."""
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_ppr = style.element.pPr
        num_pr = style_ppr.numPr if style_ppr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), int(level)


def _cell_text(tc: Any, document: Any) -> str:
    from docx.table import _Cell

    text = " ".join(p.text.strip() for p in _Cell(tc, document).paragraphs if p.text.strip())
    return " ".join(text.split()).replace("|", "/")


def _table_lines(tbl: Any, document: Any) -> list[str]:
    lines = []
    above: dict[int, str] = {}
    for number, tr in enumerate(tbl.tr_lst):
        cells: list[str] = []
        column = 0
        for tc in tr.tc_lst:
            text = _cell_text(tc, document)
            if tc.vMerge == "continue":
                text = above.get(column, "")  # merged down: the text of the cell it continues
            for spanned in range(column, column + tc.grid_span):
                above[spanned] = text
            cells.append(text)
            column += tc.grid_span
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("| " + " | ".join(cells) + " |")
            if number == 0:
                lines.append("|" + "---|" * len(cells))
    return lines


def docx_text(data: bytes) -> str:
    """The plan text of a .docx file's bytes."""
    document = _load(data)
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            text = " ".join(paragraph.text.replace("\t", " ").split())
            listed = _numbering_of(paragraph, qn)
            marker = numbering.marker(*listed) if listed else ""
            if text:
                lines.append(f"{marker} {text}" if marker else text)
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(child, document))
    if not lines:
        raise InputError("a .docx with no text in its body")
    return "\n".join(lines) + "\n"
