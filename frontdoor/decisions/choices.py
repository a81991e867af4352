"""The outcomes of a threshold decision (R-DEC-5) and the levels of need they follow from."""

from django.db import models

from frontdoor.procedures.loader import get_profile


class NeedLevel(models.TextChoices):
    NOT_CIN = "not_cin", "Not a child in need"
    CIN_MODERATE = "cin_moderate", "Child in need: moderate need"
    CIN_HIGH = "cin_high", "Child in need: high need"
    SIGNIFICANT_HARM = "significant_harm", "Suspected significant harm"
    IMMEDIATE_PROTECTION = "immediate_protection", "Needs immediate protection"


class Outcome(models.TextChoices):
    INFORMATION_ADVICE = "information_advice", "Information and advice"
    SIGNPOSTING = "signposting", "Signposting to another agency"
    NFA = "nfa", "No further action"
    EARLY_HELP = "early_help", "Early help"
    CFA = "cfa", "Child and Family Assessment (section 17)"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion (section 47)"
    IMMEDIATE_PROTECTION = "immediate_protection", "Immediate protective action"
    MASH_ENQUIRIES = "mash_enquiries", "MASH enquiries (to decide on section 17 or section 47)"
    PASSED_TO_ALLOCATED_WORKER = "passed_to_allocated_worker", "Passed to the allocated worker"
    SINGLE_ASSESSMENT_STRATEGY = (
        "single_assessment_strategy",
        "Single assessment with a view to a strategy discussion",
    )
    # 002 s4: without consent and without safeguarding concerns the contact is not accepted as a referral.
    REFERRER_TO_SEEK_CONSENT = (
        "referrer_to_seek_consent",
        "Referrer asked to discuss it with the parent or child and contact us again",
    )
    NOT_OPENED = "not_opened", "Not opened on this child"


# R-DEC-5: which outcomes each level of need allows is the profile's (`outcomes`): by default a CIN
# with high need must have an assessment (001, 004), significant harm leads to a strategy
# discussion, and immediate protection authorises whatever is necessary now, including a strategy
# discussion. 004 adds "a Single Assessment, with a view to conducting a Strategy Discussion".
def allowed_outcomes(need_level: str, *, open_case: bool = False) -> frozenset[str]:
    """The outcomes the active profile allows for a level of need (and, with an open case, its extras)."""
    return get_profile().outcomes.for_need(need_level, open_case=open_case)


def offered_outcome_choices(*, open_case: bool = True) -> list[tuple[str, str]]:
    """The outcomes the active profile offers, as form choices."""
    return [(o, Outcome(o).label) for o in get_profile().outcomes.offered(open_case=open_case)]


# R-CON-4, 002 s4: "If there are no safeguarding concerns and consent has not been obtained, they will
# not accept this as a referral and will contact the referrer to ask that they discuss the referral
# with the parent/child and contact again" ... "the options of forwarding the referral to the Early
# Help Hub or case closure". These, and only these, are offered then.
NO_CONSENT_OUTCOMES = frozenset({Outcome.REFERRER_TO_SEEK_CONSENT, Outcome.EARLY_HELP, Outcome.NFA})


class SpecialistAssessment(models.TextChoices):
    """004: the decision records whether further specialist assessments are required (a local list)."""

    PAEDIATRIC = "paediatric", "Paediatric or medical assessment"
    PARENTING = "parenting", "Parenting assessment"
    CHILD_MENTAL_HEALTH = "child_mental_health", "Child mental health assessment"
    ADULT_MENTAL_HEALTH = "adult_mental_health", "Adult mental health assessment of a parent or carer"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse assessment"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse risk assessment"
    LEARNING_DISABILITY = "learning_disability", "Learning disability or cognitive assessment"
    EDUCATIONAL = "educational", "Educational or special educational needs assessment"


# 002 s5: a contact the manager rates Amber or Red "becomes a referral and further action will be
# taken within MASH": MASH enquiries "to establish whether the threshold is met for s17 assessment or s47".
REFERRAL_OUTCOMES = frozenset(
    {
        Outcome.CFA,
        Outcome.STRATEGY_DISCUSSION,
        Outcome.IMMEDIATE_PROTECTION,
        Outcome.SINGLE_ASSESSMENT_STRATEGY,
        Outcome.MASH_ENQUIRIES,
    }
)

# Outcomes that lead to a strategy discussion, which business support organises and minutes (002 s6).
STRATEGY_OUTCOMES = frozenset({Outcome.STRATEGY_DISCUSSION, Outcome.SINGLE_ASSESSMENT_STRATEGY})

# R-DEC-8: outcomes where it is clear that a detailed assessment is needed and no strategy
# discussion is in view, so a non-urgent pre-birth referral may go straight to the local unit.
ASSESSMENT_ONLY_OUTCOMES = frozenset({Outcome.CFA})
