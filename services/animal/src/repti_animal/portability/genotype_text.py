"""Genotypes as breeders write them ("Clown; het Piebald; 66% het Albino; Super Pastel").

Parsing (import) and formatting (export) live together so that whatever the export writes
reads back to the same genotype.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from reptidex_common.models.animal_enums import GenotypeState, Inheritance

_ENTRY_SEPARATOR = re.compile(r"[;,]")
_PERCENT_HET = re.compile(r"^(\d{1,3})\s*%\s*(?:pos(?:sible)?\s+)?het\s+(.+)$")
_POSSIBLE_HET = re.compile(r"^(?:pos(?:sible)?|ph)\s+het\s+(.+)$|^ph\s+(.+)$")
_HET = re.compile(r"^het\s+(.+)$")
_SUPER = re.compile(r"^super\s+(.+)$")
POSSIBLE_HET_PERCENTS = (50, 66)


@dataclass(frozen=True)
class TraitInfo:
    id: uuid.UUID
    name: str
    inheritance: Inheritance
    super_form_name: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class GenotypeEntry:
    trait_id: uuid.UUID
    trait_name: str
    state: GenotypeState
    het_percent: int | None


class GenotypeTextError(ValueError):
    pass


class TraitIndex:
    """One species' traits, looked up by name, alias or super form name (case-insensitive)."""

    def __init__(self, traits: Iterable[TraitInfo]) -> None:
        self.by_name: dict[str, TraitInfo] = {}
        self.by_super_form: dict[str, TraitInfo] = {}
        for trait in traits:
            for name in (trait.name, *trait.aliases):
                self.by_name.setdefault(_key(name), trait)
            if trait.super_form_name:
                self.by_super_form[_key(trait.super_form_name)] = trait

    def find(self, text: str) -> TraitInfo | None:
        return self.by_name.get(_key(text))


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _require_recessive(trait: TraitInfo, written: str) -> None:
    # A het of a dominant or incomplete dominant gene shows: it is the visual form.
    if trait.inheritance is not Inheritance.recessive:
        raise GenotypeTextError(
            f"'{written}': {trait.name} is {trait.inheritance.value.replace('_', ' ')}, so one "
            f"copy is visual; write '{trait.name}'."
        )


def _parse_entry(entry: str, index: TraitIndex) -> GenotypeEntry:
    text = _key(entry)
    if super_trait := index.by_super_form.get(text):
        return GenotypeEntry(super_trait.id, super_trait.name, GenotypeState.super, None)
    if match := _PERCENT_HET.match(text):
        percent, name = int(match.group(1)), match.group(2)
        trait = _known(index, name, entry)
        _require_recessive(trait, entry)
        if percent == 100:
            return GenotypeEntry(trait.id, trait.name, GenotypeState.het, None)
        if percent not in POSSIBLE_HET_PERCENTS:
            raise GenotypeTextError(
                f"'{entry}': possible hets are recorded as 50% or 66% (100% is a proven het)."
            )
        return GenotypeEntry(trait.id, trait.name, GenotypeState.possible_het, percent)
    if match := _POSSIBLE_HET.match(text):
        trait = _known(index, match.group(1) or match.group(2), entry)
        _require_recessive(trait, entry)
        return GenotypeEntry(trait.id, trait.name, GenotypeState.possible_het, 50)
    if match := _HET.match(text):
        trait = _known(index, match.group(1), entry)
        _require_recessive(trait, entry)
        return GenotypeEntry(trait.id, trait.name, GenotypeState.het, None)
    if (match := _SUPER.match(text)) and index.find(text) is None:
        trait = _known(index, match.group(1), entry)
        if trait.inheritance is not Inheritance.incomplete_dominant:
            raise GenotypeTextError(
                f"'{entry}': {trait.name} has no super form (only incomplete dominant genes do)."
            )
        return GenotypeEntry(trait.id, trait.name, GenotypeState.super, None)
    trait = _known(index, text, entry)
    return GenotypeEntry(trait.id, trait.name, GenotypeState.visual, None)


def _known(index: TraitIndex, name: str, written: str) -> TraitInfo:
    trait = index.find(name)
    if trait is None:
        raise GenotypeTextError(f"'{written.strip()}': unknown trait for this species.")
    return trait


def parse_genotype(text: str, index: TraitIndex) -> list[GenotypeEntry]:
    """Every entry of the text, or `GenotypeTextError` naming each entry that is wrong."""
    entries: list[GenotypeEntry] = []
    problems: list[str] = []
    seen: set[uuid.UUID] = set()
    for raw in _ENTRY_SEPARATOR.split(text):
        if not raw.strip():
            continue
        try:
            entry = _parse_entry(raw, index)
        except GenotypeTextError as exc:
            problems.append(str(exc))
            continue
        if entry.trait_id in seen:
            problems.append(f"'{raw.strip()}': {entry.trait_name} is listed twice.")
            continue
        seen.add(entry.trait_id)
        entries.append(entry)
    if problems:
        raise GenotypeTextError(" ".join(problems))
    return entries


def format_entry(
    name: str, state: GenotypeState, het_percent: int | None, super_form_name: str | None
) -> str:
    if state is GenotypeState.het:
        return f"het {name}"
    if state is GenotypeState.possible_het:
        return f"{het_percent or 50}% het {name}"
    if state is GenotypeState.super:
        return super_form_name or f"Super {name}"
    return name
