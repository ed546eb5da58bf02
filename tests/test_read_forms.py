"""One short text per form of the genre, each read and checked by hand."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from orggraph.cli import main
from orggraph.model import Plan
from orggraph.read.extract import extract_plan

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


def test_numbered_bodies_with_their_duties_in_prose_without_parts() -> None:
    # A directive's summary: no "I." or "1." parts; "(1) Bộ X:" heads its own dash items.
    text = (
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành thực hiện như sau:\n"
        "(1) Bộ Công an:\n"
        "- Chủ trì, phối hợp với Bộ Xây dựng triển khai ứng dụng sinh trắc học.\n"
        "- Nâng cấp ứng dụng định danh điện tử.\n"
        "(2) Bộ Tài chính chủ trì, phối hợp với Bộ Công an bố trí kinh phí.\n"
    )
    plan = extract_plan(text, source_name="ct.txt")
    first, second, third = plan.tasks
    assert names(plan, first.lead) == names(plan, first.responsible) == ["Bộ Công an"]
    assert names(plan, first.partner) == ["Bộ Xây dựng"]
    assert names(plan, second.responsible) == ["Bộ Công an"] and second.lead == ()
    # "(2)" is a sibling of "(1)", not an item under it.
    assert names(plan, third.lead) == ["Bộ Tài chính"] and names(plan, third.partner) == ["Bộ Công an"]


def test_a_plan_in_prose_is_read_from_its_first_assignment() -> None:
    text = (
        "BỘ NỘI VỤ\n"
        "Hà Nội, ngày 02 tháng 3 năm 2026\n"
        "Trước ngày 30/6/2026, Bộ Nội vụ chủ trì, phối hợp với Bộ Tài chính rà soát biên chế.\n"
    )
    plan = extract_plan(text, source_name="prose.txt")
    (task,) = plan.tasks
    assert names(plan, task.lead) == ["Bộ Nội vụ"] and names(plan, task.partner) == ["Bộ Tài chính"]
    assert task.timeframe is not None and str(task.timeframe.due) == "2026-06-29"


def test_a_centrally_run_city_reads_thanh_pho_as_its_province() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\n"
        "THÀNH PHỐ HÀ NỘI\n"
        "Số: 310/KH-UBND\n"
        "Hà Nội, ngày 24 tháng 11 năm 2025\n"
        "KẾ HOẠCH\n"
        "I. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành của Thành phố tham mưu cho UBND"
        " Thành phố bố trí kinh phí.\n"
    )
    plan = extract_plan(text, source_name="city.txt")
    assert plan.scope == "ha-noi" and plan.issuers == (("ha-noi", "ubnd-tinh"),)
    (task,) = plan.tasks
    assert names(plan, task.reports_to) == ["Ủy ban nhân dân Thành phố"]
    assert plan.bodies[("ha-noi", "ubnd-tinh")].name_en == "City People's Committee"
    # The gazetteer's group, named as the plan names it.
    assert names(plan, task.partner) == ["các sở, ban, ngành"]
    assert "các sở, ban, ngành của Thành phố" in plan.surface_forms[task.partner[0]]


def test_a_collective_wider_than_the_gazetteer_group_is_kept_as_written() -> None:
    text = HEAD + (
        "I. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành, đoàn thể tỉnh, báo, đài và các đơn"
        " vị có liên quan tổ chức Tháng hành động.\n"
    )
    plan = extract_plan(text, source_name="groups.txt")
    (task,) = plan.tasks
    # "các sở, ban, ngành, đoàn thể tỉnh" is a gazetteer alias; "báo, đài" and "các đơn vị có
    # liên quan" are collectives the gazetteer does not list.
    assert [plan.bodies[b].name_vi for b in task.partner][1:] == ["báo, đài", "các đơn vị có liên quan"]
    assert all(plan.bodies[b].provisional for b in task.partner[1:])


def test_field_lines_that_list_several_tasks() -> None:
    text = HEAD + (
        "I. NỘI DUNG HOẠT ĐỘNG\n"
        "a) Hoạt động 1\n"
        "- Nội dung:\n"
        "+ Tổng kết mô hình một cửa.\n"
        "+ Tập huấn cán bộ y tế.\n"
        "- Cơ quan thực hiện: Sở Y tế chủ trì, phối hợp với Sở Nội vụ.\n"
        "b) Hoạt động 2\n"
        "- Nội dung: Tuyên truyền trên phương tiện thông tin đại chúng.\n"
        "- Cơ quan thực hiện:\n"
        "+ Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Tư pháp.\n"
        "+ Sở Xây dựng đăng tải thông điệp trên bảng quang báo.\n"
    )
    plan = extract_plan(text, source_name="fields.txt")
    texts = [(t.line, t.text) for t in plan.tasks]
    assert texts == [
        (9, "Tổng kết mô hình một cửa."),
        (10, "Tập huấn cán bộ y tế."),
        (13, "Tuyên truyền trên phương tiện thông tin đại chúng."),
        (16, "Sở Xây dựng đăng tải thông điệp trên bảng quang báo."),
    ]
    for task in plan.tasks[:2]:
        assert names(plan, task.lead) == ["Sở Y tế"] and names(plan, task.partner) == ["Sở Nội vụ"]
    assert names(plan, plan.tasks[2].lead) == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert names(plan, plan.tasks[2].partner) == ["Sở Tư pháp"]
    assert names(plan, plan.tasks[3].responsible) == ["Sở Xây dựng"] and plan.tasks[3].lead == ()


def test_hedges_openers_and_requests_do_not_hide_the_subject() -> None:
    text = (
        "THỦ TƯỚNG CHÍNH PHỦ\n"
        "Số: 226/CĐ-TTg\n"
        "Hà Nội, ngày 03 tháng 11 năm 2025\n"
        "CÔNG ĐIỆN\n"
        "1. Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì, phối hợp với"
        " các địa phương:\n"
        "a) Huy động lực lượng tham gia cứu hộ.\n"
        "2. Căn cứ tình hình thực tế, Bộ Y tế chủ trì cung ứng thuốc.\n"
        "3. Yêu cầu các bộ, cơ quan ngang bộ:\n"
        "a) Rà soát thủ tục hành chính.\n"
    )
    plan = extract_plan(text, source_name="hedges.txt")
    rescue, medicine, review = plan.tasks
    assert names(plan, rescue.lead) == ["Bộ Quốc phòng", "Bộ Công an"]
    assert names(plan, medicine.lead) == ["Bộ Y tế"]
    assert names(plan, review.responsible) == ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]


def test_a_body_directing_others_stays_responsible_for_their_items() -> None:
    text = (
        "BỘ CHÍNH TRỊ\n"
        "Số: 155-KL/TW\n"
        "Hà Nội, ngày 27 tháng 5 năm 2025\n"
        "KẾT LUẬN\n"
        "3. Giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo:\n"
        "- Đảng ủy Bộ Nội vụ chủ trì hướng dẫn số hóa tài liệu.\n"
        "- Khẩn trương hoàn thiện dự thảo các văn bản.\n"
    )
    plan = extract_plan(text, source_name="directs.txt")
    guide, drafts = plan.tasks
    assert names(plan, guide.responsible) == ["Đảng ủy Chính phủ", "Đảng ủy Bộ Nội vụ"]
    assert names(plan, guide.lead) == ["Đảng ủy Bộ Nội vụ"]
    assert names(plan, drafts.responsible) == ["Đảng ủy Chính phủ"]


def test_assignments_inside_a_paragraph_that_names_no_subject_first() -> None:
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\n"
        "Số: 631/TB-VPCP\n"
        "Hà Nội, ngày 19 tháng 11 năm 2025\n"
        "THÔNG BÁO\n"
        "1. Về việc phê duyệt Chương trình: Các Bộ thống nhất chỉ có một cơ quan chủ trì; giao Bộ"
        " Nông nghiệp và Môi trường làm chủ Chương trình, chịu trách nhiệm chủ trì xây dựng hồ sơ.\n"
        "Văn phòng Chính phủ thông báo để các Bộ, cơ quan liên quan biết, thực hiện./.\n"
    )
    plan = extract_plan(text, source_name="notice.txt")
    (task,) = plan.tasks  # the closing "thông báo để … biết" is not a task
    assert names(plan, task.responsible) == names(plan, task.lead) == ["Bộ Nông nghiệp và Môi trường"]
    assert not plan.bodies[task.lead[0]].provisional


def test_a_name_the_plan_defines_for_a_body_resolves_to_it() -> None:
    text = (
        "HỘI ĐỒNG NHÂN DÂN\n"
        "THÀNH PHỐ HÀ NỘI\n"
        "Số: 73/2025/NQ-HĐND\n"
        "Hà Nội, ngày 09 tháng 12 năm 2025\n"
        "NGHỊ QUYẾT\n"
        "Điều 1. Giao Ban Quản lý các khu công nghệ cao và khu công nghiệp thành phố Hà Nội (sau đây"
        " gọi tắt là “Ban Quản lý”) tiếp nhận hồ sơ (sau đây gọi tắt là Hồ sơ).\n"
        "Điều 2. Ban Quản lý chủ trì, phối hợp với Sở Nội vụ thẩm định hồ sơ.\n"
    )
    plan = extract_plan(text, source_name="defined.txt")
    assert plan.scope == "ha-noi" and plan.issuers == (("ha-noi", "hdnd-tinh"),)
    receive, appraise = plan.tasks
    (board,) = receive.responsible
    assert (
        plan.bodies[board].name_vi == "Ban Quản lý các khu công nghệ cao và khu công nghiệp thành phố Hà Nội"
    )
    assert plan.bodies[board].provisional
    # The short name is the same body; "Hồ sơ" names no body and defines nothing.
    assert appraise.lead == (board,) and names(plan, appraise.partner) == ["Sở Nội vụ"]
    assert "Ban Quản lý" in plan.surface_forms[board]


def test_the_enacting_body_after_the_title_is_the_issuer() -> None:
    text = (
        "NGHỊ QUYẾT\n"
        "Ban hành Kế hoạch sửa đổi các luật\n"
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n"
        "Căn cứ Luật Tổ chức Quốc hội;\n"
        "Điều 1. Giao Chính phủ chủ trì trình các dự án luật.\n"
    )
    plan = extract_plan(text, source_name="resolution.txt")
    assert plan.issuers == (("vn", "uy-ban-thuong-vu-quoc-hoi"),)
    assert plan.title == "NGHỊ QUYẾT Ban hành Kế hoạch sửa đổi các luật"


def test_office_holders_and_a_deputy_prime_minister_stand_in_the_role() -> None:
    text = (
        "THỦ TƯỚNG CHÍNH PHỦ\n"
        "Số: 226/CĐ-TTg\n"
        "Hà Nội, ngày 03 tháng 11 năm 2025\n"
        "CÔNG ĐIỆN\n"
        "1. Chánh Văn phòng Chính phủ theo dõi, đôn đốc thực hiện Công điện này.\n"
        "2. Giao Phó Thủ tướng Hồ Đức Phớc chỉ đạo các Bộ, cơ quan thực hiện.\n"
    )
    plan = extract_plan(text, source_name="holders.txt")
    office, deputy = plan.tasks
    assert names(plan, office.responsible) == ["Văn phòng Chính phủ"]
    assert names(plan, deputy.responsible) == ["Phó Thủ tướng Hồ Đức Phớc"]
    assert plan.bodies[deputy.responsible[0]].provisional


def test_recurring_time_phrases() -> None:
    text = HEAD + (
        "I. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ báo cáo UBND tỉnh trước ngày 20 hằng tháng.\n"
        "2. Sở Tư pháp tổng hợp kết quả hằng quý.\n"
        "3. Sở Tài chính bố trí kinh phí.\n"
        "- Thời gian thực hiện: Theo lộ trình của Trung ương\n"
        "4. Sở Nội vụ tinh giản biên chế theo lộ trình.\n"
    )
    plan = extract_plan(text, source_name="recurring.txt")
    monthly, quarterly, roadmap, staffing = (t.timeframe for t in plan.tasks)
    assert monthly is not None and monthly.recurrence == "monthly" and monthly.due is None
    assert quarterly is not None and quarterly.recurrence == "quarterly"
    assert roadmap is not None and roadmap.condition == "Theo lộ trình của Trung ương"
    assert roadmap.due is None
    # Inside the task's own words, "theo lộ trình" is how, not when.
    assert staffing is None


def test_tasks_after_the_recipients_are_read_and_a_list_of_acts_is_not() -> None:
    text = HEAD + (
        "I. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch.\n"
        "Nơi nhận:\n"
        "- Như trên;\n"
        "- Lưu: VT.\n"
        "TM. ỦY BAN NHÂN DÂN\n"
        "Danh mục văn bản đã ban hành\n"
        "I. QUYẾT ĐỊNH\n"
        "1. Quyết định số 12/QĐ-UBND ngày 05/3/2025 về việc giao nhiệm vụ.\n"
        "BẢNG PHÂN CÔNG NHIỆM VỤ\n"
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |\n"
        "|---|---|---|---|\n"
        "| 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Sở Nội vụ |\n"
    )
    plan = extract_plan(text, source_name="after.txt")
    assert [t.text for t in plan.tasks] == [
        "Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch.",
        "Rà soát thủ tục hành chính",
    ]
    assert names(plan, plan.tasks[1].lead) == ["Sở Tư pháp"]


def test_a_later_sentence_with_its_own_subject_is_its_own_task() -> None:
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n"
        "Số: 221-KL/TW\n"
        "Hà Nội, ngày 28 tháng 11 năm 2025\n"
        "KẾT LUẬN\n"
        "4. Yêu cầu các cấp uỷ đẩy mạnh việc rà soát tổ chức bộ máy. Các tỉnh uỷ, thành uỷ phối hợp"
        " Bộ Y tế rà soát cơ sở y tế.\n"
    )
    plan = extract_plan(text, source_name="kl.txt")
    first, second = plan.tasks
    assert first.text == "Yêu cầu các cấp uỷ đẩy mạnh việc rà soát tổ chức bộ máy."
    assert second.text.startswith("Các tỉnh uỷ, thành uỷ phối hợp Bộ Y tế")
    assert names(plan, second.responsible) == ["các tỉnh ủy, thành ủy"]
    assert names(plan, second.partner) == ["Bộ Y tế"]
