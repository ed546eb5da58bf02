"""Model -> RDF: the only module that mints triples.

IRIs are readable and stable: derived from the plan's jurisdiction and number,
sections' and tasks' structural keys, and gazetteer keys, never from order of
discovery or randomness.

=========  =================================================================
plan       ``id/plan/<scope>/<number>-<year>``     (…/tuyen-quang/168-kh-tu-2018)
section    ``<plan>/section/<key>``               (…/section/B.III.5)
task       ``<plan>/task/<key>``                  (…/task/B.III.5.3)
body       ``id/body/<scope>/<gazetteer key>``    (…/tuyen-quang/ban-to-chuc-tinh-uy)
directive  ``id/directive/<scope>/<number>``      (…/vn/18-nq-tw)
place      ``id/place/<scope>``                   (…/tuyen-quang, …/vn)
=========  =================================================================
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache

from rdflib import DCTERMS, ORG, PROV, RDF, SKOS, XSD, Graph, Literal, URIRef

from .gazetteer import CENTRAL_SCOPE
from .model import Body, BodyKind, Level, Plan, Recurrence, Section, Task
from .ontology import ID, OG, PREFIXES
from .resources import data_file
from .text import phrase_key, slugify

__all__ = [
    "body_iri",
    "directive_iri",
    "new_graph",
    "place_iri",
    "plan_graph",
    "plan_iri",
    "section_iri",
    "task_iri",
]

KIND_TERMS = {
    BodyKind.PARTY_COMMITTEE: OG.PartyCommittee,
    BodyKind.PARTY_ADVISORY_BODY: OG.PartyAdvisoryBody,
    BodyKind.PARTY_DELEGATION: OG.PartyDelegation,
    BodyKind.STATE_BODY: OG.StateBody,
    BodyKind.MASS_ORGANISATION: OG.MassOrganisation,
    BodyKind.GROUP: OG.GroupOfBodies,
    BodyKind.CENTRAL: OG.CentralBody,
}
LEVEL_TERMS = {
    Level.CENTRAL: OG.CentralLevel,
    Level.PROVINCE: OG.ProvinceLevel,
    Level.DISTRICT: OG.DistrictLevel,
    Level.COMMUNE: OG.CommuneLevel,
}
RECURRENCE_TERMS = {
    Recurrence.ANNUAL: OG.Annual,
    Recurrence.QUARTERLY: OG.Quarterly,
    Recurrence.MONTHLY: OG.Monthly,
    Recurrence.WEEKLY: OG.Weekly,
    Recurrence.CONTINUOUS: OG.Continuous,
}


def new_graph() -> Graph:
    """An empty graph binding the project's prefixes and nothing else."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def place_iri(scope: str) -> URIRef:
    return ID[f"place/{scope}"]


def plan_iri(plan: Plan) -> URIRef:
    suffix = f"-{plan.issued.year}" if plan.issued else ""
    return ID[f"plan/{plan.scope}/{slugify(plan.identifier)}{suffix}"]


def section_iri(plan: Plan, key: str) -> URIRef:
    return URIRef(f"{plan_iri(plan)}/section/{key}")


def task_iri(plan: Plan, key: str) -> URIRef:
    return URIRef(f"{plan_iri(plan)}/task/{key}")


def body_iri(ident: tuple[str, str]) -> URIRef:
    scope, key = ident
    return ID[f"body/{scope}/{key}"]


def directive_iri(scope: str, identifier: str) -> URIRef:
    return ID[f"directive/{scope}/{slugify(identifier)}"]


@cache
def _heading_translations() -> dict[tuple[str, ...], str]:
    raw = tomllib.loads(data_file("headings.toml").read_text(encoding="utf-8"))
    return {phrase_key(h["vi"]): h["en"] for h in raw.get("heading", [])}


def _vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def plan_graph(plan: Plan, graph: Graph | None = None) -> Graph:
    """Add the triples of ``plan`` to ``graph`` (a new one if None) and return it."""
    graph = graph if graph is not None else new_graph()
    add = graph.add
    plan_node = plan_iri(plan)
    source = URIRef(f"{plan_node}/source")
    place = place_iri(plan.scope)

    add((plan_node, RDF.type, OG.Plan))
    add((plan_node, DCTERMS.identifier, Literal(plan.identifier)))
    if plan.issued:
        add((plan_node, DCTERMS.issued, Literal(plan.issued, datatype=XSD.date)))
    add((plan_node, DCTERMS.title, _vi(plan.title)))
    add((plan_node, OG.documentType, _vi(plan.doc_type)))
    add((plan_node, OG.jurisdiction, place))
    add((plan_node, DCTERMS.source, source))
    for ident in plan.issuers:
        add((plan_node, DCTERMS.creator, body_iri(ident)))
    for ident in plan.recipients:
        add((plan_node, OG.recipient, body_iri(ident)))
    for identifier in plan.implements:
        add((plan_node, OG.implements, _directive(plan, identifier)))
    for identifier in (*plan.implements, *plan.cites):
        add((plan_node, OG.refersTo, _directive(plan, identifier)))

    add((source, RDF.type, PROV.Entity))
    add((source, OG.sourceName, Literal(plan.source_name)))
    add((source, OG.sourceLength, _int(plan.source_length)))
    add((source, OG.sourceSha256, Literal(plan.source_sha256)))
    add((source, DCTERMS.format, Literal("text/plain; charset=utf-8")))

    _add_place(graph, plan.scope, plan)
    for section in plan.sections:
        _add_section(graph, plan, section)
    for task in plan.tasks:
        _add_task(graph, plan, task, source)
    for body in plan.bodies.values():
        _add_body(graph, plan, body)
    for directive in plan.directives.values():
        node = directive_iri(directive.scope, directive.identifier)
        add((node, RDF.type, OG.Directive))
        add((node, DCTERMS.identifier, Literal(directive.identifier)))
        add((node, OG.jurisdiction, place_iri(directive.scope)))
        _add_place(graph, directive.scope, plan)
        if directive.issued:
            add((node, DCTERMS.issued, Literal(directive.issued, datatype=XSD.date)))
        if directive.kind_vi and directive.kind_en:
            add((node, OG.documentType, _vi(directive.kind_vi)))
            add((node, SKOS.prefLabel, _vi(f"{directive.kind_vi} số {directive.identifier}")))
            add((node, SKOS.prefLabel, _en(f"{directive.kind_en} No. {directive.identifier}")))
        else:
            add((node, SKOS.prefLabel, _vi(directive.identifier)))
            add((node, SKOS.prefLabel, _en(directive.identifier)))
    return graph


def _directive(plan: Plan, identifier: str) -> URIRef:
    return directive_iri(plan.directives[identifier].scope, identifier)


def _add_place(graph: Graph, scope: str, plan: Plan) -> None:
    """The jurisdiction ``scope`` names: the country, a province, or a district of a province."""
    node = place_iri(scope)
    graph.add((node, RDF.type, DCTERMS.Location))
    province = plan.jurisdiction_vi
    if scope == CENTRAL_SCOPE:
        graph.add((node, SKOS.prefLabel, _vi("Việt Nam")))
        graph.add((node, SKOS.prefLabel, _en("Viet Nam")))
    elif "/" in scope and plan.district and province:
        graph.add((node, SKOS.prefLabel, _vi(f"huyện {plan.district}, tỉnh {province}")))
        graph.add((node, SKOS.prefLabel, _en(f"{plan.district} District, {province} Province")))
        graph.add((node, DCTERMS.isPartOf, place_iri(scope.split("/", 1)[0])))
    elif province and "/" not in scope:
        graph.add((node, SKOS.prefLabel, _vi(f"tỉnh {province}")))
        graph.add((node, SKOS.prefLabel, _en(f"{province} Province")))


def _section_title_en(plan: Plan, section: Section) -> str | None:
    """English title: a standard heading's translation, or the English names of the bodies it names."""
    translated = _heading_translations().get(phrase_key(section.title.rstrip(":")))
    if translated:
        return translated
    if section.heading_bodies:
        return "; ".join(plan.bodies[i].name_en for i in section.heading_bodies)
    return None


def _add_section(graph: Graph, plan: Plan, section: Section) -> None:
    add = graph.add
    node = section_iri(plan, section.key)
    add((node, RDF.type, OG.Section))
    add((node, OG.inPlan, plan_iri(plan)))
    parent = section_iri(plan, section.parent) if section.parent else plan_iri(plan)
    add((node, OG.partOf, parent))
    add((node, DCTERMS.identifier, Literal(section.key)))
    add((node, OG.number, Literal(section.number)))
    add((node, DCTERMS.title, _vi(section.title)))
    english = _section_title_en(plan, section)
    if english:
        add((node, DCTERMS.title, _en(english)))
    add((node, OG.ordinal, _int(section.ordinal)))
    add((node, OG.line, _int(section.line)))
    add((node, OG.sourceStart, _int(section.start)))
    add((node, OG.sourceEnd, _int(section.end)))
    for identifier in section.directives:
        add((node, OG.refersTo, _directive(plan, identifier)))


def _add_roles(graph: Graph, node: URIRef, predicate: URIRef, idents: Iterable[tuple[str, str]]) -> None:
    for ident in idents:
        graph.add((node, predicate, body_iri(ident)))


def _add_task(graph: Graph, plan: Plan, task: Task, source: URIRef) -> None:
    add = graph.add
    node = task_iri(plan, task.key)
    add((node, RDF.type, OG.Task))
    add((node, OG.inPlan, plan_iri(plan)))
    add((node, OG.inSection, section_iri(plan, task.section)))
    add((node, DCTERMS.identifier, Literal(task.key)))
    add((node, OG.ordinal, _int(task.ordinal)))
    add((node, OG.line, _int(task.line)))
    add((node, OG.text, _vi(task.text)))
    add((node, OG.sourceStart, _int(task.start)))
    add((node, OG.sourceEnd, _int(task.end)))
    add((node, PROV.wasDerivedFrom, source))
    if task.parent:
        add((node, OG.subtaskOf, task_iri(plan, task.parent)))
    _add_roles(graph, node, OG.responsible, task.responsible)
    _add_roles(graph, node, OG.lead, task.lead)
    _add_roles(graph, node, OG.partner, task.partner)
    _add_roles(graph, node, OG.reportsTo, task.reports_to)
    _add_roles(graph, node, OG.mentions, task.mentions)
    timeframe = task.timeframe
    if timeframe is not None:
        add((node, OG.timeframeText, _vi(timeframe.text)))
        if timeframe.start:
            add((node, OG.startDate, Literal(timeframe.start, datatype=XSD.date)))
        if timeframe.due:
            add((node, OG.dueDate, Literal(timeframe.due, datatype=XSD.date)))
        if timeframe.recurrence:
            add((node, OG.recurrence, RECURRENCE_TERMS[timeframe.recurrence]))
        if timeframe.condition:
            add((node, OG.condition, _vi(timeframe.condition)))
    for identifier in task.directives:
        add((node, OG.refersTo, _directive(plan, identifier)))


def _add_body(graph: Graph, plan: Plan, body: Body) -> None:
    add = graph.add
    node = body_iri(body.ident)
    add((node, RDF.type, OG.Body))
    add((node, RDF.type, ORG.Organization))
    if body.is_group:
        add((node, RDF.type, OG.BodyGroup))
    if body.is_general:
        add((node, OG.generalAddressee, Literal(True)))
    if body.provisional:
        add((node, RDF.type, OG.ProvisionalBody))
    add((node, DCTERMS.identifier, Literal(body.key)))
    add((node, SKOS.prefLabel, _vi(body.name_vi)))
    add((node, SKOS.prefLabel, _en(body.name_en)))
    known = {body.name_vi, *body.aliases, *body.abbreviations}
    for alias in known | set(plan.surface_forms.get(body.ident, ())):
        # A name capitalised only because it opens a sentence is not another name.
        if alias != body.name_vi and (alias in known or alias[:1].lower() + alias[1:] not in known):
            add((node, SKOS.altLabel, _vi(alias)))
    add((node, OG.kind, KIND_TERMS[body.kind]))
    add((node, OG.level, LEVEL_TERMS[body.level]))
    add((node, OG.jurisdiction, place_iri(body.scope)))
    _add_place(graph, body.scope, plan)
    if body.sub_organization_of:
        parent = (body.scope, body.sub_organization_of)
        if parent in plan.bodies:
            add((node, ORG.subOrganizationOf, body_iri(parent)))
        central_parent = (CENTRAL_SCOPE, body.sub_organization_of)
        if central_parent != parent and central_parent in plan.bodies:
            add((node, ORG.subOrganizationOf, body_iri(central_parent)))
    if body.succeeded_by:
        # Same level, same scope: a merged ministry's successor is a ministry, a department's a
        # department of the same province.
        add((node, OG.succeededBy, body_iri((body.scope, body.succeeded_by))))
    for group in body.member_of:
        for scope in {body.scope, CENTRAL_SCOPE}:
            if (scope, group) in plan.bodies:
                add((node, OG.memberOf, body_iri((scope, group))))
