"""The project's own writers of test fixtures: one plan text as Word, a web page, PDF, UTF-16.

Each writer turns plan text (one block a line, tables as pipe rows) into the file a user would
get: a .docx whose list markers are Word's automatic numbering (not typed text) and whose
tables are Word tables (group rows merged across their columns); a saved web page with the
furniture a real site has (menu, breadcrumb, side bar, footer, script, cookie notice); a PDF
printed from that page by Chromium, with its own line wrapping and page breaks.

    python tests/formats.py data/kh168.txt /tmp/out     # writes kh168.docx, .html, .pdf
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from orggraph.text import roman_numeral

# One Word list per marker style: (pattern, number format, level text).
_STYLES = [
    (re.compile(r"^([IVXL]+)([.\-])\s+(?=\S)"), "upperRoman"),
    (re.compile(r"^([A-Z])([.\-])\s+(?=\S)"), "upperLetter"),
    (re.compile(r"^(\d{1,2})([.\-])\s+(?=\S)"), "decimal"),
    (re.compile(r"^([a-zđ])(\))\s+(?=\S)"), "lowerLetter"),
]
_BULLET = re.compile(r"^([-+])\s+(?=\S)")


def _label(number: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman_numeral(number)
    if fmt == "upperLetter":
        return chr(ord("A") + number - 1)
    if fmt == "lowerLetter":
        return "abcdefghijklmnopqrstuvwxyz"[number - 1]
    return str(number)


class _WordLists:
    """Word numbering definitions made as the document is written: one abstract list per
    style, and a new list instance (numbering restarts) wherever the text starts again at 1."""

    def __init__(self, document) -> None:  # type: ignore[no-untyped-def]
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        self.parse, self.ns = parse_xml, nsdecls("w")
        self.numbering = document.part.numbering_part.element
        self.abstract: dict[tuple[str, str], int] = {}
        self.current: dict[tuple[str, str], tuple[int, int]] = {}  # style -> (numId, last number)
        self.next_abstract, self.next_num = 100, 100

    def _abstract(self, fmt: str, text: str) -> int:
        key = (fmt, text)
        if key not in self.abstract:
            ident = self.next_abstract
            self.next_abstract += 1
            xml = (
                f'<w:abstractNum {self.ns} w:abstractNumId="{ident}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{html.escape(text, quote=True)}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
            )
            from docx.oxml.ns import qn

            first_num = self.numbering.find(qn("w:num"))
            element = self.parse(xml)
            if first_num is not None:
                first_num.addprevious(element)  # abstract lists come before list instances
            else:
                self.numbering.append(element)
            self.abstract[key] = ident
        return self.abstract[key]

    def marker(self, fmt: str, text: str, number: int) -> int | None:
        """The list instance that numbers this item ``number``, or None when Word would not."""
        key = (fmt, text)
        num_id, last = self.current.get(key, (0, 0))
        if number == 1 or fmt == "bullet":
            if fmt != "bullet" or key not in self.current:
                num_id = self.next_num
                self.next_num += 1
                abstract = self._abstract(fmt, text)
                self.numbering.append(
                    self.parse(
                        f'<w:num {self.ns} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
                        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
                    )
                )
        elif number != last + 1 or num_id == 0:
            return None  # the text skips a number: keep its marker as typed
        self.current[key] = (num_id, number)
        return num_id


def _number_paragraph(paragraph, num_id: int) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _write_listed(document, lists: _WordLists, line: str) -> bool:  # type: ignore[no-untyped-def]
    """Write a list item with Word numbering in place of its typed marker; False if it is not one."""
    for pattern, fmt in _STYLES:
        found = pattern.match(line)
        if found:
            label, suffix = found.group(1), found.group(2)
            number = next((n for n in range(1, 60) if _label(n, fmt) == label), 0)
            num_id = lists.marker(fmt, f"%1{suffix}", number) if number else None
            if num_id is None:
                return False
            _number_paragraph(document.add_paragraph(line[found.end() :]), num_id)
            return True
    bullet = _BULLET.match(line)
    if bullet is None:
        return False
    num_id = lists.marker("bullet", bullet.group(1), 0)
    assert num_id is not None
    _number_paragraph(document.add_paragraph(line[bullet.end() :]), num_id)
    return True


def write_docx(text: str, path: Path) -> None:
    """The plan as a Word document with automatic numbering and real tables."""
    import docx

    document = docx.Document()
    lists = _WordLists(document)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("|"):
            rows = []
            while index < len(lines) and lines[index].startswith("|"):
                if not re.fullmatch(r"\|[\s:|-]*\|", lines[index]):
                    rows.append(_cells(lines[index]))
                index += 1
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value
                if len(cells) < width:  # a group row: its last cell spans the rest of the row
                    merged = table.cell(r, len(cells) - 1).merge(table.cell(r, width - 1))
                    merged.text = cells[-1]
            continue
        index += 1
        if not _write_listed(document, lists, line):
            document.add_paragraph(line)
    document.core_properties.author = "orggraph tests"
    document.save(str(path))


def page_html(text: str, title: str) -> str:
    """The plan as a legal database's saved page: the act inside the site's furniture."""
    body: list[str] = []
    rows: list[list[str]] = []

    def close_table() -> None:
        if rows:
            width = max(len(r) for r in rows)
            body.append('<table class="law-table">')
            for r, cells in enumerate(rows):
                tag = "th" if r == 0 else "td"
                out = [f"<{tag}>{html.escape(c)}</{tag}>" for c in cells[:-1]]
                span = width - len(cells) + 1
                out.append(
                    f'<{tag} colspan="{span}">{html.escape(cells[-1])}</{tag}>'
                    if span > 1
                    else f"<{tag}>{html.escape(cells[-1])}</{tag}>"
                )
                body.append("<tr>" + "".join(out) + "</tr>")
            body.append("</table>")
            rows.clear()

    for line in (line.strip() for line in text.split("\n")):
        if line.startswith("|"):
            if not re.fullmatch(r"\|[\s:|-]*\|", line):
                rows.append(_cells(line))
            continue
        close_table()
        if line:
            body.append(f"<p>{html.escape(line)}</p>")
    close_table()
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:'DejaVu Sans',sans-serif;font-size:11pt;margin:0}}
.content p{{margin:0 0 6pt 0}} table{{border-collapse:collapse;margin:6pt 0}}
td,th{{border:1px solid #000;padding:2pt 4pt;vertical-align:top;font-weight:normal;text-align:left}}
.menu,.sidebar,.cookie-banner,header,footer{{font-size:9pt}}
@media print{{header,.menu,.breadcrumb,.sidebar,.cookie-banner,footer{{display:none}}}}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head><body>
<header class="site-header"><a href="/">Cơ sở dữ liệu văn bản pháp luật</a> <form><input name="q"> <button>Tìm kiếm</button></form></header>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/vbpl">Văn bản pháp luật</a></li><li><a href="/tintuc">Tin tức</a></li></ul>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/vbpl">Văn bản</a> › {html.escape(title)}</div>
<div class="main-wrap"><div class="content">
{chr(10).join(body)}
</div>
<div class="sidebar"><h3>Văn bản liên quan</h3><ul><li><a href="/vb/1">Kế hoạch số 12/KH-UBND về chuyển đổi số</a></li><li><a href="/vb/2">Quyết định số 45/QĐ-UBND</a></li></ul></div></div>
<div class="cookie-banner">Trang này dùng cookie. <button>Đồng ý</button></div>
<footer>© Cổng thông tin điện tử. Địa chỉ: 12 Đường Lê Lợi. Điện thoại: 0123 456 789.</footer>
<script src="/static/app.js"></script>
</body></html>
"""


def write_pdf(page: str, path: Path, *, browser=None, running_heads: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Print a page to PDF with Chromium (A4, margins; a running head and page numbers).

    ``browser`` is a Playwright Chromium already running (the tests' session browser); without
    one, Debian's Chromium is started for this page."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            try:
                write_pdf(page, path, browser=own, running_heads=running_heads)
            finally:
                own.close()
        return
    tab = browser.new_page()
    try:
        tab.set_content(page, wait_until="load")
        tab.pdf(
            path=str(path),
            format="A4",
            margin={"top": "20mm", "bottom": "20mm", "left": "20mm", "right": "15mm"},
            display_header_footer=running_heads,
            header_template="<div style='font-size:8px;width:100%;text-align:center'>CÔNG BÁO ĐIỆN TỬ</div>",
            footer_template=(
                "<div style='font-size:8px;width:100%;text-align:center'><span class='pageNumber'></span></div>"
            ),
        )
    finally:
        tab.close()


if __name__ == "__main__":  # pragma: no cover - the fixtures by hand, to look at
    source, folder = Path(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    plan = source.read_text(encoding="utf-8")
    write_docx(plan, folder / f"{source.stem}.docx")
    page = page_html(plan, source.stem)
    (folder / f"{source.stem}.html").write_text(page, encoding="utf-8")
    write_pdf(page, folder / f"{source.stem}.pdf")
