"""Build the dialogue preparation brief for one huvudman from the index, deterministically.

Only the catalogue is read (packet rows and chunk texts); no model, no search. The same packet
and corpus give the same brief, with citations numbered in reading order. The brief reads only
the requested huvudman's packet rows, so it can never show another huvudman's numbers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

from assistant.answer.citations import CitationBook
from assistant.answer.compose import with_marker
from assistant.answer.packet_answer import (
    _diff_unit,
    comparable,
    difference,
    difference_to_riket,
    row_chunk,
    value_text,
    who_of,
    with_unit,
)
from assistant.brief.model import (
    Brief,
    Comparison,
    ContextValue,
    DialoguePartItem,
    FactorItem,
    FlagItem,
    IndicatorItem,
    QuestionItem,
    Rule,
    RuleId,
    Section,
    Sentence,
    Trend,
    YearValue,
)
from assistant.brief.rules import (
    DEFAULT_MARGIN_PERCENT,
    RULE_NAMES,
    RULE_ORDER,
    RaisedFlag,
    evaluate,
    margin_decimal,
)
from assistant.errors import UnknownHuvudmanError
from assistant.ingest.packets import SUPPRESSION_MEANINGS
from assistant.ingest.skolverket import OMFATTNING_ORDER
from assistant.text.sentences import split_sentences
from assistant.types import Chunk, PacketRow

CONFIG_PATH = Path(__file__).with_name("indicator_factors.toml")
T = TypeVar("T")


class BriefCatalog(Protocol):
    """What the brief reads: one huvudman's packet rows and every passage (kept while the
    catalogue is unchanged)."""

    def packet_rows(
        self, huvudman_id: str, indikator_id: str | None = None
    ) -> list[tuple[str, str, PacketRow]]: ...
    def all_chunks(self) -> list[Chunk]: ...
    def cached(self, name: str, compute: Callable[[], T]) -> T: ...


class BriefIndex(Protocol):
    """What composing a brief needs of an index (`Index` is one): only its catalogue."""

    @property
    def catalog(self) -> BriefCatalog: ...


_PART_NUMBER = re.compile(r"^\s*(\d+)[.)]\s*")

_RowCiter = Callable[[PacketRow], tuple[str, int]]


@dataclass(frozen=True)
class BriefConfig:
    """indicator_factors.toml: which success factors belong to which indicator, and more."""

    factors_by_indicator: dict[str, list[str]]
    factors_by_words: dict[str, list[str]]  # a word in an indicator's name → factors
    factors_by_rule: dict[str, list[str]]
    lower_is_better: frozenset[str]
    description_heading: str
    questions_heading: str
    dialogue_source: str
    dialogue_heading: str
    sentences_per_factor: int
    preferred_opening: str
    questions_per_factor: int


@cache
def load_config(path: Path = CONFIG_PATH) -> BriefConfig:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sections, scope = data["avsnitt"], data["omfang"]
    return BriefConfig(
        factors_by_indicator={k: list(v) for k, v in data["indikatorer"].items()},
        factors_by_words={k.lower(): list(v) for k, v in data.get("nyckelord", {}).items()},
        factors_by_rule={k: list(v) for k, v in data.get("regler", {}).items()},
        lower_is_better=frozenset(data.get("riktning", {}).get("lagre_ar_battre", [])),
        description_heading=sections["faktor_beskrivning"],
        questions_heading=sections["faktor_fragor"],
        dialogue_source=sections["dialog_kalla"],
        dialogue_heading=sections["dialog_delar"],
        sentences_per_factor=int(scope["meningar_per_faktor"]),
        preferred_opening=str(scope.get("foredragen_inledning", "")),
        questions_per_factor=int(scope["fragor_per_faktor"]),
    )


@dataclass
class _Indicator:
    indikator_id: str
    series: list[PacketRow]  # one row per year, oldest first
    higher_is_better: bool
    context: list[PacketRow] = field(default_factory=list)  # other kinds of schools, latest year


class _Citer:
    """A CitationBook that also hands out the number, for the items' `citations` lists."""

    def __init__(self) -> None:
        self.book = CitationBook()

    def cite(self, chunk: Chunk) -> tuple[str, int]:
        mark = self.book.cite(chunk)
        return mark, int(mark[1:-1])


def compose_brief(
    index: BriefIndex,
    huvudman_id: str,
    marginal_procent: float = DEFAULT_MARGIN_PERCENT,
    config: BriefConfig | None = None,
) -> Brief:
    """The brief for `huvudman_id`; `UnknownHuvudmanError` if it has no packet rows."""
    config = config or load_config()
    margin_decimal(marginal_procent)  # refuse a negative margin before doing any work
    entries = index.catalog.packet_rows(huvudman_id)
    if not entries:
        raise UnknownHuvudmanError(huvudman_id)
    chunks = {
        (src, row.line, row.kolumn): row_chunk(row, src, title) for src, title, row in entries
    }
    origin = {id(row): (src, row.line, row.kolumn) for src, _, row in entries}
    indicators = _indicators(entries, config)
    rows = [row for _, _, row in entries]
    who = next((r.huvudman_namn for r in rows if r.huvudman_namn), huvudman_id)
    years = sorted({r.ar for r in rows})
    # A table's own latest year: a cost table's "2024" is not a year missing from "2024/25".
    latest_by_table: dict[str, str] = {}
    for row in rows:
        latest_by_table[row.tabell] = max(latest_by_table.get(row.tabell, row.ar), row.ar)
    sources = sorted({src for src, _, _ in entries})
    citer = _Citer()

    def cite_row(row: PacketRow) -> tuple[str, int]:
        return citer.cite(chunks[origin[id(row)]])

    def latest(ind: _Indicator) -> str:
        return latest_by_table[ind.series[-1].tabell]

    flags_by_indicator = {
        ind.indikator_id: evaluate(
            [r if comparable(r) else _without_riket(r) for r in ind.series],
            latest(ind),
            marginal_procent,
            higher_is_better=ind.higher_is_better,
        )
        for ind in indicators
    }
    indicator_items = [
        _indicator_item(ind, who, latest(ind), flags_by_indicator[ind.indikator_id], cite_row)
        for ind in indicators
    ]

    # The texts are read once per catalogue version: they change only when documents are.
    library = _Library(index.catalog.cached("all_chunks", index.catalog.all_chunks), config)
    flag_items: list[FlagItem] = []
    factor_flags: dict[str, list[str]] = {}  # factor source → flag ids, in first-use order
    for ind in indicators:
        for raised in flags_by_indicator[ind.indikator_id]:
            flag = _flag_item(raised, ind, who, latest(ind), marginal_procent, cite_row)
            wanted = config.factors_by_rule.get(raised.rule, []) + _factors_of(ind, config)
            for source in dict.fromkeys(wanted):
                if library.has_factor(source):
                    flag.factors.append(_factor_id(source))
                    factor_flags.setdefault(source, []).append(flag.id)
            flag_items.append(flag)

    factor_items = [
        library.factor_item(source, flag_ids, citer) for source, flag_ids in factor_flags.items()
    ]
    question_items = [
        question
        for source, flag_ids in factor_flags.items()
        for question in library.questions(source, flag_ids, citer)
    ]
    dialogue_intro, dialogue_citations, part_items = library.dialogue(citer)

    margin_text = _decimal_text(margin_decimal(marginal_procent))
    rules = _rules(margin_text)
    sections = [
        Section(
            id="indikatorer",
            heading="Läget: indikatorerna",
            intro=(
                "Senaste värde, rikets värde och utvecklingen över åren för varje indikator i "
                "paketet, med siffrorna som de står i paketet."
            ),
            items=list(indicator_items),
        ),
        Section(
            id="flaggor",
            heading="Flaggor",
            intro=(
                f"En flagga sätts när det senaste värdet är sämre än rikets med mer än "
                f"{margin_text} % av rikets värde, när värdet har blivit sämre två år i följd "
                "eller när värdet för det senaste året saknas."
                + ("" if flag_items else " Ingen regel slog till för den här huvudmannen.")
            ),
            items=list(flag_items),
        ),
        Section(
            id="framgangsfaktorer",
            heading="Framgångsfaktorer att ta upp",
            intro=(
                "Framgångsfaktorer som hör till de flaggade indikatorerna, med vad de innebär."
                if factor_items
                else _nothing_chosen(bool(flag_items), "framgångsfaktorer")
            ),
            items=list(factor_items),
        ),
        Section(
            id="fragor",
            heading="Frågor till dialogen",
            intro=(
                f"Förslag ur framgångsfaktorernas avsnitt ”{config.questions_heading}”."
                if question_items
                else _nothing_chosen(bool(flag_items), "frågor")
            ),
            items=list(question_items),
        ),
        Section(
            id="dialogen",
            heading="Så går dialogen till",
            intro=dialogue_intro,
            intro_citations=dialogue_citations,
            items=list(part_items),
        ),
    ]
    span = f"åren {years[0]}–{years[-1]}" if len(years) > 1 else f"året {years[0]}"
    return Brief(
        huvudman_id=huvudman_id,
        huvudman_namn=who,
        title=f"Dialogunderlag: {who} ({huvudman_id})",
        intro=(
            f"Underlag inför kvalitetsdialogen med {who}. Siffrorna står exakt som i "
            f"indikatorpaketet ({', '.join(sources)}, {span}), och varje uppgift har en "
            "källhänvisning [n]. Flaggorna sätts av fasta regler; framgångsfaktorer och frågor "
            "är hämtade ur dokumenten om framgångsfaktorerna."
        ),
        years=years,
        sources=sources,
        marginal_procent=marginal_procent,
        rules=rules,
        sections=sections,
        citations=citer.book.citations(),
    )


def _nothing_chosen(flagged: bool, what: str) -> str:
    if flagged:
        return f"Underlaget saknar de {what} som hör till flaggorna."
    return f"Inga flaggor, så inga {what} är utvalda."


# --- indicators -----------------------------------------------------------------------------


def _indicators(
    entries: Sequence[tuple[str, str, PacketRow]], config: BriefConfig
) -> list[_Indicator]:
    """Indicators in the packet's own order; one row per year (the first by file and line).

    For a Skolverket export the series is the kommun's own schools (or the first kind of
    schools the table has); the other kinds for the latest year are the series' context.
    """
    first_seen: dict[str, tuple[str, int, int]] = {}
    by_kind: dict[str, dict[str, dict[str, PacketRow]]] = {}
    for src, _, row in sorted(entries, key=lambda e: (e[0], e[2].line, e[2].kolumn)):
        first_seen.setdefault(row.indikator_id, (src, row.line, row.kolumn))
        kinds = by_kind.setdefault(row.indikator_id, {})
        kinds.setdefault(row.omfattning, {}).setdefault(row.ar, row)
    indicators = []
    for ind in sorted(first_seen, key=lambda i: first_seen[i]):
        kinds = by_kind[ind]
        primary = next((o for o in ("", *OMFATTNING_ORDER) if o in kinds), min(kinds))
        series = [kinds[primary][ar] for ar in sorted(kinds[primary])]
        latest = series[-1].ar
        context = [
            kinds[o][latest]
            for o in sorted(kinds, key=_kind_order)
            if o != primary and latest in kinds[o]
        ]
        higher = ind not in config.lower_is_better
        indicators.append(_Indicator(ind, series, higher, context))
    return indicators


def _kind_order(omfattning: str) -> int:
    return OMFATTNING_ORDER.index(omfattning) if omfattning in OMFATTNING_ORDER else 99


def _factors_of(ind: _Indicator, config: BriefConfig) -> list[str]:
    """The indicator's success factors: listed by id, else by a word of its name."""
    listed = config.factors_by_indicator.get(ind.indikator_id)
    if listed is not None:
        return listed
    name = ind.series[-1].indikator_namn.lower()
    return next((f for word, f in config.factors_by_words.items() if word in name), [])


def _without_riket(row: PacketRow) -> PacketRow:
    return row.model_copy(update={"riket": "", "riket_num": None})


def _value_text(row: PacketRow) -> str:
    return with_unit(row.varde, row.enhet) if row.varde_num is not None else f"”{row.varde}”"


def _listing(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def _suppressed_text(row: PacketRow) -> str:
    if not row.varde:
        return "paketet saknar värde"
    meaning = SUPPRESSION_MEANINGS.get(row.varde, "värdet inte är ett tal")
    return f"paketet anger ”{row.varde}”, vilket betyder att {meaning}"


def _comparison(row: PacketRow) -> Comparison | None:
    result = difference_to_riket(row)
    if result is None:
        return None
    amount, sign = result
    position = {1: "över", -1: "under", 0: "lika"}[sign]
    return Comparison(
        riket=row.riket,
        difference=amount,
        unit=_diff_unit(row.enhet),
        position=position,  # type: ignore[arg-type]
    )


def _amount(amount: str, unit: str) -> str:
    return f"{amount} {unit}" if unit else amount


def _trend(series: Sequence[PacketRow]) -> Trend:
    numeric = [r for r in series if r.varde_num is not None]
    if len(numeric) < 2:
        return Trend(direction="okänd")
    first, last = numeric[0], numeric[-1]
    result = difference(last.varde, first.varde)
    if result is None:
        return Trend(direction="okänd")
    amount, sign = result
    direction = {1: "ökning", -1: "minskning", 0: "oförändrat"}[sign]
    return Trend(
        direction=direction,  # type: ignore[arg-type]
        from_year=first.ar,
        to_year=last.ar,
        change=amount,
        unit=_diff_unit(first.enhet),
    )


def _indicator_item(
    ind: _Indicator,
    who: str,
    latest_year: str,
    raised: Sequence[RaisedFlag],
    cite_row: _RowCiter,
) -> IndicatorItem:
    series = ind.series
    latest = series[-1]
    numbers: list[int] = []

    def mark(row: PacketRow) -> str:
        text, number = cite_row(row)
        numbers.append(number)
        return text

    values = [
        YearValue(
            ar=r.ar,
            varde=r.varde,
            riket=r.riket,
            varde_num=r.varde_num,
            riket_num=r.riket_num,
            citation=cite_row(r)[1],
        )
        for r in series
    ]
    sentences: list[str] = []
    comparison = _comparison(latest)
    if latest.varde_num is not None:
        sentences.append(f"Senaste värde: {_value_text(latest)} ({latest.ar}) {mark(latest)}.")
        riket = with_unit(latest.riket, latest.enhet)
        if comparison is not None and comparison.position == "lika":
            sentences.append(f"Riket {latest.ar}: {riket}, samma nivå {mark(latest)}.")
        elif comparison is not None:
            gap = _amount(comparison.difference, comparison.unit)
            sentences.append(
                f"Riket {latest.ar}: {riket}; {who} ligger {gap} {comparison.position} riket "
                f"{mark(latest)}."
            )
        elif latest.riket_num is not None:
            # A count for the whole country says nothing about the kommun's level.
            sentences.append(
                f"Riket {latest.ar}: {with_unit(latest.riket, latest.enhet)}, en summa för hela "
                f"landet som inte jämförs med kommunens {mark(latest)}."
            )
        elif latest.riket:
            sentences.append(f"Riket {latest.ar}: ”{latest.riket}” {mark(latest)}.")
        elif latest.tabell:
            sentences.append(
                f"Rikets värde för {latest.ar} finns inte i underlaget; läs in tabellen "
                "exporterad på nivå Riket för att jämföra."
            )
        else:
            sentences.append(f"Paketet har inget värde för riket {latest.ar}.")
    else:
        sentences.append(f"{latest.ar}: {_suppressed_text(latest)} {mark(latest)}.")
        if latest.riket:
            sentences.append(
                f"Riket {latest.ar}: {with_unit(latest.riket, latest.enhet)} {mark(latest)}."
            )
    if latest.ar != latest_year:
        sentences.append(f"Paketet har ingen rad för {latest_year}.")
    for other in ind.context:
        sentences.append(f"Samma år, {who_of(other)}: {value_text(other)} {mark(other)}.")
    if len(series) > 1:
        listed = _listing([f"{_value_text(r)} ({r.ar}) {mark(r)}" for r in series])
        sentences.append(f"Utveckling: {listed}.")
    trend = _trend(series)
    if trend.direction != "okänd" and trend.from_year and trend.to_year:
        first = next(r for r in series if r.ar == trend.from_year)
        last = next(r for r in series if r.ar == trend.to_year)
        marks = mark(first) + mark(last)
        if trend.direction == "oförändrat":
            sentences.append(f"Från {trend.from_year} till {trend.to_year}: oförändrat {marks}.")
        else:
            sentences.append(
                f"Från {trend.from_year} till {trend.to_year}: en {trend.direction} med "
                f"{_amount(trend.change or '', trend.unit)} {marks}."
            )
    elif len(series) == 1:
        sentences.append("Paketet har bara ett år, så utvecklingen går inte att beskriva.")
    else:
        sentences.append("Färre än två år har ett talvärde, så förändringen går inte att räkna ut.")
    context = [
        ContextValue(
            omfattning=r.omfattning,
            vem=who_of(r),
            ar=r.ar,
            varde=r.varde,
            varde_num=r.varde_num,
            citation=cite_row(r)[1],
        )
        for r in ind.context
    ]
    return IndicatorItem(
        id=f"indikator:{ind.indikator_id}",
        text=" ".join(sentences),
        citations=sorted(set(numbers)),
        indikator_id=ind.indikator_id,
        namn=latest.indikator_namn,
        enhet=latest.enhet,
        kategori=latest.kategori,
        skolform=latest.skolform,
        ar=latest.ar,
        varde=latest.varde,
        riket=latest.riket,
        comparison=comparison,
        trend=trend,
        series=values,
        higher_is_better=ind.higher_is_better,
        omfattning=latest.omfattning,
        vem=who_of(latest),
        context=context,
        flags=[_flag_id(f.rule, ind.indikator_id) for f in raised],
    )


# --- flags ----------------------------------------------------------------------------------


def _flag_id(rule: RuleId, indikator_id: str) -> str:
    return f"flagga:{rule}:{indikator_id}"


def _decimal_text(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _rules(margin_text: str) -> list[Rule]:
    descriptions: dict[RuleId, str] = {
        "samre_an_riket": (
            f"Det senaste värdet ligger under rikets värde samma år med mer än {margin_text} % "
            "av rikets värde (över riket för indikatorer där ett lägre värde är bättre). En "
            "skillnad som är exakt lika stor som marginalen ger ingen flagga."
        ),
        "forsamring_tva_ar": (
            "De tre senaste åren i paketet har alla ett värde, och varje år är sämre än året "
            "innan: lägre, eller högre för indikatorer där ett lägre värde är bättre."
        ),
        "saknat_varde": (
            "Indikatorn saknar ett talvärde för paketets senaste år: värdet är prickat (till "
            "exempel ”..”) eller saknas, eller så har indikatorn ingen rad för det året."
        ),
    }
    return [Rule(id=r, name=RULE_NAMES[r], description=descriptions[r]) for r in RULE_ORDER]


def _flag_item(
    raised: RaisedFlag,
    ind: _Indicator,
    who: str,
    latest_year: str,
    marginal_procent: float,
    cite_row: _RowCiter,
) -> FlagItem:
    numbers: list[int] = []

    def mark(row: PacketRow) -> str:
        text, number = cite_row(row)
        numbers.append(number)
        return text

    row = raised.rows[-1]
    name = row.indikator_namn
    better = "" if ind.higher_is_better else " För den här indikatorn är ett lägre värde bättre."
    if raised.rule == "samre_an_riket":
        comparison = _comparison(row)
        assert comparison is not None and raised.margin is not None
        gap = _amount(comparison.difference, comparison.unit)
        limit = _amount(_decimal_text(raised.margin), _diff_unit(row.enhet))
        margin = _decimal_text(margin_decimal(marginal_procent))
        text = (
            f"{name} {row.ar}: {_value_text(row)} mot rikets "
            f"{with_unit(row.riket, row.enhet)}, {gap} {comparison.position} riket {mark(row)}."
        )
        rule_text = (
            f"Senaste värdet ligger {comparison.position} riket med mer än marginalen "
            f"{margin} % av rikets värde ({limit}).{better}"
        )
    elif raised.rule == "forsamring_tva_ar":
        verb = "minskat" if ind.higher_is_better else "ökat"
        listed = _listing([f"{_value_text(r)} ({r.ar}) {mark(r)}" for r in raised.rows])
        text = f"{name} har {verb} två år i följd: {listed}."
        rule_text = f"Värdet har {verb} två år i följd (de tre senaste åren i paketet).{better}"
    else:
        if raised.missing_year is not None:
            text = (
                f"{name}: paketet har ingen rad för {raised.missing_year}; senaste året med "
                f"en rad är {row.ar} {mark(row)}."
            )
        else:
            text = f"{name} {row.ar}: {_suppressed_text(row)} {mark(row)}."
        rule_text = (
            f"Värdet för paketets senaste år ({latest_year}) saknas eller är prickat, så "
            f"lägesbilden för {who} behöver kompletteras."
        )
    return FlagItem(
        id=_flag_id(raised.rule, ind.indikator_id),
        text=text,
        citations=sorted(set(numbers)),
        rule=raised.rule,
        rule_name=RULE_NAMES[raised.rule],
        rule_text=rule_text,
        indikator_id=ind.indikator_id,
        indikator_namn=name,
    )


# --- success factors and the dialogue ----------------------------------------------------------


def _factor_id(source: str) -> str:
    return f"faktor:{source}"


def _cited_text(pairs: Sequence[tuple[str, Chunk]], citer: _Citer) -> tuple[str, list[int]]:
    """Sentences in order; one marker after each run of sentences from the same chunk."""
    parts: list[str] = []
    numbers: list[int] = []
    for position, (sentence, chunk) in enumerate(pairs):
        following = pairs[position + 1][1] if position + 1 < len(pairs) else None
        if following is not None and following.chunk_id == chunk.chunk_id:
            parts.append(sentence)
            continue
        mark, number = citer.cite(chunk)
        numbers.append(number)
        parts.append(with_marker(sentence, mark))
    return " ".join(parts), sorted(set(numbers))


class _Library:
    """The success-factor documents and the dialogue description, read from the catalogue."""

    def __init__(self, chunks: Sequence[Chunk], config: BriefConfig) -> None:
        self.config = config
        self.by_source: dict[str, list[Chunk]] = {}
        for chunk in sorted(chunks, key=lambda c: (c.source, c.ordinal)):
            if chunk.huvudman_id is None:
                self.by_source.setdefault(chunk.source, []).append(chunk)

    def _section(self, source: str, heading: str) -> list[tuple[str, Chunk]]:
        return [
            (sentence.lstrip("-*•– ").strip(), chunk)
            for chunk in self.by_source.get(source, [])
            if chunk.heading_path and chunk.heading_path[-1] == heading
            for sentence in split_sentences(chunk.text)
        ]

    def has_factor(self, source: str) -> bool:
        return bool(self._section(source, self.config.description_heading))

    def factor_name(self, source: str) -> str:
        title = self.by_source[source][0].title
        name = title.split(":", 1)[1] if ":" in title else title
        return name.strip()

    def factor_item(self, source: str, flag_ids: list[str], citer: _Citer) -> FactorItem:
        sentences = self._section(source, self.config.description_heading)
        count = self.config.sentences_per_factor
        chosen = sentences[:1]
        opening = self.config.preferred_opening
        preferred = [s for s in sentences[1:] if opening and s[0].startswith(opening)][:1]
        rest = [s for s in sentences[1:] if s not in preferred]
        chosen += (preferred + rest)[: max(count - 1, 0)]
        chosen.sort(key=sentences.index)
        text, numbers = _cited_text(chosen, citer)
        cited = [
            Sentence(text=sentence, citation=citer.cite(chunk)[1]) for sentence, chunk in chosen
        ]
        return FactorItem(
            id=_factor_id(source),
            text=text,
            citations=numbers,
            source=source,
            name=self.factor_name(source),
            flags=flag_ids,
            sentences=cited,
        )

    def questions(self, source: str, flag_ids: list[str], citer: _Citer) -> list[QuestionItem]:
        found = self._section(source, self.config.questions_heading)
        items = []
        for number, (question, chunk) in enumerate(found[: self.config.questions_per_factor], 1):
            mark, cited = citer.cite(chunk)
            items.append(
                QuestionItem(
                    id=f"fraga:{source}:{number}",
                    text=with_marker(question, mark),
                    citations=[cited],
                    question=question,
                    factor=_factor_id(source),
                    flags=flag_ids,
                )
            )
        return items

    def dialogue(self, citer: _Citer) -> tuple[str, list[int], list[DialoguePartItem]]:
        """The intro of the dialogue's parts and one item per part, two sentences each."""
        source, heading = self.config.dialogue_source, self.config.dialogue_heading
        intro_pairs = self._section(source, heading)
        if intro_pairs:
            intro, intro_numbers = _cited_text(intro_pairs[:1], citer)
        else:
            intro, intro_numbers = "Underlaget beskriver inte hur dialogen går till.", []
        parts: dict[str, list[Chunk]] = {}
        for chunk in self.by_source.get(source, []):
            path = chunk.heading_path
            if heading in path[:-1] and path.index(heading) == len(path) - 2:
                parts.setdefault(path[-1], []).append(chunk)
        items = []
        for number, (title, chunks) in enumerate(parts.items(), 1):
            pairs = [(s, chunks[0]) for s in split_sentences(chunks[0].text)][:2]
            text, numbers = _cited_text(pairs, citer)
            match = _PART_NUMBER.match(title)
            part = int(match.group(1)) if match else number
            items.append(
                DialoguePartItem(
                    id=f"dialogdel:{part}",
                    text=text,
                    citations=numbers,
                    part=part,
                    name=_PART_NUMBER.sub("", title),
                )
            )
        return intro, intro_numbers, items
