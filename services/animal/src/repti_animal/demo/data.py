"""What the demo collection is: animals, pairings, clutches and care, dated relative to today.

Ball pythons are the main line over three generations (founders bought in, their offspring,
and last season's yearlings), with two outside studs (status `external`) and one father x
daughter pairing so the COI is not always 0. Leopard geckos, a crested gecko pair and a corn
snake show the other species. Genes are the catalogue's trait names; hatchlings list only what
the breeder SAW (what they carry follows from the parents when they hatch).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from reptidex_common.models.animal_enums import (
    AnimalStatus,
    GenotypeProof,
    GenotypeState,
    PairingStatus,
    Sex,
    Visibility,
)

BALL_PYTHON = "Python regius"
LEOPARD_GECKO = "Eublepharis macularius"
CRESTED_GECKO = "Correlophus ciliatus"
CORN_SNAKE = "Pantherophis guttatus"

VISUAL = GenotypeState.visual
SUPER = GenotypeState.super
HET = GenotypeState.het
PUBLIC = Visibility.public
LINEAGE = Visibility.lineage_only
PRIVATE = Visibility.private
HOLDBACK = AnimalStatus.holdback
SOLD = AnimalStatus.sold


@dataclass(frozen=True)
class Gene:
    trait: str
    state: GenotypeState = VISUAL
    het_percent: int | None = None
    proof: GenotypeProof | None = None


@dataclass(frozen=True)
class Founder:
    key: str
    species: str
    name: str
    sex: Sex
    hatched: date
    genes: tuple[Gene, ...]
    status: AnimalStatus = AnimalStatus.active
    visibility: Visibility = PRIVATE
    acquired: date | None = None
    source: str | None = None
    price_cents: int | None = None
    feeding_interval_days: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Hatchling:
    key: str
    name: str
    sex: Sex
    # What shows on the animal; hets and possible hets come from the parents at hatching.
    genes: tuple[Gene, ...] = ()
    status: AnimalStatus = HOLDBACK
    visibility: Visibility = PRIVATE
    sold_on: date | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ClutchPlan:
    laid: date
    eggs_total: int
    eggs_fertile: int
    eggs_infertile: int
    temp_c: Decimal
    humidity_pct: int
    hatched: date | None = None
    hatchlings: tuple[Hatchling, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class PairingPlan:
    sire: str
    dam: str
    season: int
    # The steps the pairing went through, in order, with the date of each.
    steps: tuple[tuple[PairingStatus, date], ...] = ()
    # Dates of steps that are not statuses (`pre_lay_shed_at`...).
    extra_events: dict[str, date] = field(default_factory=dict)
    clutch: ClutchPlan | None = None
    notes: str | None = None


@dataclass(frozen=True)
class CareProfile:
    """How an animal is kept; `care.logs_for` turns it into the last months' log entries."""

    key: str
    prey_type: str
    prey_size: str | None
    prey_count: int
    feed_every: int
    # Days since the last feeding attempt (its interval ago: due today).
    last_fed: int
    refused: tuple[int, ...] = ()
    # Weight (g) at the start of the history and now: a growth curve for young animals.
    grams_then: float = 0
    grams_now: float = 0
    weigh_every: int = 30
    shed_every: int | None = 45
    incomplete_shed_at: int | None = None


@dataclass(frozen=True)
class Enclosure:
    name: str
    kind: str
    location: str
    residents: tuple[str, ...]


@dataclass(frozen=True)
class ReminderPlan:
    title: str
    due_in_hours: int
    interval_days: int | None
    kind: str | None
    animal: str | None = None


@dataclass(frozen=True)
class DemoPlan:
    founders: list[Founder]
    pairings: list[PairingPlan]
    care: list[CareProfile]
    enclosures: list[Enclosure]
    reminders: list[ReminderPlan]
    # Health story: (animal, days ago, kind, fields) in addition to the routine care.
    health: list[tuple[str, int, dict[str, Any]]]


def plan(today: date) -> DemoPlan:
    year = today.year

    def on(years_back: int, month: int, day: int) -> date:
        return date(year - years_back, month, day)

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    bp_temp = Decimal("31.7")
    founders = [
        Founder(
            "harlequin",
            BALL_PYTHON,
            "Harlequin",
            Sex.male,
            on(9, 6, 1),
            (Gene("Clown", proof=GenotypeProof.visual),),
            status=AnimalStatus.external,
            visibility=LINEAGE,
            source="Stud male of Bayou Ball Pythons, on loan for one season",
            notes="Lives with Bayou Ball Pythons; recorded here as a sire of our line.",
        ),
        Founder(
            "atlas",
            BALL_PYTHON,
            "Atlas",
            Sex.male,
            on(8, 6, 12),
            (Gene("Pastel"), Gene("Clown", HET, proof=GenotypeProof.test_breeding)),
            visibility=PUBLIC,
            acquired=on(8, 9, 1),
            source="Gulf Coast Morphs (hatchling)",
            price_cents=45000,
            feeding_interval_days=14,
            notes="Foundation male of the Clown project; het Clown proven by test breeding.",
        ),
        Founder(
            "juniper",
            BALL_PYTHON,
            "Juniper",
            Sex.female,
            on(8, 7, 3),
            (Gene("Mojave"), Gene("Clown", HET, proof=GenotypeProof.seller_claim)),
            visibility=PUBLIC,
            acquired=on(8, 10, 15),
            source="Texas Reptile Expo",
            price_cents=60000,
            feeding_interval_days=14,
        ),
        Founder(
            "pixel",
            BALL_PYTHON,
            "Pixel",
            Sex.female,
            on(8, 5, 30),
            (Gene("Spider"),),
            acquired=on(7, 3, 2),
            source="Rehomed by a local keeper",
            feeding_interval_days=14,
            notes="Shows the Spider wobble mildly; not bred, kept as a pet.",
        ),
        Founder(
            "domino",
            BALL_PYTHON,
            "Domino",
            Sex.male,
            on(8, 7, 15),
            (Gene("Piebald"),),
            status=AnimalStatus.external,
            visibility=LINEAGE,
            source="Stud male of Hill Country Pythons",
        ),
        Founder(
            "saffron",
            BALL_PYTHON,
            "Saffron",
            Sex.female,
            on(7, 5, 20),
            (Gene("Yellow Belly"),),
            visibility=LINEAGE,
            acquired=on(7, 8, 20),
            source="Gulf Coast Morphs",
            price_cents=25000,
            feeding_interval_days=14,
        ),
        Founder(
            "willow",
            BALL_PYTHON,
            "Willow",
            Sex.female,
            on(7, 6, 8),
            (Gene("Enchi"),),
            acquired=on(7, 9, 10),
            source="Texas Reptile Expo",
            price_cents=30000,
            feeding_interval_days=14,
        ),
        Founder(
            "sol",
            LEOPARD_GECKO,
            "Sol",
            Sex.male,
            on(5, 8, 14),
            (Gene("Mack Snow"), Gene("Tremper Albino")),
            visibility=PUBLIC,
            acquired=on(5, 11, 2),
            source="Geckos of the Hill",
        ),
        Founder(
            "clementine",
            LEOPARD_GECKO,
            "Clementine",
            Sex.female,
            on(4, 6, 2),
            (Gene("Tangerine"), Gene("Tremper Albino", HET, proof=GenotypeProof.seller_claim)),
            visibility=PUBLIC,
            acquired=on(4, 9, 12),
            source="Geckos of the Hill",
        ),
        Founder(
            "fig",
            LEOPARD_GECKO,
            "Fig",
            Sex.female,
            on(3, 7, 10),
            (Gene("Murphy Patternless"),),
            acquired=on(3, 10, 1),
            source="Repticon Houston",
        ),
        Founder(
            "basil",
            CRESTED_GECKO,
            "Basil",
            Sex.male,
            on(4, 3, 15),
            (Gene("Harlequin"), Gene("Pinstripe")),
            visibility=PUBLIC,
            acquired=on(3, 4, 20),
            source="Pangea breeder show",
        ),
        Founder(
            "nutmeg",
            CRESTED_GECKO,
            "Nutmeg",
            Sex.female,
            on(4, 5, 2),
            (Gene("Dalmatian"),),
            visibility=PUBLIC,
            acquired=on(3, 4, 20),
            source="Pangea breeder show",
        ),
        Founder(
            "ziggy",
            CORN_SNAKE,
            "Ziggy",
            Sex.female,
            on(3, 6, 20),
            (Gene("Amelanistic"), Gene("Motley")),
            visibility=PUBLIC,
            acquired=on(3, 9, 5),
            source="Friend's clutch",
        ),
    ]

    def walked(
        start: date, *steps: tuple[PairingStatus, int]
    ) -> tuple[tuple[PairingStatus, date], ...]:
        """Steps dated `start + days`."""
        return tuple((status, start + timedelta(days=days)) for status, days in steps)

    active, locked, ovulated = PairingStatus.active, PairingStatus.locked, PairingStatus.ovulated
    classic = ((active, 0), (locked, 30), (ovulated, 90))

    pairings = [
        # Generation 2 (five seasons back).
        PairingPlan(
            "atlas",
            "juniper",
            year - 5,
            walked(on(6, 11, 20), *classic),
            clutch=ClutchPlan(
                laid=on(5, 4, 12),
                eggs_total=7,
                eggs_fertile=6,
                eggs_infertile=1,
                temp_c=bp_temp,
                humidity_pct=95,
                hatched=on(5, 6, 8),
                hatchlings=(
                    Hatchling(
                        "nova",
                        "Nova",
                        Sex.female,
                        (Gene("Pastel"), Gene("Mojave")),
                        visibility=PUBLIC,
                    ),
                    Hatchling("ember", "Ember", Sex.female, (Gene("Pastel"),), visibility=LINEAGE),
                    Hatchling(
                        "jester",
                        "Jester",
                        Sex.male,
                        (Gene("Pastel"), Gene("Clown")),
                        visibility=PUBLIC,
                    ),
                    Hatchling(
                        "moss",
                        "Moss",
                        Sex.male,
                        (Gene("Mojave"),),
                        status=SOLD,
                        visibility=LINEAGE,
                        sold_on=on(5, 10, 2),
                    ),
                    Hatchling("pebble", "Pebble", Sex.female, status=SOLD, sold_on=on(5, 10, 2)),
                ),
            ),
            notes="First Clown project pairing: het x het.",
        ),
        PairingPlan(
            "harlequin",
            "saffron",
            year - 5,
            walked(on(6, 12, 1), *classic),
            clutch=ClutchPlan(
                laid=on(5, 5, 3),
                eggs_total=5,
                eggs_fertile=5,
                eggs_infertile=0,
                temp_c=bp_temp,
                humidity_pct=95,
                hatched=on(5, 6, 29),
                hatchlings=(
                    Hatchling(
                        "sunny", "Sunny", Sex.female, (Gene("Yellow Belly"),), visibility=PUBLIC
                    ),
                    Hatchling(
                        "biscuit",
                        "Biscuit",
                        Sex.male,
                        status=SOLD,
                        visibility=LINEAGE,
                        sold_on=on(5, 9, 14),
                    ),
                ),
            ),
            notes="Harlequin on loan from Bayou Ball Pythons.",
        ),
        PairingPlan(
            "domino",
            "willow",
            year - 4,
            walked(on(5, 11, 10), *classic),
            clutch=ClutchPlan(
                laid=on(4, 4, 20),
                eggs_total=6,
                eggs_fertile=5,
                eggs_infertile=1,
                temp_c=bp_temp,
                humidity_pct=95,
                hatched=on(4, 6, 16),
                hatchlings=(
                    Hatchling("pepper", "Pepper", Sex.male, (Gene("Enchi"),), visibility=PUBLIC),
                    Hatchling("ripple", "Ripple", Sex.female, status=SOLD, sold_on=on(4, 9, 1)),
                ),
            ),
        ),
        # Generation 3 (last season), including a father x daughter pairing.
        PairingPlan(
            "jester",
            "sunny",
            year - 1,
            walked(on(2, 11, 15), *classic),
            clutch=ClutchPlan(
                laid=on(1, 4, 5),
                eggs_total=6,
                eggs_fertile=6,
                eggs_infertile=0,
                temp_c=bp_temp,
                humidity_pct=95,
                hatched=on(1, 6, 1),
                hatchlings=(
                    Hatchling(
                        "maple",
                        "Maple",
                        Sex.female,
                        (Gene("Yellow Belly"), Gene("Clown")),
                        visibility=PUBLIC,
                    ),
                    Hatchling(
                        "marigold",
                        "Marigold",
                        Sex.female,
                        (Gene("Pastel"), Gene("Yellow Belly")),
                        visibility=LINEAGE,
                    ),
                    Hatchling("rook", "Rook", Sex.male, (Gene("Pastel"), Gene("Clown"))),
                ),
            ),
        ),
        PairingPlan(
            "atlas",
            "nova",
            year - 1,
            walked(on(2, 11, 25), *classic),
            clutch=ClutchPlan(
                laid=on(1, 4, 18),
                eggs_total=5,
                eggs_fertile=4,
                eggs_infertile=1,
                temp_c=bp_temp,
                humidity_pct=95,
                hatched=on(1, 6, 14),
                hatchlings=(
                    Hatchling(
                        "echo", "Echo", Sex.male, (Gene("Pastel", SUPER),), visibility=PUBLIC
                    ),
                    Hatchling("lumen", "Lumen", Sex.female, (Gene("Pastel"), Gene("Mojave"))),
                ),
            ),
            notes="Father x daughter, to line-breed the Pastel Mojave look: offspring COI 25 %.",
        ),
        # This season.
        PairingPlan(
            "pepper",
            "nova",
            year,
            walked(ago(140), (active, 0), (locked, 25), (ovulated, 60)),
            extra_events={"pre_lay_shed_at": ago(58)},
            clutch=ClutchPlan(
                laid=ago(35),
                eggs_total=7,
                eggs_fertile=6,
                eggs_infertile=1,
                temp_c=bp_temp,
                humidity_pct=95,
                notes="Candled at day 10: six good eggs, one slug.",
            ),
        ),
        PairingPlan(
            "jester",
            "willow",
            year,
            walked(ago(100), (active, 0), (locked, 25), (ovulated, 88)),
            notes="Ovulation seen; pre-lay shed expected in about two weeks.",
        ),
        PairingPlan(
            "atlas",
            "saffron",
            year,
            walked(ago(45), (active, 0), (locked, 25)),
            notes="Good locks.",
        ),
        PairingPlan("pepper", "ember", year, walked(ago(6), (active, 0))),
        PairingPlan(
            "pepper",
            "marigold",
            year,
            notes="Next season, once she is over 1,500 g.",
        ),
        PairingPlan(
            "sol",
            "clementine",
            year,
            walked(ago(175), (active, 0)),
            clutch=ClutchPlan(
                laid=ago(130),
                eggs_total=2,
                eggs_fertile=2,
                eggs_infertile=0,
                temp_c=Decimal("29.4"),
                humidity_pct=80,
                hatched=ago(66),
                hatchlings=(
                    Hatchling(
                        "kumquat",
                        "Kumquat",
                        Sex.unknown,
                        (Gene("Mack Snow"), Gene("Tremper Albino")),
                        visibility=PUBLIC,
                    ),
                    Hatchling("yuzu", "Yuzu", Sex.unknown),
                ),
            ),
        ),
        PairingPlan(
            "basil",
            "nutmeg",
            year,
            walked(ago(30), (active, 0)),
            notes="Introduced in the bioactive.",
        ),
    ]

    def bp_adult(
        key: str,
        last_fed: int,
        grams: float,
        *,
        refused: tuple[int, ...] = (),
        size: str = "medium",
    ) -> CareProfile:
        return CareProfile(key, "rat", size, 1, 14, last_fed, refused, grams, grams + 40, 30, 42)

    care = [
        bp_adult("atlas", 14, 1450, refused=(28, 42), size="small"),
        bp_adult("juniper", 2, 2150),
        bp_adult("pixel", 14, 1600),
        bp_adult("saffron", 6, 1900, refused=(20,)),
        bp_adult("willow", 1, 2300, refused=(1, 15)),
        # Gravid: refuses until she lays; her weight drops with the eggs.
        CareProfile("nova", "rat", "medium", 1, 14, 5, (47, 61), 2100, 1750, 30, 42),
        bp_adult("ember", 14, 1700),
        bp_adult("jester", 3, 1350, refused=(17, 31), size="small"),
        bp_adult("sunny", 9, 1800),
        bp_adult("pepper", 11, 1250, refused=(25,), size="small"),
        CareProfile("maple", "rat", "weaned", 1, 10, 8, (), 260, 780, 30, 35),
        CareProfile("marigold", "rat", "weaned", 1, 10, 4, (), 240, 720, 30, 35),
        CareProfile(
            "rook", "rat", "weaned", 1, 10, 10, (40,), 230, 640, 30, 35, incomplete_shed_at=46
        ),
        CareProfile("echo", "rat", "weaned", 1, 10, 7, (), 210, 590, 30, 35),
        CareProfile("lumen", "rat", "weaned", 1, 10, 6, (), 250, 700, 30, 35),
        CareProfile("sol", "dubia roach", "medium", 5, 4, 4, (), 72, 75, 30, 30),
        CareProfile("clementine", "dubia roach", "medium", 5, 4, 1, (53,), 68, 64, 30, 30),
        CareProfile("fig", "mealworm", None, 8, 4, 2, (), 55, 58, 30, 30),
        CareProfile("kumquat", "cricket", "small", 6, 3, 3, (), 3.1, 11.5, 7, 21),
        CareProfile("yuzu", "cricket", "small", 6, 3, 1, (30,), 2.9, 9.8, 7, 21),
        CareProfile("basil", "Pangea fruit mix", None, 1, 3, 2, (), 42, 45, 30, 30),
        CareProfile("nutmeg", "Pangea fruit mix", None, 1, 3, 1, (), 46, 49, 30, 30),
        CareProfile("ziggy", "mouse", "adult", 1, 10, 10, (50,), 430, 470, 30, 50),
    ]

    rack_a = "Snake room, Rack A"
    rack_b = "Snake room, Rack B"
    adults = [
        "atlas",
        "juniper",
        "pixel",
        "saffron",
        "willow",
        "nova",
        "ember",
        "jester",
        "sunny",
        "pepper",
    ]
    yearlings = ["maple", "marigold", "rook", "echo", "lumen"]
    enclosures = [
        *(Enclosure(f"Rack A / Tub {i}", "tub", rack_a, (key,)) for i, key in enumerate(adults, 1)),
        *(
            Enclosure(f"Rack B / Tub {i}", "tub", rack_b, (key,))
            for i, key in enumerate(yearlings, 1)
        ),
        Enclosure("Leo 1", "glass terrarium", "Gecko room", ("sol",)),
        Enclosure("Leo 2", "glass terrarium", "Gecko room", ("clementine",)),
        Enclosure("Leo 3", "glass terrarium", "Gecko room", ("fig",)),
        Enclosure("Hatchling tubs", "tub", "Gecko room", ("kumquat", "yuzu")),
        Enclosure("Crestie bioactive", "bioactive", "Gecko room", ("basil", "nutmeg")),
        Enclosure("Corn tub", "tub", rack_b, ("ziggy",)),
    ]
    reminders = [
        ReminderPlan("Check incubator temperature and humidity", 2, 1, "note"),
        ReminderPlan("Deep clean Rack A tubs", 50, 30, "cleaning"),
        ReminderPlan("Weigh the leopard gecko hatchlings", 20, 7, "weight", animal="kumquat"),
        ReminderPlan("Follow-up vet check after the RI", 24 * 9, None, "vet", animal="ember"),
    ]
    health: list[tuple[str, int, dict[str, Any]]] = [
        (
            "ember",
            48,
            {
                "kind": "health",
                "notes": "Wheezing and bubbles at the nostrils after a cold night.",
                "details": {"symptoms": ["wheezing", "nasal bubbles"]},
            },
        ),
        (
            "ember",
            46,
            {
                "kind": "vet",
                "notes": "Respiratory infection; Baytril course, raise the hot spot to 33 °C.",
                "details": {
                    "clinic": "Austin Exotic Animal Hospital",
                    "diagnosis": "Respiratory infection",
                    "tests": ["oral swab culture"],
                    "cost_usd": 145,
                },
            },
        ),
        *(
            (
                "ember",
                days,
                {
                    "kind": "medication",
                    "drug": "Enrofloxacin (Baytril)",
                    "dose": "10 mg/kg",
                    "route": "injection",
                    "course_days": 10,
                    "notes": f"Dose {dose} of 5.",
                },
            )
            for dose, days in enumerate((46, 44, 42, 40, 38), 1)
        ),
        ("ember", 30, {"kind": "note", "notes": "Breathing clear again; eating well."}),
        ("nova", 58, {"kind": "note", "notes": "Pre-lay shed; nesting box in."}),
        *(
            ("nova", days, {"kind": "cleaning", "notes": "Tub scrubbed, fresh paper."})
            for days in (90, 60, 33)
        ),
    ]
    return DemoPlan(founders, pairings, care, enclosures, reminders, health)
