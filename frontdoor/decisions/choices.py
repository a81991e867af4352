"""The outcomes of a threshold decision (R-DEC-5) and the levels of need they follow from."""

from django.db import models


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
    PASSED_TO_ALLOCATED_WORKER = "passed_to_allocated_worker", "Passed to the allocated worker"
    NOT_OPENED = "not_opened", "Not opened on this child"


# R-DEC-5: which outcomes each level of need allows. A CIN with high need must have an
# assessment (001, 004); significant harm leads to a strategy discussion; immediate protection
# authorises whatever is necessary now, which includes a strategy discussion.
ALLOWED_OUTCOMES: dict[str, frozenset[str]] = {
    NeedLevel.NOT_CIN: frozenset({Outcome.INFORMATION_ADVICE, Outcome.SIGNPOSTING, Outcome.NFA, Outcome.EARLY_HELP}),
    NeedLevel.CIN_MODERATE: frozenset({Outcome.CFA, Outcome.EARLY_HELP, Outcome.SIGNPOSTING}),
    NeedLevel.CIN_HIGH: frozenset({Outcome.CFA}),
    NeedLevel.SIGNIFICANT_HARM: frozenset({Outcome.STRATEGY_DISCUSSION}),
    NeedLevel.IMMEDIATE_PROTECTION: frozenset({Outcome.IMMEDIATE_PROTECTION, Outcome.STRATEGY_DISCUSSION}),
}

# Outcomes that make the contact a referral (the CIN census referral date starts here).
REFERRAL_OUTCOMES = frozenset({Outcome.CFA, Outcome.STRATEGY_DISCUSSION, Outcome.IMMEDIATE_PROTECTION})


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
