"""A second synthetic population for measuring person matching, made independently of `population.py`.

`generate(out_dir, people, queries, seed)` writes two CSV files and returns their paths (reusing files
already written for the same size, seed, reference month and version):

* `pop2-people-...csv`: the person index in the `frontdoor people import` contract (with
  `expected_date_of_birth` for unborn children) plus `family_group`.
* `pop2-queries-...csv`: what a caller gives the front door, in the columns `matching.py` reads:
  `expected_person_id` (empty for someone not in the index), `corruptions` (what was done to the
  details, `;`-separated), `twin_person_id`, and `categories` (twin, twin_named, absent kinds, has_dob,
  unborn, baby_placeholder, index_dob_default, index_dob_missing, step_family, culture:...).

How it differs from the first population on purpose:

* Names: English given names by birth cohort and British surnames are this file's own tables, with
  exponentially falling frequencies and a long tail of made-up place-name surnames (Ashworth,
  Holbrook...); other cultures come from Faker's en_IN, en_PK, yo_NG, ig_NG, tw_GH, ro_RO, lt_LT,
  cs_CZ and pl_PL lists (not the English ones) and this file's own Arabic, Chinese and Polish lists.
  Surnames follow their culture's form: Polish -ski/-ska, Lithuanian -as/-ienė/-aitė, Czech -ová,
  Bangladeshi "Begum", Ghanaian children not always carrying the father's name.
* Families: step-families (the mother's earlier children keep or change their surname), half-siblings
  with other family names, same-sex twins with look-alike names (Amelia and Amelie), sons named after
  their fathers, grandparents with a grandchild's name, unborn children held as "Baby" or with no given
  name and an expected date of birth, babies held as "Baby", people known only by name and age (no date,
  or 1 January / 1 July of the year).
* Queries: 0-3 changes each, among them OCR-like misreadings (rn/m, cl/d, l/1, 0/O), hyphen and
  apostrophe variants, initials only, nicknames, transposed letters, names swapped, a family name
  changed or an earlier one, a move, a missing postcode or date, day and month swapped, a baby's year
  typed one too high (a date in the future), transliterations; about 16% are about people not in the
  index: unindexed twins and siblings of indexed children, namesakes, strangers.

Dates count from the first day of the current month (or --reference), so that expected dates of birth
are in the future while the files are in use: the files follow from the seed, the size and that month.

Usage: .venv/bin/python benchmarks/population2.py --people 50000 [--queries 2000] [--seed 11] [--out DIR]
"""

import argparse
import csv
import datetime as dt
import math
import random
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from faker.providers.person import cs_CZ, en_IN, en_PK, ig_NG, lt_LT, pl_PL, ro_RO, tw_GH, yo_NG

VERSION = 1
ROOT = Path(__file__).resolve().parents[1]
PEOPLE_HEADER = (
    "person_id",
    "given_names",
    "family_name",
    "previous_family_names",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "postcode",
    "address",
    "nhs_number",
    "upn",
    "family_group",
)
QUERY_HEADER = (
    "query_id",
    "given_names",
    "family_name",
    "previous_family_names",
    "date_of_birth",
    "sex",
    "postcode",
    "address",
    "nhs_number",
    "expected_person_id",
    "corruptions",
    "twin_person_id",
    "categories",
)

# ---------------------------------------------------------------- name tables (this file's own)

ENGLISH_GIVEN = {
    # born before 1990
    ("old", "M"): "David Paul Mark Andrew Stephen Richard Michael Peter Robert Ian Simon Gary Steven John Darren "
    "Martin Neil Christopher Anthony Kevin Lee Jason Craig Stuart Philip Graham Jonathan Nigel Carl Wayne Dean "
    "Adrian Timothy Keith Colin Alan Barry Shaun Glenn Russell Trevor Derek Kenneth Raymond Dennis Terence",
    ("old", "F"): "Susan Karen Julie Tracey Sarah Nicola Lisa Amanda Helen Claire Joanne Alison Jacqueline Deborah "
    "Michelle Elizabeth Catherine Emma Louise Rachel Kerry Donna Angela Samantha Dawn Sharon Joanne Lynn Paula "
    "Jennifer Victoria Rebecca Margaret Patricia Gillian Beverley Wendy Denise Carol Maria Anne Jane Kim",
    # born 1990-2009
    ("mid", "M"): "Thomas James Daniel Matthew Joshua Luke Jack Ryan Adam Samuel Benjamin Callum Jordan Liam "
    "Connor Nathan Kieran Alexander Jake Lewis Bradley Joseph William Oliver Harry Charlie Aaron Jamie Reece "
    "Ashley Scott Dominic Tyler Kyle Jacob Owen Ben George Max Elliot Declan Aiden Brandon Rhys Sean Mason",
    ("mid", "F"): "Jessica Emily Sophie Chloe Lauren Hannah Charlotte Amy Rebecca Megan Bethany Katie Olivia "
    "Ellie Georgia Holly Jade Abigail Lucy Grace Danielle Amber Eleanor Shannon Courtney Leah Natalie Paige Molly "
    "Kayleigh Stacey Gemma Zoe Rachel Alice Jasmine Phoebe Millie Niamh Caitlin Kirsty Aimee Lydia Jodie Tia",
    # born 2010 and after
    ("new", "M"): "Oliver George Noah Arthur Muhammad Leo Harry Oscar Archie Henry Theodore Freddie Jack Charlie "
    "Theo Alfie Jacob Thomas Finley Arlo William Lucas Roman Tommy Isaac Teddy Alexander Luca Edward James "
    "Joshua Albie Elijah Max Mohammed Reuben Mason Sebastian Rory Jude Louie Benjamin Ethan Adam Hugo Joseph "
    "Reggie Ronnie Louis Frankie Dylan Ezra Harrison Jaxon Grayson Jayden Kai Evan Ellis Caleb Hunter Otis Ralph",
    ("new", "F"): "Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace Daisy "
    "Sienna Poppy Elsie Emily Ella Evelyn Phoebe Sofia Evie Charlotte Harper Millie Matilda Maya Sophie Alice "
    "Emilia Isabelle Ruby Luna Maisie Aria Penelope Mila Bonnie Eliza Violet Esme Hallie Margot Ayla Lottie "
    "Thea Layla Orla Nancy Ada Lyla Amelie Zara Iris Erin Robyn Lila Eva Chloe Zoe Ellie Bella Darcie",
}

BRITISH_SURNAMES = """Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson Evans
Walker White Roberts Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner Martin Cooper Hill Ward Hughes
Moore Clark King Harrison Lewis Baker Lee Allen Morris Khan Scott Watson Davis Parker James Bennett Young Phillips
Richardson Mitchell Bailey Carter Cook Singh Shaw Bell Collins Morgan Kelly Begum Miller Cox Marshall Simpson
Anderson Adams Lloyd Ellis Campbell Murphy Stewart Price Mason Holmes Russell Dixon Chapman Hunt Knight Webb Mills
Palmer Robertson Wells Rogers Gibson Lane Griffiths Fisher Ryan Hussain Burton Barker Stevens Reid Jenkins Fox Ali
Spencer Butler Grant Pearson Harvey Matthews Kaur Powell Hayes Graham Barnes Gray Ross Dawson Atkinson Sutton
Hamilton Lawrence Wallace Burns Kennedy Chambers Armstrong Rose Andrews Hudson Hart Owen Lamb Pritchard Ahmed
O'Brien O'Connor O'Neill O'Sullivan McDonald McKenzie MacLeod McCarthy D'Souza Fitzgerald Doherty Quinn Byrne
Brennan Gallagher Donnelly Kavanagh Hennessy Fairclough Ramsbottom Featherstone Higginbottom Entwistle""".split()

PLACE_HEADS = """Ash Black Brad Brook Burn Cald Clay Cold Crans Dal Dun East Elm Fair Gold Green Hal Hart Hazel
Heath Hol Kings Lang Lyn Marsh Mid Mill Moor North Oak Pen Red Ross Sal Shel South Stan Stock Thorn Wal West
Whit Wick Win Wood Yar Bram Chad Cran Fern Hather""".split()
PLACE_TAILS = """worth ley ton ford field by ham well wood bury hurst croft dale stead more wick cott combe den
bridge shaw thorpe gate brook ridge stone sall low wright man""".split()

ARABIC_GIVEN = {
    "M": "Mohammed Ahmed Omar Ali Youssef Khalid Hassan Hussein Ibrahim Mahmoud Tariq Karim Samir Bilal Hamza "
    "Yasin Adam Zakaria Faisal Nabil Rami Walid Abdullah Abdul-Rahman Mustafa Idris Anas Ayman Sami Jamal".split(),
    "F": "Fatima Aisha Maryam Noor Layla Sara Huda Amira Yasmin Rania Salma Hana Mariam Zainab Lina Dalia Rasha "
    "Nadia Samira Leila Iman Asma Safa Reem Hiba Nour Ruqayya Jana Malak Sumaya".split(),
}
ARABIC_FAMILY = """Al-Sayed Al-Hashimi Abdallah Hassan Ibrahim Mansour Haddad Khalil Nasser Saleh Farouk Aziz
Rahman El-Amin Al-Masri Darwish Hamdan Jaber Kassem Mahmoud Othman Qureshi Salem Suleiman Yousef Zaidi Bakr
Al-Rashid Barakat Hamid""".split()
CHINESE_FAMILY = """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Wong Chan
Cheung Lau Ng Ho Leung Lam Tang Yip""".split()
CHINESE_GIVEN = {
    "M": "Zihan Yuxuan Haoran Yichen Junjie Zhiwei Jiahao Mingyu Wenbo Tianyu Kai Jun Wei Hao Bo Long Chi Kin".split(),
    "F": "Xinyi Yutong Zihan Yuxi Jiayi Mengyao Shuting Xiaoling Meiling Huiwen Jing Mei Ling Yan Hui Xue Ying".split(),
}
CHINESE_ENGLISH = {
    "M": "Kevin Jason Eric Tony Vincent Ken Ryan Leo".split(),
    "F": "Grace Vivian Amy Joyce Cindy Ivy".split(),
}
POLISH_FAMILY = """Kowalski Nowak Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Pawłowski Michalski Zając Król
Wieczorek Jabłoński Wróbel Majewski Olszewski Stępień Malinowski Górski""".split()

NICKNAMES = {
    "William": "Will Bill Billy",
    "Robert": "Rob Bob Bobby",
    "Elizabeth": "Liz Beth Lizzie",
    "James": "Jim Jamie",
    "Margaret": "Maggie Peggy",
    "Catherine": "Kate Cathy",
    "Katie": "Kate",
    "Thomas": "Tom Tommy",
    "Alexander": "Alex Sandy",
    "Jonathan": "Jon Jonny",
    "Michael": "Mike Mick",
    "Christopher": "Chris Kit",
    "Daniel": "Dan Danny",
    "Samuel": "Sam Sammy",
    "Joseph": "Joe Joey",
    "Benjamin": "Ben Benji",
    "Matthew": "Matt",
    "Nicholas": "Nick",
    "Anthony": "Tony Ant",
    "Richard": "Rich Richie",
    "Edward": "Ed Eddie Ted",
    "Charlotte": "Lottie Charlie",
    "Olivia": "Liv Livvy",
    "Isabella": "Bella Izzy",
    "Isabelle": "Izzy",
    "Jessica": "Jess Jessie",
    "Rebecca": "Becky Becca",
    "Victoria": "Vicky Tori",
    "Abigail": "Abi Abby",
    "Jennifer": "Jen Jenny",
    "Susan": "Sue Susie",
    "Patricia": "Pat Trish",
    "Deborah": "Debbie Deb",
    "Frederick": "Fred Freddie",
    "Harrison": "Harry",
    "Henry": "Harry Hal",
    "Theodore": "Theo Teddy",
    "Oliver": "Ollie Olly",
    "Samantha": "Sam",
    "Jacqueline": "Jackie",
    "Stephen": "Steve",
    "Steven": "Steve",
    "Andrew": "Andy Drew",
    "Timothy": "Tim",
    "Kenneth": "Ken Kenny",
    "Raymond": "Ray",
    "Terence": "Terry",
    "Gillian": "Gill Jill",
    "Natalie": "Nat",
    "Eleanor": "Ellie Nell",
    "Sebastian": "Seb",
    "Reuben": "Rube",
    "Penelope": "Penny",
    "Matilda": "Tilly",
    "Florence": "Flo Florrie",
    "Mohammed": "Mo",
    "Muhammad": "Mo",
    "Ibrahim": "Ibby",
    "Abdullah": "Abdi",
    "Katarzyna": "Kasia",
    "Małgorzata": "Gosia",
    "Aleksander": "Olek",
    "Agnieszka": "Aga",
    "Oluwaseun": "Seun",
    "Oluwaseyi": "Seyi",
    "Adebowale": "Bowale",
    "Chukwuemeka": "Emeka",
}
SPELLINGS = [
    "Mohammed Muhammad Mohamed Mohammad",
    "Yousef Youssef Yusuf Yosef",
    "Aisha Ayesha Aysha",
    "Fatima Fatimah",
    "Hussein Hussain Husain",
    "Hassan Hasan",
    "Mariam Maryam Miriam",
    "Zainab Zaynab",
    "Nour Noor Nur",
    "Abdul-Rahman Abdulrahman",
    "Al-Sayed Alsayed El-Sayed",
    "Qureshi Kureshi Quraishi",
    "Sara Sarah",
    "Leila Layla Laila",
    "Zhang Chang",
    "Chen Chan",
    "Wong Wang",
    "Singh Sing",
    "Begum Begom",
    "Khan Kahn",
    "Kaur Kour",
    "Ahmed Ahmad",
    "Karim Kareem",
    "Amira Ameera",
    "Iman Eman",
    "Yasmin Yasmine Jasmine",
]
LOOKALIKE_TWINS = {
    "M": [
        ("Jayden", "Jaylen"),
        ("Ethan", "Evan"),
        ("Leo", "Theo"),
        ("Aiden", "Aaron"),
        ("Hassan", "Hussain"),
        ("Ayaan", "Ayan"),
        ("Kacper", "Kasper"),
        ("Jacob", "Joshua"),
        ("Alfie", "Archie"),
        ("Tomas", "Lukas"),
        ("Kofi", "Kojo"),
        ("Zihan", "Zihao"),
        ("Reggie", "Ronnie"),
        ("Omar", "Amir"),
    ],
    "F": [
        ("Amelia", "Amelie"),
        ("Lily", "Lila"),
        ("Mia", "Maya"),
        ("Ava", "Eva"),
        ("Chloe", "Zoe"),
        ("Isla", "Ella"),
        ("Aisha", "Ayesha"),
        ("Hana", "Hiba"),
        ("Ruby", "Rosie"),
        ("Esme", "Evie"),
        ("Abena", "Adwoa"),
        ("Xinyi", "Xinyu"),
        ("Maisie", "Daisy"),
        ("Holly", "Molly"),
    ],
}


def _words(text: str) -> list[str]:
    return text.split()


class Table:
    """Names with falling frequencies: weight exp(-rank / spread), a shape unlike a Zipf law."""

    def __init__(self, names: list[str], spread: float, tail: list[str] | None = None, tail_share: float = 0.0):
        unique = list(dict.fromkeys(n for n in names if n))
        weights = [math.exp(-i / spread) for i in range(len(unique))]
        if tail:
            known = set(unique)
            extra = [t for t in dict.fromkeys(tail) if t not in known]
            head_total = sum(weights)
            each = head_total * tail_share / (1 - tail_share) / max(1, len(extra))
            unique += extra
            weights += [each] * len(extra)
        self.names = unique
        self.cum: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self.cum)[0]


def _fold(name: str) -> str:
    special = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "đ": "d"})
    return "".join(c for c in unicodedata.normalize("NFKD", name.translate(special)) if not unicodedata.combining(c))


def _shuffled(names: list[str], seed: str) -> list[str]:
    """Faker's lists are alphabetical: the order of frequency is made up here, from a fixed seed."""
    out = list(dict.fromkeys(names))
    random.Random(seed).shuffle(out)
    return out


class Culture:
    def __init__(self, key: str, given: dict[str, Table], family: Table):
        self.key = key
        self.given = given
        self.family = family

    def given_name(self, sex: str, rng: random.Random, born: int) -> str:
        return self.given[sex].draw(rng)

    def family_name(self, rng: random.Random) -> str:
        return self.family.draw(rng)

    def surname_for(self, family: str, sex: str, role: str) -> str:
        """The form of the household's family name that this person carries (role: wife / daughter / son)."""
        return family


class English(Culture):
    def __init__(self) -> None:
        tail = [h + t for h in PLACE_HEADS for t in PLACE_TAILS]
        family = Table(BRITISH_SURNAMES, spread=45, tail=tail, tail_share=0.38)
        given = {(era, sex): Table(_words(text), spread=14) for (era, sex), text in ENGLISH_GIVEN.items()}
        super().__init__("english", {}, family)
        self.by_era = given

    def given_name(self, sex: str, rng: random.Random, born: int) -> str:
        era = "old" if born < 1990 else "mid" if born < 2010 else "new"
        return self.by_era[(era, sex)].draw(rng)


class Polish(Culture):
    def surname_for(self, family: str, sex: str, role: str) -> str:
        if sex == "F" and family.endswith("ski"):
            return family[:-1] + "a"
        if sex == "F" and family.endswith("cki"):
            return family[:-1] + "a"
        return family


class Lithuanian(Culture):
    def surname_for(self, family: str, sex: str, role: str) -> str:
        if sex != "F" or not family.endswith(("as", "is", "us")):
            return family
        stem = family[:-2]
        return stem + ("ienė" if role == "wife" else "aitė")


class Czech(Culture):
    def surname_for(self, family: str, sex: str, role: str) -> str:
        if sex != "F" or family.endswith("ová"):
            return family
        if family.endswith("ý"):
            return family[:-1] + "á"
        if family[-1] in "aeo":
            return family[:-1] + "ová"
        return family + "ová"


class Bangladeshi(Culture):
    def surname_for(self, family: str, sex: str, role: str) -> str:
        return "Begum" if sex == "F" and role == "wife" else family


def _faker(module: object, attr: str) -> list[str]:
    return list(getattr(module.Provider, attr))  # type: ignore[attr-defined]


def cultures() -> dict[str, tuple[float, Culture]]:
    def t(names: list[str], seed: str, spread: float = 25) -> Table:
        return Table(_shuffled(names, seed), spread=spread)

    indian_m, indian_f = _faker(en_IN, "first_names_male"), _faker(en_IN, "first_names_female")
    pak_given = _faker(en_PK, "first_names")
    pak_family = [n for n in _faker(en_PK, "last_names") if n.isalpha()]
    west_m = _faker(yo_NG, "first_names_male") + _faker(ig_NG, "first_names_male") + _faker(tw_GH, "first_names_male")
    west_f = (
        _faker(yo_NG, "first_names_female") + _faker(ig_NG, "first_names_female") + _faker(tw_GH, "first_names_female")
    )
    west_family = _faker(yo_NG, "last_names") + _faker(ig_NG, "last_names") + _faker(tw_GH, "last_names")
    lith_family = [n for n in _faker(lt_LT, "last_names") if n.endswith(("as", "is", "us"))]
    lith_given = _faker(lt_LT, "first_names")
    czech_family = [n for n in _faker(cs_CZ, "last_names") if not n.endswith("ová")]
    return {
        "english": (0.70, English()),
        "indian": (
            0.05,
            Culture(
                "indian", {"M": t(indian_m, "inm"), "F": t(indian_f, "inf")}, t(_faker(en_IN, "last_names"), "inl", 40)
            ),
        ),
        "pakistani": (
            0.04,
            Culture(
                "pakistani",
                {"M": t(pak_given[: len(pak_given) // 2], "pkm"), "F": t(pak_given[len(pak_given) // 2 :], "pkf")},
                t(pak_family + ["Khan", "Hussain", "Ahmed", "Ali", "Iqbal"], "pkl", 20),
            ),
        ),
        "bangladeshi": (
            0.015,
            Bangladeshi(
                "bangladeshi",
                {
                    "M": t(indian_m[::2] + ["Mohammed", "Abdul"], "bdm"),
                    "F": t(indian_f[::2] + ["Fatema", "Rokeya"], "bdf"),
                },
                t(
                    [
                        "Miah",
                        "Uddin",
                        "Rahman",
                        "Islam",
                        "Ahmed",
                        "Hoque",
                        "Chowdhury",
                        "Alom",
                        "Ali",
                        "Khatun",
                        "Sarkar",
                        "Talukdar",
                    ],
                    "bdl",
                    6,
                ),
            ),
        ),
        "polish": (
            0.035,
            Polish(
                "polish",
                {
                    "M": t(_faker(pl_PL, "first_names_male"), "plm"),
                    "F": t(_faker(pl_PL, "first_names_female") + ["Katarzyna", "Małgorzata", "Agnieszka"], "plf"),
                },
                t(POLISH_FAMILY, "pll", 15),
            ),
        ),
        "romanian": (
            0.025,
            Culture(
                "romanian",
                {"M": t(_faker(ro_RO, "first_names_male"), "rom"), "F": t(_faker(ro_RO, "first_names_female"), "rof")},
                t(_faker(ro_RO, "last_names"), "rol", 15),
            ),
        ),
        "lithuanian": (
            0.01,
            Lithuanian(
                "lithuanian",
                {
                    "M": t([n for n in lith_given if n.endswith("s")], "ltm"),
                    "F": t([n for n in lith_given if not n.endswith("s")], "ltf"),
                },
                t(lith_family, "ltl", 10),
            ),
        ),
        "czech": (
            0.008,
            Czech(
                "czech",
                {"M": t(_faker(cs_CZ, "first_names_male"), "czm"), "F": t(_faker(cs_CZ, "first_names_female"), "czf")},
                t(czech_family, "czl", 40),
            ),
        ),
        "west_african": (
            0.04,
            Culture("west_african", {"M": t(west_m, "wam"), "F": t(west_f, "waf")}, t(west_family, "wal", 50)),
        ),
        "arabic": (
            0.025,
            Culture(
                "arabic",
                {"M": t(ARABIC_GIVEN["M"], "arm", 10), "F": t(ARABIC_GIVEN["F"], "arf", 10)},
                t(ARABIC_FAMILY, "arl", 12),
            ),
        ),
        "chinese": (
            0.017,
            Culture(
                "chinese",
                {"M": t(CHINESE_GIVEN["M"], "chm", 8), "F": t(CHINESE_GIVEN["F"], "chf", 8)},
                t(CHINESE_FAMILY, "chl", 8),
            ),
        ),
    }


# ---------------------------------------------------------------- people and households


class Person:
    __slots__ = (
        "pid", "given", "family", "previous", "dob", "recorded_dob", "expected", "sex", "postcode", "address",
        "nhs", "group", "culture", "role", "twin", "kin",
    )  # fmt: skip

    def __init__(self, given: str, family: str, sex: str, dob: dt.date | None, role: str, culture: Culture):
        self.pid = ""
        self.given = given
        self.family = family
        self.previous: list[str] = []
        self.dob = dob  # the true date of birth (None for the unborn)
        self.recorded_dob = dob  # what the index holds: the date, nothing, or a default date
        self.expected: dt.date | None = None
        self.sex = sex
        self.postcode = ""
        self.address = ""
        self.nhs = ""
        self.group = ""
        self.culture = culture
        self.role = role  # adult / child / unborn / baby (held as "Baby")
        self.twin: Person | None = None
        self.kin: list[Person] = []

    def row(self) -> tuple[str, ...]:
        return (
            self.pid, self.given, self.family, ";".join(self.previous), _iso(self.recorded_dob), _iso(self.expected),
            self.sex, self.postcode, self.address, self.nhs, "", self.group,
        )  # fmt: skip


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


STREETS = """Acacia Beech Chapel Church Clarence Coronation Denmark Elmfield Fountain Gladstone Granville Highfield
Jubilee Kingsway Laburnum Lime Malvern Meadow Mill Nelson Orchard Park Poplar Priory Queens Railway Rectory
Sandringham School Springfield Station Sycamore Tennyson Victoria Waterloo Wellington Windsor Woodland York""".split()
STREET_KINDS = "Road Street Avenue Close Drive Lane Way Gardens Crescent Terrace Grove".split()
AREAS = "LS BD HX WF HD ME CT TN DA CB PE SG NR M OL BL WN B CV WS L WA S DN NG LE E N SE SW".split()
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class Town:
    """The streets and postcodes of an area big enough for `people` residents."""

    def __init__(self, rng: random.Random, people: int):
        count = max(200, people // 9)
        seen: set[str] = set()
        self.postcodes: list[str] = []
        while len(self.postcodes) < count:
            area = rng.choice(AREAS)
            code = f"{area}{rng.randint(1, 28)} {rng.randint(0, 9)}{rng.choice(UNIT_LETTERS)}{rng.choice(UNIT_LETTERS)}"
            if code not in seen:
                seen.add(code)
                self.postcodes.append(code)
        self.postcodes.sort()  # neighbours in the list share a district: a local move is a near index
        self.place = {code: i for i, code in enumerate(self.postcodes)}

    def home(self, rng: random.Random) -> tuple[str, str]:
        postcode = rng.choice(self.postcodes)
        return postcode, f"{rng.randint(1, 180)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"

    def move(self, rng: random.Random, postcode: str) -> str:
        if rng.random() < 0.5:
            i = self.place.get(postcode, 0)
            return self.postcodes[min(len(self.postcodes) - 1, max(0, i + rng.randint(-20, 20)))]
        return rng.choice(self.postcodes)


class Families:
    """Households, one at a time, from a seed."""

    def __init__(self, seed: int, people: int, reference: dt.date):
        self.rng = random.Random(f"population2/{seed}")
        self.reference = reference
        self.cultures = cultures()
        self.keys = list(self.cultures)
        self.cum: list[float] = []
        total = 0.0
        for key in self.keys:
            total += self.cultures[key][0]
            self.cum.append(total)
        self.town = Town(self.rng, people)
        self.nhs_counter = self.rng.randrange(10**7)

    def culture(self) -> Culture:
        return self.cultures[self.rng.choices(self.keys, cum_weights=self.cum)[0]][1]

    def born(self, age_years: float) -> dt.date:
        return self.reference - dt.timedelta(days=int(age_years * 365.25) + self.rng.randint(0, 364))

    def nhs_number(self) -> str:
        while True:
            self.nhs_counter = (self.nhs_counter + 7_919_371) % 10**8
            body = f"9{self.nhs_counter:08d}"
            total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
            check = (11 - total % 11) % 11
            if check != 10:
                return body + str(check)

    def adult(self, culture: Culture, sex: str, age: float, family: str, role: str) -> Person:
        dob = self.born(age)
        given = culture.given_name(sex, self.rng, dob.year)
        if self.rng.random() < 0.18:
            given += " " + culture.given_name(sex, self.rng, dob.year)
        p = Person(given, culture.surname_for(family, sex, role), sex, dob, "adult", culture)
        roll = self.rng.random()
        if roll < 0.02:
            p.recorded_dob = None  # known only by name and age
        elif roll < 0.045:
            p.recorded_dob = dt.date(dob.year, 1, 1)
        elif roll < 0.05:
            p.recorded_dob = dt.date(dob.year, 7, 1)
        if self.rng.random() < 0.02:
            p.sex = "U"
        p.nhs = self.nhs_number() if self.rng.random() < 0.35 else ""
        return p

    def child(self, culture: Culture, sex: str, dob: dt.date, family: str, middle_from: str = "") -> Person:
        given = culture.given_name(sex, self.rng, dob.year)
        if middle_from and self.rng.random() < 0.3:
            given += " " + middle_from
        elif self.rng.random() < 0.35:
            given += " " + culture.given_name(sex, self.rng, dob.year)
        role = "daughter" if sex == "F" else "son"
        p = Person(given, culture.surname_for(family, sex, role), sex, dob, "child", culture)
        age_days = (self.reference - dob).days
        if age_days < 120 and self.rng.random() < 0.3:
            p.given, p.role = "Baby", "baby"
        elif self.rng.random() < 0.006:
            p.recorded_dob = dt.date(dob.year, 1, 1)
        p.nhs = self.nhs_number() if self.rng.random() < 0.55 else ""
        return p

    def children(self, culture: Culture, mother_age: float, count: int, family: str, father: str) -> list[Person]:
        rng = self.rng
        out: list[Person] = []
        age = min(17.5, mother_age - rng.uniform(19, 26))
        while len(out) < count and age > 0:
            dob = self.born(max(0.0, age))
            if dob > self.reference:
                dob = self.reference - dt.timedelta(days=rng.randint(1, 300))
            sex = rng.choice("MF")
            first = self.child(culture, sex, dob, family, father if sex == "M" else "")
            out.append(first)
            if rng.random() < 0.016 and len(out) < count + 1:  # twins
                other_sex = sex if rng.random() < 0.65 else ("F" if sex == "M" else "M")
                second = self.child(culture, other_sex, dob, family)
                if other_sex == sex and rng.random() < 0.4 and first.role != "baby":
                    a, b = rng.choice(LOOKALIKE_TWINS[sex])
                    first.given, second.given = a, b
                if first.role == "baby" or second.role == "baby":
                    first.given, first.role = "Baby", "baby"
                    second.given, second.role = "Baby", "baby"
                first.twin, second.twin = second, first
                out.append(second)
            age -= rng.uniform(1.3, 4.5)
        return out

    def household(self) -> list[Person]:  # noqa: C901, PLR0912, PLR0915 - one family's story, told in order
        rng = self.rng
        culture = self.culture()
        family = culture.family_name(rng)
        kind = rng.choices(["couple", "single", "step", "alone", "pair"], [42, 22, 10, 16, 10])[0]
        members: list[Person] = []
        mother_age = rng.uniform(22, 52)
        if kind == "alone":
            members.append(self.adult(culture, rng.choice("MF"), rng.uniform(18, 85), family, "son"))
        else:
            mixed = rng.random() < 0.06
            mother_culture = self.culture() if mixed else culture
            maiden = mother_culture.family_name(rng)
            father = None
            if kind != "single" or rng.random() < 0.12:
                father = self.adult(culture, "M", mother_age + rng.uniform(-3, 8), family, "son")
                members.append(father)
            takes_name = father is not None and culture.key not in ("chinese",) and rng.random() < 0.6
            mother = self.adult(mother_culture, "F", mother_age, family if takes_name else maiden,
                                "wife" if takes_name else "daughter")  # fmt: skip
            if father is None and kind == "single":
                members = [mother]
            else:
                members.append(mother)
            if takes_name and rng.random() < 0.5:
                mother.previous.append(mother_culture.surname_for(maiden, "F", "daughter"))
            if kind != "pair":
                count = rng.choices([1, 2, 3, 4, 5], [30, 36, 20, 9, 5])[0]
                child_family = family if father is not None else mother.family
                if father is not None and not takes_name:
                    roll = rng.random()
                    if roll < 0.2 and "-" not in family and "-" not in maiden:
                        child_family = f"{family}-{maiden}" if rng.random() < 0.5 else f"{maiden}-{family}"
                    elif roll < 0.3:
                        child_family = maiden
                father_given = father.given.split()[0] if father is not None else ""
                if kind == "step" and father is not None:
                    earlier_family = mother_culture.family_name(rng)
                    earlier = self.children(mother_culture, mother_age, rng.randint(1, 3), earlier_family, "")
                    for c in earlier:
                        if rng.random() < 0.3:  # took the step-father's name
                            if rng.random() < 0.5:
                                c.previous.append(c.family)
                            c.family = culture.surname_for(family, c.sex, "son")
                    members += earlier
                    younger = self.children(culture, mother_age - 7, max(0, count - len(earlier)), child_family,
                                            father_given)  # fmt: skip
                    members += younger
                else:
                    kids = self.children(culture, mother_age, count, child_family, father_given)
                    if culture.key == "west_african" and rng.random() < 0.3:
                        for c in kids:  # a Ghanaian or Yoruba child may carry a name of their own
                            if rng.random() < 0.5:
                                c.family = culture.family_name(rng)
                    members += kids
                if father is not None and culture.key == "english" and rng.random() < 0.05:
                    sons = [c for c in members if c.role == "child" and c.sex == "M"]
                    if sons:
                        sons[0].given = father.given  # named after his father
            if mother_age < 44 and rng.random() < 0.035:
                unborn = Person(rng.choice(["Baby", "Baby", ""]), mother.family, "U", None, "unborn", culture)
                unborn.recorded_dob = None
                unborn.expected = self.reference + dt.timedelta(days=rng.randint(45, 270))
                members.append(unborn)
        if rng.random() < 0.03 and members:
            elder = self.adult(culture, rng.choice("MF"), rng.uniform(60, 88), family, "son")
            kids = [m for m in members if m.role == "child" and m.sex == elder.sex]
            if kids and rng.random() < 0.5:
                elder.given = kids[0].given  # a grandchild named after a grandparent
            members.append(elder)
        postcode, address = self.town.home(rng)
        for m in members:
            m.postcode, m.address = postcode, address
            m.kin = members
            if not m.given and m.role != "unborn":
                m.given = "Baby"
        return members


def households(families: Families, people: int) -> Iterator[list[Person]]:
    """Households numbered in order, `people` people in all (the last household cut short)."""
    made = 0
    number = 0
    while made < people:
        number += 1
        members = families.household()[: people - made]
        for i, p in enumerate(members):
            p.pid = f"LA-{made + i + 1:07d}"
            p.group = f"F{number}"
        made += len(members)
        yield members


# ---------------------------------------------------------------- queries

OCR_NAME = [("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("l", "1"), ("I", "l"), ("li", "h"), ("vv", "w")]
OCR_POSTCODE = [("0", "O"), ("O", "0"), ("1", "I"), ("I", "1"), ("5", "S"), ("S", "5"), ("8", "B"), ("B", "8")]


class Query:
    def __init__(self, p: Person, present: bool, reference: dt.date):
        self.subject = p
        self.given = p.given
        self.family = p.family
        self.previous = ""
        self.dob = p.dob if p.role != "unborn" else p.expected
        self.sex = p.sex if p.sex in "MF" else ""
        self.postcode = p.postcode
        self.nhs = ""
        self.present = present
        self.reference = reference
        self.corruptions: list[str] = []
        self.categories: list[str] = []

    def row(self, number: int) -> tuple[str, ...]:
        p = self.subject
        twin = p.twin.pid if p.twin is not None and p.twin.pid else ""
        return (
            f"Q{number:05d}", self.given, self.family, self.previous, _iso(self.dob), self.sex, self.postcode, "",
            self.nhs, p.pid if self.present else "", ";".join(self.corruptions), twin if self.present else "",
            ";".join(self.categories),
        )  # fmt: skip


def _swap_piece(text: str, rng: random.Random, pairs: list[tuple[str, str]]) -> str | None:
    options = [(a, b) for a, b in pairs if a in text]
    if not options:
        return None
    a, b = rng.choice(options)
    at = [i for i in range(len(text)) if text.startswith(a, i)]
    i = rng.choice(at)
    return text[:i] + b + text[i + len(a) :]


def c_ocr(q: Query, rng: random.Random) -> bool:
    targets = ["given", "family", "postcode"]
    rng.shuffle(targets)
    for target in targets:
        value = getattr(q, target)
        changed = _swap_piece(value, rng, OCR_POSTCODE if target == "postcode" else OCR_NAME)
        if changed and changed != value:
            setattr(q, target, changed)
            return True
    return False


def c_hyphen_apostrophe(q: Query, rng: random.Random) -> bool:
    name = q.family
    if "'" in name:
        q.family = rng.choice([name.replace("'", ""), name.replace("'", " "), name.replace("'", "\u2019")])
        return True
    if "-" in name:
        left, right = name.split("-", 1)
        q.family = rng.choice([f"{left} {right}", left + right.lower(), left, right, f"{right}-{left}"])
        return True
    if " " in q.given:
        return False
    if "-" in q.given:
        q.given = q.given.replace("-", rng.choice(["", " "]))
        return True
    return False


def c_initials(q: Query, rng: random.Random) -> bool:
    if not q.given or q.given == "Baby":
        return False
    q.given = q.given[0] + rng.choice(["", "."])
    return True


def c_nickname(q: Query, rng: random.Random) -> bool:
    first = q.given.split()[0] if q.given else ""
    if first not in NICKNAMES:
        return False
    q.given = rng.choice(NICKNAMES[first].split())
    return True


def c_transposed(q: Query, rng: random.Random) -> bool:
    target = rng.choice(["given", "family"])
    value = getattr(q, target)
    spots = [i for i in range(1, len(value) - 1) if value[i].isalpha() and value[i + 1].isalpha()
             and value[i] != value[i + 1]]  # fmt: skip
    if not spots or value == "Baby":
        return False
    i = rng.choice(spots)
    setattr(q, target, value[:i] + value[i + 1] + value[i] + value[i + 2 :])
    return True


def c_swapped(q: Query, rng: random.Random) -> bool:
    if not q.given or q.given == "Baby":
        return False
    q.given, q.family = q.family, q.given.split()[0]
    return True


def c_family_changed(q: Query, rng: random.Random) -> bool:
    """A new family name the index does not know (a marriage, a step-father's name, a new partner)."""
    p = q.subject
    new = p.culture.surname_for(p.culture.family_name(rng), p.sex, "wife")
    if new == q.family:
        return False
    q.family = new
    return True


def c_family_earlier(q: Query, rng: random.Random) -> bool:
    if not q.subject.previous:
        return False
    q.family = rng.choice(q.subject.previous)
    return True


def c_moved(q: Query, rng: random.Random, town: Town | None = None) -> bool:
    if not q.postcode or town is None:
        return False
    q.postcode = town.move(rng, q.subject.postcode)
    return q.postcode != q.subject.postcode


def c_postcode_missing(q: Query, rng: random.Random) -> bool:
    if not q.postcode:
        return False
    q.postcode = ""
    return True


def c_dob_missing(q: Query, rng: random.Random) -> bool:
    if q.dob is None:
        return False
    q.dob = None
    return True


def c_day_month(q: Query, rng: random.Random) -> bool:
    d = q.dob
    if d is None or d.day > 12 or d.day == d.month:
        return False
    q.dob = dt.date(d.year, d.day, d.month)
    return True


def c_year_plus_one(q: Query, rng: random.Random) -> bool:
    d = q.dob
    if d is None or q.subject.role == "unborn" or _plus_years(d, 1) <= q.reference:
        return False
    q.dob = _plus_years(d, 1)
    return True


def c_day_typo(q: Query, rng: random.Random) -> bool:
    d = q.dob
    if d is None:
        return False
    day = d.day
    options = [x for x in (day + 1, day - 1, int(str(day).zfill(2)[::-1]), day + 10, day - 10) if 1 <= x <= 28]
    options = [x for x in options if x != day]
    if not options:
        return False
    q.dob = d.replace(day=rng.choice(options))
    return True


def c_spelling(q: Query, rng: random.Random) -> bool:
    for target in ("given", "family"):
        value = getattr(q, target)
        first = value.split()[0] if value else ""
        for group in SPELLINGS:
            names = group.split()
            if first in names:
                setattr(q, target, value.replace(first, rng.choice([n for n in names if n != first]), 1))
                return True
    return False


def c_folded(q: Query, rng: random.Random) -> bool:
    given, family = _fold(q.given), _fold(q.family)
    if (given, family) == (q.given, q.family):
        return False
    q.given, q.family = given, family
    return True


def c_known_by_middle(q: Query, rng: random.Random) -> bool:
    parts = q.given.split()
    if len(parts) < 2:
        return False
    q.given = parts[1]
    return True


def c_typo(q: Query, rng: random.Random) -> bool:
    target = rng.choice(["given", "family"])
    value = getattr(q, target)
    if len(value) < 4 or value == "Baby":
        return False
    i = rng.randrange(1, len(value))
    letter = rng.choice("aeiounrstlhmdc")
    edit = rng.random()
    if edit < 0.4:
        value = value[:i] + letter + value[i + 1 :]
    elif edit < 0.7:
        value = value[:i] + value[i + 1 :]
    else:
        value = value[:i] + letter + value[i:]
    if value == getattr(q, target):
        return False
    setattr(q, target, value)
    return True


CORRUPTIONS: list[tuple[str, float, Callable[..., bool]]] = [
    ("ocr", 8, c_ocr),
    ("hyphen_apostrophe", 25, c_hyphen_apostrophe),
    ("initials_only", 3, c_initials),
    ("nickname", 12, c_nickname),
    ("transposed", 7, c_transposed),
    ("typo", 7, c_typo),
    ("names_swapped", 3, c_swapped),
    ("family_changed", 4, c_family_changed),
    ("family_earlier", 20, c_family_earlier),
    ("moved", 10, c_moved),
    ("postcode_missing", 6, c_postcode_missing),
    ("dob_missing", 6, c_dob_missing),
    ("day_month_swapped", 5, c_day_month),
    ("year_plus_one", 30, c_year_plus_one),
    ("day_typo", 4, c_day_typo),
    ("spelling_variant", 20, c_spelling),
    ("diacritics_dropped", 20, c_folded),
    ("known_by_middle_name", 3, c_known_by_middle),
]
CORRUPTION_NAMES = [c[0] for c in CORRUPTIONS]
CORRUPTION_WEIGHTS = [c[1] for c in CORRUPTIONS]
CORRUPTION_FUNCS = {c[0]: c[2] for c in CORRUPTIONS}
# Touch the given name: a query changed so is no test of telling twins apart.
GIVEN_NAME_LOST = {"initials_only", "names_swapped", "known_by_middle_name"}


class QueryMaker:
    def __init__(self, seed: int, reference: dt.date, town: Town):
        self.rng = random.Random(f"population2-queries/{seed}")
        self.reference = reference
        self.town = town
        self.families = Families(seed + 1000, 5000, reference)  # strangers come from households never indexed

    def corrupt(self, q: Query) -> None:
        rng = self.rng
        wanted = rng.choices([0, 1, 2, 3], [22, 40, 27, 11])[0]
        p = q.subject
        if p.role == "baby" and rng.random() < 0.4:
            q.given = p.culture.given_name(p.sex, rng, self.reference.year)  # named since the record was made
            q.corruptions.append("named_since")
        tries = 0
        while len(q.corruptions) < wanted and tries < 20:
            tries += 1
            name = rng.choices(CORRUPTION_NAMES, CORRUPTION_WEIGHTS)[0]
            if name in q.corruptions:
                continue
            func = CORRUPTION_FUNCS[name]
            done = func(q, rng, self.town) if name == "moved" else func(q, rng)
            if done:
                q.corruptions.append(name)

    def finish(self, q: Query) -> None:
        rng = self.rng
        p = q.subject
        if rng.random() < 0.4:
            q.sex = ""
        if " " in q.given and rng.random() < 0.5 and "known_by_middle_name" not in q.corruptions:
            q.given = q.given.split()[0]
        if p.nhs and rng.random() < 0.12:
            q.nhs = p.nhs
        q.categories = self.categories(q) + q.categories

    def categories(self, q: Query) -> list[str]:  # noqa: C901 - one test per category
        p = q.subject
        cats = [f"culture:{p.culture.key}"]
        if q.present:
            if p.twin is not None and p.twin.pid:
                cats.append("twin")
                lost = GIVEN_NAME_LOST.intersection(q.corruptions) or p.given == "Baby" or q.given in ("Baby", "")
                if not lost:
                    cats.append("twin_named")
            if p.role == "unborn":
                cats.append("unborn")
            if p.role == "baby":
                cats.append("baby_placeholder")
            if p.recorded_dob is None and p.role != "unborn":
                cats.append("index_dob_missing")
            elif p.recorded_dob != p.dob:
                cats.append("index_dob_default")
            if any(other.family != p.family for other in p.kin if other.role == "child") and p.role == "child":
                cats.append("step_family")
        if q.dob is not None:
            cats.append("has_dob")
            if q.dob > self.reference:
                cats.append("future_dob")
        return cats

    def present(self, p: Person) -> Query:
        q = Query(p, True, self.reference)
        if p.role == "unborn":
            roll = self.rng.random()
            if roll < 0.2 and p.expected:
                q.dob = p.expected + dt.timedelta(days=self.rng.randint(-14, 14))
                q.corruptions.append("expected_date_differs")
            elif roll < 0.4:
                q.dob = None
                q.corruptions.append("dob_missing")
            q.given = self.rng.choice(["Baby", "", "Unborn"]) if self.rng.random() < 0.5 else p.given
            q.postcode = q.postcode if self.rng.random() < 0.85 else ""
        else:
            self.corrupt(q)
        self.finish(q)
        return q

    def absent(self, p: Person, kind: str) -> Query:
        """A query about someone not in the index, made from an indexed person `p`."""
        rng = self.rng
        f = self.families
        if kind == "absent_twin" and p.dob is not None:
            sex = p.sex if rng.random() < 0.6 else rng.choice("MF")
            other = Person(p.culture.given_name(sex, rng, p.dob.year), p.family, sex, p.dob, "child", p.culture)
            if sex == p.sex and rng.random() < 0.4:
                pair = rng.choice(LOOKALIKE_TWINS[sex])
                other.given = pair[1] if p.given.split()[0] == pair[0] else pair[0]
            other.postcode, other.kin = p.postcode, p.kin
        elif kind == "absent_sibling" and p.dob is not None:
            sex = rng.choice("MF")
            dob = min(
                self.reference - dt.timedelta(days=3),
                p.dob + dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(400, 2500)),
            )
            other = Person(p.culture.given_name(sex, rng, dob.year), p.family, sex, dob, "child", p.culture)
            other.postcode, other.kin = p.postcode, p.kin
        elif kind == "absent_namesake" and p.dob is not None:
            dob = p.dob + dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(200, 4000))
            dob = min(dob, self.reference - dt.timedelta(days=3))
            other = Person(p.given, p.family, p.sex, dob, "adult", p.culture)
            other.postcode = self.town.move(rng, p.postcode) if rng.random() < 0.7 else p.postcode
        else:
            kind = "absent_stranger"
            members = [m for m in f.household() if m.role in ("adult", "child")]
            other = rng.choice(members)
            other.postcode = rng.choice(self.town.postcodes)
        q = Query(other, False, self.reference)
        q.categories.append("absent")
        q.categories.append(kind)
        self.corrupt(q)
        self.finish(q)
        return q


def _special(m: Person, reference: dt.date) -> str:
    if m.role == "unborn":
        return "unborn"
    if m.twin is not None:
        return "twin"
    if m.dob is not None and (reference - m.dob).days < 366:
        return "infant"
    return ""


def _reservoir(rng: random.Random, kept: list[Person], size: int, seen: dict[str, int], group: str, m: Person) -> None:
    seen[group] += 1
    if len(kept) < size:
        kept.append(m)
        return
    i = rng.randrange(seen[group])
    if i < size:
        kept[i] = m


def _paths(out_dir: Path, people: int, queries: int, seed: int, reference: dt.date) -> tuple[Path, Path]:
    tag = f"{people}-q{queries}-s{seed}-{reference:%Y%m}-v{VERSION}"
    return out_dir / f"pop2-people-{tag}.csv", out_dir / f"pop2-queries-{tag}.csv"


def default_reference() -> dt.date:
    today = dt.datetime.now(dt.UTC).date()
    return today.replace(day=1)


def generate(
    out_dir: Path,
    people: int,
    queries: int = 2000,
    seed: int = 11,
    reference: dt.date | None = None,
    absent_share: float = 0.16,
) -> tuple[Path, Path]:
    reference = reference or default_reference()
    people_csv, queries_csv = _paths(out_dir, people, queries, seed, reference)
    if people_csv.exists() and queries_csv.exists():
        return people_csv, queries_csv
    out_dir.mkdir(parents=True, exist_ok=True)
    picker = random.Random(f"population2-pick/{seed}")
    n_absent = round(queries * absent_share)
    n_present = queries - n_absent
    # Most subjects are drawn at random; twins, babies and the unborn are drawn more often than they
    # occur (10%, 5% and 2% of the queries about indexed people) so that there are enough to measure.
    quotas = {"twin": n_present // 10, "infant": n_present // 20, "unborn": n_present // 50}
    chosen = set(picker.sample(range(1, people + 1), min(people, n_present - sum(quotas.values()))))
    seeds = set(picker.sample(range(1, people + 1), min(people, n_absent * 3)))
    subjects: list[Person] = []
    bases: list[Person] = []
    special: dict[str, list[Person]] = {k: [] for k in quotas}
    seen = dict.fromkeys(quotas, 0)
    partial = people_csv.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PEOPLE_HEADER)
        made = 0
        families = Families(seed, people, reference)
        for members in households(families, people):
            writer.writerows(m.row() for m in members)
            for m in members:
                made += 1
                if made in chosen:
                    subjects.append(m)
                if made in seeds and m.role in ("adult", "child"):
                    bases.append(m)
                group = _special(m, reference)
                if group and made not in chosen:
                    _reservoir(picker, special[group], quotas[group], seen, group, m)
    maker = QueryMaker(seed, reference, families.town)
    for group in special.values():
        subjects += group
    made_queries = [maker.present(p) for p in subjects]
    kinds = ["absent_twin", "absent_sibling", "absent_namesake", "absent_stranger"]
    children = [b for b in bases if b.role == "child"]
    for i in range(n_absent):
        kind = kinds[i % 4]
        pool = children if kind in ("absent_twin", "absent_sibling") and children else bases
        made_queries.append(maker.absent(maker.rng.choice(pool), kind))
    maker.rng.shuffle(made_queries)
    qpartial = queries_csv.with_suffix(".partial")
    with qpartial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(QUERY_HEADER)
        writer.writerows(q.row(i + 1) for i, q in enumerate(made_queries))
    partial.replace(people_csv)
    qpartial.replace(queries_csv)
    return people_csv, queries_csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--reference", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: 1st)")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "population2")
    args = parser.parse_args()
    started = time.perf_counter()
    people_csv, queries_csv = generate(args.out, args.people, args.queries, args.seed, args.reference)
    print(f"{people_csv}\n{queries_csv}\n{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
