"""What the demo leaves in the outbox, said after loading it."""

from django.conf import settings

from frontdoor.outbox.models import OutboxMessage


def outbox_summary() -> str:
    waiting = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
    held = OutboxMessage.objects.filter(status=OutboxMessage.Status.HELD).count()
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return (
        f"Emails: {waiting} waiting to be sent, {held} held back for sending another way. `frontdoor worker` "
        f"sends them to the mail server at {server} (FRONTDOOR_EMAIL_HOST, FRONTDOOR_EMAIL_PORT); to see them, "
        f"run a mail server there that prints each message: .venv/bin/python -m aiosmtpd -n -l {server}"
    )
