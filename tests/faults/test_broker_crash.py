"""A task the outbox relay handed to Redis survives Redis crashing before a worker took it.

The relay marks an outbox row published as soon as Redis accepts the task, so from then on
Redis alone holds it. Here the relay publishes an email while no worker runs, Redis is killed
with -9 and started again, and only then does a worker start: the email must still arrive.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from redis import Redis

from reptidex_common.db.urls import libpq_url
from reptidex_common.settings import REPO_ROOT, get_settings
from reptidex_common.tasks.celery_app import create_celery_app
from reptidex_common.tasks.outbox import relay_outbox
from reptidex_common.tasks.worker_db import worker_engine, worker_session
from reptidex_common.testing.faults import PrivateRedis, mail_delivered, queue_outbox_mail

pytestmark = pytest.mark.worker
# A busy machine may take a minute to start a worker.
DELIVERY_SECONDS = 180.0
WORKER_OPTIONS = ("--pool", "solo", "-Q", "core", "--loglevel", "WARNING")


@pytest.fixture
def broker(private_redis: PrivateRedis, monkeypatch: pytest.MonkeyPatch) -> Iterator[PrivateRedis]:
    """This process publishes to the private Redis, as a service's relay would."""
    monkeypatch.setenv("REDIS_URL", private_redis.url)
    get_settings.cache_clear()
    worker_engine.cache_clear()
    yield private_redis
    get_settings.cache_clear()
    worker_engine.cache_clear()


def _queued(redis_url: str, queue: str) -> int:
    with Redis.from_url(redis_url) as redis:
        return int(redis.llen(queue))


def test_a_published_email_survives_a_redis_crash(
    broker: PrivateRedis, migrated_database: str
) -> None:
    to = f"crash-{uuid.uuid4().hex[:10]}@example.com"
    queue_outbox_mail(migrated_database, to)
    with worker_session() as session:
        assert relay_outbox(session, create_celery_app("core"), "core") >= 1
    with psycopg.connect(libpq_url(migrated_database)) as conn:
        row = conn.execute(
            "SELECT published_at FROM core.outbox_events WHERE payload->>'to' = %s", (to,)
        ).fetchone()
    assert row is not None
    assert row[0] is not None, "the relay did not mark the email published"
    assert _queued(broker.url, "core") >= 1

    broker.stop()  # kill -9, with the task still waiting in the queue
    broker.start()
    assert _queued(broker.url, "core") >= 1, "Redis came back without the queued task"

    data_dir = Path(tempfile.mkdtemp(prefix="reptidex-worker-"))
    env = {
        **os.environ,
        "DATABASE_URL": migrated_database,
        "REDIS_URL": broker.url,
        "DATA_DIR": str(data_dir),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "repti_core.worker", "worker", *WORKER_OPTIONS],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert mail_delivered(data_dir, to, DELIVERY_SECONDS, worker)
    finally:
        worker.terminate()
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(10)
        with psycopg.connect(libpq_url(migrated_database), autocommit=True) as conn:
            conn.execute("DELETE FROM core.outbox_events WHERE payload->>'to' = %s", (to,))
