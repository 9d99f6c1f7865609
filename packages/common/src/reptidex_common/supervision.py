"""Keeps a set of programs running: the process supervisor behind `scripts/run_all.py`.

Each program runs in a process group (a session) of its own. When one dies, its whole group is
cleaned up (a Celery worker's pool children, anything it forked) before it starts again, so
nothing it started outlives it and nothing runs twice. It restarts after a delay that doubles
with each crash in a row, up to a cap; a program that keeps crashing is given up on, loudly,
while the others keep running. Stopping sends each program's main process its stop signal
(SIGTERM: Celery's warm shutdown lets running tasks finish, uvicorn finishes its requests),
waits up to a bound, then kills what is left of every group.

Why not a ready-made supervisor: supervisord applies its backoff and give-up only while a
program is starting (one that dies after running is restarted at once, forever) and kills the
process group only when it stops a program itself, not when the program dies on its own, which
leaves a killed worker's beat or pool child behind; circus has no doubling delay and brings
pyzmq and tornado; honcho never restarts anything.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

PROC = Path("/proc")


@dataclass(frozen=True)
class Program:
    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path | None = None


@dataclass(frozen=True)
class RestartPolicy:
    # 1 s, 2 s, 4 s... so a crash that repeats never turns into a tight loop.
    first_delay_seconds: float = 1.0
    max_delay_seconds: float = 30.0
    # A program that stayed up this long crashed "once", whatever happened before.
    stable_after_seconds: float = 60.0
    # This many crashes in a row, each before it was stable: the program is given up on.
    give_up_after_crashes: int = 5
    # After a program's main process died, how long the rest of its group gets to exit on
    # SIGTERM before it is killed.
    group_grace_seconds: float = 2.0

    def delay(self, crashes: int) -> float:
        return float(min(self.first_delay_seconds * 2 ** (crashes - 1), self.max_delay_seconds))


@dataclass
class Supervised:
    program: Program
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    crashes: int = 0
    restart_at: float | None = None
    given_up: bool = False
    restarts: int = 0
    pgids: set[int] = field(default_factory=set)


def group_members(pgid: int) -> list[int]:
    """The live (non-zombie) processes of process group `pgid`."""
    if not PROC.exists():  # no /proc: ask the kernel whether anyone is left in the group
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return []
        return [pgid]
    members = []
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        fields = text[text.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(stat.parent.name))
    return members


def kill_group(pgid: int, grace_seconds: float) -> None:
    """SIGTERM to every process left in the group, then SIGKILL after `grace_seconds`."""
    for sig, wait in ((signal.SIGTERM, grace_seconds), (signal.SIGKILL, 5.0)):
        if not group_members(pgid):
            return
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while group_members(pgid) and time.monotonic() < deadline:
            time.sleep(0.05)


class Supervisor:
    def __init__(
        self,
        programs: list[Program],
        policy: RestartPolicy | None = None,
        out: TextIO | None = None,
    ) -> None:
        self.policy = policy or RestartPolicy()
        self.children = {program.name: Supervised(program) for program in programs}
        self._out = out or sys.stdout
        self._write_lock = threading.Lock()

    def say(self, line: str) -> None:
        with self._write_lock:
            self._out.write(line if line.endswith("\n") else line + "\n")
            self._out.flush()

    def start_all(self) -> None:
        for child in self.children.values():
            self._start(child)

    def _start(self, child: Supervised) -> None:
        program = child.program
        # The programs are the platform's own commands, built by the caller.
        process = subprocess.Popen(  # noqa: S603
            program.argv,
            cwd=program.cwd,
            env=program.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, cleaned up as a whole
        )
        child.process = process
        child.pgids.add(process.pid)
        child.started_at = time.monotonic()
        child.restart_at = None
        threading.Thread(target=self._pump, args=(program.name, process), daemon=True).start()

    def _pump(self, name: str, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            self.say(f"{name:>16} | {raw.decode(errors='replace').rstrip()}")

    def given_up(self) -> list[str]:
        return [name for name, child in self.children.items() if child.given_up]

    def pid(self, name: str) -> int | None:
        """The main process of a running program."""
        process = self.children[name].process
        return process.pid if process is not None and process.poll() is None else None

    def check(self) -> None:
        """Clean up after programs that died and restart those whose delay is over."""
        now = time.monotonic()
        for child in self.children.values():
            process = child.process
            if process is not None and process.poll() is not None:
                self._died(child, process, now)
            if child.restart_at is not None and now >= child.restart_at:
                child.restarts += 1
                self.say(f"{child.program.name}: restarting (restart {child.restarts})")
                self._start(child)

    def _died(self, child: Supervised, process: subprocess.Popen[bytes], now: float) -> None:
        child.process = None
        # Its pool children, an embedded service, anything it forked: gone before the restart.
        kill_group(process.pid, self.policy.group_grace_seconds)
        child.pgids.discard(process.pid)
        uptime = now - child.started_at
        child.crashes = 1 if uptime >= self.policy.stable_after_seconds else child.crashes + 1
        name = child.program.name
        if child.crashes >= self.policy.give_up_after_crashes:
            child.given_up = True
            self.say(
                "\n" + "!" * 72 + f"\n{name} exited with {process.returncode} and has crashed "
                f"{child.crashes} times in a row: NOT restarting it.\nThe rest of the platform "
                "keeps running; fix the cause and restart ReptiDex.\n" + "!" * 72
            )
            return
        delay = self.policy.delay(child.crashes)
        child.restart_at = now + delay
        self.say(
            f"{name} exited with {process.returncode} after {uptime:.1f} s; "
            f"restarting in {delay:.0f} s"
        )

    def stop(self, grace_seconds: float) -> bool:
        """Stop every program: SIGTERM to each main process, up to `grace_seconds` for them to
        finish what they are doing, then kill what is left. True if all exited in time."""
        running = [c for c in self.children.values() if c.process and c.process.poll() is None]
        for child in running:
            assert child.process is not None
            with contextlib.suppress(ProcessLookupError):
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace_seconds
        in_time = True
        for child in running:
            assert child.process is not None
            try:
                child.process.wait(timeout=max(deadline - time.monotonic(), 0.01))
            except subprocess.TimeoutExpired:
                self.say(f"{child.program.name} did not stop within {grace_seconds:.0f} s; killed")
                in_time = False
        for child in self.children.values():
            child.restart_at = None
            for pgid in list(child.pgids):
                kill_group(pgid, 0.0)
                child.pgids.discard(pgid)
            if child.process is not None:
                child.process.wait()
                child.process = None
        return in_time
