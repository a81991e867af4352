"""`frontdoor worker`: delivers the outbox, warns managers of deadlines about to be missed, and hands urgent
contacts to the out-of-hours team when they are due to pass (R-TIME-1)."""

import logging
import signal
import sys
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from frontdoor.contacts.alerts import WORKER_SWEEP, out_of_hours_sweep
from frontdoor.outbox.deadlines import warn_managers
from frontdoor.outbox.delivery import Delivery, beat, deliver, forget_old_heartbeats, worker_name

logger = logging.getLogger(__name__)

# `--once` exits with this when a message could not be delivered and is waiting to be tried again
# (the mail server could not be reached, or said to try later): EX_TEMPFAIL in sysexits.h.
TRY_AGAIN_LATER = 75


class Command(BaseCommand):
    help = (
        "Send the emails waiting in the outbox, trying again with a growing pause while the mail server is "
        "down, warn managers of deadlines about to be missed, and pass urgent contacts out of hours when they "
        "are due. Runs until stopped; --once does one pass."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Try every waiting message now, whatever its pause, and stop. Exit code 0 when every message "
            f"was sent or held for sending another way; {TRY_AGAIN_LATER} when some could not be delivered "
            "and wait to be tried again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = worker_name()
        forget_old_heartbeats()
        if options["once"]:
            beat(name)
            out_of_hours_sweep()
            warn_managers()
            result = deliver(every=True, name=name)
            self._report(result)
            if result.failed:
                sys.exit(TRY_AGAIN_LATER)
            return
        self._run(name)

    def _run(self, name: str) -> None:
        stopping: list[int] = []

        def stop(signum: int, frame: FrameType | None) -> None:
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(
            f"Sending email through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}; stop with Ctrl-C.", ending="\n"
        )
        self.stdout.flush()
        last = ""
        while not stopping:
            try:
                beat(name)
                out_of_hours_sweep(limit=WORKER_SWEEP)
                warn_managers()
                result = deliver(name=name, stop=lambda: bool(stopping))
            except DatabaseError as error:  # the database restarting, or busy: carry on at the next loop
                logger.warning("The worker could not reach the database: %s", error)
                close_old_connections()
            else:
                said = "; ".join(dict.fromkeys(result.errors))
                if result.sent or result.held or said != last:  # a server that stays down is said once
                    self._report(result)
                last = said
            pause = settings.FRONTDOOR_WORKER_POLL_SECONDS
            while pause > 0 and not stopping:
                time.sleep(min(pause, 0.5))
                pause -= 0.5

    def _report(self, result: Delivery) -> None:
        self.stdout.write(
            f"Sent {len(result.sent)}, held {len(result.held)}, waiting to try again {len(result.failed)}."
        )
        for error in dict.fromkeys(result.errors):
            self.stderr.write(error)
        self.stdout.flush()
