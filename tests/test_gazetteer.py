"""The curated gazetteer and body matching."""

from __future__ import annotations

import unicodedata

import pytest

from orggraph.errors import OrgGraphError
from orggraph.gazetteer import Gazetteer
from orggraph.model import BodyKind, Level
from orggraph.text import tokenize


@pytest.fixture(scope="module")
def tuyen_quang():  # type: ignore[no-untyped-def]
    return Gazetteer.load().matcher("Tuyên Quang")


def test_gazetteer_loads_and_every_entry_is_complete() -> None:
    gazetteer = Gazetteer.load()
    assert len(gazetteer.entries) > 80
    for entry in gazetteer.entries.values():
        assert entry.vi and entry.en, entry.key
        assert unicodedata.is_normalized("NFC", entry.vi)


@pytest.mark.parametrize(
    "written",
    [
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tổ chức Tỉnh uỷ",
        "ban tổ chức tỉnh ủy",
        "Ban  Tổ\tchức   Tỉnh ủy",
        unicodedata.normalize("NFD", "Ban Tổ chức Tỉnh ủy"),
    ],
    ids=["new-tone-style", "old-tone-style", "lower-case", "runs-of-space", "nfd"],
)
def test_spelling_variants_find_the_same_body(tuyen_quang, written: str) -> None:  # type: ignore[no-untyped-def]
    from orggraph.text import nfc

    body = tuyen_quang.lookup(nfc(written))
    assert body is not None and body.key == "ban-to-chuc-tinh-uy"


def test_abbreviations_keep_their_capitals(tuyen_quang) -> None:  # type: ignore[no-untyped-def]
    assert tuyen_quang.lookup("HĐND tỉnh").key == "hdnd-tinh"
    assert tuyen_quang.lookup("VPTU").key == "van-phong-tinh-uy"
    assert tuyen_quang.lookup("vptu") is None


def test_case_sensitive_names(tuyen_quang) -> None:  # type: ignore[no-untyped-def]
    # "Trung ương" is the Centre; "trung ương" in "trực thuộc trung ương" is not.
    assert tuyen_quang.lookup("Trung ương").key == "trung-uong"
    assert tuyen_quang.lookup("trung ương") is None


def test_longest_name_wins(tuyen_quang) -> None:  # type: ignore[no-untyped-def]
    found = tuyen_quang.find_all(tokenize("Văn phòng Ủy ban nhân dân tỉnh và Ủy ban nhân dân tỉnh"))
    assert [m.body.key for m in found] == ["van-phong-ubnd-tinh", "ubnd-tinh"]


def test_province_fills_names(tuyen_quang) -> None:  # type: ignore[no-untyped-def]
    body = tuyen_quang.lookup("Đoàn đại biểu Quốc hội tỉnh Tuyên Quang")
    assert body is not None and body.key == "doan-dbqh-tinh"
    assert body.name_vi == "Đoàn đại biểu Quốc hội tỉnh Tuyên Quang"


def test_jurisdictions_keep_bodies_apart() -> None:
    gazetteer = Gazetteer.load()
    tuyen_quang = gazetteer.matcher("Tuyên Quang").body("ban-to-chuc-tinh-uy")
    ha_giang = gazetteer.matcher("Hà Giang").body("ban-to-chuc-tinh-uy")
    assert tuyen_quang.ident == ("tuyen-quang", "ban-to-chuc-tinh-uy")
    assert ha_giang.ident == ("ha-giang", "ban-to-chuc-tinh-uy")
    # Central bodies are one node whatever the province.
    assert gazetteer.matcher("Hà Giang").body("bo-chinh-tri").ident == ("vn", "bo-chinh-tri")


def test_kinds_levels_and_groups(tuyen_quang) -> None:  # type: ignore[no-untyped-def]
    districts = tuyen_quang.body("cac-huyen-uy-thanh-uy")
    assert districts.is_group and districts.kind is BodyKind.GROUP and districts.level is Level.DISTRICT
    relevant = tuyen_quang.body("cac-co-quan-lien-quan")
    assert relevant.is_group and relevant.level is Level.PROVINCE  # takes the plan's level
    labour = tuyen_quang.body("dang-doan-lien-doan-lao-dong-tinh")
    assert labour.member_of == ("cac-dang-doan-doan-the-tinh",)


def test_a_name_given_to_two_bodies_is_refused() -> None:
    text = """
[[body]]
key = "a"
vi = "Ban Một"
en = "One"
kind = "state-body"
level = "province"

[[body]]
key = "b"
vi = "ban một"
en = "Another"
kind = "state-body"
level = "province"
"""
    with pytest.raises(OrgGraphError, match="belongs to both"):
        Gazetteer.load(text).matcher("X")


def test_unknown_reference_is_refused() -> None:
    text = """
[[body]]
key = "a"
vi = "Ban Một"
en = "One"
kind = "state-body"
level = "province"
member_of = ["nowhere"]
"""
    with pytest.raises(OrgGraphError, match="unknown key 'nowhere'"):
        Gazetteer.load(text)


def test_a_centrally_run_city_names_its_province_bodies_the_city_way() -> None:
    hanoi = Gazetteer.load().matcher("Hà Nội")
    for written, key in [
        ("UBND Thành phố", "ubnd-tinh"),
        ("Thành ủy Hà Nội", "tinh-uy"),
        ("Ban Tổ chức Thành ủy", "ban-to-chuc-tinh-uy"),
        ("các sở, ban, ngành, đoàn thể Thành phố", "cac-so-ban-nganh-tinh"),
    ]:
        body = hanoi.lookup(written)
        assert body is not None and body.key == key and body.scope == "ha-noi", written
    assert hanoi.body("tinh-uy").name_en == "City Party Committee"
    # A province keeps "tỉnh", and a city has no "UBND tỉnh" of its own.
    assert Gazetteer.load().matcher("Nghệ An").lookup("UBND Thành phố") is None
    assert hanoi.lookup("UBND tỉnh") is None


def test_merged_ministries_are_known_by_old_and_new_names() -> None:
    central = Gazetteer.load().matcher(None)
    new = central.lookup("Bộ Nông nghiệp và Môi trường")
    old = central.lookup("Bộ Tài nguyên và Môi trường")
    assert new is not None and old is not None and new.key != old.key
    assert old.succeeded_by == new.key and new.succeeded_by is None
    assert central.lookup("Bộ Dân tộc và Tôn giáo") is not None
    assert central.body("uy-ban-dan-toc").succeeded_by == "bo-dan-toc-va-ton-giao"
    province = Gazetteer.load().matcher("Nghệ An")
    assert province.body("so-giao-thong-van-tai").succeeded_by == "so-xay-dung"


def test_a_plans_own_names_never_reach_the_shared_matcher() -> None:
    shared = Gazetteer.load().matcher("Tuyên Quang")
    before = set(shared.bodies)
    plan_matcher = shared.for_plan()
    found = plan_matcher.match_at(tokenize("Đảng ủy xã Tân Trào chủ trì"), 0)
    assert found is not None and found.body.key == "dang-uy-xa-tan-trao"
    assert set(shared.bodies) == before
