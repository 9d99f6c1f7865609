"""Every event type repti-animal catalogues is emitted by some change, and a test proves it.

Each domain's event tests declare the types they see emitted (and check each one), so a type
catalogued without a producer, or emitted without a test, fails here.
"""

from __future__ import annotations

from .animals.test_events import EMITTED as ANIMALS
from .breeding.test_events import EMITTED as BREEDING
from .events import catalogued
from .portability.test_events import EMITTED as IMPORTS
from .reminders.test_firing import EMITTED as REMINDERS
from .transfers.test_events import EMITTED as TRANSFERS


def test_every_catalogued_animal_event_is_emitted_and_tested() -> None:
    tested = ANIMALS | BREEDING | IMPORTS | REMINDERS | TRANSFERS
    assert tested == catalogued()
