"""Domain events end to end below the HTTP layer, on the real PostgreSQL and a real Redis:
emitted in the business transaction, delivered by the relay to each subscribed service's queue,
applied once per event id however often they arrive, and failures kept as dead letters."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from redis import Redis
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from reptidex_common.auth.principal import Principal, PrincipalKind
from reptidex_common.events import subscriptions
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import build_envelope, emit
from reptidex_common.events.envelope import Actor, ActorType, EventEnvelope
from reptidex_common.events.receiving import apply_event, register_event_consumer
from reptidex_common.events.replay import main as replay_main
from reptidex_common.events.replay import replay
from reptidex_common.events.types.animal import TransferDeclined, TransferOffered
from reptidex_common.models.enums import PlatformRole
from reptidex_common.models.outbox import DEAD_LETTER_MODELS, INBOX_MODELS, OUTBOX_MODELS
from reptidex_common.settings import get_settings
from reptidex_common.tasks.celery_app import create_celery_app
from reptidex_common.tasks.outbox import relay_outbox
from reptidex_common.tasks.worker_db import worker_engine, worker_session
from reptidex_common.testing.faults import PrivateRedis

SUBSCRIBED = {
    "community": frozenset({"animal.transfer.offered"}),
    "ops": frozenset({"animal.transfer.offered", "animal.transfer.accepted"}),
    "media": frozenset({"animal.transfer.accepted"}),
}
ACTOR = Actor(type=ActorType.user, id=str(uuid.uuid4()))


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Iterator[PrivateRedis]:
    with PrivateRedis() as redis:
        monkeypatch.setenv("REDIS_URL", redis.url)
        monkeypatch.setattr(subscriptions, "SUBSCRIPTIONS", SUBSCRIBED)
        get_settings.cache_clear()
        worker_engine.cache_clear()
        yield redis
    get_settings.cache_clear()
    worker_engine.cache_clear()


def offer() -> TransferOffered:
    return TransferOffered(
        transfer_id=uuid.uuid4(),
        animal_id=uuid.uuid4(),
        from_vivarium_id=uuid.uuid4(),
        to_vivarium_id=uuid.uuid4(),
    )


def queued(redis_url: str, queue: str) -> list[dict[str, Any]]:
    """The Celery messages waiting on `queue`: task name, task id and keyword arguments."""
    with Redis.from_url(redis_url) as redis:
        raw = redis.lrange(queue, 0, -1)
    messages = []
    for item in raw:
        message = json.loads(item)
        _args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        headers = message["headers"]
        messages.append({"task": headers["task"], "id": headers["id"], "kwargs": kwargs})
    return messages


def test_the_relay_hands_an_event_to_each_subscriber_once(broker: PrivateRedis) -> None:
    data = offer()
    vivarium_id = data.from_vivarium_id
    with worker_session() as session:
        envelope = emit(session, data, actor=ACTOR, vivarium_id=vivarium_id)
        session.commit()
    with worker_session() as session:
        assert relay_outbox(session, create_celery_app("animal"), "animal") >= 1

    for service in ("community", "ops"):
        [message] = [m for m in queued(broker.url, service) if m["id"].startswith(str(envelope.id))]
        assert message["task"] == f"{service}.events.receive"
        assert message["id"] == f"{envelope.id}:{service}"
        received = EventEnvelope.model_validate(message["kwargs"]["event"])
        assert received == envelope
        assert received.type == "animal.transfer.offered"
        assert received.producer == "animal"
        assert received.actor == ACTOR
        assert received.vivarium_id == vivarium_id
        assert TransferOffered.model_validate(received.data) == data
    # Not subscribed to offers: nothing queued.
    assert queued(broker.url, "media") == []
    # Published once: the next pass sends nothing again.
    with worker_session() as session:
        relay_outbox(session, create_celery_app("animal"), "animal")
    assert len([m for m in queued(broker.url, "ops") if str(envelope.id) in m["id"]]) == 1


def test_an_event_nobody_subscribes_to_is_published_without_a_message(
    broker: PrivateRedis,
) -> None:
    with worker_session() as session:
        envelope = emit(
            session, TransferDeclined(**offer().model_dump()), actor=ACTOR, vivarium_id=None
        )
        session.commit()
    with worker_session() as session:
        relay_outbox(session, create_celery_app("animal"), "animal")
        row = session.get(OUTBOX_MODELS["animal"], envelope.id)
        assert row is not None
        assert row.published_at is not None
    for service in SUBSCRIBED:
        assert all(str(envelope.id) not in m["id"] for m in queued(broker.url, service))


class Recorder:
    """A consumer's handler: remembers what it applied, and can be told to fail once."""

    def __init__(self) -> None:
        self.applied: list[uuid.UUID] = []
        self.fail_next = False

    def __call__(self, session: Session, envelope: EventEnvelope, data: Any) -> None:
        assert isinstance(data, TransferOffered)
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("the consumer's database write failed")
        self.applied.append(envelope.id)


def inbox_count(event_id: uuid.UUID) -> int:
    inbox = INBOX_MODELS["community"]
    with worker_session() as session:
        return (
            session.scalar(
                select(func.count()).select_from(inbox).where(inbox.event_id == event_id)
            )
            or 0
        )


def test_a_redelivered_event_changes_nothing() -> None:
    envelope = build_envelope(offer(), actor=ACTOR, vivarium_id=None).model_dump(mode="json")
    handler = Recorder()
    handlers = {"animal.transfer.offered": handler}
    outcomes = []
    for _ in range(3):
        with worker_session() as session:
            outcomes.append(apply_event(session, "community", envelope, handlers))
            session.commit()
    assert outcomes == [True, False, False]
    assert handler.applied == [uuid.UUID(envelope["id"])]
    assert inbox_count(uuid.UUID(envelope["id"])) == 1


def test_a_failed_apply_leaves_no_trace_so_the_retry_applies_it() -> None:
    envelope = build_envelope(offer(), actor=ACTOR, vivarium_id=None).model_dump(mode="json")
    handler = Recorder()
    handler.fail_next = True
    with worker_session() as session, pytest.raises(RuntimeError):
        apply_event(session, "community", envelope, {"animal.transfer.offered": handler})
    assert inbox_count(uuid.UUID(envelope["id"])) == 0
    with worker_session() as session:
        assert apply_event(session, "community", envelope, {"animal.transfer.offered": handler})
        session.commit()
    assert handler.applied == [uuid.UUID(envelope["id"])]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda e: {**e, "type": "animal.transfer.exploded"}, "UnknownEvent"),
        (lambda e: {**e, "version": 7}, "UnknownEvent"),
        (lambda e: {**e, "data": {**e["data"], "animal_id": "not-a-uuid"}}, "ValidationError"),
        (lambda e: {k: v for k, v in e.items() if k != "actor"}, "ValidationError"),
    ],
)
def test_an_event_the_consumer_cannot_read_goes_to_the_dead_letters_at_once(
    change: Any, expected: str
) -> None:
    app = create_celery_app("community")
    handler = Recorder()
    task = register_event_consumer(app, "community", {"animal.transfer.offered": handler})
    envelope = change(
        build_envelope(offer(), actor=ACTOR, vivarium_id=None).model_dump(mode="json")
    )
    task_id = f"{uuid.uuid4()}:community"
    dead = DEAD_LETTER_MODELS["community"]

    result = task.apply(kwargs={"event": envelope}, task_id=task_id, throw=False)

    assert result.failed()
    assert handler.applied == []
    with worker_session() as session:
        [letter] = session.scalars(select(dead).where(dead.task_id == task_id)).all()
        assert letter.task_name == "community.events.receive"
        assert letter.kwargs == {"event": envelope}
        assert expected in letter.error
        # Not retried: a message that cannot be read will not read better later.
        assert letter.retries == 0
        session.execute(delete(dead).where(dead.task_id == task_id))
        session.commit()


def test_replay_sends_again_what_was_emitted_since_a_time(broker: PrivateRedis) -> None:
    long_ago = datetime(2026, 1, 1, tzinfo=UTC)
    with worker_session() as session:
        old = emit(session, offer(), actor=ACTOR, vivarium_id=None)
        recent = emit(session, offer(), actor=ACTOR, vivarium_id=None)
        session.commit()
        outbox = OUTBOX_MODELS["animal"]
        session.execute(update(outbox).where(outbox.id == old.id).values(created_at=long_ago))
        session.commit()
    with worker_session() as session:
        relay_outbox(session, create_celery_app("animal"), "animal")
    with Redis.from_url(broker.url) as redis:
        redis.delete("community", "ops")  # the consumers' queues were lost

    sent = replay(datetime.now(UTC) - timedelta(minutes=5), producers=["animal"], only_to="ops")

    assert sent["ops"] >= 1
    assert "community" not in sent
    replayed = [m["kwargs"]["event"]["id"] for m in queued(broker.url, "ops")]
    assert str(recent.id) in replayed
    assert str(old.id) not in replayed
    assert queued(broker.url, "community") == []


def test_the_replay_command_refuses_a_window_that_ends_before_it_starts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        replay_main(["--since", "2026-12-02T00:00:00", "--until", "2026-12-01T00:00:00"])
    assert exited.value.code == 2
    assert "--until must be after --since" in capsys.readouterr().err


def test_the_actor_names_the_user_the_key_the_service_route_or_the_system() -> None:
    user_id, key_id = uuid.uuid4(), uuid.uuid4()
    assert actor_of(None) == Actor(type=ActorType.system)
    assert actor_of(Principal(user_id, PlatformRole.user)) == Actor(
        type=ActorType.user, id=str(user_id)
    )
    key = Principal(user_id, PlatformRole.user, kind=PrincipalKind.api_key, api_key_id=key_id)
    assert actor_of(key) == Actor(type=ActorType.api_key, id=str(key_id))
    via = Principal(
        user_id, PlatformRole.user, kind=PrincipalKind.service, extra={"service": "commerce"}
    )
    assert actor_of(via) == Actor(type=ActorType.user, id=str(user_id), via="commerce")
