"""The reading report: what the reader could not read, line by line, for each plan.

Every warning the extractor raised is grouped by kind: provisional bodies (names the
gazetteer lacks, kept as written), tasks whose subject is unresolved (no body, no lead
borrowed), lines with role words that gave no task, tables not understood, header gaps.
``orggraph build --report FILE`` writes it as JSON (``.json``) or Markdown (anything else).
"""

from __future__ import annotations

import json
from collections import Counter

from ..model import Plan

__all__ = ["KINDS", "report_data", "report_json", "report_markdown"]

KINDS = {
    "provisional-body": "Provisional bodies (not in the gazetteer; kept as written)",
    "unresolved-subject": "Tasks whose subject is unresolved (no responsible body stated)",
    "unread-roles": "Lines with role words that gave no task",
    "table": "Tables not understood",
    "header": "Header: number or date not found",
    "other": "Other",
}


def plan_report(plan: Plan) -> dict[str, object]:
    """One plan's entry in the report: counts by kind and every item with its line."""
    counts = Counter(w.kind for w in plan.warnings)
    return {
        "source": plan.source_name,
        "identifier": plan.identifier,
        "tasks": len(plan.tasks),
        "tasks_with_lead": sum(1 for t in plan.tasks if t.lead),
        "bodies": len(plan.bodies),
        "provisional_bodies": sum(1 for b in plan.bodies.values() if b.provisional),
        "counts": {kind: counts.get(kind, 0) for kind in KINDS},
        "items": [
            {"line": w.line, "kind": w.kind, "message": w.message, "phrase": w.phrase} for w in plan.warnings
        ],
    }


def report_data(plans: list[Plan] | list[dict[str, object]]) -> dict[str, object]:
    """The report as plain data, from plans or from their entries (:func:`plan_report`)."""
    return {"plans": [p if isinstance(p, dict) else plan_report(p) for p in plans]}


def report_json(plans: list[Plan] | list[dict[str, object]]) -> str:
    return json.dumps(report_data(plans), ensure_ascii=False, indent=2) + "\n"


def report_markdown(plans: list[Plan] | list[dict[str, object]]) -> str:
    lines = ["# Reading report", ""]
    for plan in report_data(plans)["plans"]:  # type: ignore[attr-defined]
        lines += [
            f"## {plan['identifier']} ({plan['source']})",
            "",
            f"{plan['tasks']} tasks ({plan['tasks_with_lead']} with a lead), {plan['bodies']} bodies"
            f" ({plan['provisional_bodies']} provisional).",
            "",
        ]
        for kind, title in KINDS.items():
            items = [i for i in plan["items"] if i["kind"] == kind]
            if not items:
                continue
            lines += [f"### {title}: {len(items)}", ""]
            for item in items:
                phrase = f" — “{item['phrase']}”" if item["phrase"] else ""
                lines.append(f"- line {item['line']}: {item['message']}{phrase}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
