"""Plans as published: .docx, .pdf, saved web pages, Markdown, UTF-16 and CRLF text.

The fixtures are made here, by the project's own writers (tests/formats.py), from real plan
texts: a Word file with Word's automatic numbering and real tables, a web page with a site's
furniture, a PDF printed from that page by Chromium.  Each must give the graph the text gives.
"""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from orggraph.cli import main
from orggraph.errors import InputError
from orggraph.model import Plan
from orggraph.pipeline import read_plan, read_text
from orggraph.read.inputs import sniff, text_from_bytes
from orggraph.text import collapse_space

sys.path.insert(0, str(Path(__file__).parent))
from formats import page_html, write_docx, write_pdf  # noqa: E402

ROOT = Path(__file__).parent.parent
PLANS = {
    "kh168": ROOT / "data" / "kh168.txt",  # body-by-body sections, dash bullets
    "kh310": ROOT / "tests" / "corpus" / "kh310-ubnd-ha-noi-2025.txt",  # an appendix task table
    "kh980": ROOT / "tests" / "corpus" / "kh980-ubnd-nghe-an-2025.txt",  # a table with group rows
    "qd26": ROOT / "tests" / "corpus" / "qd26-ubnd-thai-nguyen-2025.txt",  # Điều articles
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> dict[str, Path]:
    """Every plan in every format, keyed "<plan>.<suffix>"."""
    folder = tmp_path_factory.mktemp("published")
    out: dict[str, Path] = {}
    for name, source in PLANS.items():
        text = source.read_text(encoding="utf-8")
        out[f"{name}.txt"] = source
        write_docx(text, folder / f"{name}.docx")
        page = page_html(text, name)
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
        write_pdf(page, folder / f"{name}.pdf", browser=browser)
        (folder / f"{name}-utf16.txt").write_bytes(text.encode("utf-16"))
        (folder / f"{name}-crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
        for suffix in ("docx", "html", "pdf"):
            out[f"{name}.{suffix}"] = folder / f"{name}.{suffix}"
        out[f"{name}.utf16"] = folder / f"{name}-utf16.txt"
        out[f"{name}.crlf"] = folder / f"{name}-crlf.txt"
    return out


def facts(plan: Plan) -> dict[str, object]:
    """What a plan states, without where in the text it stands (offsets, lines, source)."""
    return {
        "identifier": plan.identifier,
        "issued": plan.issued,
        "issuers": plan.issuers,
        "scope": plan.scope,
        "sections": [(s.key, collapse_space(s.title)) for s in plan.sections],
        "tasks": [
            (
                t.key,
                collapse_space(t.text),
                t.responsible,
                t.lead,
                t.partner,
                t.reports_to,
                t.timeframe
                and (t.timeframe.start, t.timeframe.due, t.timeframe.recurrence, t.timeframe.condition),
            )
            for t in plan.tasks
        ],
        "bodies": sorted(plan.bodies),
    }


@pytest.mark.parametrize("plan", sorted(PLANS))
@pytest.mark.parametrize("form", ["docx", "html", "pdf", "utf16", "crlf"])
def test_every_format_gives_the_graph_the_text_gives(
    published: dict[str, Path], plan: str, form: str
) -> None:
    expected = facts(read_plan(published[f"{plan}.txt"], source_name=f"{plan}.txt"))
    got = facts(read_plan(published[f"{plan}.{form}"], source_name=f"{plan}.txt"))
    assert got == expected


def test_word_numbering_and_tables_come_back_as_the_page_shows_them(published: dict[str, Path]) -> None:
    text = read_text(published["kh168.docx"])
    # Typed nowhere in the .docx: Word numbers these paragraphs itself.
    assert "\nA- MỤC ĐÍCH, YÊU CẦU" in text and "\nIII- NHIỆM VỤ CỤ THỂ" in text
    assert "\n5- Ban Tổ chức Tỉnh ủy\n- Chủ trì, phối hợp" in text
    table = read_text(published["kh980.docx"])
    # A group row merged across the table is one cell; a task row keeps its columns.
    assert "\n| I | KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ |\n" in table
    assert "\n| 1 | Triển khai thực hiện một số nội dung chi, mức chi đặc thù" in table


def test_build_writes_the_text_it_read_and_offsets_point_into_it(
    published: dict[str, Path], tmp_path: Path
) -> None:
    text_out, graph = tmp_path / "kh310-as-read.txt", tmp_path / "kh310.ttl"
    result = CliRunner().invoke(
        main, ["build", str(published["kh310.pdf"]), "-o", str(graph), "--text-out", str(text_out), "-q"]
    )
    assert result.exit_code == 0, result.output
    as_read = text_out.read_text(encoding="utf-8")
    plan = read_plan(published["kh310.pdf"])
    assert plan.source_length == len(as_read)
    for task in plan.tasks:
        assert collapse_space(as_read[task.start : task.end]) == collapse_space(task.text)


def test_a_folder_of_mixed_formats_builds_every_plan(published: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for key in ("kh168.docx", "kh310.pdf", "qd26.html"):
        (folder / key).write_bytes(published[key].read_bytes())
    (folder / "notes.csv").write_text("not a plan\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "all.nq")])
    assert result.exit_code == 0, result.output
    assert (
        "168-KH/TU" in result.output and "310/KH-UBND" in result.output and "26/2025/QĐ-UBND" in result.output
    )


def test_markdown_marks_are_not_the_plan(tmp_path: Path) -> None:
    text = PLANS["kh168"].read_text(encoding="utf-8")
    marked = "\n".join(
        f"## {line}"
        if line[:2] in ("A-", "B-", "C-")
        else line.replace("Ban Tổ chức Tỉnh ủy", "**Ban Tổ chức Tỉnh ủy**")
        for line in text.split("\n")
    )
    (tmp_path / "kh168.md").write_text(marked, encoding="utf-8")
    assert facts(read_plan(tmp_path / "kh168.md", source_name="kh168.txt")) == facts(
        read_plan(PLANS["kh168"], source_name="kh168.txt")
    )


def _blank_pdf(path: Path, browser: Browser) -> None:
    pixel = base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    ).decode()
    page = f"<html><body><img src='data:image/png;base64,{pixel}' width=400 height=600></body></html>"
    write_pdf(page, path, browser=browser, running_heads=False)  # a scan: an image and no text


@pytest.mark.parametrize(
    "case",
    ["truncated-docx", "image-pdf", "zip", "doc", "page-without-plan", "odt"],
)
def test_bad_files_are_one_line_exit_2_and_overwrite_nothing(
    published: dict[str, Path], browser: Browser, tmp_path: Path, case: str
) -> None:
    source = tmp_path / "bad"
    expected = {
        "truncated-docx": "a damaged .docx",
        "image-pdf": "a PDF with no text layer (a scanned image): run OCR on it first",
        "zip": "a ZIP archive that is not a Word .docx",
        "doc": "an old Word .doc file: open it in Word or LibreOffice and save it as .docx",
        "page-without-plan": "no recognisable sections or assignments",
        "odt": "an OpenDocument text (.odt)",
    }[case]
    if case == "truncated-docx":
        source = source.with_suffix(".docx")
        source.write_bytes(published["kh168.docx"].read_bytes()[:5000])
    elif case == "image-pdf":
        source = source.with_suffix(".pdf")
        _blank_pdf(source, browser)
    elif case in ("zip", "odt"):
        import zipfile

        source = source.with_suffix(".zip" if case == "zip" else ".odt")
        with zipfile.ZipFile(source, "w") as archive:
            if case == "odt":
                archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
                archive.writestr("content.xml", "<office:document-content/>")
            else:
                archive.writestr("plan.txt", "I- NHIỆM VỤ")
    elif case == "doc":
        source = source.with_suffix(".doc")
        source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    else:
        source = source.with_suffix(".html")
        source.write_text(
            page_html("Chào mừng bạn đến với cổng thông tin.\nLiên hệ.", "trang"), encoding="utf-8"
        )
    out = tmp_path / "existing.ttl"
    out.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert expected in lines[0]
    assert out.read_text(encoding="utf-8") == "old"


def test_format_is_told_by_content_not_name(published: dict[str, Path], tmp_path: Path) -> None:
    misnamed = tmp_path / "kh168.txt"
    misnamed.write_bytes(published["kh168.docx"].read_bytes())
    assert sniff(misnamed.read_bytes(), ".txt") == "docx"
    assert facts(read_plan(misnamed, source_name="kh168.txt")) == facts(
        read_plan(PLANS["kh168"], source_name="kh168.txt")
    )


def test_a_missing_reader_library_is_one_line_naming_the_extra(
    published: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # as on an install without orggraph[docx]
    with pytest.raises(InputError, match=r"pip install 'orggraph\[docx\]'"):
        text_from_bytes(published["kh168.docx"].read_bytes(), ".docx")


def test_the_readers_stay_out_of_other_commands_start_up() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from orggraph.cli import main\n"
        "result = CliRunner().invoke(main, ['build', 'data/kh168.txt', '-o', sys.argv[1], '-q'])\n"
        "assert result.exit_code == 0, result.output\n"
        "result = CliRunner().invoke(main, ['query', 'leads', '-g', sys.argv[1]])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('docx', 'pdfplumber', 'pdfminer', 'lxml') if m in sys.modules))\n"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", code, str(Path(folder) / "g.ttl")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    assert done.stdout.strip() == "[]"


def test_the_site_shows_the_text_read_from_a_pdf(
    published: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("kh168.pdf").write_bytes(published["kh168.pdf"].read_bytes())
    runner = CliRunner()
    assert runner.invoke(main, ["build", "kh168.pdf", "-o", "kh168.ttl", "-q"]).exit_code == 0
    result = runner.invoke(main, ["render", "-g", "kh168.ttl", "-o", "site"])
    assert result.exit_code == 0, result.output
    page = Path("site/source/tuyen-quang/168-kh-tu-2018.html").read_text(encoding="utf-8")
    # A line of the plan as the PDF's text layer gave it, on the source page.
    assert "5- Ban Tổ chức Tỉnh ủy" in page


def test_a_cell_merged_down_rows_leads_each_row(tmp_path: Path) -> None:
    import docx

    head = "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 77/KH-UBND\nBắc Ninh, ngày 20 tháng 11 năm 2025\nKẾ HOẠCH\nI. NHIỆM VỤ\n"
    document = docx.Document()
    for line in head.strip().split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=3)
    for column, heading in enumerate(("Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành")):
        table.cell(0, column).text = heading
    table.cell(1, 0).text, table.cell(2, 0).text = "Rà soát hạ tầng", "Xây dựng kho dữ liệu"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "Sở Khoa học và Công nghệ"  # one cell, two rows
    table.cell(1, 2).text, table.cell(2, 2).text = "Quý IV/2025", "tháng 6/2026"
    document.save(str(tmp_path / "plan.docx"))
    page = (
        "<html><body><p>" + head.replace("\n", "</p><p>") + "</p><table>"
        "<tr><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Thời gian hoàn thành</th></tr>"
        "<tr><td>Rà soát hạ tầng</td><td rowspan='2'>Sở Khoa học và Công nghệ</td><td>Quý IV/2025</td></tr>"
        "<tr><td>Xây dựng kho dữ liệu</td><td>tháng 6/2026</td></tr></table></body></html>"
    )
    (tmp_path / "plan.html").write_text(page, encoding="utf-8")
    for name in ("plan.docx", "plan.html"):
        plan = read_plan(tmp_path / name)
        assert [(t.text, t.lead) for t in plan.tasks] == [
            ("Rà soát hạ tầng", (("bac-ninh", "so-khoa-hoc-va-cong-nghe"),)),
            ("Xây dựng kho dữ liệu", (("bac-ninh", "so-khoa-hoc-va-cong-nghe"),)),
        ], name
        assert [str(t.timeframe.due) for t in plan.tasks if t.timeframe] == ["2025-12-31", "2026-06-30"]
