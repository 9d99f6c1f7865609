"""Reading one cell into a typed value, with a message a breeder can act on when it is wrong.

What each column accepts is documented in `repti_animal.portability.columns`.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import TypeVar

from repti_animal.animals.display_ids import check_manual
from repti_animal.animals.statuses import status_change_problem
from reptidex_common.bounds import out_of_range_message
from reptidex_common.models.animal_enums import AnimalStatus, Sex, Visibility

E = TypeVar("E", bound=StrEnum)


class CellError(ValueError):
    pass


_SEX_ALIASES = {"m": Sex.male, "f": Sex.female, "u": Sex.unknown}
_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED_DAY_MONTH = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}$")


def _choice(value: str, enum_cls: type[E], default: E, aliases: dict[str, E] | None = None) -> E:
    if not value:
        return default
    key = "_".join(value.lower().replace("-", " ").split())
    if aliases and key in aliases:
        return aliases[key]
    try:
        return enum_cls(key)
    except ValueError:
        allowed = ", ".join(member.value for member in enum_cls)
        raise CellError(f"'{value}' is not one of: {allowed}.") from None


def parse_sex(value: str) -> Sex:
    return _choice(value, Sex, Sex.unknown, _SEX_ALIASES)


def parse_status(value: str) -> AnimalStatus:
    status = _choice(value, AnimalStatus, AnimalStatus.active)
    problem = status_change_problem(None, status)
    if problem is not None:
        raise CellError(problem)
    return status


def parse_visibility(value: str) -> Visibility:
    return _choice(value, Visibility, Visibility.private)


def parse_hatch_date(value: str, *, today: date) -> date | None:
    if not value:
        return None
    if match := _ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DOTTED_DATE.match(value):
        day, month, year = (int(part) for part in match.groups())
    elif _SLASHED_DAY_MONTH.match(value):
        raise CellError(
            f"'{value}' is ambiguous (day/month or month/day?); write it as YYYY-MM-DD."
        )
    else:
        raise CellError(f"'{value}' is not a date; write it as YYYY-MM-DD.")
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise CellError(f"'{value}' is not a real calendar date.") from None
    if parsed > today:
        raise CellError(f"'{value}' is in the future.")
    if problem := out_of_range_message(parsed):
        raise CellError(f"'{value}' is not a hatch date we can record: it {problem}.")
    return parsed


def parse_display_id(value: str, *, max_length: int) -> str | None:
    """A display id cell: the checks of the API's manual display id (`check_manual`)."""
    text = parse_text(value, max_length=max_length)
    if text is None:
        return None
    try:
        return check_manual(text)
    except ValueError as exc:
        raise CellError(f"The display id {exc}.") from exc


def parse_text(value: str, *, max_length: int) -> str | None:
    if len(value) > max_length:
        raise CellError(f"Longer than {max_length} characters ({len(value)}).")
    return value or None
