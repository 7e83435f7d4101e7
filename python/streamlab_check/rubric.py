"""The rubric's vocabulary: a criterion worth some points, and what a check found for it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    key: str           # stable id, e.g. "kafka.producer-format"
    title: str         # what the table prints
    points: int
    code: bool = True  # False for criteria not about the student's code (e.g. the compose file)

    def full(self, checked: str) -> "Result":
        """All of this criterion's points, for what `checked` says was checked."""
        return Result(self, self.points, checked)

    def lost(self, checked: str, hint: str) -> "Result":
        """No points, with the likely mistake named in `hint`."""
        return Result(self, 0, checked, hint)

    def judge(self, checked: str, problems: list[str]) -> "Result":
        """Full points when `problems` is empty; otherwise none, the first problem as the hint (and how
        many more there are)."""
        if not problems:
            return self.full(checked)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return self.lost(checked, problems[0] + more)


@dataclass(frozen=True)
class Result:
    criterion: Criterion
    earned: int
    checked: str             # what was checked, one sentence
    hint: str | None = None  # when points were lost: the likely mistake, named

    def __post_init__(self):
        if not 0 <= self.earned <= self.criterion.points:
            raise ValueError(f"{self.criterion.key}: earned {self.earned} of {self.criterion.points}")
        if self.earned < self.criterion.points and not self.hint:
            raise ValueError(f"{self.criterion.key}: a lost point needs a hint naming the likely mistake")

    @property
    def full_marks(self) -> bool:
        return self.earned == self.criterion.points
