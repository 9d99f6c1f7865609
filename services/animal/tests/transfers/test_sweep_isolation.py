"""The sweep of deleted vivariums: one vivarium's unreadable row does not stop the others'."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from repti_animal.transfers.jobs import close_for_deleted_vivariums
from reptidex_common.models.animal import Animal, Lease, Transfer
from reptidex_common.models.animal_enums import TransferStatus
from reptidex_common.models.core import Vivarium

from ..bounds.planting import plant
from ..bounds.worker_session import new_species, new_vivarium, sync_session

__all__ = ["sync_session"]


def test_a_lease_the_worker_cannot_read_does_not_stop_closing_other_vivariums(
    sync_session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    now = datetime.now(UTC)
    species = new_species(sync_session)
    broken, gone, buyer = (new_vivarium(sync_session) for _ in range(3))
    lent = Animal(vivarium_id=broken.id, species_id=species.id, display_id="L-1")
    sold = Animal(vivarium_id=gone.id, species_id=species.id, display_id="S-1")
    sync_session.add_all([lent, sold])
    sync_session.flush()
    lease = Lease(
        animal_id=lent.id,
        lender_vivarium_id=broken.id,
        borrower_vivarium_id=buyer.id,
        start_date=date(2024, 1, 1),
    )
    transfer = Transfer(
        animal_id=sold.id,
        from_vivarium_id=gone.id,
        to_vivarium_id=buyer.id,
        expires_at=now + timedelta(days=3),
    )
    sync_session.add_all([lease, transfer])
    sync_session.flush()
    broken_id, transfer_id = broken.id, transfer.id
    plant(sync_session, "leases", "end_date", "infinity", lease.id)
    sync_session.execute(
        update(Vivarium).where(Vivarium.id.in_([broken_id, gone.id])).values(deleted_at=now)
    )

    with caplog.at_level(logging.WARNING):
        closed = close_for_deleted_vivariums(sync_session, now)

    assert closed.transfers == 1
    status = sync_session.scalar(select(Transfer.status).where(Transfer.id == transfer_id))
    assert status is TransferStatus.canceled
    assert str(broken_id) in caplog.text
