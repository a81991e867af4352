"""A real SMTP server on loopback (aiosmtpd) for the outbox tests, on a free port so tests run side by side."""

import asyncio
import contextlib
import email
import socket
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.db import connection


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """Keeps every message the server accepted; `hang_on` makes the server hold that message (1-based,
    counted from the start) in DATA after keeping it, as if its reply were lost."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.envelopes: list[Any] = []
        self.hang_on: int | None = None
        self.refuse: dict[str, str] = {}  # address -> the server's reply to RCPT TO
        self.lock = threading.Lock()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content))
            self.envelopes.append(envelope)
            count = len(self.messages)
        if self.hang_on is not None and count == self.hang_on:
            await asyncio.sleep(60)
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter[str]:
        with self.lock:
            return Counter(m["Message-ID"] for m in self.messages)

    def wait_for(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the server received {len(self.messages)} messages, not {count}")
            time.sleep(0.05)


class MailServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.recorder = Recorder()
        self.controller: Controller | None = None

    def start(self) -> "MailServer":
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def mail_server(settings) -> Iterator[MailServer]:  # noqa: ANN001
    """A mail server the outbox is pointed at, not yet started (call .start())."""
    server = MailServer(free_port())
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_TIMEOUT = 10
    yield server
    server.stop()


@contextlib.contextmanager
def shared_database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The test database for a `frontdoor` command run as another process: PostgreSQL's as it is; the
    in-memory SQLite one copied to a file and copied back afterwards. Needs a transactional test."""
    settings_dict = connection.settings_dict
    if connection.vendor != "sqlite":
        user, password = settings_dict.get("USER") or "", settings_dict.get("PASSWORD") or ""
        login = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        url = f"postgres://{login}{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
        yield {"DATABASE_URL": url}
        return
    connection.ensure_connection()
    path = tmp_path / "shared.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)
    yield {"DATABASE_URL": f"sqlite:///{path}"}
    with contextlib.closing(sqlite3.connect(path)) as source:
        source.backup(connection.connection)
