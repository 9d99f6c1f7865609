"""Dates and measurements within the domain's bounds, with a repair of rows outside them

Dates such as 0001-01-01 and 9999-12-31 reached the database as -infinity/+infinity (the API
driver's stand-ins for its extreme dates), which the workers' driver cannot read. This
revision first repairs every stored value outside the bounds, losing no row, then adds CHECK
constraints that keep dates between 1900-01-01 and 2200-01-01 (never an infinity) and
measurements in the ranges of `reptidex_common.bounds`.

The repair, per kind of value (each change is noted on the row where the row has a place for
notes, with the value it replaced):
- optional dates and instants (animals' hatch, acquisition and disposal dates; clutches'
  expected hatch and hatch dates; a lease's end; a reminder's last firing; an API key's
  expiry) are cleared. An API key expiring after the ceiling never expires; one expiring
  before 1900 expired when it was created.
- required dates fall back to the day the row was created: a clutch's laid date, a lease's
  start, a log's `occurred_at`, a due notification's `due_at`.
- a reminder due before 1900 is due now (the keeper sees it at the next tick and can fix
  it); one due after the ceiling is turned off, due at its creation.
- pairings keep only the lock dates inside the bounds; a season outside 1900..2200 is cleared.
- optional measurements outside their ranges (weights, lengths, incubation temperature and
  humidity, intervals, prices) are cleared; a prey count above 100 becomes 100.
The downgrade drops the constraints; the repaired values stay repaired.

Revision ID: 20261203_0180
Revises: 20261203_0170
Create Date: 2026-12-04 10:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "20261203_0180"
down_revision: str | None = "20261203_0170"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Inside the window: from 1900-01-01 (inclusive) to 2200-01-01 (exclusive); never an infinity.
D = "{c} IS NULL OR ({c} >= DATE '1900-01-01' AND {c} < DATE '2200-01-01')"
T = (
    "{c} IS NULL OR ({c} >= TIMESTAMPTZ '1900-01-01 00:00+00' "
    "AND {c} < TIMESTAMPTZ '2200-01-01 00:00+00')"
)

# (schema, table, constraint name without the ck_<table>_ prefix, condition)
CHECKS: list[tuple[str, str, str, str]] = [
    ("animal", "animals", "hatch_date_in_range", D.format(c="hatch_date")),
    ("animal", "animals", "acquisition_date_in_range", D.format(c="acquisition_date")),
    ("animal", "animals", "disposal_date_in_range", D.format(c="disposal_date")),
    (
        "animal",
        "animals",
        "acquisition_price_cents_in_range",
        "acquisition_price_cents IS NULL OR "
        "(acquisition_price_cents >= 0 AND acquisition_price_cents <= 2147483647)",
    ),
    (
        "animal",
        "animals",
        "feeding_interval_days_in_range",
        "feeding_interval_days IS NULL OR "
        "(feeding_interval_days >= 1 AND feeding_interval_days <= 365)",
    ),
    (
        "animal",
        "pairings",
        "season_in_range",
        "season IS NULL OR (season >= 1900 AND season <= 2200)",
    ),
    (
        "animal",
        "pairings",
        "lock_dates_in_range",
        "DATE '1900-01-01' <= ALL (lock_dates) AND DATE '2200-01-01' > ALL (lock_dates)",
    ),
    ("animal", "clutches", "laid_date_in_range", D.format(c="laid_date")),
    ("animal", "clutches", "expected_hatch_date_in_range", D.format(c="expected_hatch_date")),
    ("animal", "clutches", "hatch_date_in_range", D.format(c="hatch_date")),
    (
        "animal",
        "clutches",
        "incubation_temp_c_in_range",
        "incubation_temp_c IS NULL OR (incubation_temp_c >= 15 AND incubation_temp_c <= 40)",
    ),
    (
        "animal",
        "clutches",
        "incubation_humidity_pct_in_range",
        "incubation_humidity_pct IS NULL OR "
        "(incubation_humidity_pct >= 0 AND incubation_humidity_pct <= 100)",
    ),
    ("animal", "clutches", "eggs_total_in_range", "eggs_total <= 1000"),
    ("animal", "husbandry_logs", "occurred_at_in_range", T.format(c="occurred_at")),
    (
        "animal",
        "husbandry_logs",
        "weight_grams_in_range",
        "weight_grams IS NULL OR (weight_grams > 0 AND weight_grams <= 2000000)",
    ),
    (
        "animal",
        "husbandry_logs",
        "length_cm_in_range",
        "length_cm IS NULL OR (length_cm > 0 AND length_cm <= 1000)",
    ),
    (
        "animal",
        "husbandry_logs",
        "prey_count_in_range",
        "prey_count IS NULL OR (prey_count >= 1 AND prey_count <= 100)",
    ),
    (
        "animal",
        "reminders",
        "interval_days_in_range",
        "interval_days IS NULL OR (interval_days >= 1 AND interval_days <= 3650)",
    ),
    ("animal", "reminders", "next_due_at_in_range", T.format(c="next_due_at")),
    ("animal", "reminders", "last_fired_at_in_range", T.format(c="last_fired_at")),
    ("animal", "due_notifications", "due_at_in_range", T.format(c="due_at")),
    ("animal", "leases", "start_date_in_range", D.format(c="start_date")),
    ("animal", "leases", "end_date_in_range", D.format(c="end_date")),
    ("core", "api_keys", "expires_at_in_range", T.format(c="expires_at")),
]

# Every statement only touches rows outside the bounds, so on a clean database it changes
# nothing. `NOT (x >= low AND x < high)` is true for -infinity and +infinity as well.
REPAIR_SQL = """
CREATE FUNCTION pg_temp.outside(d date) RETURNS boolean LANGUAGE sql IMMUTABLE AS
    $$ SELECT d IS NOT NULL AND NOT (d >= DATE '1900-01-01' AND d < DATE '2200-01-01') $$;
CREATE FUNCTION pg_temp.outside(t timestamptz) RETURNS boolean LANGUAGE sql IMMUTABLE AS
    $$ SELECT t IS NOT NULL
              AND NOT (t >= TIMESTAMPTZ '1900-01-01 00:00+00' AND t < TIMESTAMPTZ '2200-01-01 00:00+00') $$;
CREATE FUNCTION pg_temp.noted(notes text, what text) RETURNS text LANGUAGE sql IMMUTABLE AS
    $$ SELECT concat_ws(E'\n', notes, '[data repair 2026-12-04] ' || what) $$;

-- Animals: an impossible optional date is cleared, and the notes keep what it held.
UPDATE animal.animals SET
    notes = pg_temp.noted(notes, 'hatch_date ' || hatch_date::text || ' was not a possible date and was cleared.'),
    hatch_date = NULL
WHERE pg_temp.outside(hatch_date);
UPDATE animal.animals SET
    notes = pg_temp.noted(notes, 'acquisition_date ' || acquisition_date::text || ' was not a possible date and was cleared.'),
    acquisition_date = NULL
WHERE pg_temp.outside(acquisition_date);
UPDATE animal.animals SET
    notes = pg_temp.noted(notes, 'disposal_date ' || disposal_date::text || ' was not a possible date and was cleared.'),
    disposal_date = NULL
WHERE pg_temp.outside(disposal_date);
UPDATE animal.animals SET acquisition_price_cents = NULL WHERE acquisition_price_cents < 0;
UPDATE animal.animals SET feeding_interval_days = NULL
WHERE feeding_interval_days < 1 OR feeding_interval_days > 365;

-- Pairings: only the possible lock dates are kept; the notes list the others.
UPDATE animal.pairings SET
    notes = pg_temp.noted(notes, 'lock dates removed as impossible: '
        || ARRAY(SELECT d FROM unnest(lock_dates) AS d WHERE pg_temp.outside(d))::text),
    lock_dates = ARRAY(SELECT d FROM unnest(lock_dates) AS d WHERE NOT pg_temp.outside(d) ORDER BY d)
WHERE EXISTS (SELECT 1 FROM unnest(lock_dates) AS d WHERE pg_temp.outside(d));
UPDATE animal.pairings SET season = NULL WHERE season < 1900 OR season > 2200;

-- Clutches: the laid date falls back to the day the clutch was recorded.
UPDATE animal.clutches SET
    notes = pg_temp.noted(notes, 'laid_date ' || laid_date::text || ' was not a possible date; set to the day the clutch was recorded.'),
    laid_date = (created_at AT TIME ZONE 'UTC')::date
WHERE pg_temp.outside(laid_date);
UPDATE animal.clutches SET
    notes = pg_temp.noted(notes, 'expected_hatch_date ' || expected_hatch_date::text || ' was not a possible date and was cleared.'),
    expected_hatch_date = NULL
WHERE pg_temp.outside(expected_hatch_date);
UPDATE animal.clutches SET
    notes = pg_temp.noted(notes, 'hatch_date ' || hatch_date::text || ' was not a possible date and was cleared.'),
    hatch_date = NULL
WHERE pg_temp.outside(hatch_date);
UPDATE animal.clutches SET
    notes = pg_temp.noted(notes, 'incubation temperature ' || incubation_temp_c::text || ' °C was cleared (not within 15 to 40 °C).'),
    incubation_temp_c = NULL
WHERE incubation_temp_c < 15 OR incubation_temp_c > 40;
UPDATE animal.clutches SET incubation_humidity_pct = NULL
WHERE incubation_humidity_pct < 0 OR incubation_humidity_pct > 100;

-- Husbandry logs: the instant falls back to when the log was written; `details` keeps
-- whatever was replaced or cleared.
UPDATE animal.husbandry_logs SET
    details = details || jsonb_build_object('repaired_occurred_at', occurred_at::text),
    occurred_at = created_at
WHERE pg_temp.outside(occurred_at);
UPDATE animal.husbandry_logs SET
    details = details || jsonb_build_object('repaired_weight_grams', weight_grams::text),
    weight_grams = NULL
WHERE weight_grams > 2000000;
UPDATE animal.husbandry_logs SET
    details = details || jsonb_build_object('repaired_length_cm', length_cm::text),
    length_cm = NULL
WHERE length_cm <= 0 OR length_cm > 1000;
UPDATE animal.husbandry_logs SET
    details = details || jsonb_build_object('repaired_prey_count', prey_count),
    prey_count = 100
WHERE prey_count > 100;

-- Reminders: due before 1900 means overdue, so due now; after the ceiling means never, so
-- turned off (due at its creation, should the keeper turn it on again).
UPDATE animal.reminders SET next_due_at = now()
WHERE next_due_at < TIMESTAMPTZ '1900-01-01 00:00+00';
UPDATE animal.reminders SET next_due_at = created_at, active = false
WHERE next_due_at >= TIMESTAMPTZ '2200-01-01 00:00+00';
UPDATE animal.reminders SET last_fired_at = NULL WHERE pg_temp.outside(last_fired_at);
UPDATE animal.reminders SET interval_days = 3650 WHERE interval_days > 3650;
UPDATE animal.due_notifications SET due_at = created_at WHERE pg_temp.outside(due_at);

-- Leases: the start falls back to the day the lease was recorded; an impossible end (or
-- one now before the start) is cleared. The terms keep both.
UPDATE animal.leases SET
    terms = pg_temp.noted(terms, 'start_date ' || start_date::text || ' was not a possible date; set to the day the lease was recorded.'),
    start_date = (created_at AT TIME ZONE 'UTC')::date
WHERE pg_temp.outside(start_date);
UPDATE animal.leases SET
    terms = pg_temp.noted(terms, 'end_date ' || end_date::text || ' was not a possible date and was cleared.'),
    end_date = NULL
WHERE pg_temp.outside(end_date) OR end_date < start_date;

-- API keys: an expiry after the ceiling means none; one before 1900 expired at creation.
UPDATE core.api_keys SET expires_at = NULL WHERE expires_at >= TIMESTAMPTZ '2200-01-01 00:00+00';
UPDATE core.api_keys SET expires_at = created_at WHERE expires_at < TIMESTAMPTZ '1900-01-01 00:00+00';

DROP FUNCTION pg_temp.outside(date);
DROP FUNCTION pg_temp.outside(timestamptz);
DROP FUNCTION pg_temp.noted(text, text);
"""


def upgrade() -> None:
    op.execute(REPAIR_SQL)
    for schema, table, name, condition in CHECKS:
        op.create_check_constraint(op.f(f"ck_{table}_{name}"), table, condition, schema=schema)


def downgrade() -> None:
    for schema, table, name, _condition in reversed(CHECKS):
        op.drop_constraint(op.f(f"ck_{table}_{name}"), table, schema=schema, type_="check")
