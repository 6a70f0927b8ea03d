"""The embedded PostgreSQL: the entry points start it, `make stop-db` stops it, the data stays."""

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

from tests.support.servers import ROOT


def run(env: dict, *command: str) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def postmaster(data: Path) -> tuple[int, str]:
    """The server's process id and socket folder, from its pid file."""
    lines = (data / "postmaster.pid").read_text().splitlines()
    return int(lines[0]), lines[4]


def alive(pid: int, wait: float = 0) -> bool:
    """Whether process `pid` runs (a zombie does not), after up to `wait` seconds for it to end:
    the pid file goes a moment before the postmaster's last children exit."""
    deadline = time.monotonic() + wait
    while True:
        try:
            running = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
        except FileNotFoundError:
            running = False
        if not running or time.monotonic() >= deadline:
            return running
        time.sleep(0.1)


def test_make_stop_db_stops_the_server_that_a_command_started_and_keeps_its_data(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["ARCHIVE_VAR_DIR"] = str(tmp_path)
    data = tmp_path / "pgdata"
    run(env, sys.executable, "manage.py", "check")  # starts the server and leaves it running
    pid, sockets = postmaster(data)
    assert alive(pid)
    with psycopg2.connect(dbname="archive", user="postgres", host=sockets) as connection:
        connection.cursor().execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('قمة سوتشي')")
    connection.close()

    stopped = run(env, "make", "--no-print-directory", "stop-db")
    assert "stopped" in stopped.stdout
    assert not alive(pid, wait=10)
    assert not (data / "postmaster.pid").exists()
    assert (data / "PG_VERSION").exists()
    assert "was not running" in run(env, "make", "--no-print-directory", "stop-db").stdout

    run(env, sys.executable, "manage.py", "check")  # starts it again on the same data
    pid, sockets = postmaster(data)
    with psycopg2.connect(dbname="archive", user="postgres", host=sockets) as connection:
        cursor = connection.cursor()
        cursor.execute("SELECT note FROM kept")
        assert cursor.fetchall() == [("قمة سوتشي",)]
    connection.close()
    run(env, "make", "--no-print-directory", "stop-db")
    assert not alive(pid, wait=10)
