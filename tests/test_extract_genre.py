"""The extractor as a grammar of the genre: other surface forms, spellings and inputs.

The plans here were written for these tests in the forms real plans use
(state plans' "Cơ quan chủ trì: …" blocks, "Giao X chủ trì, phối hợp với Y:"
headings, "Đơn vị chủ trì thực hiện:" lines after bullets); none is a copy.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from orggraph.build import plan_graph
from orggraph.errors import InputError
from orggraph.model import Plan, Recurrence
from orggraph.read.extract import extract_plan
from orggraph.store import to_turtle

STATE_PLAN = """BỘ NỘI VỤ
Số: 45/KH-BNV
Hà Nội, ngày 10 tháng 3 năm 2024
KẾ HOẠCH
Triển khai một đề án thử nghiệm
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Bảo đảm triển khai đồng bộ.
II. NỘI DUNG
1. Tổ chức hội nghị phổ biến đề án
- Cơ quan chủ trì: Bộ Nội vụ.
- Cơ quan phối hợp: Bộ Tư pháp, Văn phòng Chính phủ và các cơ quan có liên quan.
- Thời gian thực hiện: Quý II/2024.
2. Xây dựng các văn bản hướng dẫn
- Thông tư hướng dẫn thứ nhất
+ Cơ quan chủ trì: Bộ Tư pháp.
+ Cơ quan phối hợp: Bộ Nội vụ.
+ Thời hạn ban hành: trước ngày 01 tháng 7 năm 2024.
- Thông tư hướng dẫn thứ hai
+ Cơ quan thực hiện: Bộ Tài chính.
+ Thời gian thực hiện: năm 2024 và các năm tiếp theo.
III. TỔ CHỨC THỰC HIỆN
1. Bộ Tài chính chủ trì, phối hợp với Bộ Nội vụ bố trí kinh phí thực hiện.
2. Giao Bộ Nội vụ theo dõi, báo cáo Thủ tướng Chính phủ kết quả thực hiện.
"""

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
Số: 30/KH-UBND
Hà Giang, ngày 02 tháng 4 năm 2024
KẾ HOẠCH
Nâng cao năng lực đội ngũ làm công tác pháp chế
I. NHIỆM VỤ, GIẢI PHÁP
1. Kiện toàn đội ngũ
- Rà soát đội ngũ làm công tác pháp chế.
- Bố trí công chức đủ tiêu chuẩn.
Đơn vị chủ trì thực hiện: Các sở, ban, ngành, UBND cấp xã.
Đơn vị phối hợp: Sở Nội vụ.
Thời gian thực hiện: Thường xuyên.
- Tổ chức tập huấn chuyên sâu.
Đơn vị chủ trì: Sở Tư pháp.
Thời gian thực hiện: Tháng 9/2024.
II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Tư pháp theo dõi, đôn đốc và định kỳ báo cáo UBND tỉnh.
"""

CONCLUSION = """KẾT LUẬN
CỦA BỘ CHÍNH TRỊ
về một số việc cần làm ngay
1. Giao Đảng ủy Quốc hội chủ trì, phối hợp với Đảng ủy Chính phủ và các cơ quan liên quan:
- Rà soát các quy định có liên quan trong năm 2025.
- Báo cáo Bộ Chính trị kết quả thực hiện.
2. Giao Văn phòng Trung ương Đảng chủ trì:
- Hướng dẫn việc lưu trữ hồ sơ.
Ban Tổ chức Trung ương chủ trì, phối hợp với Ủy ban Kiểm tra Trung ương theo dõi việc thực hiện.
"""


def keys(idents: tuple[tuple[str, str], ...]) -> list[str]:
    return [key for _, key in idents]


@pytest.fixture(scope="module")
def state_plan() -> Plan:
    return extract_plan(STATE_PLAN, source_name="state.txt")


@pytest.fixture(scope="module")
def province_plan() -> Plan:
    return extract_plan(PROVINCE_PLAN, source_name="province.txt")


@pytest.fixture(scope="module")
def conclusion() -> Plan:
    return extract_plan(CONCLUSION, source_name="conclusion.txt")


def test_state_plan_header(state_plan: Plan) -> None:
    assert state_plan.identifier == "45/KH-BNV"
    assert state_plan.issued == dt.date(2024, 3, 10)
    assert state_plan.scope == "vn"
    assert keys(state_plan.issuers) == ["bo-noi-vu"]


def test_field_blocks_give_lead_partners_and_deadline(state_plan: Plan) -> None:
    # Purposes are not tasks: the first task is item II.1 itself.
    first = state_plan.tasks[0]
    assert first.key == "II.1"
    assert keys(first.responsible) == ["bo-noi-vu"] and keys(first.lead) == ["bo-noi-vu"]
    assert keys(first.partner) == ["bo-tu-phap", "van-phong-chinh-phu", "cac-co-quan-lien-quan"]
    assert first.timeframe is not None and first.timeframe.due == dt.date(2024, 6, 30)


def test_plus_fields_belong_to_their_dash_task(state_plan: Plan) -> None:
    first, second = state_plan.task("II.2.1"), state_plan.task("II.2.2")
    assert keys(first.lead) == ["bo-tu-phap"] and keys(first.partner) == ["bo-noi-vu"]
    assert first.timeframe is not None and first.timeframe.due == dt.date(2024, 6, 30)
    assert keys(second.responsible) == ["bo-tai-chinh"] and second.lead == ()
    assert second.timeframe is not None and second.timeframe.start == dt.date(2024, 1, 1)
    assert second.timeframe.due is None


def test_numbered_items_that_assign_work(state_plan: Plan) -> None:
    funding = state_plan.task("III.1")
    assert keys(funding.lead) == ["bo-tai-chinh"] and keys(funding.partner) == ["bo-noi-vu"]
    report = state_plan.task("III.2")
    assert keys(report.responsible) == ["bo-noi-vu"]
    assert keys(report.reports_to) == ["thu-tuong-chinh-phu"]


def test_fields_after_bullets_apply_to_the_bullets_before_them(province_plan: Plan) -> None:
    assert province_plan.scope == "ha-giang" and province_plan.jurisdiction_vi == "Hà Giang"
    review, staff, training = province_plan.tasks[:3]
    for task in (review, staff):
        assert keys(task.lead) == ["cac-so-ban-nganh-tinh", "ubnd-cap-xa"]
        assert keys(task.partner) == ["so-noi-vu"]
        assert task.timeframe is not None and task.timeframe.recurrence is Recurrence.CONTINUOUS
    assert keys(training.lead) == ["so-tu-phap"]
    assert training.timeframe is not None and training.timeframe.due == dt.date(2024, 9, 30)
    follow_up = province_plan.task("II.1")
    assert keys(follow_up.responsible) == ["so-tu-phap"] and keys(follow_up.reports_to) == ["ubnd-tinh"]


def test_province_bodies_are_scoped_to_the_plans_province(province_plan: Plan) -> None:
    assert ("ha-giang", "so-tu-phap") in province_plan.bodies


def test_giao_headings_give_lead_and_partners_to_their_bullets(conclusion: Plan) -> None:
    assert keys(conclusion.issuers) == ["bo-chinh-tri"]
    review = conclusion.task("1.1")
    assert keys(review.responsible) == ["dang-uy-quoc-hoi"] and keys(review.lead) == ["dang-uy-quoc-hoi"]
    assert keys(review.partner) == ["dang-uy-chinh-phu", "cac-co-quan-lien-quan"]
    assert review.timeframe is not None and review.timeframe.due == dt.date(2025, 12, 31)
    assert keys(conclusion.task("1.2").reports_to) == ["bo-chinh-tri"]
    assert keys(conclusion.task("2.1").lead) == ["van-phong-trung-uong-dang"]
    # An undashed paragraph with its own subject is a task of its own.
    follow = conclusion.task("2.2")
    assert keys(follow.lead) == ["ban-to-chuc-trung-uong"]
    assert keys(follow.partner) == ["uy-ban-kiem-tra-trung-uong"]


def test_no_number_falls_back_to_the_file_name_with_a_warning(conclusion: Plan) -> None:
    assert conclusion.identifier == "conclusion"
    assert any("no document number" in w.message for w in conclusion.warnings)


def test_unknown_body_is_a_provisional_body_reported_with_its_line(tiny_plan: str) -> None:
    text = tiny_plan.replace(
        "- Phối hợp với Ban Quản lý các khu công nghiệp tỉnh tham mưu",
        "- Phối hợp với Ban Quản lý các khu công nghiệp tỉnh tham mưu",
    ).replace(
        "- Phối hợp với Ban Tổ chức Tỉnh ủy tham mưu",
        "- Phối hợp với Ban Quản lý các khu công nghiệp tỉnh tham mưu",
    )
    plan = extract_plan(text, source_name="tiny.txt")
    (warning,) = plan.warnings
    assert warning.line == 12
    assert warning.phrase == "Ban Quản lý các khu công nghiệp tỉnh"
    assert "provisional" in warning.message
    task = plan.task("I.2.1")
    assert keys(task.responsible) == ["van-phong-tinh-uy"]
    (partner,) = (plan.bodies[i] for i in task.partner)
    # The name exactly as written, in the plan's province, marked as not from the gazetteer.
    assert (partner.name_vi, partner.scope, partner.provisional) == (
        "Ban Quản lý các khu công nghiệp tỉnh",
        "ha-giang",
        True,
    )
    assert (partner.kind.value, partner.level.value) == ("state-body", "province")


def test_an_unknown_body_reported_to_is_a_warning(tiny_plan: str) -> None:
    text = tiny_plan.replace(
        "- Tham mưu cho Ban Thường vụ Tỉnh ủy sơ kết (thực hiện hằng năm).",
        "- Báo cáo kết quả với Hội đồng Thi đua tỉnh (thực hiện hằng năm).",
    )
    plan = extract_plan(text, source_name="tiny.txt")
    (warning,) = plan.warnings
    assert (warning.line, warning.phrase) == (10, "Hội đồng Thi đua tỉnh")
    assert warning.message == "body not in the gazetteer, kept as a provisional body (advised)"
    assert [plan.bodies[i].name_vi for i in plan.task("I.1.2").reports_to] == ["Hội đồng Thi đua tỉnh"]


def test_every_unknown_name_of_a_field_list_is_a_warning() -> None:
    text = STATE_PLAN.replace(
        "- Cơ quan phối hợp: Bộ Tư pháp, Văn phòng Chính phủ và các cơ quan có liên quan.",
        "- Cơ quan phối hợp: Bộ Tư pháp, Ban Quản lý các khu công nghiệp tỉnh và Trung tâm Phục vụ"
        " hành chính công tỉnh.",
    )
    plan = extract_plan(text, source_name="state.txt")
    assert [(w.line, w.phrase) for w in plan.warnings] == [
        (12, "Ban Quản lý các khu công nghiệp tỉnh"),
        (12, "Trung tâm Phục vụ hành chính công tỉnh"),
    ]
    assert {w.message for w in plan.warnings} == {
        "body not in the gazetteer, kept as a provisional body (field)"
    }
    assert [plan.bodies[i].name_vi for i in plan.task("II.1").partner] == [
        "Bộ Tư pháp",
        "Ban Quản lý các khu công nghiệp tỉnh",
        "Trung tâm Phục vụ hành chính công tỉnh",
    ]


def test_tone_mark_styles_give_the_same_roles(kh168_text: str, kh168_plan: Plan) -> None:
    old_style = kh168_text.replace("Tỉnh ủy", "Tỉnh uỷ").replace("hóa", "hoá").replace("Ủy ban", "Uỷ ban")
    plan = extract_plan(old_style, source_name="data/kh168.txt")
    assert len(plan.tasks) == len(kh168_plan.tasks)
    for new, old in zip(kh168_plan.tasks, plan.tasks, strict=True):
        assert (new.key, new.responsible, new.lead, new.partner, new.reports_to) == (
            old.key,
            old.responsible,
            old.lead,
            old.partner,
            old.reports_to,
        )
        assert (new.start, new.end) == (old.start, old.end)


def test_runs_of_spaces_inside_names(tiny_plan: str) -> None:
    text = tiny_plan.replace("phối hợp với Văn phòng Tỉnh ủy", "phối hợp với Văn   phòng\tTỉnh  ủy")
    plan = extract_plan(text, source_name="tiny.txt")
    assert keys(plan.task("I.1.1").partner) == ["van-phong-tinh-uy"]
    assert plan.warnings == ()


def test_nfd_input_gives_the_same_graph(kh168_text: str, kh168_plan: Plan) -> None:
    decomposed = unicodedata.normalize("NFD", kh168_text)
    assert decomposed != kh168_text
    plan = extract_plan(decomposed, source_name="data/kh168.txt")
    assert to_turtle(plan_graph(plan)) == to_turtle(plan_graph(kh168_plan))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("  \n\t\n", "empty"),
        ("Một đoạn văn không có mục nào.\nDòng thứ hai.", "no recognisable"),
    ],
    ids=["empty", "blank", "no-sections"],
)
def test_unusable_text(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        extract_plan(text, source_name="x.txt")
