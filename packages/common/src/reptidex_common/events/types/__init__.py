"""The catalogued events, one module per producing service; importing this registers them all."""

from reptidex_common.events.types import animal, audit, core

__all__ = ["animal", "audit", "core"]
