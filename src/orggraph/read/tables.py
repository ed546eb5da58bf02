"""The task-table form: a Markdown pipe table whose header names its columns.

"| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |": the
header row's wording gives each column's kind (``data/genre.toml`` [columns]); group rows
("| I | HẠ TẦNG SỐ |") are sections; every other row is a task whose cells are its fields.
"""

from __future__ import annotations

import itertools
import re

from ..model import Section
from ..text import collapse_space
from .outline import Node
from .reading import Context, Draft, Reading

__all__ = ["TableForm"]

_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXL]+|[A-Z])\.?$")


class TableForm(Reading):
    """Reads task tables (a mixin of the extractor)."""

    def walk_table(self, node: Node, key: str, context: Context) -> None:
        """A task table: its header names the columns; group rows (I, II, A) are sections,
        every other row a task whose cells are its fields."""
        rows = [_cells(self.text, row) for row in node.children]
        if not rows:
            return
        kinds = [self.genre.column_kind(self.text[a:b]) for a, b in rows[0]]
        if "task" not in kinds or not {"lead", "responsible", "partner"} & set(kinds):
            if any(self.role_words(a, b) for row in rows for a, b in row):
                self.warn(
                    node.start,
                    "a table with role words but no task and role columns was not read",
                    kind="table",
                )
            return
        self.tables += 1
        table_key = f"{key}.B{self.tables}" if key else f"B{self.tables}"
        self.sections.append(
            Section(
                key=table_key,
                number=f"B{self.tables}",
                title=" | ".join(collapse_space(self.text[a:b]) for a, b in rows[0]),
                parent=key or None,
                ordinal=self.tables,
                start=node.start,
                end=node.end,
                line=node.line,
            )
        )
        section_key, ordinal, groups = table_key, 0, 0
        task_column = kinds.index("task")
        for row_node, cells in zip(node.children[1:], rows[1:], strict=True):
            # Every column with its kind (a table may have two role columns: "Cơ quan trình",
            # "Cơ quan thẩm tra"); ``values`` keeps each kind's first column.
            columns = [(kind, cells[i]) for i, kind in enumerate(kinds) if kind and i < len(cells)]
            values: dict[str, tuple[int, int]] = {}
            for kind, span in columns:
                values.setdefault(kind, span)
            filled = [k for k, (a, b) in values.items() if self.text[a:b].strip()]
            number = self.text[slice(*values["number"])].strip() if "number" in values else ""
            if task_column >= len(cells) or not filled:
                continue
            task_start, task_end = cells[task_column]
            is_group = not ({"lead", "responsible", "partner", "time"} & set(filled)) and (
                len(cells) < len(kinds) or _ROMAN_OR_LETTER.match(number) is not None
            )
            if is_group or (len(cells) == 1 and not self.text[task_start:task_end].strip()):
                if len(cells) == 1 and not _ROMAN_OR_LETTER.match(number or "x"):
                    self.warn(
                        row_node.start,
                        "a table row that is neither a task nor a group",
                        self.text[row_node.start : row_node.end],
                    )
                    continue
                groups += 1
                section_key, ordinal = f"{table_key}.{groups}", 0
                self.sections.append(
                    Section(
                        key=section_key,
                        number=number,
                        title=collapse_space(self.text[task_start:task_end]) or number,
                        parent=table_key,
                        ordinal=groups,
                        start=row_node.start,
                        end=row_node.end,
                        line=row_node.line,
                    )
                )
                continue
            ordinal += 1
            draft = Draft(
                f"{section_key}.{ordinal}", section_key, ordinal, task_start, task_end, row_node.line, context
            )
            for kind in ("lead", "responsible", "partner", "time", "product"):
                for start, end in (span for column, span in columns if column == kind):
                    field = Node("cell", 100, kind, start, end, row_node.line)
                    field.field_type, field.field_value_start = kind, start
                    draft.fields.append(field)
            self.drafts.append(draft)


def _cells(text: str, row: Node) -> list[tuple[int, int]]:
    """Spans of a pipe row's cells, stripped of spaces."""
    line = text[row.start : row.end]
    bars = [i for i, c in enumerate(line) if c == "|"]
    spans = []
    for a, b in itertools.pairwise(bars):
        raw = line[a + 1 : b]
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        start = row.start + a + 1 + lead
        spans.append((start, start + len(stripped)))
    return spans
