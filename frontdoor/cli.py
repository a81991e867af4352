"""The `frontdoor` console command: every Django management command, with Front Door's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "frontdoor"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
