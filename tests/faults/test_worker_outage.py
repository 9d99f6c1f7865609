"""Celery workers and beat ride out a database outage and a Redis (broker) outage: both
processes stay up, and mail queued after each outage is delivered without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from reptidex_common.db.urls import libpq_url
from reptidex_common.settings import REPO_ROOT
from reptidex_common.testing.faults import (
    PrivateRedis,
    TcpFaultProxy,
    mail_delivered,
    queue_outbox_mail,
)

pytestmark = pytest.mark.worker

# A busy machine may take a minute to start a worker; delivery then takes a beat tick or two.
FIRST_DELIVERY_SECONDS = 180.0
DELIVERY_SECONDS = 60.0
OUTAGE_SECONDS = 6.0


@pytest.fixture
def worker_env(
    proxied_database_url: str, private_redis: PrivateRedis
) -> tuple[dict[str, str], Path]:
    data_dir = Path(tempfile.mkdtemp(prefix="reptidex-worker-"))
    env = {
        **os.environ,
        "DATABASE_URL": proxied_database_url,
        "REDIS_URL": private_redis.url,
        "DATA_DIR": str(data_dir),
    }
    return env, data_dir


def test_worker_and_beat_keep_delivering_after_database_and_redis_outages(
    worker_env: tuple[dict[str, str], Path],
    database_proxy: TcpFaultProxy,
    private_redis: PrivateRedis,
    migrated_database: str,
) -> None:
    env, data_dir = worker_env
    addresses = [f"outage-{uuid.uuid4().hex[:10]}@example.com" for _ in range(3)]
    log = (data_dir / "worker.log").open("wb")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "repti_core.worker",
            "worker",
            "--beat",
            "--pool",
            "solo",
            "-Q",
            "core",
            "--loglevel",
            "WARNING",
            "--schedule",
            str(data_dir / "beat-schedule"),
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        queue_outbox_mail(migrated_database, addresses[0])
        assert mail_delivered(data_dir, addresses[0], FIRST_DELIVERY_SECONDS, worker)

        database_proxy.cut()
        time.sleep(OUTAGE_SECONDS)
        database_proxy.restore()
        queue_outbox_mail(migrated_database, addresses[1])
        assert mail_delivered(data_dir, addresses[1], DELIVERY_SECONDS, worker)

        private_redis.stop()
        time.sleep(OUTAGE_SECONDS)
        private_redis.start()
        queue_outbox_mail(migrated_database, addresses[2])
        assert mail_delivered(data_dir, addresses[2], DELIVERY_SECONDS, worker)
        assert worker.poll() is None
    finally:
        worker.terminate()
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(10)
        log.close()
        with psycopg.connect(libpq_url(migrated_database), autocommit=True) as conn:
            for to in addresses:
                conn.execute("DELETE FROM core.outbox_events WHERE payload->>'to' = %s", (to,))
