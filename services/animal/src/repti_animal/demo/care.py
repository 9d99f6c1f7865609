"""Husbandry history from care profiles: feedings, weights (growth curves), sheds. Pure.

Dates count back from now in whole days, so "fed its interval ago" is due today whatever the
hour the demo is seeded. Everything is deterministic: no randomness, the same plan always
gives the same logs.
"""

from __future__ import annotations

import math
from typing import Any

from repti_animal.demo.data import CareProfile

HISTORY_DAYS = 150
# A young animal's first meal comes after its first shed, about a week after hatching.
FIRST_MEAL_AFTER_HATCH_DAYS = 8

# (days ago, body of a log as the API takes it, without occurred_at)
LogPlan = tuple[int, dict[str, Any]]


def _feedings(profile: CareProfile, history: int) -> list[LogPlan]:
    logs: list[LogPlan] = []
    for days in range(profile.last_fed, history + 1, profile.feed_every):
        refused = days in profile.refused
        body: dict[str, Any] = {
            "kind": "feeding",
            "prey_type": profile.prey_type,
            "prey_count": profile.prey_count,
            "outcome": "refused" if refused else "accepted",
        }
        if profile.prey_size is not None:
            body["prey_size"] = profile.prey_size
        if refused:
            body["notes"] = "Not interested; offered again later."
        logs.append((days, body))
    return logs


def _grams(profile: CareProfile, days: int, history: int) -> float:
    """Growth slows as an animal grows (square-root curve), with a small wobble."""
    progress = 1 - days / history if history else 1.0
    curve = math.sqrt(progress) if profile.grams_now > profile.grams_then else progress
    grams = profile.grams_then + (profile.grams_now - profile.grams_then) * curve
    wobble = 1 + 0.01 * math.sin(days * 1.7)
    return round(grams * wobble, 1)


def _weights(profile: CareProfile, history: int) -> list[LogPlan]:
    if profile.grams_now <= 0:
        return []
    start = min(3, history)
    return [
        (days, {"kind": "weight", "grams": _grams(profile, days, history)})
        for days in range(start, history + 1, profile.weigh_every)
    ]


def _sheds(profile: CareProfile, history: int) -> list[LogPlan]:
    if profile.shed_every is None:
        return []
    days_list = list(range(profile.shed_every // 3, history + 1, profile.shed_every))
    stuck = None
    target = profile.incomplete_shed_at
    if target is not None and days_list:
        stuck = min(days_list, key=lambda d: abs(d - target))
    logs: list[LogPlan] = []
    for days in days_list:
        body: dict[str, Any] = {"kind": "shed", "complete": days != stuck}
        if days == stuck:
            body["notes"] = "Stuck shed on the tail tip and eye caps; soaked and helped off."
        logs.append((days, body))
    return logs


def logs_for(profile: CareProfile, *, days_in_care: int) -> list[LogPlan]:
    """The routine care of the last months (or since the animal hatched)."""
    history = min(HISTORY_DAYS, days_in_care)
    feeding_history = history
    if days_in_care < HISTORY_DAYS:
        feeding_history = max(0, days_in_care - FIRST_MEAL_AFTER_HATCH_DAYS)
    return [
        *_feedings(profile, feeding_history),
        *_weights(profile, history),
        *_sheds(profile, history),
    ]
