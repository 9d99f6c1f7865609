"""repti-animal configuration: its name; every other setting is the shared `get_settings()`."""

from __future__ import annotations

SERVICE = "animal"
