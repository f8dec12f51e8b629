"""The result of one evaluation run."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["EvalReport"]


class EvalReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    documents: int = 0
    # Figures by key, e.g. {"timebank.value_f1": 0.86}; fractions in 0..1.
    figures: dict[str, float] = Field(default_factory=dict)
    # Human-readable lines (tables, notes) printed under the figures.
    details: list[str] = Field(default_factory=list)
