"""The matcher's thresholds and weights, read from data/matching.yaml and validated on load."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from harmtrack.errors import IncidentError

RULES_FILE = Path(__file__).parent / "data" / "matching.yaml"

Score = Field(ge=0.0, le=1.0)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weights(_Frozen):
    place: float = Score
    date: float = Score
    type: float = Score
    perpetrator: float = Score
    target: float = Score
    text: float = Score


class PlaceRules(_Frozen):
    same_km: float = Field(gt=0)
    near_km: float = Field(gt=0)
    far_km: float = Field(gt=0)
    same: float = Score
    near: float = Score
    far: float = Score
    coarse: float = Score

    @model_validator(mode="after")
    def _ordered(self) -> PlaceRules:
        if not self.same_km <= self.near_km <= self.far_km:
            raise ValueError("distances must grow: same_km <= near_km <= far_km")
        return self


class DateRules(_Frozen):
    same: float = Score
    adjacent: float = Score
    overlap: float = Score


class MatchRules(_Frozen):
    """Every number the matcher uses (see data/matching.yaml for what each means)."""

    window_days: int = Field(ge=0)
    max_span_days: int = Field(ge=0)
    threshold: float = Score
    weights: Weights
    place: PlaceRules
    date: DateRules
    unknown: float = Score
    same_event_type: float = Score
    other_target: float = Score
    common_words: frozenset[str] = frozenset()

    @model_validator(mode="after")
    def _weights_add_up(self) -> MatchRules:
        total = sum(self.weights.model_dump().values())
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"weights add up to {total:g}, not 1")
        if any(w != w.lower() for w in self.common_words):
            raise ValueError("common_words must be written in lower case")
        return self


def _problems(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in error['loc']) or '(top)'}: {error['msg']}"
        for error in exc.errors()
    )


def read_rules(path: Path) -> MatchRules:
    """The rules in ``path``; IncidentError listing every bad entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise IncidentError(f"{path}: cannot be read ({exc})") from exc
    try:
        return MatchRules.model_validate(data)
    except ValidationError as exc:
        raise IncidentError(
            f"{path}: invalid matching rules: {_problems(exc)}",
            hint="Fix the entries named; docs/incidents.md explains each number.",
        ) from exc


@lru_cache(maxsize=1)
def default_rules() -> MatchRules:
    """The shipped rules, read once per process."""
    return read_rules(RULES_FILE)
