"""The dialogue preparation brief as typed data: sections of items, each item cited.

Every item has a stable `id`, a Swedish `text` with `[n]` markers and the `citations` (numbers into
`Brief.citations`) that its text uses, so a client can show any item and ask about it. The
`kind` field tells which of the typed items it is.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from assistant.types import Citation

RuleId = Literal["samre_an_riket", "forsamring_tva_ar", "saknat_varde"]
SectionId = Literal["indikatorer", "flaggor", "framgangsfaktorer", "fragor", "dialogen"]


class YearValue(BaseModel):
    """One year of an indicator, exactly as in the packet row it cites."""

    ar: str
    varde: str  # "209,7", or the packet's marker ("..", ".", "-", "")
    riket: str  # "" when the packet has no national value
    varde_num: float | None = None
    riket_num: float | None = None
    citation: int  # number in Brief.citations of the packet row


class ContextValue(BaseModel):
    """The same year's value for another kind of a kommun's schools (Skolverket's exports)."""

    omfattning: str  # "Samtliga", "Enskild", "Statlig"
    vem: str  # "alla skolor i Norrforsens kommun, oavsett huvudman"
    ar: str
    varde: str
    varde_num: float | None = None
    citation: int


class Comparison(BaseModel):
    """The latest value against riket: the difference with the inputs' precision."""

    riket: str
    difference: str  # "17,6"
    unit: str  # "poäng", "procentenheter", "" for counts
    position: Literal["över", "under", "lika"]


class Trend(BaseModel):
    """Change from the first to the last numeric year of the series."""

    direction: Literal["ökning", "minskning", "oförändrat", "okänd"]
    from_year: str | None = None
    to_year: str | None = None
    change: str | None = None  # "14,9", with `unit`
    unit: str = ""


class Item(BaseModel):
    id: str
    text: str  # Swedish, with [n] markers
    citations: list[int] = Field(default_factory=list)


class IndicatorItem(Item):
    kind: Literal["indikator"] = "indikator"
    indikator_id: str
    namn: str
    enhet: str
    kategori: str = ""
    skolform: str = ""
    ar: str  # the latest year in the packet for this indicator
    varde: str
    riket: str
    comparison: Comparison | None = None
    trend: Trend
    series: list[YearValue]
    higher_is_better: bool = True
    # Skolverket's exports: which schools the series covers, and the others for the latest year.
    omfattning: str = ""
    vem: str = ""
    context: list[ContextValue] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)  # ids of the FlagItems raised for it


class FlagItem(Item):
    kind: Literal["flagga"] = "flagga"
    rule: RuleId
    rule_name: str  # "Sämre än riket"
    rule_text: str  # the rule, as applied here, in words
    indikator_id: str
    indikator_namn: str
    factors: list[str] = Field(default_factory=list)  # ids of the FactorItems


class Sentence(BaseModel):
    text: str
    citation: int


class FactorItem(Item):
    kind: Literal["framgangsfaktor"] = "framgangsfaktor"
    source: str  # "undervisningens-utveckling.md"
    name: str  # "Undervisningens utveckling"
    flags: list[str] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)


class QuestionItem(Item):
    kind: Literal["fraga"] = "fraga"
    question: str  # the question alone, without its marker
    factor: str  # id of the FactorItem it comes from
    flags: list[str] = Field(default_factory=list)


class DialoguePartItem(Item):
    kind: Literal["dialogdel"] = "dialogdel"
    part: int
    name: str  # "Digital gruppintroduktion"


BriefItem = Annotated[
    IndicatorItem | FlagItem | FactorItem | QuestionItem | DialoguePartItem,
    Field(discriminator="kind"),
]


class Section(BaseModel):
    id: SectionId
    heading: str
    intro: str = ""  # Swedish, may carry [n] markers
    intro_citations: list[int] = Field(default_factory=list)
    items: list[BriefItem] = Field(default_factory=list)


class Rule(BaseModel):
    """A flag rule as the brief applied it."""

    id: RuleId
    name: str
    description: str


class Brief(BaseModel):
    huvudman_id: str
    huvudman_namn: str
    title: str
    intro: str
    years: list[str]
    sources: list[str]  # the packet files the numbers come from
    marginal_procent: float  # the margin of the "sämre än riket" rule, in % of riket's value
    rules: list[Rule]
    sections: list[Section]
    citations: list[Citation]

    def section(self, section_id: SectionId) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    @property
    def flags(self) -> list[FlagItem]:
        return [i for i in self.section("flaggor").items if isinstance(i, FlagItem)]

    @property
    def indicators(self) -> list[IndicatorItem]:
        return [i for i in self.section("indikatorer").items if isinstance(i, IndicatorItem)]
