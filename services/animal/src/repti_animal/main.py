"""repti-animal: animals and breeding."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from fastapi import FastAPI

from repti_animal.animals import fast as animals_fast
from repti_animal.animals.router import router as animals_router
from repti_animal.breeding.router import router as breeding_router
from repti_animal.catalogue.router import router as catalogue_router
from repti_animal.config import SERVICE
from repti_animal.enclosures.router import router as enclosures_router
from repti_animal.genetics.router import router as genetics_router
from repti_animal.genotypes.router import router as genotypes_router
from repti_animal.husbandry.router import router as husbandry_router
from repti_animal.lineage import fast as lineage_fast
from repti_animal.lineage.router import router as lineage_router
from repti_animal.parent_links.router import router as parent_links_router
from repti_animal.portability.router import router as portability_router
from repti_animal.reminders.router import notifications_router
from repti_animal.reminders.router import router as reminders_router
from repti_animal.sharing.router import router as sharing_router
from repti_animal.transfers.router import router as transfers_router
from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.api_keys import ApiKeyScope
from reptidex_common.auth.key_policy import PUBLIC, ApiKeyPolicy, KeyAccess, scoped
from reptidex_common.auth.whoami import whoami_router
from reptidex_common.fast_reads import FastRoute

DESCRIPTION = "Animals and breeding: species and traits, animals, genotypes, lineage and pedigrees, inbreeding coefficients, the genetics calculator, pairings, clutches and hatchlings, husbandry logs, care reminders, enclosures, CSV import and export, sharing, transfers and leases."


# The kinds of data a key may read and write here; the table in `key_policy` sums them up.
ANIMALS = scoped(ApiKeyScope.animals_read, ApiKeyScope.animals_write)
BREEDING = scoped(ApiKeyScope.breeding_read, ApiKeyScope.breeding_write)
HUSBANDRY = scoped(ApiKeyScope.husbandry_read, ApiKeyScope.husbandry_write)
API_KEY_POLICY = ApiKeyPolicy(
    by_tag={
        # Public catalogue; its writes are staff-only, and a key never carries staff powers.
        "species": PUBLIC,
        "traits": PUBLIC,
        "animals": ANIMALS,
        "genotypes": ANIMALS,
        "lineage": ANIMALS,
        "sharing": ANIMALS,
        "portability": ANIMALS,
        # A key may see transfers and leases, never give an animal away or lend it.
        "transfers": KeyAccess(read=ANIMALS.read | ANIMALS.write),
        "pairings": BREEDING,
        "clutches": BREEDING,
        "breeding": BREEDING,
        "genetics": BREEDING,
        "husbandry": HUSBANDRY,
        "reminders": HUSBANDRY,
        "due-notifications": HUSBANDRY,
        "enclosures": HUSBANDRY,
    },
    by_operation={
        # Anonymous visitors read these; an embed key gets the same answer with no scope.
        "sharing-public-profile": PUBLIC,
        "sharing-public-pedigree": PUBLIC,
        # POSTs that only compute over animals the caller may see.
        "lineage-what-if": dataclasses.replace(ANIMALS, always_read=True),
        "genetics-predict": dataclasses.replace(BREEDING, always_read=True),
    },
)


# What breeders open all day, served ahead of FastAPI's routing (`reptidex_common.fast_reads`);
# each template is its route's, which answers whatever the fast function declines.
FAST_ROUTES = (
    FastRoute("/api/v1/animals", animals_fast.list_page),
    FastRoute("/api/v1/animals/{animal_id}", animals_fast.read_one),
    FastRoute("/api/v1/animals/{animal_id}/pedigree", lineage_fast.pedigree),
)


def create_app(fast_routes: Sequence[FastRoute] = FAST_ROUTES) -> FastAPI:
    """`fast_routes=()`: every request through FastAPI (tests compare the two answers)."""
    # Tokens are verified against core's JWKS (settings.jwks_url); this service holds no key.
    return create_service_app(
        SERVICE,
        title="ReptiDex Animal API",
        description=DESCRIPTION,
        api_key_policy=API_KEY_POLICY,
        fast_routes=fast_routes,
        routers=[
            whoami_router(),
            catalogue_router,
            animals_router,
            genotypes_router,
            breeding_router,
            genetics_router,
            husbandry_router,
            reminders_router,
            notifications_router,
            enclosures_router,
            portability_router,
            transfers_router,
            lineage_router,
            parent_links_router,
            sharing_router,
        ],
    )
