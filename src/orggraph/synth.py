"""A corpus of synthetic plans of the genre, each with the truth it encodes.

``synth_corpus(n, seed, folder)`` writes ``plan-0001.txt`` … and beside each
``plan-0001.truth.json``: every task's structural key, its responsible, lead,
partner and reported-to bodies (as ``scope/key``) and its timeframe.  Plans
are province plans ("TỈNH ỦY …") or district plans ("ĐẢNG BỘ TỈNH …" /
"HUYỆN ỦY …") with numbered body sections, dash and "+" bullets, "Chủ trì,
phối hợp với …", subjects that narrow a section, "tham mưu cho …", the
glossary's time phrases, both tone-mark styles, abbreviations, and generated
communes ("Đảng ủy xã Tân Lập").  The same seed gives the same corpus.

:func:`evaluate_extraction` runs the extractor over a corpus and scores it
against the truth: precision and recall over (task, role, body) and
(task, time field, value) facts.

>>> plan = generate_plan(random.Random(7), 1)
>>> plan.text.startswith(("ĐẢNG BỘ TỈNH ", "TỈNH ỦY ", "TỈNH UỶ "))
True
>>> sorted(plan.truth())
['district', 'identifier', 'province', 'tasks']
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .files import atomic_write
from .gazetteer import Gazetteer, Matcher
from .model import Body
from .resources import data_file

__all__ = ["SynthPlan", "evaluate_extraction", "generate_plan", "synth_corpus"]

_PROVINCE_SECTIONS = [
    "ban-to-chuc-tinh-uy",
    "uy-ban-kiem-tra-tinh-uy",
    "ban-tuyen-giao-tinh-uy",
    "ban-dan-van-tinh-uy",
    "ban-noi-chinh-tinh-uy",
    "van-phong-tinh-uy",
    "dang-uy-khoi-cac-co-quan-tinh",
    "dang-uy-khoi-doanh-nghiep-tinh",
    "dang-doan-hdnd-tinh",
    "ban-can-su-dang-ubnd-tinh",
    "dang-doan-mttq-tinh",
    "dang-doan-lien-doan-lao-dong-tinh",
    "ban-thuong-vu-tinh-doan",
    "so-noi-vu",
    "so-tai-chinh",
    "so-tu-phap",
    "cac-huyen-uy-thanh-uy",
]
_PROVINCE_GROUPS = ["cac-co-quan-lien-quan", "cac-so-ban-nganh-tinh", "cac-huyen-uy-thanh-uy"]
_PROVINCE_ADVISED = ["ban-thuong-vu-tinh-uy", "tinh-uy", "ubnd-tinh", "thuong-truc-tinh-uy"]
_DISTRICT_SECTIONS = [
    "ban-to-chuc-huyen-uy",
    "uy-ban-kiem-tra-huyen-uy",
    "ban-tuyen-giao-huyen-uy",
    "ban-dan-van-huyen-uy",
    "van-phong-huyen-uy",
    "ubnd-huyen",
    "ubmttq-huyen",
    "phong-noi-vu-huyen",
    "trung-tam-chinh-tri-huyen",
    "cac-dang-uy-xa-thi-tran",
]
_DISTRICT_GROUPS = ["cac-co-quan-lien-quan", "cac-phong-ban-huyen", "cac-dang-uy-xa-thi-tran"]
_DISTRICT_ADVISED = ["ban-thuong-vu-huyen-uy", "huyen-uy", "ubnd-huyen", "ban-thuong-vu-tinh-uy"]
_DISTRICT_OUTSIDERS = ["ban-to-chuc-tinh-uy", "ban-tuyen-giao-tinh-uy"]
_GENERAL = "cac-cap-uy-to-chuc-dang-lanh-dao-co-quan-don-vi"
_IMPLEMENTERS = "cac-cap-uy-dang-dang-doan-ban-can-su-dang"
_OLD_TONE_STYLE = [
    ("ủy", "uỷ"),
    ("Ủy", "Uỷ"),
    ("ỦY", "UỶ"),
    ("hóa", "hoá"),
    ("hòa", "hoà"),
    ("Hòa", "Hoà"),
    ("thủy", "thuỷ"),
]


@cache
def _vocabulary() -> dict[str, Any]:
    return tomllib.loads(data_file("synth.toml").read_text(encoding="utf-8"))


@dataclass
class SynthPlan:
    """One generated plan and the truth it encodes."""

    text: str
    province: str
    district: str | None
    identifier: str
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)

    def truth(self) -> dict[str, Any]:
        return {
            "identifier": self.identifier,
            "province": self.province,
            "district": self.district,
            "tasks": self.tasks,
        }


class _Writer:
    """Builds one plan's text line by line while recording what each task means."""

    def __init__(self, rng: random.Random, matcher: Matcher, year: int) -> None:
        self.rng = rng
        self.matcher = matcher
        self.year = year
        self.lines: list[str] = []
        self.tasks: dict[str, dict[str, Any]] = {}
        vocabulary = _vocabulary()
        self.measures: list[str] = vocabulary["measures"]

    # ---- names

    def ident(self, body: Body) -> str:
        return f"{body.scope}/{body.key}"

    def name(self, body: Body, *, capital: bool = False) -> str:
        """How the plan writes a body this time: its name, an alias or an abbreviation."""
        choices = [body.name_vi, *body.aliases, *body.abbreviations]
        written = choices[0] if self.rng.random() < 0.6 else self.rng.choice(choices)
        return written[0].upper() + written[1:] if capital else written

    def names(self, bodies: list[Body]) -> str:
        written = [self.name(b) for b in bodies]
        if len(written) == 1:
            return written[0]
        return ", ".join(written[:-1]) + " và " + written[-1]

    # ---- time

    def timeframe(self) -> tuple[str, dict[str, Any]]:
        y = self.year
        kind = self.rng.randrange(10)
        if kind == 0:
            return f"hoàn thành trong năm {y}", {"due": f"{y}-12-31"}
        if kind == 1:
            return f"hoàn thành trước năm {y + 2}", {"due": f"{y + 1}-12-31"}
        if kind == 2:
            return f"thực hiện từ năm {y}", {"start": f"{y}-01-01"}
        if kind == 3:
            return (
                f"thực hiện từ năm {y} và hoàn thành trong năm {y + 1}",
                {"start": f"{y}-01-01", "due": f"{y + 1}-12-31"},
            )
        if kind == 4:
            month = self.rng.randrange(3, 13)
            last = (dt.date(y + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
            return f"hoàn thành trong tháng {month:02d}/{y}", {"due": last}
        if kind == 5:
            return "thực hiện thường xuyên", {"recurrence": "continuous"}
        if kind == 6:
            return "thực hiện hằng năm", {"recurrence": "annual"}
        if kind == 7:
            return (
                "thực hiện sau khi có quy định của Trung ương",
                {"condition": "sau khi có quy định của Trung ương"},
            )
        if kind == 8:
            return f"thực hiện từ năm {y + 1}", {"start": f"{y + 1}-01-01"}
        return "", {}

    # ---- tasks

    def record(self, key: str, responsible: list[Body], **roles: Any) -> dict[str, Any]:
        entry = {
            "responsible": sorted({self.ident(b) for b in responsible}),
            "lead": sorted({self.ident(b) for b in roles.get("lead", [])}),
            "partner": sorted(
                {self.ident(b) for b in roles.get("partner", [])} - {self.ident(b) for b in responsible}
            ),
            "reportsTo": sorted({self.ident(b) for b in roles.get("reports_to", [])}),
            "start": None,
            "due": None,
            "recurrence": None,
            "condition": None,
        }
        entry.update(roles.get("time", {}))
        self.tasks[key] = entry
        return entry

    def bullet(
        self,
        key: str,
        heading: list[Body],
        partners: list[Body],
        advised: list[Body],
    ) -> None:
        """One dash bullet of a body section, in one of the genre's forms."""
        rng = self.rng
        measure = rng.choice(self.measures)
        phrase, time = self.timeframe()
        tail = f" ({phrase})." if phrase else "."
        form = rng.randrange(7)
        picked = rng.sample(partners, k=min(len(partners), rng.randrange(1, 3)))
        if form == 0:
            self.lines.append(f"- {measure[0].upper()}{measure[1:]}{tail}")
            self.record(key, heading, time=time)
        elif form == 1:
            self.lines.append(f"- Chủ trì, phối hợp với {self.names(picked)} {measure}{tail}")
            self.record(key, heading, lead=heading, partner=picked, time=time)
        elif form == 2:
            self.lines.append(f"- Phối hợp với {self.names(picked)} {measure}{tail}")
            self.record(key, heading, partner=picked, time=time)
        elif form == 3:
            target = rng.choice(advised)
            self.lines.append(f"- Tham mưu cho {self.name(target)} {measure}{tail}")
            self.record(key, heading, reports_to=[target], time=time)
        elif form == 4 and len(heading) > 1:
            subject = rng.choice(heading)
            self.lines.append(
                f"- {self.name(subject, capital=True)} chủ trì, phối hợp với {self.names(picked)} {measure}{tail}"
            )
            self.record(key, [subject], lead=[subject], partner=picked, time=time)
        elif form == 5:
            target = rng.choice(advised)
            second = rng.choice(self.measures)
            self.lines.append(
                f"- Chủ trì, phối hợp với {self.names(picked)} {measure}; tham mưu cho {self.name(target)} {second}{tail}"
            )
            self.record(key, heading, lead=heading, partner=picked, reports_to=[target], time=time)
        else:
            self.lines.append(f"- {measure[0].upper()}{measure[1:]}, gồm các việc sau:")
            self.record(key, heading)
            for n in range(1, rng.randrange(2, 4) + 1):
                item = rng.choice(self.measures)
                self.lines.append(f"+ {item[0].upper()}{item[1:]}.")
                self.record(f"{key}.{n}", heading)


def _place_name(rng: random.Random) -> str:
    vocabulary = _vocabulary()
    return f"{rng.choice(vocabulary['first_syllables'])} {rng.choice(vocabulary['second_syllables'])}"


def generate_plan(rng: random.Random, number: int, gazetteer: Gazetteer | None = None) -> SynthPlan:
    """One plan: a province's (two in three) or a district's."""
    gazetteer = gazetteer or Gazetteer.load()
    vocabulary = _vocabulary()
    province = rng.choice(vocabulary["provinces"])
    district = _place_name(rng) if rng.random() < 0.35 else None
    matcher = gazetteer.matcher(province, district)
    year = rng.randrange(2018, 2026)
    writer = _Writer(rng, matcher, year)
    body = matcher.body
    lines = writer.lines

    if district:
        identifier = f"{number}-KH/HU"
        lines += [f"ĐẢNG BỘ TỈNH {province.upper()}", f"HUYỆN ỦY {district.upper()}", "*", f"Số {identifier}"]
        place = district
        section_pool = [body(k) for k in _DISTRICT_SECTIONS]
        communes = [_place_name(rng) for _ in range(3)]
        commune_bodies = []
        for commune in communes:
            commune_bodies.append(matcher.lookup(f"Đảng ủy xã {commune}"))
            commune_bodies.append(matcher.lookup(f"Ủy ban nhân dân xã {commune}"))
        partner_pool = section_pool + [body(k) for k in _DISTRICT_GROUPS + _DISTRICT_OUTSIDERS]
        partner_pool += [b for b in commune_bodies if b is not None]
        advised = [body(k) for k in _DISTRICT_ADVISED]
    else:
        identifier = f"{number}-KH/TU"
        lines += [f"TỈNH ỦY {province.upper()}", "*", f"Số {identifier}"]
        place = province
        section_pool = [body(k) for k in _PROVINCE_SECTIONS]
        partner_pool = section_pool + [body(k) for k in _PROVINCE_GROUPS]
        advised = [body(k) for k in _PROVINCE_ADVISED]
    issued = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
    lines += [
        f"{place}, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}",
        "KẾ HOẠCH",
        "thực hiện Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Ban Chấp hành Trung ương",
        "-----",
    ]
    sep = rng.choice(["-", "."])
    lines.append(f"A{sep} MỤC ĐÍCH, YÊU CẦU")
    for n, aim in enumerate(rng.sample(vocabulary["aims"], k=2), start=1):
        lines.append(f"{n}{sep} {aim}")
    lines.append(f"B{sep} NỘI DUNG")

    lines.append(f"I{sep} NHIỆM VỤ CHUNG")
    lines.append(
        f"{writer.name(body(_GENERAL), capital=True)} tập trung lãnh đạo, chỉ đạo thực hiện các nhiệm vụ sau:"
    )
    for n in range(1, rng.randrange(3, 6) + 1):
        measure = rng.choice(writer.measures)
        phrase, time = writer.timeframe()
        tail = f" ({phrase})." if phrase else "."
        lines.append(f"- {measure[0].upper()}{measure[1:]}{tail}")
        writer.record(f"B.I.{n}", [body(_GENERAL)], time=time)

    lines.append(f"II{sep} NHIỆM VỤ CỤ THỂ CỦA TỪNG TỔ CHỨC, CƠ QUAN")
    sections = rng.sample(section_pool, k=rng.randrange(5, min(10, len(section_pool)) + 1))
    ordinal = 0
    while sections:
        ordinal += 1
        heading = [sections.pop(0)]
        if sections and rng.random() < 0.2:
            heading.append(sections.pop(0))
        formula = rng.choice(["", " lãnh đạo, chỉ đạo"])
        lines.append(
            f"{ordinal}{sep} "
            + ", ".join(writer.name(b, capital=i == 0) for i, b in enumerate(heading))
            + formula
        )
        partners = [b for b in partner_pool if b not in heading]
        for n in range(1, rng.randrange(2, 7) + 1):
            writer.bullet(f"B.II.{ordinal}.{n}", heading, partners, advised)

    lines.append(f"III{sep} TỔ CHỨC THỰC HIỆN")
    lead = rng.choice(section_pool)
    partner = rng.choice([b for b in partner_pool if b is not lead])
    measure = rng.choice(writer.measures)
    lines.append(
        f"1{sep} {writer.name(lead, capital=True)} chủ trì, phối hợp với {writer.name(partner)} {measure}."
    )
    writer.record("B.III.1", [lead], lead=[lead], partner=[partner])
    lines.append(f"2{sep} {writer.name(body(_IMPLEMENTERS), capital=True)}:")
    for n in (1, 2):
        measure = rng.choice(writer.measures)
        lines.append(f"- {measure[0].upper()}{measure[1:]}.")
        writer.record(f"B.III.2.{n}", [body(_IMPLEMENTERS)])
    lines += ["Nơi nhận:", f"- {advised[0].name_vi},", "- Lưu."]

    text = "\n".join(lines) + "\n"
    if rng.random() < 0.3:
        for new, old in _OLD_TONE_STYLE:
            text = text.replace(new, old)
    return SynthPlan(text, province, district, identifier, writer.tasks)


def synth_corpus(
    plans: int, seed: int, folder: Path, *, progress: Callable[[], None] | None = None
) -> list[Path]:
    """Write ``plans`` plans and their truth into ``folder``; return the text files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    gazetteer = Gazetteer.load()
    written = []
    for number in range(1, plans + 1):
        plan = generate_plan(rng, number, gazetteer)
        text_path = folder / f"plan-{number:05d}.txt"
        atomic_write(text_path, plan.text)
        atomic_write(
            folder / f"plan-{number:05d}.truth.json",
            json.dumps(plan.truth(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        )
        written.append(text_path)
        if progress:
            progress()
    return written


def _facts(tasks: dict[str, dict[str, Any]]) -> Iterator[tuple[str, ...]]:
    for key, task in tasks.items():
        yield (key, "task")
        for role in ("responsible", "lead", "partner", "reportsTo"):
            for body in task.get(role, []):
                yield (key, role, body)
        for name in ("start", "due", "recurrence", "condition"):
            if task.get(name):
                yield (key, name, str(task[name]))


@dataclass(frozen=True)
class ExtractionScore:
    """Precision and recall of the extractor over a corpus's facts."""

    plans: int
    facts: int
    found: int
    right: int
    mistakes: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.facts if self.facts else 1.0


def evaluate_extraction(texts: list[Path]) -> ExtractionScore:
    """Extract every plan and compare with the ``*.truth.json`` beside it."""
    from .pipeline import read_plan

    expected_total = found_total = right_total = 0
    mistakes: list[str] = []
    for path in texts:
        truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
        plan = read_plan(path, source_name=path.name)
        extracted: dict[str, dict[str, Any]] = {}
        for task in plan.tasks:
            timeframe = task.timeframe
            extracted[task.key] = {
                "responsible": [f"{s}/{k}" for s, k in task.responsible],
                "lead": [f"{s}/{k}" for s, k in task.lead],
                "partner": [f"{s}/{k}" for s, k in task.partner],
                "reportsTo": [f"{s}/{k}" for s, k in task.reports_to],
                "start": timeframe.start.isoformat() if timeframe and timeframe.start else None,
                "due": timeframe.due.isoformat() if timeframe and timeframe.due else None,
                "recurrence": timeframe.recurrence.value if timeframe and timeframe.recurrence else None,
                "condition": timeframe.condition if timeframe else None,
            }
        expected = set(_facts(truth["tasks"]))
        found = set(_facts(extracted))
        expected_total += len(expected)
        found_total += len(found)
        right_total += len(expected & found)
        for fact in sorted(expected ^ found)[:5]:
            side = "missed" if fact in expected else "wrong"
            mistakes.append(f"{path.name}: {side} {' '.join(fact)}")
    return ExtractionScore(len(texts), expected_total, found_total, right_total, tuple(mistakes))
