"""The CSV columns shared by import and export, and what each one accepts.

Header names are matched case-insensitively, surrounding spaces ignored and inner spaces or
dashes read as underscores ("Hatch Date" is `hatch_date`). Only `species` is required; columns
may come in any order; an unknown column is an error (a misspelt `sire` must not silently drop
a pedigree).

| column     | accepted values                                                                       |
|------------|---------------------------------------------------------------------------------------|
| display_id | up to 40 characters; blank → generated from the vivarium's template                   |
| name       | up to 120 characters                                                                  |
| species    | common name, scientific name or code prefix (case-insensitive)                        |
| sex        | male, female, unknown; also m, f, u and blank (unknown)                               |
| hatch_date | YYYY-MM-DD (ISO 8601), YYYY/MM/DD or DD.MM.YYYY; not in the future. Slashed day-month |
|            | dates (03/04/2024) are refused: they read differently in the US and elsewhere.        |
| status     | active, sold, deceased, holdback, external; blank → active (lease: lend instead)      |
| visibility | private, lineage_only (also "lineage only"), public; blank → private                  |
| morph      | free text, up to 200 characters                                                       |
| sire, dam  | a display_id of another row of the file or of an animal already in the vivarium       |
| microchip  | up to 40 characters                                                                   |
| notes      | free text                                                                             |
| genotype   | genes separated by ";" (or ","): "Clown; het Piebald; 66% het Albino; Super Pastel"  |

Formula guard: a cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
`@`, a tab or a carriage return, e.g. a name `=HYPERLINK(...)`) is exported with a leading `'`,
which spreadsheets show as text and do not evaluate; so is a cell that already starts with
`'` followed by such a character. Import removes exactly that one `'` again, so an exported
file re-imports to the same values (OWASP's advice on CSV injection).

Genotype entries: `<trait>` is visual, `het <trait>` (or `100% het <trait>`) a proven het of a
recessive gene, `50% het <trait>` / `66% het <trait>` / `pos het <trait>` (50 %) a possible het,
`super <trait>` or the super form's own name ("Ivory") the homozygous form. Traits are matched
by name or alias within the row's species.
"""

from __future__ import annotations

import re

COLUMNS: tuple[str, ...] = (
    "display_id",
    "name",
    "species",
    "sex",
    "hatch_date",
    "status",
    "visibility",
    "morph",
    "sire",
    "dam",
    "microchip",
    "notes",
    "genotype",
)
REQUIRED_COLUMNS = frozenset({"species"})

MAX_LENGTHS: dict[str, int] = {
    "display_id": 40,
    "name": 120,
    "morph": 200,
    "microchip": 40,
    "notes": 10_000,
    "genotype": 1_000,
}

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_guarded(value: str) -> bool:
    """Whether `value` would need (or already carries) the formula guard."""
    return value.startswith(_FORMULA_STARTS) or (
        value.startswith("'") and _looks_guarded(value[1:])
    )


def guard_formula(value: str) -> str:
    """The cell as exported: a leading `'` where a spreadsheet would see a formula."""
    return "'" + value if _looks_guarded(value) else value


def unguard_formula(value: str) -> str:
    """The inverse of `guard_formula`, applied to every imported cell."""
    return value[1:] if value.startswith("'") and _looks_guarded(value[1:]) else value


_SEPARATORS = re.compile(r"[\s\-]+")


def normalize_header(header: str) -> str:
    return _SEPARATORS.sub("_", header.strip().lower().lstrip("\ufeff"))
