"""Which authority profile a database was set up with: one row, written by `frontdoor migrate`.

A database holds one authority's contacts, ratings and teams as that profile names them, so starting
Front Door on it with another profile would show every page through the wrong procedures. The
start-up check (`frontdoor.procedures.setup.profile_mismatch`) refuses that with one message.
"""

from django.db import models
from django.utils import timezone


class DatabaseProfile(models.Model):
    """The profile this database was set up for. There is only ever the row with pk 1."""

    key = models.CharField(max_length=60)
    set_up_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "database profile"

    def __str__(self) -> str:
        return f"{self.key} (set up {self.set_up_at:%Y-%m-%d %H:%M})"
