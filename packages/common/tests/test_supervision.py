"""The process supervisor with real processes: restart with backoff, giving up loudly, a dead
program's whole process group cleaned up, and a stop that lets work finish within a bound."""

from __future__ import annotations

import io
import itertools
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reptidex_common.supervision import Program, RestartPolicy, Supervisor, group_members

FAST = RestartPolicy(
    first_delay_seconds=0.2,
    max_delay_seconds=0.8,
    stable_after_seconds=30,
    give_up_after_crashes=4,
    group_grace_seconds=0.5,
)


def _python(code: str, name: str = "program") -> Program:
    return Program(name, [sys.executable, "-c", code], dict(os.environ))


def _until(condition: Callable[[], bool], supervisor: Supervisor, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        supervisor.check()
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s")


def _alive(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


@pytest.fixture
def supervisors() -> Iterator[list[Supervisor]]:
    started: list[Supervisor] = []
    yield started
    for supervisor in started:
        supervisor.stop(1)


def test_a_crashing_program_restarts_with_growing_delays_then_is_given_up_loudly(
    tmp_path: Path, supervisors: list[Supervisor]
) -> None:
    starts = tmp_path / "starts"
    crash = f"import time; open({str(starts)!r}, 'a').write(f'{{time.monotonic()}}\\n'); exit(3)"
    steady = _python("import time; time.sleep(60)", "steady")
    out = io.StringIO()
    supervisor = Supervisor([_python(crash, "crashy"), steady], FAST, out)
    supervisors.append(supervisor)
    supervisor.start_all()
    steady_pid = supervisor.pid("steady")

    _until(lambda: supervisor.given_up() == ["crashy"], supervisor, 20)
    times = [float(line) for line in starts.read_text().split()]
    assert len(times) == FAST.give_up_after_crashes
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    # 0.2 s, 0.4 s, then capped at 0.8 s (plus the time a Python takes to start).
    assert gaps[0] >= 0.2
    assert gaps[1] >= 0.4
    assert gaps[2] >= 0.8
    assert "crashed 4 times in a row: NOT restarting it" in out.getvalue()
    time.sleep(1.5)
    supervisor.check()
    assert len(starts.read_text().split()) == FAST.give_up_after_crashes  # no more restarts
    assert supervisor.pid("steady") == steady_pid  # the others kept running, untouched


def test_a_dead_programs_whole_process_group_is_gone_before_it_restarts(
    tmp_path: Path, supervisors: list[Supervisor]
) -> None:
    pids = tmp_path / "pids"
    # The main process starts a child that ignores SIGTERM (as a busy pool child might), then
    # waits; the test kills the main process alone, as `kill -9` does.
    code = (
        "import os, signal, subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', "
        "'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)'])\n"
        f"open({str(pids)!r}, 'a').write(f'{{os.getpid()}} {{child.pid}}\\n')\n"
        "time.sleep(60)\n"
    )
    supervisor = Supervisor([_python(code, "worker")], FAST, io.StringIO())
    supervisors.append(supervisor)
    supervisor.start_all()
    _until(lambda: pids.exists() and len(pids.read_text().split()) == 2, supervisor, 10)
    main, orphan = (int(pid) for pid in pids.read_text().split())

    os.kill(main, signal.SIGKILL)
    _until(lambda: len(pids.read_text().splitlines()) == 2, supervisor, 10)

    assert not _alive(orphan), "the dead program's child outlived it"
    assert group_members(main) == []
    new_main, new_child = (int(pid) for pid in pids.read_text().splitlines()[1].split())
    assert supervisor.pid("worker") == new_main
    assert _alive(new_child)


def test_stop_lets_running_work_finish_within_the_bound(
    tmp_path: Path, supervisors: list[Supervisor]
) -> None:
    done = tmp_path / "done"
    # Like a Celery worker's warm shutdown: SIGTERM means "finish the current task, then exit".
    graceful = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGTERM, lambda *_: None)\n"
        "signal.pause()\n"
        "time.sleep(1)\n"
        f"open({str(done)!r}, 'w').write('finished')\n"
    )
    stubborn = _python(
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)",
        "stubborn",
    )
    supervisor = Supervisor([_python(graceful, "graceful"), stubborn], FAST, io.StringIO())
    supervisors.append(supervisor)
    supervisor.start_all()
    time.sleep(1)
    stubborn_pid = supervisor.pid("stubborn")
    assert stubborn_pid is not None

    started = time.monotonic()
    assert supervisor.stop(grace_seconds=3) is False  # the stubborn one had to be killed
    assert time.monotonic() - started < 8

    assert done.read_text() == "finished"
    assert not _alive(stubborn_pid)
