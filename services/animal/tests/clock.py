"""Moving the one clock behind every vivarium's "now" to a chosen instant."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reptidex_common import vivarium_time

# 21:30 UTC on 3 December 2026: already 08:30 on 4 December in Sydney (UTC+11 in summer) and
# 11:30 on 4 December on Kiritimati (UTC+14), still 11:30 on 3 December in Honolulu (UTC-10).
UTC_EVENING = datetime(2026, 12, 3, 21, 30, tzinfo=UTC)


def set_clock(monkeypatch: pytest.MonkeyPatch, instant: datetime = UTC_EVENING) -> datetime:
    monkeypatch.setattr(vivarium_time, "clock", lambda: instant)
    return instant
