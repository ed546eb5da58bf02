"""Plan 168-KH/TU: structure, roles, timeframes and offsets, checked against the text.

Every expectation below was read off data/kh168.txt by hand (line numbers are
the file's); the extractor must reproduce them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from orggraph.model import Plan, Recurrence
from orggraph.text import collapse_space

D = dt.date
TQ = "tuyen-quang"


def keys(idents: tuple[tuple[str, str], ...]) -> set[str]:
    return {key for _, key in idents}


def test_header(kh168_plan: Plan) -> None:
    assert kh168_plan.identifier == "168-KH/TU"
    assert kh168_plan.issued == D(2018, 2, 18)
    assert kh168_plan.scope == TQ
    assert kh168_plan.jurisdiction_vi == "Tuyên Quang"
    assert kh168_plan.issuers == ((TQ, "tinh-uy"),)
    assert kh168_plan.doc_type == "Kế hoạch"
    assert kh168_plan.implements == ("18-NQ/TW", "07-KH/TW")
    assert kh168_plan.title.startswith("KẾ HOẠCH CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH KHÓA XVI")


def test_sections_as_numbered(kh168_plan: Plan) -> None:
    numbers = {s.key: s.number for s in kh168_plan.sections}
    # The second part printed "III-" is really part IV: its key does not collide.
    assert numbers["B.III"] == "III" and numbers["B.IV"] == "III"
    assert kh168_plan.section("B.IV").title == "TỔ CHỨC THỰC HIỆN"
    expected = ["A", "A.1", "A.2", "A.3", "B", "B.I", "B.II", "B.II.1", "B.II.2", "B.III"]
    expected += [f"B.III.{n}" for n in range(1, 12)] + ["B.IV", "B.IV.2"]
    assert [s.key for s in kh168_plan.sections] == expected
    assert kh168_plan.section("B.III.10").parent == "B.III"
    assert kh168_plan.section("B.I").directives == ("155-KH/TU",)


def test_task_counts_per_section(kh168_plan: Plan) -> None:
    counted = Counter(task.section for task in kh168_plan.tasks)
    assert counted == {
        "B.II.1": 8,
        "B.II.2": 8,
        "B.III.1": 2,
        "B.III.2": 9,
        "B.III.3": 4,
        "B.III.4": 17,  # 13 bullets and the 4 "+" sub-bullets of the 13th
        "B.III.5": 17,
        "B.III.6": 2,
        "B.III.7": 3,
        "B.III.8": 3,
        "B.III.9": 1,  # the lone undashed sentence
        "B.III.10": 2,
        "B.III.11": 2,
        "B.IV": 5,  # numbered items 1, 3, 4, 5, 6 assign work themselves
        "B.IV.2": 2,
    }
    assert len(kh168_plan.tasks) == 85


def test_sub_bullets_are_subtasks(kh168_plan: Plan) -> None:
    subtasks = [t for t in kh168_plan.tasks if t.parent]
    assert [t.key for t in subtasks] == [f"B.III.4.13.{n}" for n in range(1, 5)]
    assert all(t.parent == "B.III.4.13" for t in subtasks)
    assert keys(subtasks[0].responsible) == {"cac-huyen-uy-thanh-uy"}


# key, line, responsible, lead, partners, reports to
ROLES = [
    ("B.II.1.1", 43, {"cac-cap-uy-to-chuc-dang-lanh-dao-co-quan-don-vi"}, set(), set(), set()),
    (
        "B.II.1.2",
        45,
        {"cac-cap-uy-to-chuc-dang-lanh-dao-co-quan-don-vi"},
        set(),
        set(),
        {"cap-co-tham-quyen"},
    ),
    ("B.II.2.2", 60, {"cac-cap-uy-to-chuc-dang-lanh-dao-co-quan-don-vi"}, set(), set(), set()),
    (
        "B.III.1.1",
        72,
        {"dang-doan-hdnd-tinh"},
        set(),
        {"ban-can-su-dang-ubnd-tinh", "doan-dbqh-tinh"},
        set(),
    ),
    ("B.III.1.2", 73, {"dang-doan-hdnd-tinh"}, set(), set(), {"ban-thuong-vu-tinh-uy"}),
    ("B.III.2.6", 81, {"ban-can-su-dang-ubnd-tinh"}, set(), {"dang-doan-hdnd-tinh", "doan-dbqh-tinh"}, set()),
    (
        "B.III.3.1",
        89,
        {"dang-doan-mttq-tinh", "cac-dang-doan-doan-the-tinh", "ban-thuong-vu-tinh-doan"},
        set(),
        set(),
        set(),
    ),
    ("B.III.3.3", 92, {"dang-doan-mttq-tinh"}, {"dang-doan-mttq-tinh"}, {"cac-co-quan-lien-quan"}, set()),
    ("B.III.3.4", 94, {"dang-doan-lien-doan-lao-dong-tinh"}, set(), set(), set()),
    ("B.III.4.3", 102, {"cac-huyen-uy-thanh-uy"}, set(), set(), set()),
    (
        "B.III.4.9",
        114,
        {"cac-huyen-uy-thanh-uy"},
        set(),
        {"dang-uy-khoi-doanh-nghiep-tinh", "ban-to-chuc-tinh-uy"},
        set(),
    ),
    ("B.III.5.2", 134, {"ban-to-chuc-tinh-uy"}, {"ban-to-chuc-tinh-uy"}, {"cac-huyen-uy-thanh-uy"}, set()),
    (
        "B.III.5.4",
        138,
        {"ban-to-chuc-tinh-uy"},
        {"ban-to-chuc-tinh-uy"},
        {"ban-tuyen-giao-tinh-uy", "cac-huyen-uy-thanh-uy"},
        set(),
    ),
    (
        "B.III.5.8",
        144,
        {"ban-to-chuc-tinh-uy"},
        {"ban-to-chuc-tinh-uy"},
        {"van-phong-tinh-uy", "cac-co-quan-lien-quan"},
        set(),
    ),
    (
        "B.III.5.9",
        145,
        {"ban-to-chuc-tinh-uy"},
        {"ban-to-chuc-tinh-uy"},
        {"cac-co-quan-tham-muu-don-vi-su-nghiep-tinh-uy"},
        set(),
    ),
    (
        "B.III.5.10",
        147,
        {"ban-to-chuc-tinh-uy"},
        set(),
        {"dang-uy-khoi-cac-co-quan-tinh", "dang-uy-khoi-doanh-nghiep-tinh", "cac-co-quan-lien-quan"},
        set(),
    ),
    ("B.III.5.15", 154, {"ban-to-chuc-tinh-uy"}, set(), set(), {"tinh-uy", "ban-thuong-vu-tinh-uy"}),
    (
        "B.III.6.1",
        159,
        {"uy-ban-kiem-tra-tinh-uy"},
        {"uy-ban-kiem-tra-tinh-uy"},
        {"ban-to-chuc-tinh-uy", "cac-co-quan-lien-quan"},
        {"ban-thuong-vu-tinh-uy"},
    ),
    ("B.III.7.1", 163, {"ban-tuyen-giao-tinh-uy"}, set(), set(), set()),
    (
        "B.III.9.1",
        178,
        {"ban-noi-chinh-tinh-uy"},
        {"ban-noi-chinh-tinh-uy"},
        {"cac-co-quan-lien-quan"},
        {"ban-thuong-vu-tinh-uy"},
    ),
    (
        "B.III.10.1",
        181,
        {"van-phong-tinh-uy"},
        set(),
        {"ban-to-chuc-tinh-uy", "cac-co-quan-lien-quan"},
        set(),
    ),
    (
        "B.III.11.1",
        185,
        {"dang-uy-khoi-cac-co-quan-tinh", "dang-uy-khoi-doanh-nghiep-tinh"},
        {"dang-uy-khoi-cac-co-quan-tinh", "dang-uy-khoi-doanh-nghiep-tinh"},
        {"ban-to-chuc-tinh-uy", "cac-co-quan-lien-quan"},
        set(),
    ),
    (
        "B.III.11.2",
        187,
        {"dang-uy-khoi-doanh-nghiep-tinh"},
        {"dang-uy-khoi-doanh-nghiep-tinh"},
        {"cac-huyen-uy-thanh-uy", "ban-to-chuc-tinh-uy"},
        set(),
    ),
    ("B.IV.1", 190, {"tinh-uy"}, set(), set(), set()),  # nothing names a body: the issuer
    ("B.IV.2.2", 195, {"cac-cap-uy-dang-dang-doan-ban-can-su-dang"}, set(), set(), {"ban-thuong-vu-tinh-uy"}),
    ("B.IV.3", 197, {"dang-doan-hdnd-tinh"}, set(), set(), set()),
    ("B.IV.5", 201, {"cac-so-ban-nganh-tinh"}, set(), set(), {"ban-thuong-vu-tinh-uy"}),
    (
        "B.IV.6",
        203,
        {"ban-to-chuc-tinh-uy"},
        {"ban-to-chuc-tinh-uy"},
        {"van-phong-tinh-uy", "cac-co-quan-lien-quan"},
        {"ban-chi-dao-cap-tinh"},
    ),
    # Read from the text: a bare "Chủ trì, phối hợp với …" bullet of the Mass Mobilisation
    # Commission, its "Phối hợp với …" bullet, and a bullet naming one of two heading bodies.
    ("B.III.8.1", 170, {"ban-dan-van-tinh-uy"}, {"ban-dan-van-tinh-uy"}, {"cac-co-quan-lien-quan"}, set()),
    (
        "B.III.8.3",
        174,
        {"ban-dan-van-tinh-uy"},
        set(),
        {"ban-to-chuc-tinh-uy", "cac-co-quan-lien-quan"},
        set(),
    ),
    (
        "B.III.11.1",
        185,
        {"dang-uy-khoi-cac-co-quan-tinh", "dang-uy-khoi-doanh-nghiep-tinh"},
        {"dang-uy-khoi-cac-co-quan-tinh", "dang-uy-khoi-doanh-nghiep-tinh"},
        {"ban-to-chuc-tinh-uy", "cac-co-quan-lien-quan"},
        set(),
    ),
    (
        "B.III.11.2",
        187,
        {"dang-uy-khoi-doanh-nghiep-tinh"},
        {"dang-uy-khoi-doanh-nghiep-tinh"},
        {"ban-to-chuc-tinh-uy", "cac-huyen-uy-thanh-uy"},
        set(),
    ),
    (
        "B.III.6.1",
        159,
        {"uy-ban-kiem-tra-tinh-uy"},
        {"uy-ban-kiem-tra-tinh-uy"},
        {"ban-to-chuc-tinh-uy", "cac-co-quan-lien-quan"},
        {"ban-thuong-vu-tinh-uy"},
    ),
    ("B.III.2.6", 81, {"ban-can-su-dang-ubnd-tinh"}, set(), {"dang-doan-hdnd-tinh", "doan-dbqh-tinh"}, set()),
]


@pytest.mark.parametrize(
    ("key", "line", "responsible", "lead", "partners", "reports"), ROLES, ids=[r[0] for r in ROLES]
)
def test_roles(
    kh168_plan: Plan,
    key: str,
    line: int,
    responsible: set[str],
    lead: set[str],
    partners: set[str],
    reports: set[str],
) -> None:
    task = kh168_plan.task(key)
    assert task.line == line
    assert keys(task.responsible) == responsible
    assert keys(task.lead) == lead
    assert keys(task.partner) == partners
    assert keys(task.reports_to) == reports


# key, start, due, recurrence, condition
TIMES = [
    ("B.II.1.1", None, D(2018, 1, 31), None, None),
    ("B.II.1.2", None, D(2018, 12, 31), None, None),
    ("B.II.1.3", D(2018, 1, 1), D(2019, 12, 31), None, None),
    ("B.II.1.4", D(2018, 1, 1), None, None, None),
    ("B.II.2.1", None, None, Recurrence.CONTINUOUS, None),  # the heading says "thực hiện thường xuyên"
    ("B.II.2.8", D(2018, 1, 1), None, Recurrence.ANNUAL, None),  # "Hằng năm, …" + "(thực hiện từ năm 2018)"
    ("B.III.1.1", None, D(2019, 12, 31), None, None),
    ("B.III.3.2", None, None, Recurrence.CONTINUOUS, None),
    ("B.III.4.10", D(2020, 1, 1), None, None, None),
    ("B.III.4.11", D(2021, 1, 1), None, None, None),
    ("B.III.5.3", None, None, None, "sau khi có quy định, hướng dẫn của Trung ương"),
    ("B.III.5.15", None, None, None, "sau khi Bộ Chính trị ban hành quy định"),
    ("B.III.5.16", None, None, None, "theo chỉ đạo của Trung ương"),
    ("B.III.5.17", None, None, Recurrence.ANNUAL, None),
    ("B.III.9.1", None, None, None, "sau khi có quy định của Trung ương"),
    ("B.III.10.1", None, D(2019, 12, 31), None, None),
    ("B.III.2.1", D(2018, 1, 1), D(2019, 12, 31), None, None),  # "từ năm 2018 và hoàn thành trong năm 2019"
    ("B.III.2.6", None, D(2019, 12, 31), None, None),
    ("B.III.6.1", None, None, Recurrence.ANNUAL, None),
    ("B.III.7.1", None, None, Recurrence.CONTINUOUS, None),
    ("B.III.8.3", None, None, None, "theo chỉ đạo của Trung ương"),
    ("B.III.11.1", None, D(2018, 12, 31), None, None),
]


@pytest.mark.parametrize(("key", "start", "due", "recurrence", "condition"), TIMES, ids=[t[0] for t in TIMES])
def test_timeframes(
    kh168_plan: Plan,
    key: str,
    start: dt.date | None,
    due: dt.date | None,
    recurrence: Recurrence | None,
    condition: str | None,
) -> None:
    timeframe = kh168_plan.task(key).timeframe
    assert timeframe is not None
    assert (timeframe.start, timeframe.due, timeframe.recurrence, timeframe.condition) == (
        start,
        due,
        recurrence,
        condition,
    )


def test_tasks_without_a_timeframe(kh168_plan: Plan) -> None:
    untimed = [t.key for t in kh168_plan.tasks if t.timeframe is None]
    assert untimed == [
        "B.III.4.13",
        "B.III.4.13.1",
        "B.III.4.13.2",
        "B.III.4.13.3",
        "B.III.4.13.4",
        "B.IV.1",
        "B.IV.2.1",
        "B.IV.2.2",
        "B.IV.3",
        "B.IV.4",
        "B.IV.5",
        "B.IV.6",
    ]


def test_timeframe_text_is_verbatim(kh168_plan: Plan) -> None:
    timeframe = kh168_plan.task("B.II.1.3").timeframe
    assert timeframe is not None
    assert timeframe.text == "thực hiện từ năm 2018 và cơ bản hoàn thành vào năm 2019"


OFFSETS = [
    ("B.II.1.1", "Xây dựng kế hoạch, chương trình", "(hoàn thành trong tháng 01/2018)."),
    ("B.II.1.6", "Thực hiện thí điểm mô hình mới", "(thực hiện từ năm 2018)."),
    ("B.III.1.2", "Xây dựng, báo cáo Ban Thường vụ", "(hoàn thành trước năm 2020)."),
    ("B.III.4.13.2", "Thực hiện thí điểm việc bố trí", "ở cấp huyện."),
    (
        "B.III.9.1",
        "Chủ trì, phối hợp với các cơ quan liên quan",
        "(thực hiện sau khi có quy định của Trung ương).",
    ),
    ("B.IV.6", "Ban Tổ chức Tỉnh ủy chủ trì", "những nơi thực hiện chưa tốt."),
    ("B.III.2.1", "Rà soát, sắp xếp giảm các tổ chức", "hoàn thành trong năm 2019)."),
    ("B.III.6.1", "Chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy", "(thực hiện hằng năm)."),
    ("B.III.7.3", "Chỉ đạo, thực hiện việc đấu tranh", "(thực hiện thường xuyên)."),
    ("B.III.8.3", "Phối hợp với Ban Tổ chức Tỉnh ủy", "(thực hiện theo chỉ đạo của Trung ương)."),
    ("B.III.10.2", "Phối hợp với Ban Tổ chức Tỉnh ủy", "(thực hiện hằng năm)."),
    ("B.III.11.2", "Đảng ủy Khối Doanh nghiệp tỉnh chủ trì", "(thực hiện từ năm 2018)."),
]


@pytest.mark.parametrize(("key", "begins", "ends"), OFFSETS, ids=[o[0] for o in OFFSETS])
def test_offsets_slice_the_bullet(
    kh168_plan: Plan, kh168_text: str, key: str, begins: str, ends: str
) -> None:
    task = kh168_plan.task(key)
    piece = kh168_text[task.start : task.end]
    assert piece.startswith(begins)
    assert piece.endswith(ends)


def test_every_text_is_its_slice_collapsed(kh168_plan: Plan, kh168_text: str) -> None:
    for task in kh168_plan.tasks:
        assert task.text == collapse_space(kh168_text[task.start : task.end]), task.key
        assert not task.text.startswith(("- ", "+ ")), task.key
        assert "  " not in task.text and "\t" not in task.text


def test_runs_of_spaces_are_collapsed_in_text(kh168_plan: Plan, kh168_text: str) -> None:
    task = kh168_plan.task("B.III.1.2")
    assert "đại biểu      Hội đồng" in kh168_text[task.start : task.end]
    assert "đại biểu Hội đồng nhân dân tỉnh khóa XIX" in task.text


def test_directives_cited(kh168_plan: Plan) -> None:
    assert kh168_plan.task("B.II.2.2").directives == ("39-NQ/TW",)
    assert kh168_plan.task("B.IV.1").directives == ("18-NQ/TW", "19-NQ/TW")
    directives = kh168_plan.directives
    assert set(directives) == {"18-NQ/TW", "07-KH/TW", "155-KH/TU", "19-NQ/TW", "39-NQ/TW"}
    assert directives["18-NQ/TW"].issued == D(2017, 10, 25)
    assert directives["07-KH/TW"].issued == D(2017, 11, 27)
    assert directives["155-KH/TU"].issued == D(2017, 11, 24)
    assert directives["39-NQ/TW"].issued == D(2015, 4, 17)
    assert directives["155-KH/TU"].scope == "tuyen-quang"
    assert directives["18-NQ/TW"].scope == "vn"


def test_recipients(kh168_plan: Plan) -> None:
    recipients = keys(kh168_plan.recipients)
    assert {"bo-chinh-tri", "ban-bi-thu", "ban-thuong-vu-tinh-doan", "van-phong-tinh-uy"} <= recipients


def test_no_warnings_on_the_bundled_plan(kh168_plan: Plan) -> None:
    assert kh168_plan.warnings == ()


def test_only_named_bodies_take_roles(kh168_plan: Plan) -> None:
    named = set(kh168_plan.bodies)
    for task in kh168_plan.tasks:
        for ident in (*task.responsible, *task.lead, *task.partner, *task.reports_to):
            assert ident in named
