"""ORM models, one module per owning service. Every service may read; only the owner writes."""

from reptidex_common.models import animal, core, import_job, ops, outbox

__all__ = ["animal", "core", "import_job", "ops", "outbox"]
