"""Every domain event the platform knows, by name and version, with the shape of its data.

Names are `<service>.<domain>.<event>` and the first part is the only service that may emit
it. A change of shape that an existing consumer could misread is a new version; consumers
name the versions they understand, so an event they do not know waits in the dead letters
instead of being half-applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from reptidex_common.db.base import SERVICE_SCHEMAS


class EventData(BaseModel):
    """The `data` of one event type and version; subclasses are registered with `@event`."""

    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class EventSpec:
    name: str
    version: int
    data: type[EventData]

    @property
    def producer(self) -> str:
        return self.name.split(".", 1)[0]


class UnknownEvent(LookupError):
    """An event name or version the catalogue does not hold."""


DataT = TypeVar("DataT", bound=type[EventData])
CATALOGUE: dict[tuple[str, int], EventSpec] = {}
SPEC_OF: dict[type[EventData], EventSpec] = {}


def event(name: str, version: int = 1) -> Callable[[DataT], DataT]:
    """Register a data model as the shape of `name` at `version`."""
    parts = name.split(".")
    if len(parts) != 3 or parts[0] not in SERVICE_SCHEMAS or not all(parts):
        raise ValueError(f"event names are <service>.<domain>.<event>: {name!r}")

    def register(data: DataT) -> DataT:
        if (name, version) in CATALOGUE:
            raise ValueError(f"{name} v{version} is catalogued twice")
        spec = EventSpec(name, version, data)
        CATALOGUE[(name, version)] = spec
        SPEC_OF[data] = spec
        return data

    return register


def spec_for(name: str, version: int) -> EventSpec:
    _load_types()
    try:
        return CATALOGUE[(name, version)]
    except KeyError:
        raise UnknownEvent(f"{name} v{version} is not in the event catalogue") from None


def spec_of(data: EventData) -> EventSpec:
    try:
        return SPEC_OF[type(data)]
    except KeyError:
        raise UnknownEvent(f"{type(data).__name__} is not a catalogued event") from None


def _load_types() -> None:
    # The types register themselves on import; a consumer may see an event before its own code
    # imported the producer's module.
    import reptidex_common.events.types  # noqa: F401
