"""`frontdoor audit verify`: check that no audit event was altered, inserted or removed."""

from django.core.management.base import BaseCommand, CommandError

from frontdoor.audit.verify import audit_verify


class Command(BaseCommand):
    help = "Audit log: `verify` recomputes the hash chain and exits non-zero naming the first broken event."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check every event's hash and its link to the event before it.")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        result = audit_verify()
        if not result.intact:
            raise CommandError(f"Audit chain broken after checking {result.checked:,} event(s). {result.problem}")
        self.stdout.write(
            f"Checked {result.checked:,} audit event(s): the chain is intact. Last hash {result.head_hash or '(none)'}."
        )
