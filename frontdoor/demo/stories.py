"""The demo's stories: who refers, about which child, why, and what a manager makes of it.

Each story keeps its fields in agreement: a school refers through its designated safeguarding lead
or a teacher, domestic abuse is notified by the police with their risk assessment, the rating
follows the concern, and the level of need and outcome follow the rating (a Green or Standard
contact never goes to a strategy discussion)."""

from dataclasses import dataclass

from frontdoor.contacts.models import AgencyKind, Channel, ReferrerKind
from frontdoor.decisions.choices import NeedLevel, Outcome

N, O = NeedLevel, Outcome  # noqa: E741 - short names keep the stories readable


@dataclass(frozen=True)
class Story:
    key: str
    # Index into the profile's ratings, least to most urgent (Blue/Advice 0 ... Red/Immediate 3).
    level: int
    ages: tuple[int, int]
    referrer_kind: str
    agency_kind: str
    roles: tuple[str, ...]
    channels: tuple[str, ...]
    reasons: tuple[str, ...]
    nature: str
    needs: tuple[str, ...]
    outcomes: tuple[str, ...]
    checks: tuple[str, ...] = ()
    domestic_abuse: str = ""  # the police risk assessment's result: standard, medium or high
    consent: bool = True  # the parent's consent to the referral
    staff_related: bool = False


STORIES: tuple[Story, ...] = (
    Story(
        "school_injury",
        2,
        (5, 15),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.EDUCATION,
        ("Designated safeguarding lead", "Deputy designated safeguarding lead"),
        (Channel.PHONE, Channel.ONLINE_FORM),
        (
            "{name} came into school with a bruise on the upper arm and told the class teacher that dad "
            "grabbed {them} when he was angry last night.",
            "{name} has a red mark on the cheek and told a teaching assistant that mum's partner slapped "
            "{them} at the weekend.",
        ),
        "Physical injury with a disclosure that a parent or carer caused it.",
        (N.SIGNIFICANT_HARM,),
        (O.STRATEGY_DISCUSSION, O.SINGLE_ASSESSMENT_STRATEGY, O.MASH_ENQUIRIES),
        ("police", "health"),
    ),
    Story(
        "school_neglect",
        1,
        (4, 12),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.EDUCATION,
        ("Class teacher", "Designated safeguarding lead"),
        (Channel.EMAIL, Channel.ONLINE_FORM),
        (
            "{name} often arrives hungry and in the same unwashed uniform; the family has not answered "
            "the school's calls this half term.",
        ),
        "Signs of neglect noticed at school; the parents are not engaging with the school.",
        (N.NOT_CIN, N.CIN_MODERATE),
        (O.EARLY_HELP, O.CFA),
        ("education",),
    ),
    Story(
        "school_attendance",
        1,
        (6, 15),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.EDUCATION,
        ("Attendance officer", "Head of year"),
        (Channel.EMAIL,),
        ("{name} has missed 40% of school this term and the parents have not kept to the school's attendance plan.",),
        "Poor school attendance; no safeguarding concern reported.",
        (N.NOT_CIN,),
        (O.EARLY_HELP, O.SIGNPOSTING),
    ),
    Story(
        "health_visitor",
        2,
        (0, 1),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.HEALTH,
        ("Health visitor",),
        (Channel.PHONE, Channel.EMAIL),
        (
            "Health visitor is worried about home conditions: very little food in the house, and "
            "{name}'s weight has dropped at the last two checks.",
        ),
        "A baby's weight faltering, with poor home conditions.",
        (N.CIN_HIGH, N.CIN_MODERATE),
        (O.CFA,),
        ("health",),
    ),
    Story(
        "gp_alcohol",
        1,
        (2, 12),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.HEALTH,
        ("GP",),
        (Channel.PHONE, Channel.LETTER),
        (
            "GP is concerned about mum's drinking: she came to the surgery intoxicated with {name}, who "
            "has missed two hospital appointments.",
        ),
        "Parental alcohol misuse and missed health appointments.",
        (N.CIN_MODERATE, N.NOT_CIN),
        (O.EARLY_HELP, O.CFA),
    ),
    Story(
        "police_da_high",
        3,
        (0, 15),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.POLICE,
        ("Police constable", "Detective constable, public protection unit"),
        (Channel.POLICE_NOTIFICATION,),
        (
            "Police attended a domestic incident at the family home overnight. {name} was present and hid "
            "upstairs; mother had injuries to her face and father was arrested.",
        ),
        "Domestic abuse incident witnessed by the child; the police risk assessment is high.",
        (N.SIGNIFICANT_HARM, N.IMMEDIATE_PROTECTION),
        (O.STRATEGY_DISCUSSION, O.MASH_ENQUIRIES),
        ("health", "education"),
        domestic_abuse="high",
        consent=False,
    ),
    Story(
        "police_da_medium",
        2,
        (0, 15),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.POLICE,
        ("Police constable",),
        (Channel.POLICE_NOTIFICATION,),
        (
            "Police were called to an argument between {name}'s parents in which furniture was broken; "
            "{name} was in the house.",
        ),
        "Domestic abuse at home; the police risk assessment is medium.",
        (N.CIN_MODERATE, N.CIN_HIGH),
        (O.CFA, O.EARLY_HELP),
        ("education",),
        domestic_abuse="medium",
    ),
    Story(
        "police_da_standard",
        1,
        (0, 15),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.POLICE,
        ("Police constable",),
        (Channel.POLICE_NOTIFICATION,),
        ("Police attended a verbal argument between {name}'s parents; no injuries, and {name} was asleep upstairs.",),
        "Domestic incident without injury; the police risk assessment is standard.",
        (N.NOT_CIN,),
        (O.EARLY_HELP, O.INFORMATION_ADVICE),
        domestic_abuse="standard",
    ),
    Story(
        "neighbour",
        1,
        (3, 12),
        ReferrerKind.PUBLIC,
        "",
        ("Neighbour",),
        (Channel.PHONE,),
        ("A neighbour says {name} is often left alone in the evenings and is seen out on the street late at night.",),
        "A young child left without supervision in the evenings.",
        (N.NOT_CIN, N.CIN_MODERATE),
        (O.EARLY_HELP, O.SIGNPOSTING),
    ),
    Story(
        "grandparent",
        2,
        (3, 14),
        ReferrerKind.FAMILY_MEMBER,
        "",
        ("Grandmother", "Aunt"),
        (Channel.PHONE,),
        (
            "{name}'s grandmother says mum's new partner shouts at {name} and she saw marks on {name}'s "
            "legs at the weekend.",
        ),
        "A relative reports marks on the child and a new partner who frightens the child.",
        (N.SIGNIFICANT_HARM,),
        (O.STRATEGY_DISCUSSION, O.SINGLE_ASSESSMENT_STRATEGY, O.MASH_ENQUIRIES),
        ("police", "education"),
    ),
    Story(
        "housing_enquiry",
        0,
        (2, 16),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.HOUSING,
        ("Housing officer",),
        (Channel.EMAIL, Channel.PHONE),
        (
            "Housing officer asks whether the family is known to children's services: they face "
            "eviction for rent arrears and mum asked for help for {name}.",
        ),
        "A request for information and advice; no concern about the child's care.",
        (N.NOT_CIN,),
        (O.INFORMATION_ADVICE, O.SIGNPOSTING),
    ),
    Story(
        "anonymous",
        1,
        (1, 8),
        ReferrerKind.ANONYMOUS,
        "",
        ("",),
        (Channel.PHONE,),
        (
            "An anonymous caller reports shouting and a young child crying late at night at the address "
            "most nights this week.",
        ),
        "Shouting and a child crying at night, reported anonymously; nothing more is known.",
        (N.NOT_CIN,),
        (O.NFA, O.EARLY_HELP),
        consent=False,
    ),
    Story(
        "probation",
        3,
        (2, 15),
        ReferrerKind.PROFESSIONAL,
        AgencyKind.PROBATION,
        ("Probation officer",),
        (Channel.PHONE,),
        (
            "Probation report that {name}'s father, released last month after a conviction for offences "
            "against a child, has moved back into the family home.",
        ),
        "A person convicted of offences against a child living with the child.",
        (N.SIGNIFICANT_HARM, N.IMMEDIATE_PROTECTION),
        (O.STRATEGY_DISCUSSION, O.IMMEDIATE_PROTECTION),
        ("police", "education"),
    ),
)

# The contact about the restricted record: a child whose mother works in the council's children's
# services (R-INT-7: a staff-related contact is discussed with the head of service).
RESTRICTED_STORY = Story(
    "staff_family",
    2,
    (3, 15),
    ReferrerKind.PROFESSIONAL,
    AgencyKind.HEALTH,
    ("School nurse",),
    (Channel.PHONE,),
    (
        "School nurse is worried that {name} is self-harming and says home is chaotic since the parents "
        "separated; mum works in the council's children's services.",
    ),
    "Self-harm and a chaotic home; a parent works in children's services.",
    (N.CIN_MODERATE, N.CIN_HIGH),
    (O.CFA,),
    ("health",),
    staff_related=True,
)

# What the worker writes when the contact is closed, by the outcome decided.
CLOSING: dict[str, str] = {
    O.INFORMATION_ADVICE: "Information and advice given to the referrer; no further role for children's services.",
    O.SIGNPOSTING: "Family signposted to the local family hub; referrer told.",
    O.NFA: "No further action; the concern was not substantiated.",
    O.EARLY_HELP: "Passed to early help, who have made contact with the family; referrer told.",
    O.CFA: "Assessment opened by the area team; referrer told.",
    O.STRATEGY_DISCUSSION: "Strategy discussion held with police and health; section 47 enquiries started.",
    O.SINGLE_ASSESSMENT_STRATEGY: "Single assessment started with a strategy discussion booked.",
    O.MASH_ENQUIRIES: "MASH enquiries completed and the outcome recorded; referrer told.",
    O.IMMEDIATE_PROTECTION: "Immediate protective action taken with the police; strategy discussion held.",
    O.REFERRER_TO_SEEK_CONSENT: "Referrer asked to discuss the concern with the parents and contact us again.",
}

SCHOOL_NAMES = ("Oakfield", "Meadowside", "Riverside", "Hillcrest", "St Mary's", "Westfield", "Brookside", "Parkside")
