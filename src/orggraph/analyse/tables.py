"""A table of results with bilingual column headings, ready for any output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Column", "Table", "Value"]

Value = str | int | float | bool | None


@dataclass(frozen=True)
class Column:
    """A column: machine name, and headings in English and Vietnamese."""

    name: str
    en: str
    vi: str


@dataclass
class Table:
    """Rows of values under named columns; ``name`` doubles as a sheet or file name."""

    name: str
    title_en: str
    title_vi: str
    columns: list[Column]
    rows: list[list[Value]] = field(default_factory=list)

    def column(self, name: str) -> list[Value]:
        index = [c.name for c in self.columns].index(name)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict[str, Value]]:
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def to_frame(self, lang: str = "both") -> Any:
        """The table as a pandas DataFrame (pandas is imported here, on first use).

        ``lang`` "vi" or "en" keeps only that language's ``*_vi``/``*_en`` columns.
        """
        import pandas as pd

        drop = {"vi": "_en", "en": "_vi"}.get(lang)
        names = [c.name for c in self.columns if drop is None or not c.name.endswith(drop)]
        return pd.DataFrame(self.records(), columns=[c.name for c in self.columns])[names]

    def find(self, **match: Value) -> dict[str, Value]:
        """The one row whose columns equal ``match`` (for tests and notebooks)."""
        found = [r for r in self.records() if all(r.get(k) == v for k, v in match.items())]
        if len(found) != 1:
            raise KeyError(f"{len(found)} rows match {match}")
        return found[0]
