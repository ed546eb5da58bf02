"""One short text per form of the genre, each read and checked by hand."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from orggraph.cli import main
from orggraph.extract import extract_plan
from orggraph.model import Plan

HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n"
    "Số: 77/KH-UBND\n"
    "Bắc Ninh, ngày 20 tháng 11 năm 2025\n"
    "KẾ HOẠCH\n"
    "Thực hiện chuyển đổi số\n"
)


def names(plan: Plan, idents: tuple[tuple[str, str], ...]) -> list[str]:
    return [plan.bodies[i].name_vi for i in idents]


def test_task_table_rows_are_tasks_with_their_columns() -> None:
    text = HEAD + (
        "I. NHIỆM VỤ\n"
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |\n"
        "|---|---|---|---|---|---|\n"
        "| I | HẠ TẦNG SỐ |\n"
        "| 1 | Rà soát hạ tầng viễn thông | Sở Khoa học và Công nghệ | Sở Tài chính; UBND các xã, phường | Quý IV/2025 | Báo cáo |\n"
        "| 2 | Xây dựng kho dữ liệu | Ban Quản lý các khu công nghiệp tỉnh | Sở Nội vụ | tháng 6/2026 | Kho dữ liệu |\n"
    )
    plan = extract_plan(text, source_name="table.txt")
    first, second = plan.tasks
    assert (first.text, first.line) == ("Rà soát hạ tầng viễn thông", 10)
    assert names(plan, first.lead) == names(plan, first.responsible) == ["Sở Khoa học và Công nghệ"]
    # "UBND các xã" is the gazetteer's commune People's Committees.
    assert names(plan, first.partner) == ["Sở Tài chính", "Ủy ban nhân dân cấp xã"]
    assert first.timeframe is not None and str(first.timeframe.due) == "2025-12-31"
    # The group row "I | HẠ TẦNG SỐ" is a section, not a task.
    assert plan.section(first.section).title == "HẠ TẦNG SỐ"
    assert names(plan, second.lead) == ["Ban Quản lý các khu công nghiệp tỉnh"]
    assert plan.bodies[second.lead[0]].provisional
    assert second.timeframe is not None and str(second.timeframe.due) == "2026-06-30"


def test_an_appendix_table_after_the_signature_is_read() -> None:
    text = HEAD + (
        "I. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch.\n"
        "Nơi nhận:\n"
        "- Như trên;\n"
        "- Lưu: VT.\n"
        "PHỤ LỤC\n"
        "NHIỆM VỤ CỤ THỂ\n"
        "(Kèm theo Kế hoạch số 77/KH-UBND)\n"
        "| TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Tập huấn cán bộ | Sở Tư pháp | Sở Nội vụ | Thường xuyên |\n"
    )
    plan = extract_plan(text, source_name="annex.txt")
    assert [t.text for t in plan.tasks] == [
        "Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch.",
        "Tập huấn cán bộ",
    ]
    annexed = plan.tasks[1]
    assert names(plan, annexed.lead) == ["Sở Tư pháp"] and names(plan, annexed.partner) == ["Sở Nội vụ"]


def test_articles_of_a_regulation_and_the_execution_clause() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN\n"
        "Số: 26/2025/QĐ-UBND\n"
        "Thái Nguyên, ngày 21 tháng 11 năm 2025\n"
        "QUYẾT ĐỊNH\n"
        "Ban hành Quy chế phối hợp\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n"
        "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành"
        " Quyết định này.\n"
        "Nơi nhận:\n"
        "- Như Điều 2;\n"
        "QUY CHẾ\n"
        "Phối hợp quản lý nhà nước\n"
        "Chương I\n"
        "QUY ĐỊNH CHUNG\n"
        "Điều 1. Nội dung Sở Nội vụ có trách nhiệm chủ trì\n"
        "1. Xây dựng văn bản hướng dẫn.\n"
        "2. Tập huấn nghiệp vụ cho cán bộ cấp xã.\n"
        "Điều 2. Công an tỉnh chủ trì, phối hợp với Sở Nội vụ nắm tình hình.\n"
    )
    plan = extract_plan(text, source_name="quyche.txt")
    # The decision's articles are provisions; "chịu trách nhiệm thi hành" names no task.
    assert [t.line for t in plan.tasks] == [15, 16, 17]
    one, two, three = plan.tasks
    assert names(plan, one.lead) == names(plan, two.lead) == ["Sở Nội vụ"]
    assert names(plan, three.lead) == ["Công an tỉnh"] and names(plan, three.partner) == ["Sở Nội vụ"]


def test_a_field_value_that_is_a_clause_gives_lead_and_partners() -> None:
    text = HEAD + (
        "I. NỘI DUNG\n"
        "a) Hoạt động 1\n"
        "- Nội dung: Tổ chức Tháng hành động vì bình đẳng giới.\n"
        "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với Sở Y tế và các đơn vị có liên quan.\n"
    )
    plan = extract_plan(text, source_name="fields.txt")
    (task,) = plan.tasks
    # The task is its content line; the roles come from the clause in the field.
    assert (task.line, task.text) == (8, "Tổ chức Tháng hành động vì bình đẳng giới.")
    assert names(plan, task.lead) == ["Sở Nội vụ"]
    assert names(plan, task.partner) == ["Sở Y tế", "các đơn vị có liên quan"]


def test_an_unknown_subject_is_never_replaced_by_the_heading_body() -> None:
    text = HEAD + (
        "I. NHIỆM VỤ\n"
        "1. Văn phòng Ủy ban nhân dân tỉnh\n"
        "- Ban Quản lý Dự án tỉnh chủ trì, phối hợp với Sở Tư pháp rà soát quy trình.\n"
        "- Hội đồng Thi đua tỉnh theo dõi, đánh giá kết quả.\n"
    )
    plan = extract_plan(text, source_name="subjects.txt")
    first, second = plan.tasks
    assert names(plan, first.lead) == names(plan, first.responsible) == ["Ban Quản lý Dự án tỉnh"]
    assert names(plan, first.partner) == ["Sở Tư pháp"]
    assert names(plan, second.responsible) == ["Hội đồng Thi đua tỉnh"] and second.lead == ()
    kinds = {(w.line, w.kind) for w in plan.warnings}
    assert kinds == {(8, "provisional-body"), (9, "provisional-body")}


def test_a_state_act_never_lends_its_issuer_to_a_task_without_a_subject() -> None:
    text = HEAD + "I. NHIỆM VỤ\n1. Tăng cường kiểm tra, giám sát việc thực hiện.\n"
    plan = extract_plan(text, source_name="bare.txt")
    (task,) = plan.tasks
    assert task.responsible == () and task.lead == ()
    assert [(w.line, w.kind) for w in plan.warnings] == [(7, "unresolved-subject")]


def test_build_writes_the_reading_report(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        HEAD + "I. NHIỆM VỤ\n1. Ban Quản lý Dự án tỉnh chủ trì rà soát quy trình.\n2. Tăng cường kiểm tra.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    report = tmp_path / "report.json"
    result = runner.invoke(
        main, ["build", str(source), "-o", str(tmp_path / "g.ttl"), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "warnings: 2" in result.output
    (plan,) = json.loads(report.read_text(encoding="utf-8"))["plans"]
    assert plan["counts"]["provisional-body"] == 1 and plan["counts"]["unresolved-subject"] == 1
    assert plan["provisional_bodies"] == 1
    markdown = tmp_path / "report.md"
    runner.invoke(main, ["build", str(source), "-o", str(tmp_path / "g.ttl"), "--report", str(markdown)])
    text = markdown.read_text(encoding="utf-8")
    assert (
        "- line 7: body not in the gazetteer, kept as a provisional body (subject) — “Ban Quản lý Dự án tỉnh”"
        in text
    )
