"""Request and response bodies of the species and traits catalogue."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
    model_validator,
)

from reptidex_common.db.pagination import Page
from reptidex_common.models.animal_enums import Inheritance, WelfareFlag, WelfareScope
from reptidex_common.schemas import PartialUpdate

CommonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
ScientificName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=160)
]
# Display ids start with the prefix, so keep it short, upper case and URL-safe.
CodePrefix = Annotated[
    str,
    BeforeValidator(lambda value: value.strip().upper() if isinstance(value, str) else value),
    StringConstraints(pattern=r"^[A-Z][A-Z0-9]{0,7}$"),
]
TraitName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
WelfareNote = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)
]
Days = Annotated[int, Field(ge=1, le=365)]
Celsius = Annotated[Decimal, Field(ge=0, le=45, max_digits=4, decimal_places=1)]


class SpeciesCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    common_name: CommonName
    scientific_name: ScientificName
    code_prefix: CodePrefix
    incubation_days_min: Days | None = None
    incubation_days_max: Days | None = None
    incubation_temp_min_c: Celsius | None = None
    incubation_temp_max_c: Celsius | None = None
    default_feeding_interval_days: Days | None = None
    egg_laying: bool = True
    gestation_days_min: Days | None = Field(
        default=None, description="Live-bearers: days from ovulation to birth, at the shortest."
    )
    gestation_days_max: Days | None = None
    first_shed_days: Annotated[int, Field(ge=1, le=60)] | None = Field(
        default=None,
        description="Set for species whose hatchlings first eat after their first shed "
        "(snakes): the days after hatching that shed is expected within.",
    )

    @model_validator(mode="after")
    def _ranges_in_order(self) -> SpeciesCreate:
        pairs = (
            ("incubation_days", self.incubation_days_min, self.incubation_days_max),
            ("gestation_days", self.gestation_days_min, self.gestation_days_max),
            ("incubation_temp", self.incubation_temp_min_c, self.incubation_temp_max_c),
        )
        for name, low, high in pairs:
            if low is not None and high is not None and low > high:
                raise ValueError(f"{name}: the minimum is above the maximum")
        return self


class SpeciesRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    common_name: str
    scientific_name: str
    code_prefix: str
    incubation_days_min: int | None
    incubation_days_max: int | None
    incubation_temp_min_c: Decimal | None
    incubation_temp_max_c: Decimal | None
    default_feeding_interval_days: int | None
    egg_laying: bool
    gestation_days_min: int | None
    gestation_days_max: int | None
    first_shed_days: int | None
    created_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def live_bearing(self) -> bool:
        """Gives birth to live young: gestation applies instead of incubation."""
        return not self.egg_laying


SpeciesPage = Page[SpeciesRead]


class _TraitFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    super_form_name: TraitName | None = None
    allelic_group: TraitName | None = None
    welfare_note: WelfareNote | None = None
    aliases: Annotated[list[TraitName], Field(max_length=20)] | None = None


class TraitCreate(_TraitFields):
    name: TraitName
    inheritance: Inheritance
    welfare_flag: WelfareFlag = WelfareFlag.none
    welfare_scope: WelfareScope = WelfareScope.carrier
    homozygous_welfare_flag: WelfareFlag = WelfareFlag.none


class TraitUpdate(PartialUpdate, _TraitFields):
    """Every field optional; only the fields sent are applied."""

    name: TraitName | None = None
    inheritance: Inheritance | None = None
    welfare_flag: WelfareFlag | None = None
    welfare_scope: WelfareScope | None = None
    homozygous_welfare_flag: WelfareFlag | None = None

    not_nullable = (
        "name",
        "inheritance",
        "welfare_flag",
        "welfare_scope",
        "homozygous_welfare_flag",
        "aliases",
    )


class TraitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    species_id: uuid.UUID
    name: str
    inheritance: Inheritance
    super_form_name: str | None
    allelic_group: str | None
    welfare_flag: WelfareFlag
    welfare_scope: WelfareScope
    welfare_note: str | None
    homozygous_welfare_flag: WelfareFlag = Field(
        description="The two-copy form's own flag where it is worse than the carriers' "
        "(Spider: welfare with one copy, lethal with two); `none` when welfare_flag covers it."
    )
    aliases: list[str]
