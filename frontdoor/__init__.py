"""Front Door: the system of record and workflow for a children's social care front door."""

__version__ = "0.1.0"
