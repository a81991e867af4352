"""A synthetic population of households in England, and queries about it, for measuring person matching.

`write_population(out_dir, people)` writes two CSV files (and reuses them when both are there):

* `people-{N}-{seed}.csv`: the person index in the `frontdoor people import` contract, plus `household_id`.
  A household is 1-2 adults (18-60) and 0-5 children (0-17) at one address; about 35% have one parent.
  There are twins and a few triplets, half-siblings with an earlier father's surname, hyphenated
  surnames, mothers' maiden names and children's earlier surnames (previous_family_names), babies
  held as `Baby`, middle names, and about 15% of households with South Asian, Polish, West African,
  Somali, Turkish or Chinese names (Polish and Turkish names held with or without their diacritics).
* `queries-{N}-{seed}.csv`: what a caller might tell the front door. About 85% are about someone in
  the index (`expected_person_id`), 15% about someone who is not: half of those are hard (a new child
  in an indexed household, or a namesake of an indexed person born in another year elsewhere). Each
  query has 0-2 corruptions (typos, nicknames, transliterations, a swapped day and month, a move...)
  listed in `corruptions`; `twin_person_id` names a twin or triplet of the subject.

Everything is made up and follows from the seed: names are drawn from Faker's English name lists
and the lists below (no Faker call per row), NHS numbers begin with 9 (a range not issued to
patients in England) and ages count from REFERENCE_DATE, so the files do not change from day to day.

Usage: .venv/bin/python benchmarks/population.py --people 20000 [--queries 2000] [--seed 7] [--out DIR]
"""

import argparse
import bisect
import csv
import dataclasses
import datetime as dt
import functools
import itertools
import math
import random
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from faker.providers.person import en_GB, en_IE, en_NZ, en_US
from nicknames import NickNamer

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DATE = dt.date(2025, 6, 30)  # "today" for ages: fixed, so that a seed always gives the same files
YEAR = 365.25

# The person columns of `frontdoor people import` (and of `people match` queries).
PERSON_COLUMNS = (
    "given_names",
    "family_name",
    "previous_family_names",
    "date_of_birth",
    "sex",
    "postcode",
    "address",
    "nhs_number",
)
PEOPLE_COLUMNS = ("person_id", *PERSON_COLUMNS, "household_id")
QUERY_COLUMNS = ("query_id", *PERSON_COLUMNS, "expected_person_id", "corruptions", "twin_person_id")

# Households and people.
CHILDREN = {0: 14, 1: 28, 2: 30, 3: 16, 4: 8, 5: 4}  # children per household (weights)
SINGLE_PARENT = 0.35
LONE_FATHER = 0.1  # of single-parent households
MIXED_COUPLE = 0.08  # the mother's names come from another culture
TWINS, TRIPLETS = 0.015, 0.0006  # per birth: about 3% of children are a twin
TWINS_BOY_GIRL = 0.3
BABY_HELD_AS_PLACEHOLDER = 0.26  # of children under 1: about 0.5% of everyone
MOTHER_TAKES_NAME = 0.6  # of mothers living with the father
MAIDEN_NAME_HELD = 0.45  # of mothers whose surname is not their birth name
HALF_SIBLINGS = 0.12  # households where the elder children carry an earlier father's surname
HYPHENATED_CHILDREN = 0.2  # of couples where the mother kept her name
HYPHENATED_SURNAME = 0.025
CHILD_SURNAME_CHANGED = 0.03
NHS_NUMBER_HELD = 0.6
ADULT_DOB_MISSING = 0.01
POSTCODE_MISSING = 0.01
FOLDED = 0.5  # Polish and Turkish names held without their diacritics

# Queries.
POSITIVE_SHARE = 0.85
CATEGORY_SHARE = 0.03  # each of twins, Baby, previous names, hyphenated, non-English: at least this share
CORRUPTION_COUNTS = {0: 15, 1: 60, 2: 25}
QUERY_NHS_NUMBER = 0.1 / NHS_NUMBER_HELD  # of those who have one: about 10% of queries
ATTEMPTS = 10

# Names. Adults' English names come from Faker's en_GB lists; children's from these (popular in
# England and Wales, 2005-2024, roughly most popular first). Every list is of one sex.
MODERN_BOYS = """
Oliver George Harry Noah Jack Leo Arthur Oscar Charlie Jacob Thomas Freddie Alfie Theo William Henry
Archie Joshua James Lucas Isaac Alexander Edward Samuel Max Joseph Ethan Logan Daniel Finley Mason
Harrison Riley Dylan Jude Louie Reggie Albert Frederick Alfred Benjamin Sebastian Elijah Tommy Teddy
Rory Callum Jake Kyle Liam Ryan Connor Lewis Matthew Luke Adam Nathan Tyler Bradley Jayden Kai Ronnie
Hugo Louis Toby Stanley Ollie Jenson Ezra Arlo Finn Rowan Jasper Zachary Harvey Joel Aaron Elliot
Jamie Kian Leon Michael Christopher Robert Nicholas Patrick Owen Caleb Reuben Frankie Carter Bobby
Sonny Harley Jaxon Albie Ellis Hunter Felix Jesse Blake Dexter Cameron Charles Luca Jonah Gabriel David
"""
MODERN_GIRLS = """
Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Willow Freya Florence Emily Ella Poppy
Evie Elsie Charlotte Evelyn Sienna Sofia Daisy Phoebe Alice Harper Matilda Ruby Emilia Maya Isabelle
Millie Eva Jessica Chloe Sophie Megan Lucy Holly Ellie Amber Katie Hannah Lauren Elizabeth Catherine
Eleanor Abigail Scarlett Layla Esme Thea Aria Luna Hallie Robyn Violet Bonnie Mabel Nancy Zara Imogen
Erin Georgia Molly Lola Maisie Lottie Darcie Bella Harriet Rebecca Bethany Jasmine Victoria Leah Paige
Courtney Abbie Caitlin Niamh Jade Summer Orla Gracie Eliza Beatrice Margaret Penelope Heidi Edith Iris
Mila Aurora Ada Ophelia Alexandra Natalie Samantha Katherine Josephine Frances
"""


@dataclass(frozen=True)
class CultureNames:
    """Name lists I wrote for one group of families common in England (most frequent first)."""

    key: str
    share: float  # of households
    boys: str
    girls: str
    surnames: str
    middle_rate: float = 0.15
    women_surnames: tuple[str, ...] = ()  # held by women whatever their family's surname


OTHER_CULTURES = (
    CultureNames(
        "south_asian_muslim",
        0.05,
        """Muhammad Mohammed Ibrahim Yusuf Ayaan Zayn Adam Ali Hamza Musa Rayyan Omar Hassan Ismail Idris
        Yahya Zakariya Bilal Usman Ahmed Imran Tariq Amir Haris Abdullah Arham Subhan Salman Faisal Kamran
        Asif Nadeem Shahid Rizwan Junaid Saif Rehan Harun Mustafa Khalid""",
        """Aisha Fatima Zainab Maryam Amina Hafsa Safiya Khadija Noor Sana Ayesha Iqra Hira Nadia Yasmin
        Samira Inaya Zara Alisha Aleena Anaya Eshal Hania Mariam Sumaiya Ruqayyah Halima Nusrat Shazia
        Farzana Rukhsana Nasreen Shabana Tahmina Rubina Jannat Laiba""",
        """Khan Ahmed Hussain Ali Akhtar Rahman Islam Uddin Miah Mahmood Iqbal Shah Malik Hassan Choudhury
        Raza Butt Siddiqui Ahmad Aslam Rashid Chaudhry Mirza Qureshi Sheikh Anwar Bashir Javed Nawaz Haque
        Karim Ullah Hussein Rehman""",
        middle_rate=0.25,
        women_surnames=("Begum", "Begum", "Bibi"),
    ),
    CultureNames(
        "indian",
        0.03,
        """Arjun Rohan Aarav Vihaan Krish Dev Aryan Ravi Sanjay Rajesh Amit Vikram Nikhil Suresh Rahul Anil
        Deepak Manish Harjit Ranjit Jaspal Vivek Pranav Ishaan Kabir Hari Sunil Ashok""",
        """Priya Anjali Pooja Sunita Kavita Neha Simran Asha Divya Meera Riya Anika Aditi Shreya Isha Nisha
        Rani Sita Lakshmi Geeta Hema Komal Gurleen""",
        """Patel Singh Shah Sharma Gill Sandhu Mistry Kumar Chauhan Parmar Joshi Mehta Sidhu Dhillon Grewal
        Bains Rai Desai Lal Gupta Verma Thakkar Solanki Chopra Kapoor Bhatt Malhotra""",
    ),
    CultureNames(
        "polish",
        0.025,
        """Jakub Kacper Szymon Filip Mateusz Piotr Tomasz Krzysztof Paweł Michał Marcin Łukasz Jan Antoni
        Wojciech Bartosz Dawid Adrian Kamil Grzegorz Andrzej Marek Dominik Oskar Igor""",
        """Zuzanna Julia Maja Lena Hanna Aleksandra Natalia Agnieszka Katarzyna Magdalena Joanna Zofia
        Oliwia Wiktoria Małgorzata Ewa Monika Karolina Marta Kinga Justyna Dorota Barbara Alicja Gabriela""",
        """Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
        Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski
        Michalski Król Wieczorek Jabłoński Wróbel Nowicki Majewski Olszewski Stępień Malinowski Jaworski
        Adamczyk Dudek Zając""",
        middle_rate=0.05,
    ),
    CultureNames(
        "west_african",
        0.022,
        """Chinedu Emeka Tunde Kwame Kofi Femi Chukwuemeka Obinna Ikenna Kwabena Yaw Kojo Olumide Babajide
        Nnamdi Ebuka Emmanuel Samuel David Daniel Joshua Michael Victor Prince Godwin Kayode Segun""",
        """Adaeze Chioma Ngozi Funmilayo Abena Ama Amara Folake Precious Blessing Chiamaka Nneka Adwoa Akosua
        Efua Yewande Bukola Titilayo Ifeoma Chinwe Esther Grace Comfort Gifty Favour Mercy Ruth Deborah""",
        """Okafor Adeyemi Okonkwo Adebayo Mensah Boateng Owusu Asante Eze Nwosu Ogunleye Babatunde Osei
        Oduya Okeke Obi Nwachukwu Adeleke Ogunbiyi Akinola Oyewole Afolabi Appiah Agyeman Darko Addo Ansah
        Opoku Acheampong Olawale Bakare""",
        middle_rate=0.35,
    ),
    CultureNames(
        "somali_arabic",
        0.01,
        """Abdi Abdullahi Mohamed Ahmed Yusuf Khalid Said Abdirahman Abdikarim Hamza Omar Ali Ibrahim
        Mustafa Ismail Hassan Hussein Yasin Mahad Guled Karim Tariq Samir Rami Majid""",
        """Hodan Amina Fadumo Hibo Sahra Ayan Ifrah Hamdi Nimco Sagal Halima Khadra Deqa Ubah Fartun Ilhan
        Muna Safia Zamzam Warda Hafsa Layla Rana Huda Reem""",
        """Abdi Ali Mohamed Hassan Warsame Farah Osman Ahmed Hussein Omar Ibrahim Jama Aden Nur Yusuf
        Mohamud Egal Duale Elmi Hersi Gedi Ismail Abdullahi Haddad Khalil Saleh Mansour Nasser Aziz""",
        middle_rate=0.1,
    ),
    CultureNames(
        "turkish",
        0.007,
        """Mehmet Mustafa Emre Kerem Ahmet Murat Hasan Cem Baran Eren Ömer Kaan Burak Serkan Yusuf Hüseyin
        Emir Mert""",
        """Elif Zeynep Ayşe Fatma Emine Hatice Merve Esra Ebru Selin Defne Ecrin Azra Sibel Gülsen Büşra
        Özlem Yağmur""",
        """Yılmaz Kaya Demir Çelik Şahin Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin
        Kara Koç Kurt Özkan Şimşek""",
        middle_rate=0.05,
    ),
    CultureNames(
        "chinese",
        0.006,
        "Wei Jun Hao Jian Ming Lei Tao Jie Yong Zhi Bo Kai Peng Qiang Bin Gang",
        "Mei Xin Ying Hui Jing Yan Fang Xiu Lan Ling Qing Na Yue Xia Juan",
        "Wang Li Zhang Chen Liu Wong Chan Lam Cheung Ho Ng Lee Yang Huang Zhao Wu Zhou Xu Sun Lin",
        middle_rate=0.1,
    ),
)
FOLDABLE = frozenset({"polish", "turkish"})

# One name, several spellings: a query may use another of them.
SPELLINGS = (
    ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad"),
    ("Aisha", "Ayesha", "Aysha", "Aishah"),
    ("Yusuf", "Yousef", "Yusef", "Yousuf"),
    ("Fatima", "Fatimah", "Fatma"),
    ("Hussain", "Hussein", "Husain", "Hossain"),
    ("Ahmed", "Ahmad", "Ahmet"),
    ("Hassan", "Hasan"),
    ("Ibrahim", "Ebrahim"),
    ("Zainab", "Zaynab", "Zeinab"),
    ("Maryam", "Mariam"),
    ("Khadija", "Khadijah", "Khadeeja"),
    ("Amina", "Aminah", "Ameena"),
    ("Usman", "Osman", "Othman"),
    ("Abdullahi", "Abdullah"),
    ("Rahman", "Rehman"),
    ("Mahmood", "Mahmud", "Mehmood"),
    ("Choudhury", "Chowdhury", "Chaudhry", "Choudhry"),
    ("Hamza", "Hamzah"),
    ("Omar", "Umar", "Ömer"),
    ("Safiya", "Safiyah", "Safia"),
    ("Yasmin", "Yasmeen"),
    ("Ismail", "Ismael"),
    ("Idris", "Idrees"),
    ("Zakariya", "Zakaria", "Zakariyya"),
    ("Yahya", "Yahia"),
    ("Ruqayyah", "Ruqaiya", "Ruqayya"),
    ("Sumaiya", "Sumaya"),
    ("Siddiqui", "Siddiqi"),
    ("Sheikh", "Shaikh"),
    ("Mustafa", "Mustapha"),
    ("Abdirahman", "Abdulrahman"),
    ("Mohamud", "Mahmoud"),
    ("Aden", "Adan"),
    ("Khalid", "Khaled"),
    ("Hüseyin", "Huseyin"),
    ("Wong", "Huang"),
    ("Chan", "Chen"),
    ("Cheung", "Zhang"),
    ("Lee", "Li"),
    ("Lam", "Lin"),
)

# English short and formal forms; the `nicknames` package adds its own where they are real given names.
SHORT_FORMS = {
    "Alfred": ("Alfie", "Alf", "Fred"),
    "Alexander": ("Alex",),
    "Alexandra": ("Alex", "Lexi"),
    "Andrew": ("Andy",),
    "Anthony": ("Tony",),
    "Abigail": ("Abbie", "Abby"),
    "Amelia": ("Millie", "Amy"),
    "Archibald": ("Archie",),
    "Benjamin": ("Ben", "Benji"),
    "Catherine": ("Kate", "Cathy", "Katie"),
    "Katherine": ("Kate", "Kathy", "Katie"),
    "Charles": ("Charlie",),
    "Charlotte": ("Lottie", "Charlie"),
    "Christopher": ("Chris",),
    "Daniel": ("Dan", "Danny"),
    "David": ("Dave",),
    "Deborah": ("Debbie",),
    "Edward": ("Ed", "Eddie", "Ted", "Teddy"),
    "Eleanor": ("Ellie", "Nell"),
    "Elizabeth": ("Beth", "Liz", "Lizzie", "Eliza", "Libby"),
    "Frederick": ("Fred", "Freddie"),
    "Henry": ("Harry",),
    "Isabella": ("Bella", "Izzy"),
    "Isabelle": ("Izzy", "Bella"),
    "Jacqueline": ("Jackie",),
    "James": ("Jim", "Jamie"),
    "Jennifer": ("Jenny", "Jen"),
    "Jessica": ("Jess",),
    "Jonathan": ("Jon", "Jonny"),
    "Joseph": ("Joe",),
    "Joshua": ("Josh",),
    "Margaret": ("Maggie", "Peggy", "Meg"),
    "Matthew": ("Matt",),
    "Michael": ("Mike", "Mick"),
    "Nicholas": ("Nick",),
    "Nicola": ("Nicky",),
    "Oliver": ("Ollie",),
    "Olivia": ("Liv",),
    "Patrick": ("Pat", "Paddy"),
    "Peter": ("Pete",),
    "Philip": ("Phil",),
    "Rebecca": ("Becky", "Becca"),
    "Richard": ("Rich", "Richie"),
    "Robert": ("Bob", "Rob", "Bobby", "Robbie"),
    "Samuel": ("Sam",),
    "Samantha": ("Sam",),
    "Stephen": ("Steve",),
    "Steven": ("Steve",),
    "Susan": ("Sue", "Susie"),
    "Theodore": ("Theo", "Teddy"),
    "Thomas": ("Tom", "Tommy"),
    "Timothy": ("Tim",),
    "Victoria": ("Vicky", "Tori"),
    "William": ("Will", "Bill", "Billy"),
    "Zachary": ("Zach",),
    "Albert": ("Albie", "Bert"),
    "Evelyn": ("Evie",),
    "Florence": ("Flo", "Florrie"),
    "Frances": ("Fran",),
    "Harriet": ("Hattie",),
    "Imogen": ("Immy",),
    "Josephine": ("Jo", "Josie"),
    "Matilda": ("Tilly", "Tilda"),
    "Nathan": ("Nate",),
    "Ronald": ("Ron", "Ronnie"),
    "Sebastian": ("Seb",),
    "Stanley": ("Stan",),
}

# Addresses: a postcode area with its post town and how many districts it has (weights ~ population).
TOWNS = (
    ("CB", "Cambridge", 25, 2),
    ("PE", "Peterborough", 38, 3),
    ("NR", "Norwich", 35, 2),
    ("IP", "Ipswich", 33, 2),
    ("CO", "Colchester", 16, 1),
    ("CM", "Chelmsford", 24, 2),
    ("SS", "Southend-on-Sea", 17, 2),
    ("LU", "Luton", 7, 2),
    ("MK", "Milton Keynes", 19, 2),
    ("SL", "Slough", 9, 1),
    ("RG", "Reading", 45, 2),
    ("OX", "Oxford", 49, 2),
    ("B", "Birmingham", 98, 8),
    ("CV", "Coventry", 47, 3),
    ("WV", "Wolverhampton", 16, 2),
    ("LE", "Leicester", 67, 3),
    ("NG", "Nottingham", 34, 3),
    ("DE", "Derby", 75, 2),
    ("ST", "Stoke-on-Trent", 21, 2),
    ("M", "Manchester", 90, 7),
    ("OL", "Oldham", 16, 2),
    ("BB", "Blackburn", 18, 2),
    ("BL", "Bolton", 9, 2),
    ("L", "Liverpool", 40, 4),
    ("LS", "Leeds", 29, 4),
    ("BD", "Bradford", 24, 3),
    ("S", "Sheffield", 36, 4),
    ("HU", "Hull", 20, 2),
    ("NE", "Newcastle upon Tyne", 71, 4),
    ("SR", "Sunderland", 8, 2),
    ("BS", "Bristol", 49, 4),
    ("PL", "Plymouth", 35, 2),
    ("EX", "Exeter", 39, 2),
    ("SO", "Southampton", 53, 2),
    ("PO", "Portsmouth", 41, 2),
    ("BN", "Brighton", 45, 2),
    ("E", "London", 20, 5),
    ("N", "London", 22, 4),
    ("SE", "London", 28, 5),
    ("SW", "London", 20, 4),
    ("NW", "London", 11, 3),
)
STREETS = """
High Church Station Victoria Mill Park Queens Kings Manor Green London York Windsor Albert Highfield
Orchard Springfield Grange Meadow Chapel School New Main North South West East Cemetery Farm Bridge
Alexandra Oak Elm Beech Ash Willow Cedar Holly Cherry Hawthorn Rectory Vicarage Clarence Stanley
Richmond Grove Mount Brook River Hill Lime Castle Abbey Priory Cromwell Nelson Wellington Cambridge
Oxford Gladstone Elmwood Woodland Fairfield Coronation Jubilee Westfield Hollybush Sandringham
"""
STREET_KINDS = {"Road": 30, "Street": 18, "Lane": 10, "Avenue": 8, "Close": 10, "Drive": 6, "Way": 5}
STREET_KINDS |= {"Gardens": 3, "Crescent": 4, "Grove": 2, "Place": 2, "Court": 2, "Walk": 1, "Terrace": 3}
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


class Pool:
    """Names with weights, drawn as random.choices does (a cumulative table and bisect), without its per-call cost."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights
        self.names = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def without(self, names: set[str]) -> "Pool":
        return Pool({name: w for name, w in self.weights.items() if name not in names})

    def draw(self, rng: random.Random) -> str:
        i = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        return self.names[min(i, len(self.names) - 1)]


def zipf(names: Iterable[str], offset: float = 3.0) -> dict[str, float]:
    """Weights falling as 1/rank (shifted), for lists in order of popularity."""
    return {name: 1 / (rank + offset) for rank, name in enumerate(dict.fromkeys(names))}


def with_tail(head: dict[str, float], tail: Iterable[str], share: float) -> dict[str, float]:
    """`head` plus the other names in `tail`, equally weighted, making up `share` of the draws."""
    rest = [name for name in dict.fromkeys(tail) if name not in head]
    each = sum(head.values()) * share / (1 - share) / max(1, len(rest))
    return head | dict.fromkeys(rest, each)


@dataclass(frozen=True)
class Culture:
    key: str
    share: float
    boys: Pool
    girls: Pool
    men: Pool
    women: Pool
    surnames: Pool
    middle_rate: float
    women_surnames: tuple[str, ...] = ()

    def given(self, rng: random.Random, sex: str, child: bool) -> str:
        if sex == "M":
            return (self.boys if child else self.men).draw(rng)
        return (self.girls if child else self.women).draw(rng)


def _english() -> Culture:
    def names(attribute: str) -> list[str]:
        return [n for p in (en_IE, en_NZ) for n in getattr(p.Provider, attribute) if n.isalpha()]

    both = set(names("first_names_male")) & set(names("first_names_female"))
    tail_m = [n for n in names("first_names_male") if n not in both]
    tail_f = [n for n in names("first_names_female") if n not in both]
    surnames = [n for p in (en_IE, en_NZ, en_US) for n in p.Provider.last_names if " " not in n]
    return Culture(
        "english",
        1 - sum(c.share for c in OTHER_CULTURES),
        boys=Pool(with_tail(zipf(MODERN_BOYS.split(), 10), tail_m, 0.15)),
        girls=Pool(with_tail(zipf(MODERN_GIRLS.split(), 10), tail_f, 0.15)),
        men=Pool(with_tail(zipf(en_GB.Provider.first_names_male, 10), tail_m, 0.15)),
        women=Pool(with_tail(zipf(en_GB.Provider.first_names_female, 10), tail_f, 0.15)),
        surnames=Pool(with_tail(dict(en_GB.Provider.last_names), surnames, 0.6)),
        middle_rate=0.4,
    )


def _other(names: CultureNames) -> Culture:
    boys, girls = Pool(zipf(names.boys.split())), Pool(zipf(names.girls.split()))
    surnames = Pool(zipf(names.surnames.split(), 12))
    return Culture(names.key, names.share, boys, girls, boys, girls, surnames, names.middle_rate, names.women_surnames)


@functools.cache
def cultures() -> dict[str, Culture]:
    """Every culture's names, leaving out given names found in both a boys' and a girls' list (Frankie, Jan)."""
    found = [_english(), *(_other(c) for c in OTHER_CULTURES)]
    male = {name for c in found for pool in (c.boys, c.men) for name in pool.names}
    female = {name for c in found for pool in (c.girls, c.women) for name in pool.names}
    both = male & female
    return {
        c.key: dataclasses.replace(
            c,
            boys=c.boys.without(both),
            men=c.men.without(both),
            girls=c.girls.without(both),
            women=c.women.without(both),
        )
        for c in found
    }


def fold(name: str) -> str:
    """The name without diacritics, as an English system often holds it (Wójcik -> Wojcik)."""
    name = name.translate(str.maketrans("łŁıø", "lLio"))
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def surname_for(surname: str, sex: str) -> str:
    """The form of a family surname that a woman carries (Kowalski -> Kowalska, Singh -> Kaur)."""
    if sex != "F":
        return surname
    if surname == "Singh":
        return "Kaur"
    for masculine, feminine in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    return surname


def normalise(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace("'", "").split())


def first_name(given: str) -> str:
    return given.split()[0] if given else ""


def identity_key(given: str, family: str, dob: dt.date | None) -> int:
    """What makes two records look like the same person: first given name, surname and date of birth."""
    return hash((first_name(normalise(given)), normalise(family), dob))


@dataclass(slots=True)
class Person:
    person_id: str
    given_names: str
    family_name: str
    sex: str
    date_of_birth: dt.date | None
    culture: str
    household_id: str
    postcode: str
    address: str
    child: bool
    previous: tuple[str, ...] = ()
    nhs_number: str = ""
    placeholder: bool = False  # held as `Baby` before being named
    twins: tuple[str, ...] = ()  # person_ids of twin or triplet siblings

    def row(self) -> tuple[str, ...]:
        dob = self.date_of_birth.isoformat() if self.date_of_birth else ""
        return (
            self.person_id,
            self.given_names,
            self.family_name,
            ";".join(self.previous),
            dob,
            self.sex,
            self.postcode,
            self.address,
            self.nhs_number,
            self.household_id,
        )

    def key(self) -> int:
        return identity_key(self.given_names, self.family_name, self.date_of_birth)

    def categories(self) -> list[str]:
        """The kinds of record that every query set must include."""
        kinds = [("twin", bool(self.twins)), ("baby", self.placeholder), ("previous", bool(self.previous))]
        kinds += [("hyphenated", "-" in self.family_name), ("non_english", self.culture != "english")]
        return [name for name, present in kinds if present]


class Home(NamedTuple):
    household_id: str
    postcode: str
    address: str


@dataclass
class Surnames:
    """Who carries which surname in a household."""

    children: str
    mother: str
    mother_previous: tuple[str, ...]
    father: str
    earlier: str = ""  # an earlier father's surname, carried by the elder children
    elder: int = 0  # how many births carry it


class Households:
    """Makes households one at a time; each person gets the next person_id and a unique NHS number."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.cultures = cultures()
        self.culture_pool = Pool({key: c.share for key, c in self.cultures.items()})
        self.children_pool = Pool({str(n): w for n, w in CHILDREN.items()})
        self.towns = Pool({str(i): town[3] for i, town in enumerate(TOWNS)})
        self.streets = STREETS.split()
        self.street_kinds = Pool(STREET_KINDS)
        self.people = 0
        self.households = 0
        self.nhs_numbers: set[str] = set()
        self.today = REFERENCE_DATE.toordinal()

    # Names and identifiers.

    def culture(self) -> Culture:
        return self.cultures[self.culture_pool.draw(self.rng)]

    def surname(self, culture: Culture) -> str:
        rng = self.rng
        name = culture.surnames.draw(rng)
        if culture.key == "english" and rng.random() < HYPHENATED_SURNAME:
            other = culture.surnames.draw(rng)
            name = f"{name}-{other}" if other != name else name
        return fold(name) if culture.key in FOLDABLE and rng.random() < FOLDED else name

    def maiden_name(self, culture: Culture) -> str:
        if culture.women_surnames and self.rng.random() < 0.4:
            return self.rng.choice(culture.women_surnames)
        return self.surname(culture)

    def given(self, culture: Culture, sex: str, child: bool, avoid: Iterable[str] = ()) -> str:
        rng, avoid = self.rng, set(avoid)
        name = culture.given(rng, sex, child)
        while name in avoid:
            name = culture.given(rng, sex, child)
        if rng.random() < culture.middle_rate:
            middle = culture.given(rng, sex, child)
            name = f"{name} {middle}" if middle != name else name
        return fold(name) if culture.key in FOLDABLE and rng.random() < FOLDED else name

    def nhs_number(self) -> str:
        """A unique ten-digit number beginning with 9, with a valid modulus-11 check digit."""
        while True:
            digits = str(900_000_000 + self.rng.randrange(100_000_000))
            check = 11 - sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
            number = digits + str(0 if check == 11 else check)
            if check != 10 and number not in self.nhs_numbers:
                self.nhs_numbers.add(number)
                return number

    def address(self) -> tuple[str, str]:
        """A postcode and address; the postcode follows from the street, as a real one would."""
        rng = self.rng
        area, town, districts, _ = TOWNS[int(self.towns.draw(rng))]
        street = f"{rng.choice(self.streets)} {self.street_kinds.draw(rng)}"
        number = rng.randint(1, 160)
        h = zlib.crc32(f"{town}|{street}|{number // 40}".encode())
        letters = UNIT_LETTERS[(h >> 12) % 20] + UNIT_LETTERS[(h >> 17) % 20]
        postcode = f"{area}{1 + h % districts} {(h >> 8) % 10}{letters}"
        if rng.random() < 0.08:
            return postcode, f"Flat {rng.randint(1, 30)}, {number} {street}, {town}"
        return postcode, f"{number} {street}, {town}"

    # People.

    def person(self, home: Home, culture: Culture, sex: str, given: str, family: str, age_days: int, **extra) -> Person:
        rng = self.rng
        self.people += 1
        previous = tuple(surname_for(name, sex) for name in extra.pop("previous", ()))
        return Person(
            person_id=f"P{self.people:07d}",
            given_names=given,
            family_name=surname_for(family, sex),
            sex=sex,
            date_of_birth=dt.date.fromordinal(self.today - age_days),
            culture=culture.key,
            household_id=home.household_id,
            postcode="" if rng.random() < POSTCODE_MISSING else home.postcode,
            address=home.address,
            previous=previous,
            nhs_number=self.nhs_number() if rng.random() < NHS_NUMBER_HELD else "",
            **extra,
        )

    def adult(self, home: Home, culture: Culture, sex: str, family: str, age_days: int, **extra) -> Person:
        person = self.person(
            home, culture, sex, self.given(culture, sex, False), family, age_days, child=False, **extra
        )
        if self.rng.random() < ADULT_DOB_MISSING:
            person.date_of_birth = None
        return person

    # Households.

    def household(self) -> list[Person]:
        rng = self.rng
        self.households += 1
        home = Home(f"H{self.households:07d}", *self.address())
        culture = self.culture()
        mother_culture = self.culture() if rng.random() < MIXED_COUPLE else culture
        births = self.births()
        single = rng.random() < SINGLE_PARENT
        names = self.surnames(culture, mother_culture, single, len(births))
        mother_age = self.mother_age(births)
        adults = []
        if not single or rng.random() > LONE_FATHER:
            previous = names.mother_previous
            adults.append(self.adult(home, mother_culture, "F", names.mother, mother_age, previous=previous))
        if not single or not adults:
            father_age = round(min(60 * YEAR, max(18 * YEAR + 1, mother_age + rng.gauss(2.5, 4) * YEAR)))
            adults.append(self.adult(home, culture, "M", names.father, father_age))
        return adults + self.children(home, (culture, mother_culture), names, births)

    def births(self) -> list[tuple[int, int]]:
        """(age in days, how many born) for each birth, eldest first; at most five children."""
        rng = self.rng
        wanted, sizes = int(self.children_pool.draw(rng)), []
        while sum(sizes) < wanted:
            chance = rng.random()
            size = 3 if chance < TRIPLETS else 2 if chance < TRIPLETS + TWINS else 1
            sizes.append(min(size, 5 - sum(sizes)))
        if not sizes:
            return []
        gaps = [round(rng.uniform(1.0, 5.0) * YEAR) for _ in sizes[1:]]
        while sum(gaps) > 17 * YEAR:
            gaps.pop()
            sizes.pop()
        eldest = rng.randrange(sum(gaps), round(18 * YEAR) - 1)
        return [(eldest - gap, size) for gap, size in zip(itertools.accumulate([0, *gaps]), sizes, strict=True)]

    def mother_age(self, births: list[tuple[int, int]]) -> int:
        if births:
            return births[0][0] + round(self.rng.uniform(18, 40) * YEAR)
        return round(self.rng.uniform(18, 60) * YEAR)

    def surnames(self, culture: Culture, mother_culture: Culture, single: bool, births: int) -> Surnames:
        rng = self.rng
        father, maiden = self.surname(culture), self.maiden_name(mother_culture)
        children, mother = father, maiden
        if single:
            mother = father if rng.random() < 0.5 else maiden
        elif rng.random() < MOTHER_TAKES_NAME:
            mother = father
        elif rng.random() < HYPHENATED_CHILDREN and "-" not in father + maiden and father != maiden:
            children = f"{father}-{maiden}"
        held = mother != maiden and rng.random() < MAIDEN_NAME_HELD
        names = Surnames(children, mother, (maiden,) if held else (), father)
        if births and rng.random() < HALF_SIBLINGS:
            names.earlier, names.elder = self.surname(culture), rng.randint(1, max(1, births - 1))
        return names

    def children(self, home: Home, cultures: tuple[Culture, Culture], names: Surnames, births) -> list[Person]:
        rng, made = self.rng, []
        for i, (age, size) in enumerate(births):
            culture = rng.choice(cultures)
            family = names.earlier if i < names.elder else names.children
            placeholder = age < 365 and rng.random() < BABY_HELD_AS_PLACEHOLDER
            born: list[Person] = []
            for sex in self.sexes(size):
                born.append(self.child(home, culture, sex, family, age, placeholder, made + born))
            for child in born:
                child.twins = tuple(other.person_id for other in born if other is not child)
            made += born
        return made

    def sexes(self, size: int) -> list[str]:
        if size > 1 and self.rng.random() < TWINS_BOY_GIRL:
            return ["M", "F", self.rng.choice("MF")][:size]
        return [self.rng.choice("MF")] * size

    def child(self, home: Home, culture: Culture, sex: str, family: str, age: int, placeholder: bool, siblings):
        rng = self.rng
        given = "Baby" if placeholder else self.given(culture, sex, True, (first_name(s.given_names) for s in siblings))
        previous = ()
        if age > 2 * YEAR and rng.random() < CHILD_SURNAME_CHANGED:
            previous = (self.surname(culture),)
        return self.person(
            home, culture, sex, given, family, age, child=True, placeholder=placeholder, previous=previous
        )

    # People who are not in the index, for negative queries.

    def new_sibling(self, members: list[Person]) -> Person | None:
        """A child not in the index in an indexed household: a sibling's surname and postcode, another name and dob."""
        rng = self.rng
        sibling = rng.choice([m for m in members if m.child])
        ages = [(m.child, self.today - m.date_of_birth.toordinal()) for m in members if m.date_of_birth]
        parent = min((days for child, days in ages if not child), default=round(60 * YEAR))
        age = rng.randrange(round(18 * YEAR) - 1)
        if age > parent - 18 * YEAR or any(child and abs(age - days) < 300 for child, days in ages):
            return None  # the parent would have been under 18, or too close to a sibling's birth
        taken = [first_name(m.given_names) for m in members]
        culture = self.cultures[sibling.culture]
        given = self.given(culture, sibling.sex, True, taken)
        home = Home(sibling.household_id, max(m.postcode for m in members), sibling.address)
        person = self.person(home, culture, sibling.sex, given, sibling.family_name, age, child=True)
        person.postcode = home.postcode
        return person

    def namesake(self, other: Person) -> Person:
        """Someone with an indexed person's name, born in another year and living elsewhere."""
        rng, years = self.rng, (0, 18) if other.child else (18, 60)
        while True:
            age = round(rng.uniform(*years) * YEAR)
            born = dt.date.fromordinal(self.today - age)
            if other.date_of_birth is None or born.year != other.date_of_birth.year:
                break
        home = Home("", *self.address())
        culture = self.cultures[other.culture]
        person = self.person(home, culture, other.sex, other.given_names, other.family_name, age, child=other.child)
        person.postcode = home.postcode
        return person


# Corruptions: what goes wrong between a record and what a caller says.


@dataclass
class Query:
    given_names: str
    family_name: str
    date_of_birth: dt.date | None
    sex: str
    postcode: str
    address: str
    nhs_number: str = ""
    expected_person_id: str = ""
    twin_person_id: str = ""
    corruptions: list[str] = field(default_factory=list)

    @classmethod
    def about(cls, person: Person, indexed: bool) -> "Query":
        return cls(
            person.given_names,
            person.family_name,
            person.date_of_birth,
            person.sex,
            person.postcode,
            person.address,
            expected_person_id=person.person_id if indexed else "",
            twin_person_id=person.twins[0] if indexed and person.twins else "",
        )

    def key(self) -> int:
        return identity_key(self.given_names, self.family_name, self.date_of_birth)

    def row(self, query_id: str) -> tuple[str, ...]:
        dob = self.date_of_birth.isoformat() if self.date_of_birth else ""
        return (
            query_id,
            self.given_names,
            self.family_name,
            "",
            dob,
            self.sex,
            self.postcode,
            self.address,
            self.nhs_number,
            self.expected_person_id,
            ";".join(self.corruptions),
            self.twin_person_id,
        )


@functools.cache
def _given_names(sex: str) -> frozenset[str]:
    """Every given name of one sex in the lists, lower case."""
    pools = [p for c in cultures().values() for p in ((c.boys, c.men) if sex == "M" else (c.girls, c.women))]
    return frozenset(name.lower() for pool in pools for name in pool.names)


@functools.cache
def _namer() -> NickNamer:
    return NickNamer()


@functools.cache
def other_forms(name: str, sex: str) -> tuple[str, ...]:
    """Short or formal forms of an English given name (Alfred -> Alfie, Isabella -> Bella): from SHORT_FORMS
    when it has the name, or else those of the `nicknames` package that are given names of the same sex."""
    forms = set(SHORT_FORMS.get(name, ())) | {formal for formal, short in SHORT_FORMS.items() if name in short}
    if not forms:
        lower = name.lower()
        found = set(_namer().nicknames_of(lower)) | set(_namer().canonicals_of(lower))
        forms = {form.capitalize() for form in found if form in _given_names(sex)}
    forms.discard(name)
    return tuple(sorted(forms))


@functools.cache
def _spelling_groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, set[str]] = {}
    for group in SPELLINGS:
        for name in group:
            groups.setdefault(name, set()).update(group)
    for culture in (c for c in cultures().values() if c.key in FOLDABLE):
        for name in itertools.chain(culture.men.names, culture.women.names, culture.surnames.names):
            for form in (name, surname_for(name, "F")):
                if fold(form) != form:
                    groups.setdefault(form, set()).add(fold(form))
                    groups.setdefault(fold(form), set()).add(form)
    return {name: tuple(sorted(forms - {name})) for name, forms in groups.items()}


def spellings(name: str) -> tuple[str, ...]:
    """Other spellings of a name (Mohammed -> Muhammad, Wójcik -> Wojcik)."""
    return _spelling_groups().get(name, ())


def typo(name: str, rng: random.Random) -> str:
    """One letter inserted, deleted, changed for a neighbouring key, or swapped with the next (case kept)."""
    positions = [i for i, c in enumerate(name) if c.isalpha()]
    for _ in range(ATTEMPTS):
        i = rng.choice(positions)
        new = _edit(name, i, rng.randrange(4), rng)
        if new and new.lower() != name.lower():
            return new
    return name


def _edit(name: str, i: int, edit: int, rng: random.Random) -> str:
    letter, rest = name[i], name[i + 1 :]
    if edit == 0:  # an extra letter after this one
        return name[: i + 1] + _near(letter.lower(), rng) + rest
    if edit == 1:  # this letter left out
        return name[:i] + (rest[:1].upper() + rest[1:] if letter.isupper() else rest)
    if edit == 2:  # a neighbouring key instead
        near = _near(letter.lower(), rng)
        return name[:i] + (near.upper() if letter.isupper() else near) + rest
    if rest[:1].isalpha():  # this letter and the next the other way round
        a, b = (rest[0].upper(), letter.lower()) if letter.isupper() else (rest[0].lower(), letter)
        return name[:i] + a + b + rest[1:]
    return ""


def _near(letter: str, rng: random.Random) -> str:
    for row in KEYBOARD:
        if letter in row:
            i = row.index(letter)
            return rng.choice(row[max(0, i - 1) : i] + row[i + 1 : i + 2])
    return rng.choice("aeiou")


# Each corruption is a test (can it apply to this query about this person?) and a change to the query.
# `m` is the QueryMaker, for its random numbers and for new names and addresses.


def _given_parts(q: Query) -> list[str]:
    return q.given_names.split()


def _first(q: Query) -> str:
    return first_name(q.given_names)


def _set_first(q: Query, first: str) -> None:
    q.given_names = " ".join([first, *_given_parts(q)[1:]])


def _named(q: Query, p: Person) -> bool:
    return bool(q.given_names) and not p.placeholder


def _can_typo_given(q: Query, p: Person) -> bool:
    return _named(q, p) and sum(c.isalpha() for c in _first(q)) >= 4


def _given_typo(q: Query, p: Person, m: "QueryMaker") -> None:
    _set_first(q, typo(_first(q), m.rng))


def _can_typo_family(q: Query, p: Person) -> bool:
    return sum(c.isalpha() for c in q.family_name) >= 4


def _family_typo(q: Query, p: Person, m: "QueryMaker") -> None:
    q.family_name = typo(q.family_name, m.rng)


def _has_nickname(q: Query, p: Person) -> bool:
    return _named(q, p) and bool(other_forms(_first(q), p.sex))


def _nickname(q: Query, p: Person, m: "QueryMaker") -> None:
    _set_first(q, m.rng.choice(other_forms(_first(q), p.sex)))


def _has_spellings(q: Query, p: Person) -> bool:
    return _named(q, p) and p.culture != "english" and bool(spellings(_first(q)) or spellings(q.family_name))


def _transliteration(q: Query, p: Person, m: "QueryMaker") -> None:
    options = [("given", s) for s in spellings(_first(q))] + [("family", s) for s in spellings(q.family_name)]
    part, spelling = m.rng.choice(options)
    if part == "given":
        _set_first(q, spelling)
    else:
        q.family_name = spelling


def _hyphenated(q: Query, p: Person) -> bool:
    return "-" in q.family_name


def _family_part(q: Query, p: Person, m: "QueryMaker") -> None:
    q.family_name = m.rng.choice(q.family_name.split("-"))


def _has_previous(q: Query, p: Person) -> bool:
    return bool(p.previous)


def _family_previous(q: Query, p: Person, m: "QueryMaker") -> None:
    q.family_name = m.rng.choice(p.previous)


def _can_swap(q: Query, p: Person) -> bool:
    return _named(q, p) and len(_given_parts(q)) == 1 and bool(q.family_name)


def _names_swapped(q: Query, p: Person, m: "QueryMaker") -> None:
    q.given_names, q.family_name = q.family_name, q.given_names


def _has_middle(q: Query, p: Person) -> bool:
    return len(_given_parts(q)) > 1


def _middle_dropped(q: Query, p: Person, m: "QueryMaker") -> None:
    q.given_names = _given_parts(q)[0]


def _middle_as_first(q: Query, p: Person, m: "QueryMaker") -> None:
    q.given_names = _given_parts(q)[1]


def _is_placeholder(q: Query, p: Person) -> bool:
    return p.placeholder


def _placeholder_named(q: Query, p: Person, m: "QueryMaker") -> None:
    q.given_names = m.households.given(m.households.cultures[p.culture], p.sex, True)


def _has_dob(q: Query, p: Person) -> bool:
    return q.date_of_birth is not None


def _can_swap_day_month(q: Query, p: Person) -> bool:
    dob = q.date_of_birth
    return dob is not None and dob.day <= 12 and dob.day != dob.month


def _day_month_swapped(q: Query, p: Person, m: "QueryMaker") -> None:
    dob = q.date_of_birth
    q.date_of_birth = dob.replace(day=dob.month, month=dob.day) if dob else None


def _replace_year(dob: dt.date, year: int) -> dt.date:
    return dob.replace(year=year, day=28) if (dob.month, dob.day) == (2, 29) else dob.replace(year=year)


def _year_off_by_one(q: Query, p: Person, m: "QueryMaker") -> None:
    dob = q.date_of_birth or REFERENCE_DATE
    moved = _replace_year(dob, dob.year + m.rng.choice((-1, 1)))
    q.date_of_birth = moved if moved <= REFERENCE_DATE else _replace_year(dob, dob.year - 1)


def _dob_digit_typo(q: Query, p: Person, m: "QueryMaker") -> None:
    """The day, month or year keyed slightly wrong (a year out by one is a kind of its own)."""
    dob = q.date_of_birth or REFERENCE_DATE
    for _ in range(ATTEMPTS):
        nudged = _nudge(dob, m.rng.choice(("day", "month", "year")), m.rng)
        if nudged != dob and nudged <= REFERENCE_DATE:
            q.date_of_birth = nudged
            return
    q.date_of_birth = dob - dt.timedelta(days=1)


def _nudge(dob: dt.date, part: str, rng: random.Random) -> dt.date:
    if part == "year":
        last = dob.year % 10
        return _replace_year(dob, dob.year - last + rng.choice([d for d in range(10) if abs(d - last) > 1]))
    if part == "month":
        month = dob.month + rng.choice((-1, 1)) if 1 < dob.month < 12 else 2 if dob.month == 1 else 11
        return dob.replace(month=month, day=min(dob.day, 28))
    return dob + dt.timedelta(days=rng.choice((-10, -2, -1, 1, 2, 10)))


def _dob_missing(q: Query, p: Person, m: "QueryMaker") -> None:
    q.date_of_birth = None


def _has_postcode(q: Query, p: Person) -> bool:
    return bool(q.postcode)


def _postcode_missing(q: Query, p: Person, m: "QueryMaker") -> None:
    q.postcode = ""


def _always(q: Query, p: Person) -> bool:
    return True


def _moved(q: Query, p: Person, m: "QueryMaker") -> None:
    postcode, address = m.households.address()
    while postcode == q.postcode:
        postcode, address = m.households.address()
    q.postcode, q.address = postcode, address


def _sex_known(q: Query, p: Person) -> bool:
    return q.sex != "U"


def _sex_unknown(q: Query, p: Person, m: "QueryMaker") -> None:
    q.sex = "U"


class Corruption(NamedTuple):
    name: str
    fields: frozenset[str]  # two corruptions of one query never touch the same field
    weight: float  # how often it is chosen among those that apply
    applies: Callable[[Query, Person], bool]
    apply: Callable[[Query, Person, "QueryMaker"], None]


def _c(name: str, fields: str, weight: float, applies: Callable, apply: Callable) -> Corruption:
    return Corruption(name, frozenset(fields.split()), weight, applies, apply)


CORRUPTIONS = (
    _c("given_typo", "given", 1.0, _can_typo_given, _given_typo),
    _c("family_typo", "family", 1.0, _can_typo_family, _family_typo),
    _c("nickname", "given", 1.5, _has_nickname, _nickname),
    _c("transliteration", "given family", 5.0, _has_spellings, _transliteration),
    _c("family_part", "family", 3.0, _hyphenated, _family_part),
    _c("family_previous", "family", 3.0, _has_previous, _family_previous),
    _c("names_swapped", "given family", 0.7, _can_swap, _names_swapped),
    _c("middle_name_dropped", "given", 1.0, _has_middle, _middle_dropped),
    _c("middle_name_as_first", "given", 0.7, _has_middle, _middle_as_first),
    _c("placeholder_named", "given", 12.0, _is_placeholder, _placeholder_named),
    _c("dob_day_month_swapped", "dob", 1.0, _can_swap_day_month, _day_month_swapped),
    _c("dob_year_off_by_one", "dob", 1.0, _has_dob, _year_off_by_one),
    _c("dob_digit_typo", "dob", 1.0, _has_dob, _dob_digit_typo),
    _c("dob_missing", "dob", 0.8, _has_dob, _dob_missing),
    _c("postcode_missing", "postcode", 0.8, _has_postcode, _postcode_missing),
    _c("moved", "postcode", 1.0, _always, _moved),
    _c("sex_unknown", "sex", 0.6, _sex_known, _sex_unknown),
)


class QueryMaker:
    """Turns a person into what a caller says about them, with 0-2 corruptions."""

    def __init__(self, rng: random.Random, households: Households, index_keys: set[int]) -> None:
        self.rng = rng
        self.households = households
        self.index_keys = index_keys
        self.counts = Pool({str(n): w for n, w in CORRUPTION_COUNTS.items()})

    def make(self, person: Person, indexed: bool) -> Query:
        base = Query.about(person, indexed)
        wanted = int(self.counts.draw(self.rng))
        for _ in range(ATTEMPTS):
            query = dataclasses.replace(base, corruptions=[])
            self.corrupt(query, person, wanted)
            if not self.clashes(query, person, indexed):
                break
        else:
            query = base
        if person.nhs_number and self.rng.random() < QUERY_NHS_NUMBER:
            query.nhs_number = person.nhs_number
        return query

    def corrupt(self, query: Query, person: Person, wanted: int) -> None:
        used: set[str] = set()
        for _ in range(wanted):
            options = [c for c in CORRUPTIONS if c.fields.isdisjoint(used) and c.applies(query, person)]
            if not options:
                return
            chosen = self.rng.choices(options, weights=[c.weight for c in options])[0]
            chosen.apply(query, person, self)
            query.corruptions.append(chosen.name)
            used |= chosen.fields

    def clashes(self, query: Query, person: Person, indexed: bool) -> bool:
        """Whether the query now reads as someone else in the index, by accident."""
        key = query.key()
        if indexed and key == person.key():
            return False
        return key in self.index_keys


# Choosing whom the queries are about while the people stream past.


class Reservoir:
    """A uniform sample of up to `size` items from a stream of unknown length."""

    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng, self.size, self.seen = rng, size, 0
        self.items: list = []

    def offer(self, item: object) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
        elif (i := self.rng.randrange(self.seen)) < self.size:
            self.items[i] = item


class Sampler:
    """Chooses the people to ask about, and households and names to make hard negatives from."""

    def __init__(self, rng: random.Random, people: int, queries: int) -> None:
        self.rng = rng
        self.positives = min(people, round(queries * POSITIVE_SHARE))
        self.negatives = queries - self.positives
        self.quota = math.ceil(queries * CATEGORY_SHARE)
        self.uniform_indexes = set(rng.sample(range(people), self.positives))
        self.uniform: list[Person] = []
        kinds = ("twin", "baby", "previous", "hyphenated", "non_english")
        self.kinds = {kind: Reservoir(rng, 2 * self.quota) for kind in kinds}
        self.namesakes = Reservoir(rng, 2 * self.negatives)
        self.families = Reservoir(rng, 2 * self.negatives)

    def see(self, index: int, person: Person) -> None:
        if index in self.uniform_indexes:
            self.uniform.append(person)
        for kind in person.categories():
            self.kinds[kind].offer(person)
        if not person.placeholder:
            self.namesakes.offer(person)

    def see_household(self, members: list[Person]) -> None:
        if any(m.child for m in members):
            self.families.offer(members)

    def subjects(self) -> list[Person]:
        """People in the index to ask about: each kind up to its quota, the rest uniformly."""
        chosen: dict[str, Person] = {}
        for reservoir in self.kinds.values():
            fresh = [p for p in reservoir.items if p.person_id not in chosen][: self.quota]
            chosen |= {p.person_id: p for p in fresh}
        uniform = list(self.uniform)
        self.rng.shuffle(uniform)
        for person in uniform:
            if len(chosen) >= self.positives:
                break
            chosen.setdefault(person.person_id, person)
        return list(chosen.values())


def _negatives(sampler: Sampler, households: Households, index_keys: set[int]) -> list[Person]:
    """People not in the index: a quarter new siblings, a quarter namesakes, the rest from new households."""
    want = sampler.negatives
    siblings = (households.new_sibling(members) for members in sampler.families.items)
    namesakes = (households.namesake(p) for p in sampler.namesakes.items)
    found = _take(siblings, want // 4, index_keys)
    found += _take(namesakes, want // 2 - len(found), index_keys)
    strangers = (sampler.rng.choice(households.household()) for _ in itertools.count())
    return found + _take(strangers, want - len(found), index_keys)


def _take(people: Iterable[Person | None], n: int, index_keys: set[int]) -> list[Person]:
    """Up to n of these people who do not read as anyone in the index."""
    found = (p for p in people if p is not None and p.key() not in index_keys)
    return list(itertools.islice(found, max(0, n)))


# Files.


def _keep(members: list[Person], room: int) -> list[Person]:
    """The first `room` members of a household, with twins left out of the index forgotten."""
    if len(members) <= room:
        return members
    kept = members[:room]
    ids = {m.person_id for m in kept}
    for member in kept:
        member.twins = tuple(t for t in member.twins if t in ids)
    return kept


def _write_people(path: Path, households: Households, sampler: Sampler, people: int) -> set[int]:
    """Writes the index; returns the identity keys of everyone in it."""
    keys: set[int] = set()
    index = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PEOPLE_COLUMNS)
        while index < people:
            members = _keep(households.household(), people - index)
            writer.writerows(m.row() for m in members)
            for member in members:
                keys.add(member.key())
                sampler.see(index, member)
                index += 1
            sampler.see_household(members)
    return keys


def _write_queries(path: Path, queries: list[Query]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(QUERY_COLUMNS)
        width = len(str(len(queries)))
        writer.writerows(q.row(f"Q{i:0{width}d}") for i, q in enumerate(queries, 1))


def _paths(out_dir: Path, people: int, seed: int) -> tuple[Path, Path]:
    return out_dir / f"people-{people}-{seed}.csv", out_dir / f"queries-{people}-{seed}.csv"


def write_population(out_dir: Path, people: int, queries: int = 2000, seed: int = 7) -> tuple[Path, Path]:
    """Writes out_dir/people-{people}-{seed}.csv and out_dir/queries-{people}-{seed}.csv
    (reusing them if both exist) and returns (people_csv, queries_csv)."""
    people_csv, queries_csv = _paths(out_dir, people, seed)
    if people_csv.exists() and queries_csv.exists():
        return people_csv, queries_csv
    out_dir.mkdir(parents=True, exist_ok=True)
    households = Households(seed)
    rng = random.Random(f"queries-{seed}")
    sampler = Sampler(rng, people, queries)
    partial = people_csv.with_suffix(".csv.partial")
    keys = _write_people(partial, households, sampler, people)
    maker = QueryMaker(rng, households, keys)
    made = [maker.make(p, True) for p in sampler.subjects()]
    made += [maker.make(p, False) for p in _negatives(sampler, households, keys)]
    rng.shuffle(made)
    _write_queries(queries_csv.with_suffix(".csv.partial"), made)
    partial.replace(people_csv)
    queries_csv.with_suffix(".csv.partial").replace(queries_csv)
    return people_csv, queries_csv


def _count_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def _query_summary(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    indexed = sum(1 for row in rows if row["expected_person_id"])
    return f"{len(rows):,} queries ({indexed:,} about people in the index, {len(rows) - indexed:,} not)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20000, help="people in the index (default 20000)")
    parser.add_argument("--queries", type=int, default=2000, help="queries (default 2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "population", help="directory for the files")
    args = parser.parse_args()
    reused = all(path.exists() for path in _paths(args.out, args.people, args.seed))
    started = time.perf_counter()
    people_csv, queries_csv = write_population(args.out, args.people, args.queries, args.seed)
    took = time.perf_counter() - started
    print(f"{_count_rows(people_csv):,} people: {people_csv}")
    print(f"{_query_summary(queries_csv)}: {queries_csv}")
    print("(reused: the files were already there)" if reused else f"written in {took:.1f} s")


if __name__ == "__main__":
    main()
