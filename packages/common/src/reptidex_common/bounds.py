"""What dates, instants and measurements the domain allows: the one definition of each.

Every schema, the CSV import and the database's CHECK constraints use these, so a value is
refused the same way wherever it enters. They also keep out the two dates the PostgreSQL
driver turns into infinities: asyncpg writes `date.min`/`date.max` (0001-01-01, 9999-12-31)
and `datetime.min`/`datetime.max` as -infinity/+infinity, which the workers' psycopg cannot
read back, so a single such row used to stop every batch that touched it.

The earliest date is 1900-01-01: tortoises outlive their keepers (a record of an Aldabra
tortoise hatched in 1905 is real), nothing a breeder records is older. The latest a client
may send is `FUTURE_HORIZON_YEARS` after today (due dates, lease ends, expected hatches); the
database's fixed ceiling (`STORED_DATE_CEILING`) is far enough beyond that to hold for
generations without a migration.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field

EARLIEST_DATE = date(1900, 1, 1)
EARLIEST_INSTANT = datetime.combine(EARLIEST_DATE, time.min, UTC)
FUTURE_HORIZON_YEARS = 10
# What the database accepts; later than any date the API lets in for the next 150 years.
STORED_DATE_CEILING = date(2200, 1, 1)

# Measurements. The heaviest reptiles (saltwater crocodiles, leatherback turtles) stay under a
# tonne and the longest (reticulated pythons) under 10 m; the bounds leave room but no more.
MAX_WEIGHT_GRAMS = Decimal(2_000_000)
MAX_LENGTH_CM = Decimal(1_000)
MIN_INCUBATION_CELSIUS = Decimal(15)
MAX_INCUBATION_CELSIUS = Decimal(40)


def latest_date(today: date | None = None) -> date:
    """The latest date a client may send: today (UTC) plus the horizon."""
    today = today or datetime.now(UTC).date()
    try:
        return today.replace(year=today.year + FUTURE_HORIZON_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + FUTURE_HORIZON_YEARS, day=28)


def out_of_range_message(value: date) -> str | None:
    """Why `value` is not a date the domain allows, or None when it is."""
    if value < EARLIEST_DATE:
        return f"must be on or after {EARLIEST_DATE.isoformat()}"
    latest = latest_date()
    if value > latest:
        return f"must be on or before {latest.isoformat()} ({FUTURE_HORIZON_YEARS} years ahead)"
    return None


def _check_date(value: date) -> date:
    message = out_of_range_message(value)
    if message:
        raise ValueError(message)
    return value


def _check_instant(value: datetime) -> datetime:
    # Compared in UTC: a far-past instant with a positive offset is a year-0 instant in UTC.
    if value < EARLIEST_INSTANT:
        raise ValueError(f"must be on or after {EARLIEST_INSTANT.isoformat()}")
    latest = datetime.combine(latest_date(), time.max, UTC)
    if value > latest:
        raise ValueError(
            f"must be on or before {latest_date().isoformat()} ({FUTURE_HORIZON_YEARS} years ahead)"
        )
    return value


# A calendar date in a reptile's record (hatch, acquisition, lay, lease, due...).
DomainDate = Annotated[
    date,
    AfterValidator(_check_date),
    Field(
        description=f"Between {EARLIEST_DATE.isoformat()} and {FUTURE_HORIZON_YEARS} years ahead."
    ),
]
# An instant (with its UTC offset) in the same window.
DomainInstant = Annotated[
    AwareDatetime,
    AfterValidator(_check_instant),
    Field(
        description=f"Between {EARLIEST_DATE.isoformat()} and {FUTURE_HORIZON_YEARS} years ahead."
    ),
]

WeightGrams = Annotated[float, Field(gt=0, le=float(MAX_WEIGHT_GRAMS))]
LengthCm = Annotated[float, Field(gt=0, le=float(MAX_LENGTH_CM))]
IncubationCelsius = Annotated[
    Decimal,
    Field(ge=MIN_INCUBATION_CELSIUS, le=MAX_INCUBATION_CELSIUS, max_digits=4, decimal_places=1),
]
Percent = Annotated[int, Field(ge=0, le=100)]
EggCount = Annotated[int, Field(ge=0, le=1000)]
PreyCount = Annotated[int, Field(ge=1, le=100)]
FeedingIntervalDays = Annotated[int, Field(ge=1, le=365)]
RepeatIntervalDays = Annotated[int, Field(ge=1, le=3650)]
Season = Annotated[int, Field(ge=1900, le=2200, description="Breeding season (year)")]
PriceCents = Annotated[int, Field(ge=0, le=2_147_483_647)]


def date_in_range_sql(column: str) -> str:
    """The CHECK constraint text that keeps a date column inside the stored window."""
    return (
        f"{column} IS NULL OR ({column} >= DATE '{EARLIEST_DATE.isoformat()}' "
        f"AND {column} < DATE '{STORED_DATE_CEILING.isoformat()}')"
    )


def instant_in_range_sql(column: str) -> str:
    """The CHECK constraint text that keeps a timestamptz column inside the stored window."""
    return (
        f"{column} IS NULL OR ({column} >= TIMESTAMPTZ '{EARLIEST_DATE.isoformat()} 00:00+00' "
        f"AND {column} < TIMESTAMPTZ '{STORED_DATE_CEILING.isoformat()} 00:00+00')"
    )


def dates_in_range_sql(column: str) -> str:
    """The CHECK constraint text that keeps every date of a date[] column inside the window."""
    return (
        f"DATE '{EARLIEST_DATE.isoformat()}' <= ALL ({column}) "
        f"AND DATE '{STORED_DATE_CEILING.isoformat()}' > ALL ({column})"
    )


def number_in_range_sql(
    column: str, low: Decimal | int, high: Decimal | int, *, low_exclusive: bool = False
) -> str:
    """The CHECK constraint text that keeps an optional number column within [low, high]."""
    lower = ">" if low_exclusive else ">="
    return f"{column} IS NULL OR ({column} {lower} {low} AND {column} <= {high})"
