"""repti-ops answers like every service: health, docs, metrics, problems, auth, request ids."""

from __future__ import annotations

from reptidex_common.testing.service_checks import ServiceContract


class TestOpsServiceContract(ServiceContract):
    service = "ops"
    title = "ReptiDex Operations API"
