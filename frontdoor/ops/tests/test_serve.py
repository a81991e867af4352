"""`frontdoor serve` as an operator runs it: a real gunicorn on a free port, a migrated database, and
nothing else done beforehand (no collectstatic)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from frontdoor.ops.backup import sqlite_backup

pytestmark = pytest.mark.django_db  # so that the test database is set up before the server fixture


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url(tmp: Path) -> str:
    """The test database, already migrated: copied to a file on SQLite, itself on PostgreSQL."""
    name = str(connection.settings_dict["NAME"])
    assert "memory" in name or "test" in name, name  # never the real database
    if connection.vendor == "sqlite":
        sqlite_backup("default", tmp / "frontdoor.sqlite3")
        return f"sqlite:///{tmp / 'frontdoor.sqlite3'}"
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _get(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local http URL
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:  # noqa: ANN001
    tmp = tmp_path_factory.mktemp("serve")
    with django_db_blocker.unblock():
        database_url = _database_url(tmp)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "FRONTDOOR_DATA_DIR": str(tmp),
        "FRONTDOOR_SECRET_KEY": "a-test-only-secret-key-that-is-long-enough-0123456789",
        "FRONTDOOR_PROFILE": settings.FRONTDOOR_PROFILE,
    }
    env.pop("FRONTDOOR_DEBUG", None)
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - closed after the server stops
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "frontdoor", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("frontdoor serve did not start:\n" + (tmp / "server.log").read_text())
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_serve_answers_health_static_files_and_the_sign_in_page(server):
    assert _get(server + "/healthz")[:2] == (200, b"ok\n")
    assert _get(server + "/readyz")[:2] == (200, b"ready\n")
    status, body, headers = _get(server + "/static/build/app.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert body
    status, body, headers = _get(server + "/accounts/sign-in/")
    assert status == 200
    assert b"Sign in" in body
    assert headers["X-Request-ID"]
