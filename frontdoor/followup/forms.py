"""Forms for the work after the decision. They validate and render; the services decide."""

from typing import Any

from frontdoor.core.forms import GovukDateTimeField, GovukForm, char, choice

from .models import FamilyMethod, Level, Method, StepOutcome

NOW_HINT = "Leave it empty if it is happening now. For example, 24 11 2026 and 14:30"


class FeedbackForm(GovukForm):
    to_whom = char("To whom", required=True, help_text="The referrer's name, role and agency")
    method = choice("How", Method.choices, radios=True)
    address = char(
        "Email address, phone number or postal address",
        max_length=400,
        help_text="An email goes only to a secure address; any other is held for you to send another way",
    )
    sent_at = GovukDateTimeField(what="it was sent", required=False, label="When it was sent", help_text=NOW_HINT)
    text = char("The text sent", max_length=20000, required=True, textarea=True, rows=14)
    advice = char(
        "The advice given",
        max_length=20000,
        textarea=True,
        rows=6,
        help_text="It is added at the end of the message, so that the referrer has a copy of it",
    )

    def __init__(self, *args: Any, with_advice: bool = False, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        if not with_advice:
            del self.fields["advice"]


class FamilyToldForm(GovukForm):
    told = choice(
        "Were the child and family told what will happen?",
        [("yes", "Yes"), ("no", "No, telling them would put the child at risk")],
        radios=True,
    )
    who = char("Who was told", max_length=300, help_text="For example, the mother and the child")
    told_at = GovukDateTimeField(what="they were told", required=False, label="When they were told")
    method = choice("How they were told", FamilyMethod.choices, radios=True, required=False)
    what = char("What they were told", max_length=20000, textarea=True, rows=6)
    not_told_reason = char("Why they were not told", max_length=20000, textarea=True, rows=4)


class ChildSeenForm(GovukForm):
    seen_by = char("Who saw the child", required=True, help_text="Their name, role and team")
    seen_at = GovukDateTimeField(what="the child was seen", required=False, label="When", help_text=NOW_HINT)
    notes = char("Where, and anything to note", max_length=20000, textarea=True, rows=4)


class ChallengeForm(GovukForm):
    raised_by = char("Who disagrees with the decision", required=True, help_text="Their name, role and agency")
    raised_at = GovukDateTimeField(
        what="it was raised", required=False, label="When they raised it", help_text=NOW_HINT
    )
    disagreement = char(
        "What they disagree with, and what they think is needed", max_length=20000, required=True, textarea=True
    )


class StepForm(GovukForm):
    handled_by = char("Who handled this step", required=True)
    outcome = choice("Outcome", StepOutcome.choices, radios=True)
    reasons = char("Reasons", max_length=20000, required=True, textarea=True)
    at = GovukDateTimeField(what="of the outcome", required=False, label="When", help_text=NOW_HINT)

    def __init__(self, *args: Any, level: int = Level.SOCIAL_WORKER, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        if level == Level.PARTNERSHIP:
            self.fields["outcome"].choices = [c for c in StepOutcome.choices if c[0] != StepOutcome.ESCALATED]


class ResolveForm(GovukForm):
    solution = char("The solution agreed", max_length=20000, required=True, textarea=True)
    resolved_at = GovukDateTimeField(what="the solution was reached", label="When it was reached")
