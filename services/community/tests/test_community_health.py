"""repti-community answers like every service: health, docs, metrics, problems, auth, request ids."""

from __future__ import annotations

from reptidex_common.testing.service_checks import ServiceContract


class TestCommunityServiceContract(ServiceContract):
    service = "community"
    title = "ReptiDex Community API"
