"""The `frontdoor` console command: every Django management command, with Front Door's settings."""

import os
import sys

# Commands that need no database, so they run whatever profile a database was set up with.
NO_DATABASE = {"help", "--help", "-h", "version", "--version", "profile", "makemigrations"}


def refuse_another_profile(command: str | None) -> None:
    """Stop at start-up, with one message, when the database was set up for another profile."""
    if command is None or command in NO_DATABASE:
        return
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured:  # a bad profile or setting: Django's own start-up reports it
        return
    from django.db import connections

    from frontdoor.procedures.setup import profile_mismatch

    message = profile_mismatch()
    connections.close_all()
    if message:
        sys.stderr.write(message + "\n")
        sys.exit(2)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "frontdoor"
    refuse_another_profile(args[1] if len(args) > 1 else None)
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
