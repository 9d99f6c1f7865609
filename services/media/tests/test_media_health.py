"""repti-media answers like every service: health, docs, metrics, problems, auth, request ids."""

from __future__ import annotations

from reptidex_common.testing.service_checks import ServiceContract


class TestMediaServiceContract(ServiceContract):
    service = "media"
    title = "ReptiDex Media API"
