"""The bounds migration repairs old rows holding impossible values without losing one, then
refuses such values for good."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from alembic import command

from reptidex_common.db.urls import libpq_url
from reptidex_common.testing.plugin import alembic_config
from reptidex_common.testing.scratch import fresh_database

BEFORE = "20261203_0170"
TABLES = ("animals", "pairings", "clutches", "husbandry_logs", "reminders", "leases")


@pytest.fixture
def scratch_url() -> Iterator[str]:
    name = f"reptidex_bounds_repair_{os.environ.get('REPTIDEX_TEST_SLOT', '0')}"
    url = fresh_database(os.environ["REPTIDEX_ADMIN_DATABASE_URL"], name)
    try:
        yield libpq_url(url)
    finally:
        admin = libpq_url(os.environ["REPTIDEX_ADMIN_DATABASE_URL"])
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _plant_old_rows(conn: psycopg.Connection[Any]) -> dict[str, uuid.UUID]:
    ids = {key: uuid.uuid4() for key in ("user", "home", "borrower", "species", "sire", "dam",
                                          "pairing", "clutch", "log", "early", "late", "lease")}  # fmt: skip
    run = conn.execute
    run("INSERT INTO core.users (id, email, password_hash, display_name)"
        " VALUES (%(user)s, 'old@example.com', 'x', 'Old')", ids)  # fmt: skip
    for key in ("home", "borrower"):
        run("INSERT INTO core.vivariums (id, name, slug, plan_id)"
            " SELECT %s, %s, %s, id FROM core.plans WHERE is_default", (ids[key], key, key))  # fmt: skip
    run("INSERT INTO animal.species (id, common_name, scientific_name, code_prefix)"
        " VALUES (%(species)s, 'Tortoise', 'Testudo vetus', 'TV')", ids)  # fmt: skip
    # Dates the API driver once wrote as infinities, and a weight of five tonnes.
    run("INSERT INTO animal.animals (id, vivarium_id, species_id, display_id, sex, hatch_date,"
        " disposal_date, notes) VALUES (%(sire)s, %(home)s, %(species)s, 'TV-1', 'male',"
        " '-infinity', 'infinity', 'Grandfather''s tortoise')", ids)  # fmt: skip
    run("INSERT INTO animal.animals (id, vivarium_id, species_id, display_id, sex, hatch_date)"
        " VALUES (%(dam)s, %(home)s, %(species)s, 'TV-2', 'female', '1950-05-01')", ids)  # fmt: skip
    run("INSERT INTO animal.pairings (id, vivarium_id, sire_id, dam_id, lock_dates) VALUES"
        " (%(pairing)s, %(home)s, %(sire)s, %(dam)s, ARRAY['2020-04-01', '-infinity']::date[])",
        ids)  # fmt: skip
    run("INSERT INTO animal.clutches (id, vivarium_id, pairing_id, sire_id, dam_id, species_id,"
        " laid_date, hatch_date) VALUES (%(clutch)s, %(home)s, %(pairing)s, %(sire)s, %(dam)s,"
        " %(species)s, '-infinity', 'infinity')", ids)  # fmt: skip
    run("INSERT INTO animal.husbandry_logs (id, animal_id, vivarium_id, kind, occurred_at,"
        " weight_grams) VALUES (%(log)s, %(dam)s, %(home)s, 'weight', '-infinity', 5000000)",
        ids)  # fmt: skip
    run("INSERT INTO animal.reminders (id, vivarium_id, title, next_due_at) VALUES"
        " (%(early)s, %(home)s, 'Soak', '-infinity'), (%(late)s, %(home)s, 'Vet', 'infinity')",
        ids)  # fmt: skip
    run("INSERT INTO animal.leases (id, animal_id, lender_vivarium_id, borrower_vivarium_id,"
        " start_date, end_date) VALUES (%(lease)s, %(dam)s, %(home)s, %(borrower)s,"
        " '2024-01-01', 'infinity')", ids)  # fmt: skip
    return ids


def _counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    counts = {}
    for table in TABLES:
        row = conn.execute(f"SELECT count(*) FROM animal.{table}").fetchone()  # noqa: S608
        assert row is not None
        counts[table] = row[0]
    return counts


def _one(conn: psycopg.Connection[Any], sql: str, *params: object) -> tuple[Any, ...]:
    row = conn.execute(sql, params).fetchone()
    assert row is not None
    return tuple(row)


def test_old_rows_are_repaired_in_place_and_new_ones_refused(scratch_url: str) -> None:
    config = alembic_config(scratch_url.replace("postgresql://", "postgresql+psycopg://", 1))
    command.upgrade(config, BEFORE)
    with psycopg.connect(scratch_url, autocommit=True) as conn:
        ids = _plant_old_rows(conn)
        before = _counts(conn)

    command.upgrade(config, "head")

    with psycopg.connect(scratch_url, autocommit=True) as conn:
        # Every row is still there, and every value can now be read by this very driver.
        assert _counts(conn) == before
        hatch, disposal, notes = _one(
            conn, "SELECT hatch_date, disposal_date, notes FROM animal.animals WHERE id = %s",
            ids["sire"],
        )  # fmt: skip
        assert (hatch, disposal) == (None, None)
        assert notes.startswith("Grandfather's tortoise\n[data repair 2026-12-04] hatch_date")
        assert "hatch_date -infinity" in notes
        assert "disposal_date infinity" in notes
        (lock_dates, pairing_notes) = _one(
            conn, "SELECT lock_dates, notes FROM animal.pairings WHERE id = %s", ids["pairing"]
        )
        assert [d.isoformat() for d in lock_dates] == ["2020-04-01"]
        assert "-infinity" in pairing_notes
        laid, created, clutch_hatch = _one(
            conn,
            "SELECT laid_date, (created_at AT TIME ZONE 'UTC')::date, hatch_date"
            " FROM animal.clutches WHERE id = %s",
            ids["clutch"],
        )
        assert (laid, clutch_hatch) == (created, None)
        occurred, logged, weight, details = _one(
            conn,
            "SELECT occurred_at, created_at, weight_grams, details"
            " FROM animal.husbandry_logs WHERE id = %s",
            ids["log"],
        )
        assert (occurred, weight) == (logged, None)
        assert details == {
            "repaired_occurred_at": "-infinity",
            "repaired_weight_grams": "5000000.00",
        }
        early = _one(
            conn,
            "SELECT active, next_due_at <= now() FROM animal.reminders WHERE id = %s",
            ids["early"],
        )
        late = _one(conn, "SELECT active FROM animal.reminders WHERE id = %s", ids["late"])
        assert early == (True, True)
        assert late == (False,)
        end_date, terms = _one(
            conn, "SELECT end_date, terms FROM animal.leases WHERE id = %s", ids["lease"]
        )
        assert end_date is None
        assert "end_date infinity" in terms

        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "UPDATE animal.animals SET hatch_date = '9999-12-31' WHERE id = %s", (ids["dam"],)
            )
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "UPDATE animal.reminders SET next_due_at = '-infinity' WHERE id = %s",
                (ids["early"],),
            )

    command.downgrade(config, BEFORE)
    command.upgrade(config, "head")
