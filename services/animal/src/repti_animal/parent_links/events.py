"""The seam where notifications of parent links hook in.

Every change of a link's state passes through `link_changed`: requested (tell the parent's
owner), approved or declined (tell the child's owner), canceled, suspended (tell the child's
owner, with the reason). Delivering them is the notifications' work; until an event type is
catalogued for it, nothing is published and the lists below are how each side finds out.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import ParentLink


def link_changed(session: AsyncSession, link: ParentLink) -> None:
    """Called after each state change, inside the same transaction (for an outbox write)."""
    del session, link
