"""The orggraph vocabulary as code, and the prefixes every output binds.

``OG`` is closed: naming a term that ``resources/ontology.ttl`` does not
declare raises at once (a test keeps the two in step).

>>> str(OG.Task)
'https://w3id.org/orggraph/ns#Task'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from . import namespaces

__all__ = ["ID", "OG", "PREFIXES", "SH"]

ID = Namespace(namespaces.ID)
SH = Namespace("http://www.w3.org/ns/shacl#")


class OG(DefinedNamespace):
    """Terms of https://w3id.org/orggraph/ns# (see ontology.ttl for labels in vi and en)."""

    _NS = Namespace(namespaces.OG)
    _fail = True

    # Classes
    Plan: URIRef  # a plan (kế hoạch) or other act that assigns work
    Section: URIRef  # a numbered part of a plan
    Task: URIRef  # one assignment of work: a bullet or numbered item
    Body: URIRef  # an organisation named in a plan
    BodyGroup: URIRef  # bodies named collectively ("các huyện ủy, thành ủy")
    ProvisionalBody: URIRef  # named in a role slot, not in the gazetteer; kept as written
    Directive: URIRef  # a numbered act cited by a plan ("18-NQ/TW")
    Recurrence: URIRef  # how a task repeats
    BodyKind: URIRef  # kind of body (skos:Concept)
    Level: URIRef  # administrative level (skos:Concept)
    Measure: URIRef  # one piece of work several tasks describe (found by analysis)

    # Individuals
    Annual: URIRef  # hằng năm
    Quarterly: URIRef  # hằng quý
    Monthly: URIRef  # hằng tháng
    Weekly: URIRef  # hằng tuần
    Continuous: URIRef  # thường xuyên
    PartyCommittee: URIRef
    PartyAdvisoryBody: URIRef
    PartyDelegation: URIRef
    StateBody: URIRef
    MassOrganisation: URIRef
    GroupOfBodies: URIRef
    CentralBody: URIRef
    CentralLevel: URIRef
    ProvinceLevel: URIRef
    DistrictLevel: URIRef
    CommuneLevel: URIRef
    BodyKinds: URIRef  # the skos:ConceptScheme of kinds
    Levels: URIRef  # the skos:ConceptScheme of levels

    # Structure
    inPlan: URIRef
    inSection: URIRef
    partOf: URIRef
    number: URIRef
    ordinal: URIRef
    line: URIRef
    subtaskOf: URIRef
    documentType: URIRef

    # Roles
    responsible: URIRef
    lead: URIRef
    partner: URIRef
    reportsTo: URIRef
    mentions: URIRef
    recipient: URIRef

    # Time
    timeframeText: URIRef
    startDate: URIRef
    dueDate: URIRef
    recurrence: URIRef
    condition: URIRef

    # Citations
    refersTo: URIRef
    implements: URIRef

    # Bodies
    kind: URIRef
    level: URIRef
    memberOf: URIRef
    succeededBy: URIRef
    jurisdiction: URIRef
    generalAddressee: URIRef

    # Provenance
    text: URIRef
    sourceStart: URIRef
    sourceEnd: URIRef
    sourceName: URIRef
    sourceLength: URIRef
    sourceSha256: URIRef

    # Analysis results (data/<plan>-analysis.ttl)
    measure: URIRef
    mirrors: URIRef
    specifies: URIRef
    score: URIRef
    sharedPhrase: URIRef
    leadCount: URIRef
    sectionCount: URIRef


# Every output binds exactly these, in this order.
PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in namespaces.PREFIXES.items()}
