"""Invented Skolverket statistics exports: one file per table × läsår, every kommun in each file.

The files have exactly the layout of the downloads from Skolverket's *Sök statistik*
(`/work/shared/skolverket-exports.md`, samples in `/work/shared/samples/skolverket/`): UTF-8 with
BOM, `;` with a trailing `;` on every table line, a preamble whose line 3 is the title and whose
`Valt läsår: 2024/25` (or `Valt år: 2024`) gives the year, an optional group-header row, the header
`Kommun;Kommun-kod;Län;Läns-kod;Typ av huvudman;…`, rows per kommun × `Samtliga`/`Kommunal`/
`Enskild` (× a dimension such as `Kön` or a subject), decimal comma, space-grouped thousands, the
markers `..`, `.` and `~100`, and a definitions section after the table. File names carry a year
that does not always agree with `Valt läsår`, as real downloads do. A level-*Riket* file per table
and läsår has the same columns with `Riket` in the first column and empty code cells.

Everything is invented: the kommun names are built from syllables (never a real kommun), the codes
of the demo kommuner are not real kommun codes, and every value comes from `random.Random(seed)`.
The generator is pure and seeded: the same arguments give the same files, byte for byte.

`write_export_set` serves both the national benchmark set (`write_national_set`, 290 kommuner) and
the demo corpus (`corpus/_build/build_statistik.py`, `demo_kommuner()`).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evals.synth_packets import reproducible_xlsx

LASAR = ("2022/23", "2023/24", "2024/25")
TYPES = ("Samtliga", "Kommunal", "Enskild", "Statlig")
KON = ("Flickor", "Pojkar", "Samtliga")
# The demo packets' huvudmän (corpus/indikatorer): their ids and names are never used here.
RESERVED_CODES = frozenset({"0917", "2795", "9001"})
RESERVED_KEYS = ("norrfors", "sjövik", "lärkträd")

# The demo corpus (corpus/statistik): four invented kommuner whose codes end in 9x and are not the
# code of any real kommun (the 9x codes of län 01, 12 and 14 are real, e.g. 1496 Skövde).
DEMO_SEED = 14
DEMO_CODES = ("0596", "1796", "2294", "2597")
DEMO_LASAR = ("2023/24", "2024/25")
DEMO_TABLES = ("personal", "behorighet", "betyg-ak6", "kostnader", "amnesbetyg-over-tid")
DEMO_XLSX: Mapping[str, Collection[str]] = {"betyg-ak6": ("2023/24",)}

# The national set for `evals.bench --exports-only`: about as many kommuner as Sweden has.
NATIONAL_SEED = 2025
NATIONAL_KOMMUNER = 290
DEFAULT_XLSX: Mapping[str, Collection[str]] = {"betyg-ak6": ("2023/24",)}
# The national figures do not depend on the seed: every set (demo or national) shows the same
# Riket, so two sets' Riket files for a table and year never disagree.
RIKET_SEED = 0

FIRST_YEAR = 2000  # the över tid series start here (ten years back from 2010/11 at the earliest)
_FIXED_DATE = dt.datetime(2025, 3, 1)
_LASAR_RE = re.compile(r"^(\d{4})/(\d{2})$")
# A value cell as the exports write it: a number (decimal comma, space-grouped) or a marker.
VALUE_RE = re.compile(r"^(?:\.\.|\.|~100|-?\d{1,3}(?: \d{3})*(?:,\d+)?|-?\d+(?:,\d+)?)$")

# --- Kommuner -----------------------------------------------------------------------------------

# (Läns-kod, Län, kommuner in the län): the real län, with about as many kommuner as they have.
LAN: tuple[tuple[str, str, int], ...] = (
    ("01", "Stockholms län", 26),
    ("03", "Uppsala län", 8),
    ("04", "Södermanlands län", 9),
    ("05", "Östergötlands län", 13),
    ("06", "Jönköpings län", 13),
    ("07", "Kronobergs län", 8),
    ("08", "Kalmar län", 12),
    ("09", "Gotlands län", 1),
    ("10", "Blekinge län", 5),
    ("12", "Skåne län", 33),
    ("13", "Hallands län", 6),
    ("14", "Västra Götalands län", 49),
    ("17", "Värmlands län", 16),
    ("18", "Örebro län", 12),
    ("19", "Västmanlands län", 10),
    ("20", "Dalarnas län", 15),
    ("21", "Gävleborgs län", 10),
    ("22", "Västernorrlands län", 7),
    ("23", "Jämtlands län", 8),
    ("24", "Västerbottens län", 15),
    ("25", "Norrbottens län", 14),
)
_LAN_NAMES = {code: name for code, name, _ in LAN}
_NORTH = frozenset({"22", "23", "24", "25"})

_PREFIXES = (
    "Norr", "Söder", "Väster", "Öster", "Sjö", "Älv", "Stor", "Lill", "Ek", "Björk", "Gran",
    "Tall", "Sten", "Sand", "Lind", "Ask", "Rönn", "Hassel", "Ljung", "Kärr", "Hed", "Bäck",
    "Strand", "Holm", "Kvarn", "Hammar", "Koppar", "Silver", "Järn", "Råg", "Korn", "Hägg", "Alm",
    "Bok", "Furu", "Gädd", "Lax", "Sol", "Vind", "Frost", "Snö", "Mjöl", "Tjärn", "Myr", "Ljus",
    "Tran", "Svan", "Örn", "Blå", "Grön", "Kyrk", "Mölle", "Hjort", "Räv", "Björn", "Varg",
    "Tjäder", "Orre", "Ler", "Grus", "Flinte", "Tegel", "Hög", "Lång", "Bred", "Djup", "Kall",
)  # fmt: skip
_SUFFIXES = (
    "by", "torp", "hult", "sund", "vik", "forsen", "holm", "tuna", "inge", "arp", "ryd", "bo",
    "hamn", "berga", "stad", "mark", "näset", "vall", "åker", "ö", "bro", "kulla", "sjö", "lund",
    "träsk", "dala", "boda", "lid", "gärde", "ängen", "tofta", "udden", "heden", "myra", "backa",
    "å", "åsen", "fjäll", "bränna", "älven", "mon",
)  # fmt: skip
# Real kommuner that the syllables could spell (or come close to); an invented name is none of them.
REAL_KOMMUNER = frozenset(
    {
        *("ale", "alingsås", "alvesta", "aneby", "arboga", "arjeplog", "arvidsjaur", "arvika"),
        *("askersund", "avesta", "bengtsfors", "berg", "bjurholm", "bjuv", "boden", "bollebygd"),
        *("bollnäs", "borgholm", "borlänge", "borås", "botkyrka", "boxholm", "bromölla"),
        *("bräcke", "burlöv", "båstad", "dals-ed", "danderyd", "degerfors", "dorotea", "eda"),
        *("ekerö", "eksjö", "emmaboda", "enköping", "eskilstuna", "eslöv", "essunga", "fagersta"),
        *("falkenberg", "falköping", "falun", "filipstad", "finspång", "flen", "forshaga"),
        *("färgelanda", "gagnef", "gislaved", "gnesta", "gnosjö", "gotland", "grums", "grästorp"),
        *("gullspång", "gällivare", "gävle", "göteborg", "götene", "habo", "hagfors", "hallsberg"),
        *("hallstahammar", "halmstad", "hammarö", "haninge", "haparanda", "heby", "hedemora"),
        *("helsingborg", "herrljunga", "hjo", "hofors", "huddinge", "hudiksvall", "hultsfred"),
        *("hylte", "håbo", "hällefors", "härjedalen", "härnösand", "härryda", "hässleholm"),
        *("höganäs", "högsby", "hörby", "höör", "jokkmokk", "järfälla", "jönköping", "kalix"),
        *("kalmar", "karlsborg", "karlshamn", "karlskoga", "karlskrona", "karlstad"),
        *("katrineholm", "kil", "kinda", "kiruna", "klippan", "knivsta", "kramfors"),
        *("kristianstad", "kristinehamn", "krokom", "kumla", "kungsbacka", "kungsör", "kungälv"),
        *("kävlinge", "köping", "laholm", "landskrona", "laxå", "lekeberg", "leksand", "lerum"),
        *("lessebo", "lidingö", "lidköping", "lilla edet", "lindesberg", "linköping", "ljungby"),
        *("ljusdal", "ljusnarsberg", "lomma", "ludvika", "luleå", "lund", "lycksele", "lysekil"),
        *("malmö", "malung-sälen", "malå", "mariestad", "mark", "markaryd", "mellerud", "mjölby"),
        *("mora", "motala", "mullsjö", "munkedal", "munkfors", "mölndal", "mönsterås"),
        *("mörbylånga", "nacka", "nora", "norberg", "nordanstig", "nordmaling", "norrköping"),
        *("norrtälje", "norsjö", "nybro", "nykvarn", "nyköping", "nynäshamn", "nässjö"),
        *("ockelbo", "olofström", "orsa", "orust", "osby", "oskarshamn", "ovanåker", "oxelösund"),
        *("pajala", "partille", "perstorp", "piteå", "ragunda", "robertsfors", "ronneby"),
        *("rättvik", "sala", "salem", "sandviken", "sigtuna", "simrishamn", "sjöbo", "skara"),
        *("skellefteå", "skinnskatteberg", "skurup", "skövde", "smedjebacken", "sollefteå"),
        *("sollentuna", "solna", "sorsele", "sotenäs", "staffanstorp", "stenungsund"),
        *("stockholm", "storfors", "storuman", "strängnäs", "strömstad", "strömsund", "sundbyberg"),
        *("sundsvall", "sunne", "surahammar", "svalöv", "svedala", "svenljunga", "säffle"),
        *("säter", "sävsjö", "söderhamn", "söderköping", "södertälje", "sölvesborg", "tanum"),
        *("tibro", "tidaholm", "tierp", "timrå", "tingsryd", "tjörn", "tomelilla", "torsby"),
        *("torsås", "tranemo", "tranås", "trelleborg", "trollhättan", "trosa", "tyresö", "täby"),
        *("töreboda", "uddevalla", "ulricehamn", "umeå", "upplands väsby", "upplands-bro"),
        *("uppsala", "uppvidinge", "vadstena", "vaggeryd", "valdemarsvik", "vallentuna"),
        *("vansbro", "vara", "varberg", "vaxholm", "vellinge", "vetlanda", "vilhelmina"),
        *("vimmerby", "vindeln", "vingåker", "vårgårda", "vänersborg", "vännäs", "värmdö"),
        *("värnamo", "västervik", "västerås", "växjö", "ydre", "ystad", "åmål", "ånge", "åre"),
        *("årjäng", "åsele", "åstorp", "åtvidaberg", "älmhult", "älvdalen", "älvkarleby"),
        *("älvsbyn", "ängelholm", "öckerö", "ödeshög", "örebro", "örkelljunga", "örnsköldsvik"),
        *("östersund", "österåker", "östhammar", "östra göinge", "överkalix", "övertorneå"),
        *("hammarby", "ekby", "storvik", "sandvik"),  # well-known places, kept out as well
    }
)
_TRIPLE = re.compile(r"(.)\1\1")


@dataclass(frozen=True)
class Kommun:
    namn: str  # as the exports write it: "Sjöby", not "Sjöby kommun"
    kod: str  # four digits, leading zero kept: "0596"
    lan: str  # "Östergötlands län"
    lanskod: str  # "05"


def _names() -> list[str]:
    """Every usable invented name, sorted: none real, none reserved, none the start of another
    (a question naming one must not name two)."""
    # "Holm" + "mon" would spell "Holmmon": not how a Swedish place name is written.
    joined = {p + s for p in _PREFIXES for s in _SUFFIXES if p[-1] != s[0]}
    candidates = sorted(joined, key=str.lower)
    kept: list[str] = []
    taken: set[str] = set()
    for name in candidates:
        low = name.lower()
        if len(low) < 4 or low in REAL_KOMMUNER or _TRIPLE.search(low) or low.endswith("s"):
            continue
        if any(low.startswith(k) or k.startswith(low) for k in RESERVED_KEYS):
            continue
        # Sorted, so a kept name that this one starts with came earlier; none can start with it.
        if any(low[:n] in taken for n in range(1, len(low) + 1)):
            continue
        taken.add(low)
        kept.append(name)
    return kept


def kommuner(
    n: int,
    seed: int = 1,
    *,
    codes: Sequence[str] | None = None,
    avoid: Iterable[Kommun] = (),
) -> list[Kommun]:
    """`n` invented kommuner with unique names and codes, sorted by code.

    Without `codes` the kommuner are spread over the län as Sweden's are and get codes `LLnn`
    (Läns-kod + two digits); with `codes` (four digits each) the län follows from each code.
    Names and codes in `avoid` (and the demo packets' ids) are never used.
    """
    if n < 1:
        raise ValueError("antalet kommuner måste vara minst 1")
    rng = random.Random(f"kommuner:{seed}")
    avoided = list(avoid)
    avoided_names = {k.namn.lower() for k in avoided}
    names = [
        name
        for name in _names()
        if not any(name.lower().startswith(a) or a.startswith(name.lower()) for a in avoided_names)
    ]
    if n > len(names):
        raise ValueError(f"högst {len(names)} påhittade kommuner kan skapas (bad om {n})")
    rng.shuffle(names)
    used = RESERVED_CODES | {k.kod for k in avoided}
    if codes is not None:
        if len(codes) != n or len(set(codes)) != n:
            raise ValueError("ange exakt en unik kod per kommun")
        for code in codes:
            if not re.fullmatch(r"\d{4}", code) or code[:2] not in _LAN_NAMES or code in used:
                raise ValueError(f"ogiltig eller reserverad kommunkod: {code!r}")
        chosen = list(codes)
    else:
        chosen = _invent_codes(n, rng, used)
    result = [
        Kommun(name, code, _LAN_NAMES[code[:2]], code[:2])
        for name, code in zip(names, chosen, strict=False)
    ]
    return sorted(result, key=lambda k: k.kod)


def _invent_codes(n: int, rng: random.Random, used: Collection[str]) -> list[str]:
    if n == NATIONAL_KOMMUNER:
        lan = [code for code, _, count in LAN for _ in range(count)]
    else:
        weights = [count for _, _, count in LAN]
        lan = rng.choices([code for code, _, _ in LAN], weights=weights, k=n)
    free = {code: [f"{code}{x:02d}" for x in range(1, 100)] for code, _, _ in LAN}
    for options in free.values():
        rng.shuffle(options)
    chosen = []
    for wanted in lan:
        for code in [wanted, *(c for c, _, _ in LAN if c != wanted)]:
            options = [c for c in free[code] if c not in used]
            if options:
                free[code].remove(options[0])
                chosen.append(options[0])
                break
        else:
            raise ValueError(f"för många kommuner ({n}) för fyrsiffriga koder")
    return chosen


def demo_kommuner() -> list[Kommun]:
    """The four invented kommuner of the demo corpus (`corpus/statistik`)."""
    return kommuner(len(DEMO_CODES), DEMO_SEED, codes=DEMO_CODES)


def national_kommuner() -> list[Kommun]:
    """290 invented kommuner for the benchmark; none shares a name or code with the demo's."""
    return kommuner(NATIONAL_KOMMUNER, NATIONAL_SEED, avoid=demo_kommuner())


# --- Cells --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # as the CSV writes it
    number: float | int | None = None  # what an XLSX cell holds; None: written as text


def _fmt(value: float, decimals: int, group: bool) -> str:
    if not group or -1000 < value < 1000:
        return f"{value:.{decimals}f}".replace(".", ",")
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def count(value: float, *, group: bool = True) -> Cell:
    whole = round(value)
    return Cell(_fmt(whole, 0, group), whole)


def decimal(value: float, *, text: bool = False) -> Cell:
    """One decimal with a decimal comma (`1 004,8`); `text`: an XLSX cell holds the text."""
    rounded = round(value, 1)
    return Cell(_fmt(rounded, 1, True), None if text else rounded)


MISSING = Cell("..")  # too few to report, or missing
CANNOT = Cell(".")  # cannot occur
NEAR_100 = Cell("~100")  # close to 100 %, withheld to protect individuals


@functools.cache
def label(text: str) -> Cell:
    return Cell(text)


# --- Who the values describe ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """A kommun (or the whole country) as the values see it."""

    key: str
    elever: float  # pupils in grundskola, läsåret 2020/21
    growth: float  # pupils' yearly change
    enskild: float  # share in independent schools (0: no independent school)
    statlig: int  # pupils in state schools (sameskolor), mostly 0
    level: float  # results, standard normal
    staff: float  # teachers' qualifications, standard normal
    ratio: float  # pupils per teacher (full-time)
    cost: float  # cost per pupil, kronor
    foreign: float  # share of pupils with a foreign background
    national: bool = False

    def pupils(self, typ: str, year: int) -> float:
        total = self.elever * self.growth ** (year - 2020)
        own = total * (1 - self.enskild)
        parts = {"Kommunal": own, "Enskild": total * self.enskild, "Statlig": float(self.statlig)}
        if typ == "Samtliga":
            return total + self.statlig
        return parts[typ]


def _kommun_unit(kommun: Kommun, seed: int) -> _Unit:
    rng = random.Random(f"enhet:{seed}:{kommun.kod}:{kommun.namn}")
    elever = min(110_000.0, max(180.0, rng.lognormvariate(math.log(1700), 1.0)))
    none = rng.random() < (0.55 if elever < 1500 else 0.12)
    enskild = 0.0 if none else min(0.4, rng.uniform(0.01, 0.12) + elever / 400_000)
    statlig = rng.randint(8, 40) if kommun.lanskod in _NORTH and rng.random() < 0.08 else 0
    return _Unit(
        key=kommun.kod,
        elever=elever,
        growth=rng.gauss(0.995, 0.012),
        enskild=enskild,
        statlig=statlig,
        level=rng.gauss(0, 1),
        staff=rng.gauss(0, 1),
        ratio=min(16.5, max(8.5, rng.gauss(12.3, 1.1))),
        cost=rng.gauss(121_000, 9_000),
        foreign=min(0.75, max(0.03, rng.gauss(0.2, 0.1))),
    )


def _national_unit() -> _Unit:
    return _Unit(
        key="riket",
        elever=1_095_000.0,
        growth=0.994,
        enskild=0.16,
        statlig=170,
        level=0.0,
        staff=0.0,
        ratio=12.1,
        cost=124_000.0,
        foreign=0.27,
        national=True,
    )


@dataclass
class _Row:
    """What a table's row function sees: one unit × huvudman type × year."""

    rng: random.Random
    unit: _Unit
    typ: str
    year: int  # first calendar year of the läsår (2024 for 2024/25)
    seed: int

    @property
    def pupils(self) -> float:
        return self.unit.pupils(self.typ, self.year)

    def sporadic(self, p: float) -> bool:
        """A cell or row withheld now and then (never in the national figures)."""
        return not self.unit.national and self.rng.random() < p

    def noise(self, sd: float) -> float:
        return self.rng.gauss(0, sd)

    def adjust(self) -> float:
        """Independent schools differ a little from the kommun's own; Samtliga by their share."""
        if self.typ == "Samtliga":
            return 1.5 * self.unit.enskild
        return {"Enskild": 1.5, "Statlig": -2.0}.get(self.typ, 0.0)

    def fte(self) -> float:
        """Teachers in full-time posts: the same in every table for the same unit, type, year."""
        typ = _draws(self.typ)
        rng = random.Random(f"heltid:{self.seed}:{self.unit.key}:{typ}:{self.year}")
        more = {"Enskild": 0.6, "Samtliga": 0.6 * self.unit.enskild}.get(self.typ, 0.0)
        ratio = self.unit.ratio + rng.gauss(0, 0.35) + more
        ratio = 7.0 if self.typ == "Statlig" else ratio
        return self.pupils / max(6.0, ratio)


def _draws(typ: str) -> str:
    """Samtliga draws the same noise as Kommunal: without independent schools the two rows are
    the same, as in the real exports, and with them Samtliga stays close to the kommun's own."""
    return "Kommunal" if typ == "Samtliga" else typ


def share(value: float, n: float, row: _Row, *, sporadic: float = 0.01) -> Cell:
    """A percentage for a group of `n` pupils: `.` without pupils, `..` for fewer than 10 (or now
    and then), `~100` when the exact share would identify pupils."""
    if n < 0.5:
        return CANNOT
    if n < 10 or row.sporadic(sporadic):
        return MISSING
    value = min(100.0, max(0.0, value))
    if value >= 99.5 or (value >= 96.0 and n < 40):
        return NEAR_100
    return decimal(value)


def _split(total: float, girls: float) -> dict[str, float]:
    return {"Flickor": total * girls, "Pojkar": total * (1 - girls), "Samtliga": total}


def _by_kon(values: Mapping[str, float], sizes: Mapping[str, float]) -> float:
    """The Samtliga value as the pupils' weighted mean of Flickor and Pojkar."""
    weight = sizes["Flickor"] + sizes["Pojkar"]
    if weight <= 0:
        return values["Flickor"]
    return (values["Flickor"] * sizes["Flickor"] + values["Pojkar"] * sizes["Pojkar"]) / weight


# --- The tables -----------------------------------------------------------------------------------

RowFunction = Callable[[_Row], list[list[Cell]]]


@dataclass(frozen=True)
class Table:
    key: str
    title: str  # line 3 of the preamble
    stem: str  # the downloaded file's name before the year
    columns: tuple[str, ...]  # after `Typ av huvudman`
    rows: RowFunction
    codes: tuple[str, str] = ("Kommun-kod", "Läns-kod")
    types: tuple[str, ...] = ("Samtliga", "Kommunal", "Enskild")
    groups: tuple[str, ...] = ()  # the optional group-header row over `columns`
    calendar_year: bool = False  # `Valt år: 2024` instead of `Valt läsår: 2024/25`
    name_year: str = "start"  # the file name's year: "start" (2024 for 2024/25) or "end" (2025)
    uttag: str = ""  # `Valt uttag: {year}-MM-DD` with the spring year
    notes: tuple[str, ...] = ()  # free text after the year lines
    footer: tuple[str, ...] = ()  # after the table: "" blank, "A;B" a Begrepp line
    newline: str = "\n"
    over_tid: int = 0  # > 0: the last columns are this many läsår, newest first

    def header(self, level: str, year: int) -> list[str]:
        years = [_lasar(year - n) for n in range(self.over_tid)]
        kommun_kod, lans_kod = self.codes
        return [level, kommun_kod, "Län", lans_kod, "Typ av huvudman", *self.columns, *years]

    def file_name(self, year: int, level: str, suffix: str) -> str:
        shown = year + 1 if self.name_year == "end" else year
        return f"{self.stem} {shown} {level}.{suffix}"


def _lasar(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _personal(row: _Row) -> list[list[Cell]]:
    fte = row.fte()
    if (row.year >= 2024 and fte < 3) or (row.typ == "Enskild" and row.sporadic(0.03)):
        return [[MISSING] * 8]  # from 2024/25 nothing based on fewer than 3 full-time posts
    base = 71.0 + 7.5 * row.unit.staff - (6.0 if row.typ == "Enskild" else 0.0)
    qualified = min(99.0, max(25.0, base + row.noise(2.5)))
    heads = max(1.0, fte * row.rng.uniform(1.08, 1.16))
    qualified_heads = min(99.5, qualified + row.rng.uniform(4.0, 10.0))
    first = fte * row.rng.uniform(0.04, 0.11)
    return [
        [
            decimal(fte),
            decimal(fte * qualified / 100),
            decimal(qualified),
            decimal(first),
            count(heads),
            count(heads * qualified_heads / 100),
            decimal(qualified_heads),
            count(first * 1.05),
        ]
    ]


PERSONAL = Table(
    key="personal",
    title="Grundskola - Personalstatistik med lärarlegitimation och behörighet",
    stem="Personalstatistik med lärarlegitimation och behörighet",
    columns=(
        "Totalt antal",
        "Antal med lärarlegitimation och behörighet",
        "Andel med lärarlegitimation och behörighet",
        "Förstelärare",
        "Totalt antal",
        "Antal med lärarlegitimation och behörighet i minst ett ämne",
        "Andel med lärarlegitimation och behörighet i minst ett ämne",
        "Förstelärare",
    ),
    rows=_personal,
    types=TYPES,
    groups=("#Heltidstjänster",) * 4 + ("#Tjänstgörande lärare",) * 4,
    uttag="02-12",
    notes=(
        "Från och med läsåret 2024/25 redovisas ingen statistik som baseras på färre än 3 st "
        "heltidstjänster för lärare.",
    ),
    footer=(
        "",
        "",
        "Rapportbeskrivning och definitioner etc.  ",
        " ",
        "Statistiken avser anställda den 15 oktober valt läsår. Statistikuppgifterna redovisas "
        "både som antal och andel tjänstgörande lärare samt omräknat till heltidstjänster.",
        " ",
        "",
        "Heltidstjänster, Totalt antal;Antal anställda lärare, uttryckt i antal heltidstjänster "
        "och tjänstgörande lärare.",
        "Antal med lärarlegitimation och behörighet;Antal och andel (%) lärare med "
        "lärarlegitimation och behörighet, uttryckt i antal heltidstjänster och tjänstgörande "
        "lärare.",
        "Förstelärare;Antal förstelärare, uttryckt i antal heltidstjänster och tjänstgörande "
        "lärare.",
        "",
        "",
    ),
)


def _cohort(row: _Row) -> float:
    """Pupils in one årskurs: a ninth of grundskola, with some spread between years."""
    return row.pupils / 9.2 * row.rng.uniform(0.93, 1.07)


def _behorighet(row: _Row) -> list[list[Cell]]:
    sizes = _split(_cohort(row), row.rng.uniform(0.46, 0.52))
    base = 84.0 + 5.5 * row.unit.level + row.adjust() + row.noise(2.0)
    yrk = {"Flickor": base + 1.8 + row.noise(1.5), "Pojkar": base - 1.8 + row.noise(1.5)}
    yrk["Samtliga"] = _by_kon(yrk, sizes)
    lines = []
    for kon in KON:
        n = sizes[kon]
        if n < 10:
            lines.append([label(kon), MISSING, MISSING, MISSING, MISSING])
            continue
        lines.append(
            [
                label(kon),
                count(n),
                share(yrk[kon], n, row),
                share(yrk[kon] - 1.5 - abs(row.noise(0.6)), n, row),
                share(yrk[kon] - 6.0 - abs(row.noise(2.0)), n, row),
            ]
        )
    return lines


BEHORIGHET = Table(
    key="behorighet",
    title="Grundskola - Behörighet till gymnasieskolan, fr.o.m. 2011",
    stem="Behörighet till gymnasieskolan",
    columns=(
        "Kön",
        "Antal elever",
        "Andel (%) elever behöriga till yrkesprog.",
        "Andel elever (%) behöriga till estetiskt program",
        "Andel elever (%) behöriga till Naturvetenskapligt och tekniskt program",
    ),
    rows=_behorighet,
    name_year="end",
    footer=(
        "",
        "Som ett sammanfattande mått på gymnasiebehörighet är det behörighet till "
        "yrkesprogrammet som ska användas.",
        " ",
        " ",
    ),
)

# Subject, share with at least E in a typical kommun, share of the cohort that takes it.
_AK6_SUBJECTS = (
    ("Bild", 96.5, 1.0),
    ("Biologi", 93.0, 1.0),
    ("Engelska", 94.0, 1.0),
    ("Idrott och hälsa", 95.5, 1.0),
    ("Matematik", 89.5, 1.0),
    ("Musik", 96.0, 1.0),
    ("Slöjd", 96.0, 1.0),
    ("Svenska", 93.5, 0.9),
    ("Svenska som andraspråk", 72.0, 0.1),
    ("Teknik", 92.5, 1.0),
)


def _betyg_ak6(row: _Row) -> list[list[Cell]]:
    cohort = _cohort(row)
    lines = []
    for subject, typical, part in _AK6_SUBJECTS:
        taking = cohort * part
        if subject == "Svenska som andraspråk":
            taking = cohort * min(0.5, row.unit.foreign * 0.45 + row.rng.uniform(-0.02, 0.02))
            taking = 0.0 if taking < 2 else taking
        passed = typical + 3.0 * row.unit.level + row.adjust() + row.noise(1.8)
        points = 13.4 + 0.9 * row.unit.level + row.noise(0.4)
        if taking < 0.5:
            lines.append([label(subject), count(0), CANNOT, CANNOT])
            continue
        cell = share(passed, taking, row)
        # The workbook holds the points as text, as some real downloads do.
        score = cell if cell in (MISSING, CANNOT) else decimal(points, text=True)
        lines.append([label(subject), count(taking), cell, score])
    return lines


BETYG_AK6 = Table(
    key="betyg-ak6",
    title="Grundskola - Betyg i årskurs 6 per ämne",
    stem="Betyg årskurs 6 per ämne",
    columns=(
        "Ämne",
        "Antal elever",
        "Andel (%) elever med lägst betyget E",
        "Genomsnittlig betygspoäng",
    ),
    rows=_betyg_ak6,
    uttag="09-30",
    footer=(
        "",
        "",
        "Rapportbeskrivning och definitioner etc.  ",
        " ",
        "Statistiken avser elever i årskurs 6 som fått betyg i ämnet vid läsårets slut.",
        " ",
        "Begrepp;Förklaring",
        "Andel (%) elever med lägst betyget E;Andelen av eleverna med betyg i ämnet som fått "
        "något av betygen A-E.",
        "Genomsnittlig betygspoäng;Genomsnittet av elevernas betyg i ämnet, där A ger 20 poäng, "
        "B 17,5, C 15, D 12,5 och E 10 poäng.",
        "",
    ),
)


def _kostnader(row: _Row) -> list[list[Cell]]:
    if row.sporadic(0.01):
        return [[MISSING] * 7]
    pupils = row.pupils
    per_pupil = row.unit.cost * (1.03 ** (row.year - 2022)) + row.noise(2_500)
    teaching = per_pupil * row.rng.uniform(0.52, 0.58)
    premises = per_pupil * row.rng.uniform(0.14, 0.2)
    total = pupils * per_pupil / 1000  # tusentals kronor
    return [
        [
            count(pupils),
            count(total, group=False),
            count(pupils * teaching / 1000),
            count(pupils * premises / 1000),
            count(per_pupil),
            count(teaching),
            count(premises),
        ]
    ]


KOSTNADER = Table(
    key="kostnader",
    title="Grundskola - Kostnader per kommun",
    stem="Kostnader per kommun",
    columns=(
        "Genomsnittligt elevantal",
        "Totalt",
        "Undervisning",
        "Lokaler och inventarier",
        "Totalt per elev",
        "Undervisning per elev",
        "Lokaler och inventarier per elev",
    ),
    rows=_kostnader,
    codes=("Kommunkod", "Läns-kod"),
    types=("Kommunal",),
    calendar_year=True,
    notes=("Endast kommunal huvudman",),
    footer=(
        "",
        "Totalt;Totala kostnader för valt år, i tusentals kronor.",
        "Totalt per elev;Totala kostnader per elev för valt år, i kronor.",
        "Undervisning per elev;Kostnader för undervisning per elev för valt år, i kronor.",
        "",
    ),
    newline="\r\n",
)


def _antal_elever(row: _Row) -> list[list[Cell]]:
    pupils = row.pupils
    grades = [pupils / 9 * row.rng.uniform(0.9, 1.1) for _ in range(9)]
    scale = pupils / sum(grades)
    grades = [g * scale for g in grades]
    girls = 100 * row.rng.uniform(0.46, 0.52)
    foreign = 100 * min(0.9, max(0.01, row.unit.foreign + row.noise(0.03)))
    return [
        [
            *(count(g) for g in grades),
            count(pupils),
            share(girls, pupils, row, sporadic=0.0),
            share(foreign, pupils, row, sporadic=0.005),
        ]
    ]


ANTAL_ELEVER = Table(
    key="antal-elever",
    title="Grundskola - Elever per årskurs, samtliga elever",
    stem="Elever per årskurs, samtliga elever",
    columns=(
        *(f"Årskurs {n}" for n in range(1, 10)),
        "Totalt",
        "Andel (%) flickor",
        "Andel (%) elever med utländsk bakgrund",
    ),
    rows=_antal_elever,
    types=TYPES,
    name_year="end",
    uttag="03-20",
    footer=(
        "",
        "",
        "Rapportbeskrivning och definitioner etc.  ",
        " ",
        "Statistiken avser elever den 15 oktober valt läsår.",
        " ",
        "",
        "Totalt;Antal elever i grundskolan, årskurs 1-9.",
        "Andel (%) elever med utländsk bakgrund;Elever som är födda utomlands eller har två "
        "utrikes födda föräldrar.",
        "",
    ),
)

_OVER_TID_SUBJECTS = (
    ("Matematik", 89.0, 4.0),
    ("Svenska", 93.0, 3.0),
    ("Engelska", 93.5, 3.0),
    ("Svenska som andraspråk", 66.0, 8.0),
)


def _amnesbetyg_over_tid(row: _Row, years: int) -> list[list[Cell]]:
    lines = []
    for subject, typical, sd in _OVER_TID_SUBJECTS:
        # One series per unit, type and subject, drawn from a fixed first year: a year's value
        # is the same in every file (newest läsår) that shows it.
        series = random.Random(f"over-tid:{row.seed}:{row.unit.key}:{_draws(row.typ)}:{subject}")
        base = typical + 3.0 * row.unit.level + row.adjust() + series.gauss(0, sd / 2)
        part = min(0.5, row.unit.foreign * 0.4) if "andra" in subject else 0.95
        values: dict[int, Cell] = {}
        for year in range(FIRST_YEAR, row.year + 1):
            value = base - 0.25 * (year - 2015) + series.gauss(0, sd / 2)
            withheld = not row.unit.national and series.random() < 0.04
            taking = row.unit.pupils(row.typ, year) / 9.2 * part
            values[year] = MISSING if withheld or taking < 10 else decimal(min(99.4, value))
        lines.append([label(subject), *(values[row.year - n] for n in range(years))])
    return lines


AMNESBETYG_OVER_TID = Table(
    key="amnesbetyg-over-tid",
    title="Grundskola - Jämförelse av ämnesbetyg över tid",
    stem="Jämförelse av ämnesbetyg över tid, årskurs 9",
    columns=("Andel (%) elever som fått godkänt betyg i respektive ämne",),
    rows=lambda row: _amnesbetyg_over_tid(row, 10),
    codes=("Kommunkod", "Länskod"),
    types=("Samtliga", "Kommunal"),
    name_year="end",
    footer=("", ""),
    over_tid=10,
)


def _meritvarde(row: _Row) -> list[list[Cell]]:
    sizes = _split(_cohort(row), row.rng.uniform(0.46, 0.52))
    base = 224.0 + 13.0 * row.unit.level + 3 * row.adjust() + row.noise(4.0)
    merit = {"Flickor": base + 14 + row.noise(3), "Pojkar": base - 14 + row.noise(3)}
    merit["Samtliga"] = _by_kon(merit, sizes)
    alla = {k: 74.0 + (v - 224.0) * 0.55 + row.noise(1.5) for k, v in merit.items()}
    lines = []
    for kon in KON:
        n = sizes[kon]
        if n < 10 or row.sporadic(0.005):
            lines.append([label(kon), count(n) if n >= 10 else MISSING, *[MISSING] * 3])
            continue
        value = min(330.0, max(120.0, merit[kon]))
        sixteen = value - 12.5 - abs(row.noise(1.5))
        lines.append(
            [label(kon), count(n), decimal(value), decimal(sixteen), share(alla[kon], n, row)]
        )
    return lines


MERITVARDE = Table(
    key="meritvarde-ak9",
    title="Grundskola - Slutbetyg i årskurs 9, meritvärde",
    stem="Slutbetyg årskurs 9, meritvärde",
    columns=(
        "Kön",
        "Antal elever",
        "Genomsnittligt meritvärde (17 ämnen)",
        "Genomsnittligt meritvärde (16 ämnen)",
        "Andel (%) elever som uppnått kunskapskraven i alla ämnen",
    ),
    rows=_meritvarde,
    name_year="end",
    footer=(
        "",
        "",
        "Rapportbeskrivning och definitioner etc.  ",
        " ",
        "Begrepp;Förklaring",
        "Genomsnittligt meritvärde (17 ämnen);Summan av betygsvärdena för elevens 16 bästa betyg "
        "och betyget i moderna språk som språkval, delat med antalet elever. Högsta möjliga "
        "värde är 340.",
        "Genomsnittligt meritvärde (16 ämnen);Summan av betygsvärdena för elevens 16 bästa "
        "betyg, delat med antalet elever. Högsta möjliga värde är 320.",
        "",
    ),
)


def _elever_per_larare(row: _Row) -> list[list[Cell]]:
    fte = row.fte()
    if fte < 1:
        return [[count(row.pupils), MISSING, MISSING, MISSING]]
    pedagogic = 86.0 + 5.0 * row.unit.staff - (7.0 if row.typ == "Enskild" else 0) + row.noise(2)
    return [
        [
            count(row.pupils),
            decimal(fte),
            decimal(row.pupils / fte),
            share(pedagogic, fte, row),
        ]
    ]


ELEVER_PER_LARARE = Table(
    key="elever-per-larare",
    title="Grundskola - Elever och lärare, antal elever per lärare",
    stem="Elever per lärare",
    columns=(
        "Antal elever",
        "Antal lärare (heltidstjänster)",
        "Antal elever per lärare (heltidstjänster)",
        "Andel (%) lärare med pedagogisk högskoleexamen",
    ),
    rows=_elever_per_larare,
    types=TYPES,
    uttag="03-20",
    footer=(
        "",
        "Antal elever per lärare (heltidstjänster);Antal elever den 15 oktober delat med antalet "
        "lärare omräknat till heltidstjänster.",
        "",
    ),
    newline="\r\n",
)

_PROV = (
    ("Engelska", 91.0),
    ("Matematik", 84.0),
    ("Svenska", 90.0),
    ("Svenska som andraspråk", 60.0),
)


def _nationella_prov(row: _Row) -> list[list[Cell]]:
    cohort = _cohort(row)
    lines = []
    for subject, typical in _PROV:
        taking = cohort * (0.92 if "andra" not in subject else min(0.4, row.unit.foreign * 0.35))
        if taking < 0.5:
            lines.append([label(subject), count(0), CANNOT, CANNOT])
            continue
        passed = typical + 4.0 * row.unit.level + row.adjust() + row.noise(2.5)
        points = 12.8 + 1.1 * row.unit.level + row.noise(0.5)
        cell = share(passed, taking, row)
        lines.append(
            [label(subject), count(taking), cell, cell if cell == MISSING else decimal(points)]
        )
    return lines


NATIONELLA_PROV = Table(
    key="nationella-prov-ak9",
    title="Grundskola - Resultat på nationella prov i årskurs 9",
    stem="Nationella prov årskurs 9",
    columns=(
        "Prov",
        "Antal elever",
        "Andel (%) elever med lägst provbetyget E",
        "Genomsnittlig provbetygspoäng",
    ),
    rows=_nationella_prov,
    footer=(
        "",
        "",
        "Rapportbeskrivning och definitioner etc.  ",
        " ",
        "Resultaten avser elever som deltagit i samtliga delprov.",
        "",
    ),
)


def _sarskilt_stod(row: _Row) -> list[list[Cell]]:
    pupils = row.pupils
    plans = 5.5 - 0.8 * row.unit.level + row.noise(1.2)
    groups = 1.2 + row.noise(0.4)
    adapted = 0.9 + row.noise(0.3)
    if pupils < 30:
        return [[count(pupils), MISSING, MISSING, MISSING]]
    return [
        [
            count(pupils),
            share(max(0.5, plans), pupils, row),
            share(max(0.0, groups), pupils, row),
            share(max(0.0, adapted), pupils, row),
        ]
    ]


SARSKILT_STOD = Table(
    key="sarskilt-stod",
    title="Grundskola - Särskilt stöd, åtgärdsprogram och särskild undervisningsgrupp",
    stem="Särskilt stöd",
    columns=(
        "Antal elever",
        "Andel (%) elever med åtgärdsprogram",
        "Andel (%) elever i särskild undervisningsgrupp",
        "Andel (%) elever med anpassad studiegång",
    ),
    rows=_sarskilt_stod,
    codes=("Kommunkod", "Länskod"),
    uttag="04-15",
    footer=(
        "",
        "Andel (%) elever med åtgärdsprogram;Andelen elever som den 15 oktober hade ett "
        "åtgärdsprogram för särskilt stöd.",
        "",
    ),
)

TABLES: tuple[Table, ...] = (
    PERSONAL,
    BEHORIGHET,
    BETYG_AK6,
    KOSTNADER,
    ANTAL_ELEVER,
    AMNESBETYG_OVER_TID,
    MERITVARDE,
    ELEVER_PER_LARARE,
    NATIONELLA_PROV,
    SARSKILT_STOD,
)
TABLES_BY_KEY = {t.key: t for t in TABLES}

# --- Files --------------------------------------------------------------------------------------

Line = str | list[Cell]  # a free-text line, or a table line (written with a trailing `;`)


def _start_year(lasar: str) -> int:
    match = _LASAR_RE.match(lasar)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"läsåret skrivs som 2024/25, inte {lasar!r}")
    year = int(match.group(1))
    if not FIRST_YEAR + 10 <= year <= 2099:
        raise ValueError(f"läsår från {_lasar(FIRST_YEAR + 10)} kan skapas, inte {lasar}")
    return year


def _table_lines(
    table: Table,
    units: Sequence[tuple[Sequence[str], _Unit]],
    level: str,
    year: int,
    seed: int,
) -> list[Line]:
    lines: list[Line] = ["Statistik från Skolverket, https://www.skolverket.se", "", table.title]
    lines.append(f"Valt år: {year}" if table.calendar_year else f"Valt läsår: {_lasar(year)}")
    if table.uttag:
        lines.append(f"Valt uttag: {year + 1}-{table.uttag}")
    if table.calendar_year:
        lines += table.notes
        lines.append("")
    else:
        lines.append("")
        for note in table.notes:
            lines += [note, ""]
    if table.groups:
        lines.append([label("")] * 5 + [label(g) for g in table.groups])
    lines.append([label(h) for h in table.header(level, year)])
    for labels, unit in units:
        for typ in table.types:
            if unit.pupils(typ, year) <= 0:
                continue  # no independent (or state) school in the kommun: no row
            own = RIKET_SEED if unit.national else seed  # one Sweden, whatever the seed
            rng = random.Random(f"rad:{own}:{table.key}:{unit.key}:{_draws(typ)}:{year}")
            for values in table.rows(_Row(rng, unit, typ, year, own)):
                lines.append([*(label(x) for x in labels), label(typ), *values])
    lines += [line if ";" not in line else _footer_cells(line) for line in table.footer]
    return lines


def _footer_cells(line: str) -> list[Cell]:
    return [label(part) for part in line.split(";")]


def _csv_bytes(lines: Sequence[Line], newline: str) -> bytes:
    out = []
    for line in lines:
        out.append(line if isinstance(line, str) else "".join(f"{c.text};" for c in line))
    return (newline.join(out) + newline).encode("utf-8-sig")


def _xlsx_bytes(lines: Sequence[Line], sheet_title: str) -> bytes:
    """One sheet: the preamble in column A, then the table; numbers as numbers, the rest text."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for line in lines:
        if isinstance(line, str):
            sheet.append([line.rstrip()] if line.strip() else [])
            continue
        # Codes stay text ("0596"), so their leading zero is kept.
        sheet.append([c.number if c.number is not None else (c.text or None) for c in line])
    return reproducible_xlsx(
        workbook,
        title=lines[2] if isinstance(lines[2], str) else "",
        creator="evals.synth_exports (påhittade värden)",
        when=_FIXED_DATE,
    )


@dataclass(frozen=True)
class _Level:
    name: str  # "Kommun" or "Riket"
    units: list[tuple[Sequence[str], _Unit]] = field(default_factory=list)


def write_export_set(
    folder: Path,
    kommuner: Sequence[Kommun],
    lasar: Sequence[str],
    seed: int,
    *,
    riket: bool = True,
    xlsx_tables: Mapping[str, Collection[str]] = DEFAULT_XLSX,
    tables: Sequence[str] | None = None,
) -> list[Path]:
    """Write one export per table × läsår (and with `riket` one level-Riket export each) into
    `folder`; returns the paths in writing order.

    `xlsx_tables` maps a table key to the läsår written as XLSX instead of CSV; `tables` picks
    tables by key (default all of `TABLES`). Cost tables (`Valt år`) use the läsår's first year.
    """
    if not kommuner:
        raise ValueError("minst en kommun behövs")
    if len({k.kod for k in kommuner}) != len(kommuner):
        raise ValueError("kommunkoderna måste vara unika")
    if len({k.namn.lower() for k in kommuner}) != len(kommuner):
        raise ValueError("kommunnamnen måste vara unika")
    years = [_start_year(x) for x in lasar]
    if not years or len(set(years)) != len(years):
        raise ValueError("ange minst ett läsår, vart och ett en gång")
    keys = list(tables) if tables is not None else [t.key for t in TABLES]
    unknown = [k for k in [*keys, *xlsx_tables] if k not in TABLES_BY_KEY]
    if unknown:
        raise ValueError(f"okända tabeller: {', '.join(unknown)}; välj bland {list(TABLES_BY_KEY)}")
    levels = [
        _Level(
            "Kommun",
            [((k.namn, k.kod, k.lan, k.lanskod), _kommun_unit(k, seed)) for k in kommuner],
        )
    ]
    if riket:
        levels.append(_Level("Riket", [(("Riket", "", "", ""), _national_unit())]))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for key in keys:
        table = TABLES_BY_KEY[key]
        as_xlsx = {_start_year(x) for x in xlsx_tables.get(key, ())}
        for year in years:
            for level in levels:
                lines = _table_lines(table, level.units, level.name, year, seed)
                if year in as_xlsx:
                    data = _xlsx_bytes(lines, table.stem)
                    path = folder / table.file_name(year, level.name, "xlsx")
                else:
                    data = _csv_bytes(lines, table.newline)
                    path = folder / table.file_name(year, level.name, "csv")
                path.write_bytes(data)
                written.append(path)
    return written


def write_national_set(folder: Path) -> list[Path]:
    """The benchmark's national set: 290 invented kommuner × every table × `LASAR`, with Riket."""
    return write_export_set(folder, national_kommuner(), LASAR, NATIONAL_SEED)


# --- Reading the files back (for counting) ---------------------------------------------------


def table_rows(path: Path) -> list[list[str]]:
    """The data rows of one written export (header and definitions left out), cells as text."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            raw = [
                ["" if v is None else _xlsx_text(v) for v in values]
                for values in sheet.iter_rows(values_only=True)
            ]
        finally:
            workbook.close()
    else:
        text = path.read_bytes().decode("utf-8-sig")
        raw = [line.split(";")[:-1] if line.endswith(";") else [line] for line in text.splitlines()]
    start = next(n for n, cells in enumerate(raw) if cells and cells[0] in ("Kommun", "Riket"))
    rows = []
    for cells in raw[start + 1 :]:
        if not cells or not cells[0].strip():
            break
        rows.append(cells)
    return rows


def _xlsx_text(value: object) -> str:
    if isinstance(value, float):
        return _fmt(value, 1, True)
    if isinstance(value, int):
        return _fmt(value, 0, True)
    return str(value)


def count_values(paths: Iterable[Path]) -> int:
    """Cells holding a value or a marker, over the table rows of every file."""
    return sum(
        1 for path in paths for row in table_rows(path) for cell in row[5:] if VALUE_RE.match(cell)
    )
