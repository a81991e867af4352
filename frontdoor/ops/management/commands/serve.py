"""`frontdoor serve`: the production web server (gunicorn, docs/adr/0012), static files by WhiteNoise.

Only `frontdoor migrate` is needed first: WhiteNoise finds the static files where the package keeps
them (WHITENOISE_USE_FINDERS), so there is no `collectstatic` step. Behind a proxy that ends TLS, the
proxy's address goes in --forwarded-allow-ips (or FRONTDOOR_FORWARDED_ALLOW_IPS) so that its
X-Forwarded-Proto header is believed.
"""

import logging
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger


def default_workers() -> int:
    """Gunicorn's usual rule, two per core and one more, kept small for a shared machine."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class ServerLog(Logger):
    """Gunicorn's own messages go through Django's LOGGING (JSON with the rest); requests are logged by
    `frontdoor.ops.middleware`, so gunicorn's access log stays off."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.handlers.clear()
        self.error_log.propagate = True
        self.error_log.setLevel(logging.INFO)


class Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        assert self.cfg is not None  # noqa: S101 - set by BaseApplication before this is called
        for key, value in self.options.items():
            if key in self.cfg.settings:  # newer settings are skipped on an older gunicorn
                self.cfg.set(key, value)

    def load(self) -> Any:
        # The entry point refuses the development secret key and a database set up for another profile,
        # once, in the master process (preload), before any worker starts.
        from frontdoor.wsgi import application

        connections.close_all()  # each worker opens its own connection after the fork
        return application


class Command(BaseCommand):
    help = (
        "Run the production web server (gunicorn) with the static files. Run `frontdoor migrate` first; "
        "put a proxy that ends TLS in front of it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("FRONTDOOR_BIND", "127.0.0.1:8000"),
            help="HOST:PORT to listen on (default FRONTDOOR_BIND or 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("FRONTDOOR_WEB_WORKERS", "0")) or default_workers(),
            help="Worker processes (default FRONTDOOR_WEB_WORKERS or two per core and one more, at most 9).",
        )
        parser.add_argument(
            "--forwarded-allow-ips",
            default=os.environ.get("FRONTDOOR_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
            help="Comma-separated addresses of the proxies whose X-Forwarded-* headers are believed "
            "(default FRONTDOOR_FORWARDED_ALLOW_IPS or 127.0.0.1,::1; '*' believes any, only behind a firewall).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connections.close_all()
        Server(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "forwarded_allow_ips": options["forwarded_allow_ips"],
                "preload_app": True,
                "timeout": int(os.environ.get("FRONTDOOR_WEB_TIMEOUT", "60")),
                "graceful_timeout": 20,
                # A worker is replaced after this many requests, so slow leaks never build up.
                "max_requests": 2000,
                "max_requests_jitter": 200,
                "logger_class": ServerLog,
                "accesslog": None,
                "proc_name": "frontdoor",
                # No control socket in the home folder, shared by every server the same user runs.
                "control_socket_disable": True,
            }
        ).run()
