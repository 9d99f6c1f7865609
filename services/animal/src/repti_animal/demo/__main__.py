"""`python -m repti_animal.demo`: the demo breeder's collection, created once.

Run after `python -m repti_core.demo` (which creates the breeder and the vivarium).
"""

from __future__ import annotations

import asyncio
import sys

from repti_animal.demo.accounts import BREEDER_EMAIL, VIVARIUM_NAME, find_demo_vivarium
from repti_animal.demo.builder import DemoReport, seed_demo_collection
from reptidex_common.db.engine import dispose_engine, get_sessionmaker


def describe(report: DemoReport, vivarium_name: str) -> str:
    if not report.created:
        return (
            f"Demo collection: {vivarium_name!r} already holds {report.existing_animals} animals; "
            "nothing added."
        )
    species = ", ".join(f"{count} {name}" for name, count in report.animals_by_species.items())
    statuses = ", ".join(f"{count} {status}" for status, count in report.pairings_by_status.items())
    kinds = ", ".join(f"{count} {kind}" for kind, count in report.logs_by_kind.items())
    lines = [
        f"Demo collection created in {vivarium_name!r}:",
        f"  Animals: {sum(report.animals_by_species.values())} ({species}); "
        f"ball pythons over {report.generations} generations, genotypes and COI stored.",
        f"  Inbred on purpose (father x daughter): {', '.join(report.inbred) or 'none'}",
        f"  Pairings: {statuses}",
        *(f"  Clutch {clutch}" for clutch in report.clutches),
        f"  Husbandry logs: {kinds}",
        f"  Due for feeding today: {', '.join(report.due_today) or 'none'}",
        f"  Enclosures: {report.enclosures}; care reminders: {report.reminders}",
    ]
    return "\n".join(lines)


async def _main() -> int:
    try:
        async with get_sessionmaker()() as session:
            demo = await find_demo_vivarium(session)
            if demo is None:
                print(
                    f"No vivarium {VIVARIUM_NAME!r} owned by {BREEDER_EMAIL}: "
                    "run `python -m repti_core.demo` first.",
                    file=sys.stderr,
                )
                return 1
            report = await seed_demo_collection(
                session, vivarium_id=demo.vivarium_id, user_id=demo.user_id
            )
            await session.commit()
    finally:
        await dispose_engine()
    print(describe(report, demo.vivarium_name))
    return 0


def main() -> None:
    raise SystemExit(asyncio.run(_main()))


if __name__ == "__main__":
    main()
