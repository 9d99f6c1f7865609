"""repti-animal answers like every service: health, docs, metrics, problems, auth, request ids."""

from __future__ import annotations

from reptidex_common.testing.service_checks import ServiceContract


class TestAnimalServiceContract(ServiceContract):
    service = "animal"
    title = "ReptiDex Animal API"
    # The species catalogue and public profiles answer every caller alike.
    open_to_any_key = ServiceContract.open_to_any_key | {
        "species-search",
        "species-get",
        "species-traits",
        "traits-get",
        "sharing-public-profile",
        "sharing-public-pedigree",
    }
