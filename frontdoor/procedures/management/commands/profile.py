"""`frontdoor profile check [PROFILE]`: validate an authority profile and show what its clocks mean.

Needs no database and no secret key: a council editing its own profile runs it on any machine.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.procedures.calendar import LONDON
from frontdoor.procedures.deadlines import handover_time, rating_due
from frontdoor.procedures.loader import ProfileError, load_profile
from frontdoor.procedures.schema import Profile

# Weekday morning and evening, Friday evening, and the day before a bank holiday (Christmas Day 2026,
# a Friday, is a bank holiday in every nation of the UK).
SAMPLES = (
    ("Weekday morning", datetime.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)),
    ("Weekday evening", datetime.datetime(2026, 11, 24, 19, 0, tzinfo=LONDON)),
    ("Friday evening", datetime.datetime(2026, 11, 27, 18, 0, tzinfo=LONDON)),
    ("Day before a bank holiday", datetime.datetime(2026, 12, 24, 16, 0, tzinfo=LONDON)),
)


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(LONDON).isoformat()


def _received(text: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--received {text!r} is not a date and time such as 2026-11-27T16:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


class Command(BaseCommand):
    help = "Validate an authority profile and print its clocks: frontdoor profile check [PROFILE]"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser("check", help="validate a profile and print due times for sample arrivals")
        check.add_argument("profile", nargs="?", help="a shipped profile's name or the path of a TOML file")
        check.add_argument("--rating", help="a rating's key as the profile writes it")
        check.add_argument("--received", help="when the contact arrived (ISO 8601; no offset means London time)")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options.get("profile") or settings.FRONTDOOR_PROFILE
        try:
            profile = load_profile(name)
        except ProfileError as error:
            raise CommandError(str(error)) from None
        if options.get("rating") or options.get("received"):
            self._one(profile, options.get("rating"), options.get("received"))
        else:
            self._summary(profile)

    def _one(self, profile: Profile, rating: str | None, received: str | None) -> None:
        if not rating or not received:
            raise CommandError("Give both --rating and --received.")
        keys = [r.key for r in profile.ratings]
        if rating not in keys:
            raise CommandError(f"Profile '{profile.key}' has no rating '{rating}'; its ratings are: {', '.join(keys)}")
        moment = _received(received)
        self.stdout.write(f"due: {_iso(rating_due(profile, rating, moment))}")
        handover = handover_time(profile, rating, moment)
        if handover is not None and profile.out_of_hours:
            self.stdout.write(f"out-of-hours: {_iso(handover)} {profile.out_of_hours.team}")

    def _summary(self, profile: Profile) -> None:
        w = self.stdout.write
        w(f"Profile '{profile.key}' ({profile.display_name}) is valid.")
        w(
            f"Office hours {profile.office_hours_start:%H:%M} to {profile.office_hours_end:%H:%M} on working days; "
            f"bank holidays of {profile.bank_holiday_region}."
        )
        w(f"Decision on the level of response: within {profile.decision_deadline} of receipt.")
        if profile.disposal_deadline:
            w(f"Decision on a referral's disposal: within {profile.disposal_deadline} of receipt.")
        w(f"Acknowledgement to the referrer: within {profile.acknowledgement_deadline}.")
        if profile.written_follow_up_deadline:
            w(f"Written follow-up from a professional who phoned: within {profile.written_follow_up_deadline}.")
        if profile.dash_request_deadline:
            w(f"Request for a missing DASH: within {profile.dash_request_deadline}.")
        if profile.out_of_hours:
            urgent = ", ".join(profile.out_of_hours.urgent_ratings)
            w(f"Out of hours, urgent contacts ({urgent}) pass to: {profile.out_of_hours.team}.")
        w("Ratings, least to most urgent:")
        for rating in profile.ratings:
            clock = f"action within {rating.action_within}" if rating.action_within else "no action clock"
            w(f"  {rating.key}: {rating.label}, {clock}")
        for label, moment in SAMPLES:
            w(f"{label}, received {_iso(moment)}:")
            for rating in profile.ratings:
                line = f"  {rating.key}: due {_iso(rating_due(profile, rating.key, moment))}"
                handover = handover_time(profile, rating.key, moment)
                if handover is not None and profile.out_of_hours:
                    line += f"; out of hours to {profile.out_of_hours.team} at {_iso(handover)}"
                w(line)
