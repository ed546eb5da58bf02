"""The role grammar of one assignment: who is subject, who leads, who partners, who is advised.

The genre's clauses follow a few patterns, all read here on tokens:

* subject: a bullet or heading may open with the bodies it assigns
  ("Đảng ủy Khối Doanh nghiệp tỉnh chủ trì …", "Giao Sở Tư pháp theo dõi …",
  "Bộ trưởng Bộ Công an có trách nhiệm …");
* lead: "<bodies> chủ trì", or a bare "Chủ trì, …" meaning the responsible body;
* partners: the list after "phối hợp với";
* advised or reported to: "tham mưu (cho) X", "giúp X", "trình X",
  "báo cáo X", and "báo cáo … với / về / lên X".

A body list is bodies separated by "," "và" ";" "cùng".  Where a slot that must
name a body names something the gazetteer does not know, a :class:`SlotGap`
records the phrase so the extractor can warn about it.

>>> from orggraph.gazetteer import Gazetteer
>>> from orggraph.text import tokenize
>>> m = Gazetteer.load().matcher("Tuyên Quang")
>>> text = ("Chủ trì, phối hợp với Văn phòng Tỉnh ủy và các cơ quan liên quan "
...         "tham mưu cho Ban Thường vụ Tỉnh ủy sơ kết")
>>> c = read_clause(tokenize(text), m)
>>> c.bare_lead, [b.key for b in c.partners], [b.key for b in c.reports_to]
(True, ['van-phong-tinh-uy', 'cac-co-quan-lien-quan'], ['ban-thuong-vu-tinh-uy'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..gazetteer import Match, Matcher
from ..model import Body
from ..text import Token, phrase_key, syllable_key
from .genre import Genre, longest_at, words_at

__all__ = [
    "Clause",
    "Heading",
    "SlotGap",
    "read_body_list",
    "read_clause",
    "read_heading",
    "read_role_heading",
    "sentence_assignments",
    "unique_bodies",
]


# The role grammar's words are the genre's vocabulary (data/genre.toml [grammar]).
_G = Genre.load()
_LEAD = _G.phrase("lead")
_CONTENT_OF = _G.phrase("content_of")
_RESPONSIBLE_FOR = _G.phrases("responsible")[0]
_RESPONSIBLE_WORDS = list(_G.phrases("responsible"))
_PARTNER = _G.phrase("partner")
_CLOSELY = _G.phrase("closely")
_ADVISE = _G.phrase("advise")
_PROPOSE_TO = list(_G.phrases("propose_to"))
_ADVISE_FOR = _G.phrase("advise_for")
_HELP = _G.phrase("help")
_SUBMIT = _G.phrase("submit")
_REPORT = _G.phrase("report")
_REFLECT = _G.phrase("reflect")
_REPORT_AS_NOUN = {words[0] for words in _G.phrases("report_as_noun_after")}
_THROUGH = _G.phrase("through")
_NOT_SUBMIT = {words[0] for words in _G.phrases("not_submit_after")}
_PURPOSE = phrase_key("để")
_ONWARD = _G.phrase("onward")
_ALSO_ADVISE = list(_G.phrases("also_advise"))
_REPORT_TARGETS = list(_G.phrases("report_targets"))
_LIST_SEPARATORS = {",", ";", syllable_key("và"), syllable_key("cùng")}
_CLAUSE_END = {";", ".", "(", ")", ":", "[", "]"}  # "[3]": a footnote's mark
_HEADING_FORMULAS = list(_G.phrases("heading_formulas"))
_AND = syllable_key("và")
_MAX_PHRASE = 24
_QUALIFYING = {syllable_key(w) for w in ("và", "khác")}  # a list, or "khác"
_RELATED = phrase_key("liên quan")
_REGION = phrase_key("khu vực")
_MAX_ADVERBIAL = 40


@dataclass(frozen=True, slots=True)
class SlotGap:
    """A place that should name a body but names nothing the gazetteer knows."""

    role: str  # "subject" | "partner" | "advised" | "heading" | "field"
    start: int
    end: int


@dataclass
class Clause:
    """The roles one assignment's text states itself."""

    subject: list[Body] = field(default_factory=list)
    subject_leads: bool = False
    bare_lead: bool = False
    partners: list[Body] = field(default_factory=list)
    reports_to: list[Body] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    gaps: list[SlotGap] = field(default_factory=list)
    named: list[Match] = field(default_factory=list)  # the role slots' names, as written
    advised_end: int = -1  # last token of the body a "tham mưu" names
    states: bool = False  # the subject acknowledges or states ("… ghi nhận …"), takes on no work


@dataclass
class Heading:
    """Bodies a heading assigns its section to, and any lead/partners it states."""

    bodies: list[Body]
    lead: bool = False
    directs: bool = False  # "Giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo:": it directs the items below
    partners: list[Body] = field(default_factory=list)
    gaps: list[SlotGap] = field(default_factory=list)
    named: list[Match] = field(default_factory=list)  # the names as written


def _looks_like_body(tokens: Sequence[Token], index: int) -> bool:
    return Genre.load().head_at(tokens, index) is not None


def _starts_body(tokens: Sequence[Token], index: int, matcher: Matcher) -> bool:
    return index < len(tokens) and (
        _looks_like_body(tokens, index) or matcher.match_at(tokens, index) is not None
    )


def _phrase_end(tokens: Sequence[Token], index: int, matcher: Matcher | None = None) -> int:
    """Index of the last token of a body phrase the gazetteer does not know.

    The phrase runs from its head noun to punctuation, to a verb of the task ("chủ trì",
    "thực hiện", …), or to a list separator followed by another body.  A plural phrase
    ("các sở, ban, ngành", "UBND các phường, xã") keeps its comma-joined nouns; "và" joins
    words of one name ("Ban Quản lý các khu công nghệ cao và khu công nghiệp") unless a
    body follows it.
    """
    genre = Genre.load()
    head = genre.head_at(tokens, index)
    last = index + (len(head.keys) - 1 if head is not None else 0)  # "báo, đài" is one head
    named = False  # has this part of the list a capitalised word ("… đoàn thể Thành phố")?
    for position in range(last + 1, min(len(tokens), index + _MAX_PHRASE)):
        token = tokens[position]
        if token.text in _CLAUSE_END or token.text == "\x00":
            break
        if token.text == "," or token.key == _AND:
            after = position + 1
            if after >= len(tokens) or tokens[after].text in _CLAUSE_END or tokens[after].text == ",":
                break
            if matcher is not None and matcher.match_at(tokens, after) is not None:
                break
            if (
                token.key == _AND
                and _looks_like_body(tokens, after)
                and _qualified(tokens, after, _phrase_end(tokens, after, matcher))
            ):
                break  # "Ủy ban nhân dân xã, phường và đơn vị có liên quan": a second body
            if genre.list_noun_at(tokens, after) and tokens[after].text[:1].islower():
                # "UBND các phường, xã và đặc khu" goes on; "… đoàn thể Thành phố và đơn vị có
                # liên quan" is a second body once a proper name has closed the first.
                if not (token.key == _AND and named):
                    named = False
                    continue
                break
            if _looks_like_body(tokens, after):
                break
            if (
                token.text == ","
                and tokens[after].text[:1].isupper()
                and tokens[after].text[:1].isalpha()
                and _skip_office_holder(tokens, after) == after
            ):
                continue  # "Vụ Khoa học công nghệ, Đào tạo và Môi trường": a capitalised part of the name
            if token.text == "," or genre.stop_at(tokens, after):
                break
            continue
        if genre.stop_at(tokens, position) and not token.text[:1].isupper():
            break  # a verb; capitalised, it is part of a name ("Ban Xây dựng Đảng")
        named = named or token.text[:1].isupper()
        last = position
    return last


def _qualified(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Is a phrase a body's name?  A bare noun head ("cơ quan", "đơn vị") names bodies only as
    a list or with "liên quan": "cơ quan, địa phương liên quan", not "Cơ quan phát hiện …"."""
    head = Genre.load().head_at(tokens, first)
    if head is None or not head.needs_qualifier:
        return True
    words = tokens[first + len(head.keys) : last + 1]
    keys = [t.key for t in words]
    return any(t.text == "," or t.key in _QUALIFYING for t in words) or any(
        pair == _RELATED for pair in zip(keys, keys[1:], strict=False)
    )


def _provisional(tokens: Sequence[Token], index: int, last: int, matcher: Matcher, text: str | None) -> Match:
    head = Genre.load().head_at(tokens, index)
    assert head is not None
    start, end = tokens[index].start, tokens[last].end
    if text is not None:
        surface = text[start:end]
    else:
        surface = " ".join(t.text for t in tokens[index : last + 1])
    body = matcher.provisional(surface, head.kind, head.level, head.en, head.group)
    return Match(body, index, last, start, end, surface)


def read_body_list(
    tokens: Sequence[Token], index: int, matcher: Matcher, role: str, *, text: str | None = None
) -> tuple[list[Match], int, list[SlotGap]]:
    """Bodies listed from ``tokens[index]``: (matches, index after the list, gaps).

    A list is names joined by "," "và" ";" "cùng".  A name the gazetteer does not know
    but that begins with a head noun ("Ban Quản lý …", "Sở …") is read as a provisional
    body, and a gap records it so the reading report can list it; the list stops at the
    first phrase that is neither.
    """
    found: list[Match] = []
    gaps: list[SlotGap] = []
    position = index
    while position < len(tokens):
        if position > index:
            # "Giám đốc các Sở, Thủ trưởng các ngành, …": each office-holder stands for the body.
            position = _skip_office_holder(tokens, position)
        match = matcher.match_at(tokens, position, text=text)
        if match is not None:
            match, widened = _widen_group(tokens, match, matcher, text)
            if widened:
                gaps.append(SlotGap(role, match.start, match.end))
        if match is None and _looks_like_body(tokens, position):
            last = _phrase_end(tokens, position, matcher)
            if _qualified(tokens, position, last):
                match = _provisional(tokens, position, last, matcher, text)
                gaps.append(SlotGap(role, match.start, match.end))
        if match is None:
            break
        found.append(match)
        position = match.last + 1
        if position < len(tokens) and tokens[position].key in _LIST_SEPARATORS:
            after = position + 1
            if after < len(tokens) and _starts_body(tokens, _skip_office_holder(tokens, after), matcher):
                position = after
                continue
        break
    return found, position, gaps


def _widen_group(
    tokens: Sequence[Token], match: Match, matcher: Matcher, text: str | None
) -> tuple[Match, bool]:
    """A body the gazetteer knows, as far as the plan's phrase goes: (match, widened).

    "Kho bạc Nhà nước" + "khu vực XI" is a regional branch: a provisional body of its own.
    "các sở, ban, ngành" + "có liên quan" is the same group, named as written; "các sở, ban,
    ngành" + ", đoàn thể Thành phố" names more bodies than the gazetteer's group, so the whole
    phrase becomes a provisional group (widened) rather than a narrower group it is not.
    """
    genre = Genre.load()
    after = match.last + 1
    if words_at(tokens, after, _REGION) and after + 2 < len(tokens) and genre.head_at(tokens, match.first):
        # "Kho bạc Nhà nước khu vực XI": a regional branch, not the national body.
        return _provisional(tokens, match.first, after + 2, matcher, text), True
    if not match.body.is_group:
        return match, False
    if (
        after + 1 < len(tokens)
        and (tokens[after].text == "," or tokens[after].key == _AND)
        and tokens[after + 1].text[:1].islower()
        and genre.list_noun_at(tokens, after + 1)
        and matcher.match_at(tokens, after + 1) is None
        and genre.head_at(tokens, match.first) is not None
    ):
        last = _phrase_end(tokens, match.first, matcher)
        if last > after:
            return _provisional(tokens, match.first, last, matcher, text), True
    size = genre.qualifier_at(tokens, after)
    if size:
        last = after + size - 1
        start, end = tokens[match.first].start, tokens[last].end
        surface = (
            text[start:end] if text is not None else " ".join(t.text for t in tokens[match.first : last + 1])
        )
        return Match(match.body, match.first, last, start, end, surface), False
    return match, False


def _after_adverbial(
    tokens: Sequence[Token], matcher: Matcher, text: str | None
) -> tuple[list[Match], int, list[SlotGap]]:
    """The subject after an opening adverbial: "Trong quá trình …, nếu có khó khăn, các sở …"."""
    for index in range(1, min(len(tokens), _MAX_ADVERBIAL)):
        if (
            tokens[index].text in (";", ".", ":")
            or words_at(tokens, index, _LEAD)
            or words_at(tokens, index, _PARTNER[:2])
        ):
            break
        if tokens[index].text == ",":
            found, after, gaps = read_body_list(
                tokens,
                _skip_office_holder(tokens, _skip_introducer(tokens, index + 1)),
                matcher,
                "subject",
                text=text,
            )
            if found and after < len(tokens) and tokens[after].text not in _CLAUSE_END:
                return found, after, gaps  # a subject has a verb after it
            if Genre.load().stop_at(tokens, index + 1):
                break  # "Trên cơ sở …, tham mưu …": the sentence's verb, with no subject
    return [], 0, []


def _partners_start(tokens: Sequence[Token], index: int, matcher: Matcher) -> int | None:
    """Where the partner list begins after "phối hợp với", "phối hợp chặt chẽ với" or a bare
    "phối hợp" directly followed by a body; None when no partner phrase starts here."""
    if not words_at(tokens, index, _PARTNER[:2]):
        return None
    after = index + 2
    if words_at(tokens, after, _CLOSELY):
        after += len(_CLOSELY)
    if words_at(tokens, after, _PARTNER[2:]):
        return after + 1
    if after == index + 2 and matcher.match_at(tokens, after) is not None:
        return after
    return None


def skip_hedge(tokens: Sequence[Token], index: int) -> int:
    """Index after a hedge between a subject and its verb ("theo chức năng, nhiệm vụ, thẩm
    quyền", "trong phạm vi chức năng, nhiệm vụ của mình") and a comma after it."""
    size = Genre.load().hedge_at(tokens, index)
    if not size:
        return index
    index += size
    return index + 1 if index < len(tokens) and tokens[index].text == "," else index


def _skip_adverbs(tokens: Sequence[Token], index: int) -> int:
    """Index after adverbs before a verb ("Tiếp tục chủ trì …")."""
    return index + longest_at(Genre.load().adverbs, tokens, index)


def _skip_introducer(tokens: Sequence[Token], index: int) -> int:
    """Index after "Giao", "Đề nghị", "Yêu cầu", "Đối với" …"""
    return index + longest_at(Genre.load().introducers, tokens, index)


def _skip_office_holder(tokens: Sequence[Token], index: int) -> int:
    """Index after the office-holders' titles at ``index`` ("các đồng chí bí thư …")."""
    for _ in range(3):  # "các đồng chí" + "bộ trưởng" …
        for holder in Genre.load().office_holders:
            if words_at(tokens, index, holder):
                after = index + len(holder)
                if after < len(tokens) and tokens[after].key == ",":
                    # "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …": a list of office-holders.
                    return index
                index = after
                break
        else:
            return index
    return index


def read_clause(tokens: Sequence[Token], matcher: Matcher, *, text: str | None = None) -> Clause:
    """Read the role grammar of one assignment's tokens."""
    clause = Clause(matches=matcher.find_all(tokens, text=text))
    position = _skip_office_holder(tokens, _skip_introducer(tokens, 0))
    subject, after, gaps = read_body_list(tokens, position, matcher, "subject", text=text)
    if not subject and position == 0 and Genre.load().opens_adverbial(tokens):
        subject, after, gaps = _after_adverbial(tokens, matcher, text)
    if subject and _skip_introducer(tokens, after) > after:
        # "Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành …": the issuer asks; the
        # bodies after the verb are the subject.
        named, after, gaps = read_body_list(
            tokens, _skip_introducer(tokens, after), matcher, "subject", text=text
        )
        if named:
            subject = named
    if subject:
        clause.named.extend(subject)
        clause.subject = [m.body for m in subject]
        after = _skip_adverbs(tokens, skip_hedge(tokens, after))  # "… tiếp tục chủ trì"
        clause.subject_leads = words_at(tokens, after, _LEAD)
        clause.states = any(words_at(tokens, after, verb) for verb in Genre.load().statement_verbs)
        clause.gaps.extend(gaps)
    clause.bare_lead = words_at(tokens, _skip_adverbs(tokens, 0), _LEAD) or any(
        tokens[i - 1].text in (";", ".")
        and words_at(tokens, i, _LEAD)
        and not words_at(tokens, i + 2, (",",))
        for i in range(1, len(tokens))
    )  # "…; chủ trì tiến hành kiểm định …": the subject leads that part

    # Role words inside a body's own name ("các cơ quan tham mưu, giúp việc …") are not roles.
    inside = {i for m in clause.matches for i in range(m.first, m.last + 1)}
    for index in range(len(tokens)):
        if index in inside:
            continue
        start = _partners_start(tokens, index, matcher)
        if start is not None:
            found, _, gaps = read_body_list(tokens, start, matcher, "partner", text=text)
            clause.partners.extend(m.body for m in found)
            clause.named.extend(found)
            clause.gaps.extend(gaps)
            if not found and not gaps and start < len(tokens):
                last = _phrase_end(tokens, start, matcher)
                clause.gaps.append(SlotGap("partner", tokens[start].start, tokens[last].end))
        elif any(words_at(tokens, index, p) for p in _PROPOSE_TO):
            size = next(len(p) for p in _PROPOSE_TO if words_at(tokens, index, p))
            _advised(tokens, index + size, matcher, clause, text, strict=True)
        elif words_at(tokens, index, _ADVISE_FOR):
            clause.advised_end = _advised(
                tokens, index + len(_ADVISE_FOR), matcher, clause, text, strict=True
            )
        elif words_at(tokens, index, _ADVISE):
            clause.advised_end = _advised(tokens, index + len(_ADVISE), matcher, clause, text, strict=False)
        elif (
            words_at(tokens, index, _SUBMIT)
            and not (index > 0 and tokens[index - 1].key in _NOT_SUBMIT)
            and not _advised_asks(tokens, index, clause)
        ):
            _advised(tokens, index + len(_SUBMIT), matcher, clause, text, strict=False)
        elif words_at(tokens, index, _HELP) and not (index > 0 and tokens[index - 1].key == _PURPOSE[0]):
            _advised(tokens, index + len(_HELP), matcher, clause, text, strict=False)
        elif (
            words_at(tokens, index, _REPORT)
            and not (index > 0 and tokens[index].text[:1].isupper())
            and not (index > 0 and tokens[index - 1].key in _REPORT_AS_NOUN)
        ):
            _reported(tokens, index + len(_REPORT), matcher, clause, text)
        elif words_at(tokens, index, _REFLECT):
            _reported(tokens, index + len(_REFLECT), matcher, clause, text)
        elif clause.reports_to and words_at(tokens, index, _ONWARD):
            break  # "… về Sở Nội vụ để tổng hợp, báo cáo Bộ Nội vụ": the recipient's own report
    clause.partners = unique_bodies(clause.partners)
    clause.reports_to = unique_bodies(clause.reports_to)
    return clause


def _advised_asks(tokens: Sequence[Token], index: int, clause: Clause) -> bool:
    """Is this "trình" the advised body's own act ("tham mưu UBND tỉnh xem xét, trình HĐND")?

    True when a body advised through "tham mưu" stands shortly before, in the same sentence,
    with a verb of its own between ("xem xét,"), not only "và".
    """
    if clause.advised_end < 0 or clause.advised_end >= index:
        return False
    between = tokens[clause.advised_end + 1 : index]
    if len(between) > 6 or any(t.text in (";", ".") for t in between):
        return False
    return any(t.text not in (",",) and t.key != _AND for t in between)


def _advised(
    tokens: Sequence[Token], start: int, matcher: Matcher, clause: Clause, text: str | None, *, strict: bool
) -> int:
    if (
        start + 1 < len(tokens)
        and tokens[start].text == ","
        and any(words_at(tokens, start + 1, verb) for verb in _ALSO_ADVISE)
    ):
        # "tham mưu, đề xuất Bộ Khoa học và Công nghệ …"
        start += 1 + next(len(v) for v in _ALSO_ADVISE if words_at(tokens, start + 1, v))
    found, _, gaps = read_body_list(tokens, start, matcher, "advised", text=text)
    clause.reports_to.extend(m.body for m in found)
    clause.named.extend(found)
    if strict or found:
        clause.gaps.extend(gaps)
    return found[-1].last if found else -1


def _reported(
    tokens: Sequence[Token], start: int, matcher: Matcher, clause: Clause, text: str | None
) -> None:
    """Who is reported to: the body right after the verb, or after "với / về / lên …" later in
    the sentence ("báo cáo tình hình, kết quả thực hiện với Ban Thường vụ Tỉnh ủy"), and a
    body it goes "qua" (through)."""
    found, after, gaps = read_body_list(tokens, start, matcher, "advised", text=text)
    if not found and not gaps:
        for index in range(start, len(tokens)):
            if tokens[index].text in _CLAUSE_END or words_at(tokens, index, _PARTNER[:2]):
                return
            if any(words_at(tokens, index, target) for target in _REPORT_TARGETS):
                found, after, gaps = read_body_list(tokens, index + 1, matcher, "advised", text=text)
                if found or gaps:
                    break
        else:
            return
    if words_at(tokens, after, _THROUGH):
        more, _, more_gaps = read_body_list(tokens, after + 1, matcher, "advised", text=text)
        found, gaps = [*found, *more], [*gaps, *more_gaps]
    clause.gaps.extend(gaps)
    clause.reports_to.extend(m.body for m in found)
    clause.named.extend(found)


def sentence_assignments(
    tokens: Sequence[Token], matcher: Matcher, *, text: str | None = None
) -> list[tuple[list[Match], bool]]:
    """Assignments made inside a paragraph that does not open with its subject.

    A conclusion's paragraph ("(1) Về việc …: Các Bộ thống nhất …; giao Bộ X làm chủ …,
    chịu trách nhiệm chủ trì …") assigns work sentence by sentence.  Only sentences that say
    so are read: an introducer before the bodies ("giao", "yêu cầu", "đề nghị") or "chịu /
    có trách nhiệm" or "chủ trì" right after them.  Each gives (bodies, leads).
    """
    out: list[tuple[list[Match], bool]] = []
    start = 0
    # Sentences, and clauses that open with an introducer after a comma ("Trên đây là Chỉ thị
    # …, yêu cầu Giám đốc sở, … có trách nhiệm …").
    cuts = [
        i
        for i, t in enumerate(tokens)
        if t.text in (";", ".", ":") or (t.text == "," and _skip_introducer(tokens, i + 1) > i + 1)
    ]
    for end in [*cuts, len(tokens)]:
        sentence = tokens[start:end]
        start = end + 1
        if not sentence:
            continue
        position = _skip_introducer(sentence, 0)
        introduced = position > 0
        found, after, _ = read_body_list(
            sentence, _skip_office_holder(sentence, position), matcher, "subject", text=text
        )
        if not found:
            continue
        after = skip_hedge(sentence, after)
        responsible = any(words_at(sentence, after, words) for words in _RESPONSIBLE_WORDS)
        if not (introduced or responsible or words_at(sentence, after, _LEAD)):
            continue
        rest = sentence[after:]
        partner_at = next((i for i in range(len(rest)) if words_at(rest, i, _PARTNER[:2])), len(rest))
        leads = any(words_at(rest, i, _LEAD) for i in range(partner_at))
        out.append((found, leads))
    return out


def read_role_heading(
    tokens: Sequence[Token], matcher: Matcher, *, text: str | None = None
) -> tuple[bool, list[Match]] | None:
    """A sub-heading that gives the items below a role, not a body: "a) Chủ trì, phối hợp với
    các sở, ban, ngành …" (the section's body leads them, with those partners) or "b) Phối hợp
    với các sở, ngành" (it partners).  (leads, partners), or None."""
    start = _skip_adverbs(tokens, 0)
    leads = words_at(tokens, start, _LEAD)
    position = start + len(_LEAD) if leads else start
    if leads and position < len(tokens) and tokens[position].text == ",":
        position += 1
    partners_at = _partners_start(tokens, position, matcher)
    if partners_at is None:
        return (True, []) if leads and position >= len(tokens) - 1 else None
    found, after, _ = read_body_list(tokens, partners_at, matcher, "partner", text=text)
    if not found or any(t.text not in (":", ".") for t in tokens[after:]):
        return None  # "Phối hợp với Sở X tổ chức …": a task, not a sub-heading
    return leads, list(found)


def read_heading(tokens: Sequence[Token], matcher: Matcher, *, text: str | None = None) -> Heading | None:
    """Bodies a heading names as responsible, or None for a topic heading.

    "5- Ban Tổ chức Tỉnh ủy", "1- Đảng đoàn HĐND tỉnh lãnh đạo, chỉ đạo",
    "4. Giao Đảng ủy Quốc hội chủ trì, phối hợp với Đảng ủy Chính phủ …:" and a
    list heading ending in ":" all name bodies; "1. Tổ chức tuyên truyền …" does not.
    """
    position = _skip_office_holder(tokens, _skip_introducer(tokens, 0))
    if position == 0 and words_at(tokens, 0, _CONTENT_OF):
        position = len(_CONTENT_OF)  # "Nội dung Sở X có trách nhiệm chủ trì" (a Quy chế's article)
    found, after, gaps = read_body_list(tokens, position, matcher, "heading", text=text)
    rest = [t for t in tokens[after:] if t.text not in (":", ".")]
    ends_with_colon = bool(tokens) and tokens[-1].text == ":"
    if not found:
        formula = any(words_at(tokens, i, f) for i in range(len(tokens)) for f in _HEADING_FORMULAS[:2])
        if gaps and (formula or not rest or ends_with_colon):
            return Heading([], gaps=gaps)
        return None
    heading = Heading([m.body for m in found], gaps=gaps, named=list(found))
    if not rest:
        return heading
    rest_index = skip_hedge(tokens, after)
    if words_at(tokens, rest_index, _RESPONSIBLE_FOR) and words_at(
        tokens, rest_index + len(_RESPONSIBLE_FOR), _LEAD
    ):
        rest_index += len(_RESPONSIBLE_FOR)
    if words_at(tokens, rest_index, _LEAD):
        heading.lead = True
        for index in range(rest_index, len(tokens)):
            if words_at(tokens, index, _PARTNER):
                partners, _, more = read_body_list(
                    tokens, index + len(_PARTNER), matcher, "partner", text=text
                )
                heading.partners = [m.body for m in partners]
                heading.named.extend(partners)
                heading.gaps.extend(more)
                break
        return heading
    heading.directs = any(words_at(tokens, rest_index, f) for f in _HEADING_FORMULAS[:2])
    if heading.directs and ends_with_colon:
        # "Giao Ban Quản lý … chỉ đạo các đơn vị kinh doanh hạ tầng … có trách nhiệm:": the
        # bodies it directs carry the items out beside it.
        verb = next(f for f in _HEADING_FORMULAS[:2] if words_at(tokens, rest_index, f))
        first = rest_index + len(verb)
        directed, after_directed, more = read_body_list(tokens, first, matcher, "heading", text=text)
        bound = next((i for i in range(first, len(tokens)) if words_at(tokens, i, _RESPONSIBLE_FOR)), None)
        if (
            bound is not None
            and after_directed < bound
            and _looks_like_body(tokens, first)
            and not any(t.text in _CLAUSE_END for t in tokens[first:bound])
        ):
            # "… chỉ đạo các đơn vị kinh doanh hạ tầng khu chế xuất, khu, cụm công nghiệp có
            # trách nhiệm:": the words up to "có trách nhiệm" are the directed bodies' name.
            whole = _provisional(tokens, first, bound - 1, matcher, text)
            directed, after_directed, more = [whole], bound, [SlotGap("heading", whole.start, whole.end)]
        if directed and (
            words_at(tokens, after_directed, _RESPONSIBLE_FOR)
            or (after_directed < len(tokens) and tokens[after_directed].text == ":")
        ):
            heading.bodies.extend(m.body for m in directed)
            heading.named.extend(directed)
            heading.gaps.extend(more)
    if any(words_at(tokens, rest_index, f) for f in _HEADING_FORMULAS) or ends_with_colon:
        return heading
    if position > 0 and _skip_introducer(tokens, 0) > 0:
        return heading  # "2. Yêu cầu các cấp ủy, tổ chức đảng … cần …": they are the subject below
    return None


def unique_bodies(bodies: list[Body]) -> list[Body]:
    """Bodies in first-seen order, each once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for body in bodies:
        if body.ident not in seen:
            seen.add(body.ident)
            out.append(body)
    return out
