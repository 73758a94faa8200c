"""Real servers the tests (and bench/) start on loopback: redis-server, scrapyd.

Each runs on a free port in its own temporary folder, is waited for with a deadline,
and is always killed on the way out.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(ready, timeout: float, what: str, proc: subprocess.Popen | None = None, interval: float = 0.05):
    """Poll ``ready()`` until it is true; fail after ``timeout`` s or when ``proc`` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {proc.returncode}")
        time.sleep(interval)
    raise TimeoutError(f"{what}: not ready after {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


@contextmanager
def redis_server():
    """A throwaway redis-server on 127.0.0.1 (no persistence); yields ``redis://127.0.0.1:PORT/0``."""
    import redis

    with tempfile.TemporaryDirectory(prefix="newscrawl-redis-") as tmp:
        port = free_port()
        proc = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
             "--dir", tmp, "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)

            def ready():
                try:
                    return client.ping()
                except redis.ConnectionError:
                    return False

            wait_until(ready, 20, "redis-server", proc)
            client.close()
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            stop(proc)


@contextmanager
def scrapyd_server(python: str = sys.executable):
    """scrapyd on 127.0.0.1 with its eggs, logs and job database in a temporary folder;
    yields ``(url, folder)``."""
    with tempfile.TemporaryDirectory(prefix="newscrawl-scrapyd-") as tmp:
        tmp = Path(tmp)
        port = free_port()
        (tmp / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
            f"eggs_dir = {tmp / 'eggs'}\nlogs_dir = {tmp / 'logs'}\nitems_dir =\n"
            f"dbs_dir = {tmp / 'dbs'}\njobs_to_keep = 5\nmax_proc = 2\npoll_interval = 0.5\n"
        )
        proc = subprocess.Popen(
            [python, "-m", "scrapyd"], cwd=tmp, stdout=subprocess.DEVNULL, stderr=(tmp / "scrapyd.err").open("wb")
        )
        url = f"http://127.0.0.1:{port}"

        def ready():
            try:
                with urllib.request.urlopen(f"{url}/daemonstatus.json", timeout=1) as r:
                    return r.status == 200
            except OSError:
                return False

        try:
            wait_until(ready, 30, "scrapyd", proc)
            yield url, tmp
        finally:
            stop(proc)
