"""`frontdoor account deactivate USERNAME --reason TEXT`, `frontdoor account reactivate USERNAME --reason TEXT`
and `frontdoor account set-password USERNAME --reason TEXT`: an administrator's changes to an account, each
audited, each ending every session the user has. (Administrators do the same on the *Accounts* page.)"""

import getpass

from django.core.management.base import BaseCommand, CommandError

from frontdoor.accounts.models import User
from frontdoor.accounts.services import account_deactivate, account_password_set, account_reactivate
from frontdoor.core.errors import ServiceError


class Command(BaseCommand):
    help = (
        "Accounts: `deactivate USERNAME --reason TEXT` stops the user signing in and ends their sessions; "
        "`reactivate USERNAME --reason TEXT` lets a deactivated account sign in again; "
        "`set-password USERNAME --reason TEXT` asks for a new password twice, sets it and ends their sessions."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("deactivate", "reactivate", "set-password"):
            command = sub.add_parser(name)
            command.add_argument("username")
            command.add_argument("--reason", required=True, help="why (kept in the audit trail)")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['username']!r}.")
        try:
            if options["action"] == "deactivate":
                account_deactivate(user=user, by=None, reason=options["reason"])
                self.stdout.write(f"{user.username} is deactivated and every session of theirs has ended.")
                return
            if options["action"] == "reactivate":
                account_reactivate(user=user, by=None, reason=options["reason"])
                self.stdout.write(f"{user.username} may sign in again.")
                return
            password = getpass.getpass("New password: ")
            if getpass.getpass("The same again: ") != password:
                raise CommandError("The two passwords differ; nothing was changed.")
            account_password_set(user=user, by=None, password=password, reason=options["reason"])
        except ServiceError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{user.username}'s password is set and every session of theirs has ended.")
