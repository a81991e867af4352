from frontdoor.demo.management.commands.demo_data import Command  # noqa: F401
