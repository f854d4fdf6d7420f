"""The flag rules: pure functions over one indicator's rows (one row per year, oldest first).

- `samre_an_riket`: the latest value is on the unfavourable side of riket's value for the same
  year by *more than* the margin, where the margin is `marginal_procent` % of riket's value
  (default 2 %: riket 227,3 poäng gives a margin of 4,546 poäng; riket 73,9 procent gives
  1,478 procentenheter). "Unfavourable" is below riket, or above it for an indicator where a
  lower value is better. A gap exactly equal to the margin does not raise the flag. No flag
  without a numeric latest value and a numeric riket value.
- `forsamring_tva_ar`: the three latest years in the packet all have numeric values and each is
  strictly worse than the one before (lower; higher when lower is better), i.e. two year-on-year
  declines in a row ending in the latest year.
- `saknat_varde`: the indicator has no numeric value for the packet's latest year, either
  because that year's value is suppressed or not a number (`..`, `.`, `-`, empty, `<5`), or
  because the indicator has no row for that year at all.

All arithmetic is decimal on the values as written in the packet, so results do not depend on
floating point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer.packet_answer import decimal_of
from assistant.brief.model import RuleId
from assistant.types import PacketRow

DEFAULT_MARGIN_PERCENT = 2.0

RULE_NAMES: dict[RuleId, str] = {
    "samre_an_riket": "Sämre än riket",
    "forsamring_tva_ar": "Försämring två år i följd",
    "saknat_varde": "Värde saknas för senaste året",
}
RULE_ORDER: tuple[RuleId, ...] = ("samre_an_riket", "forsamring_tva_ar", "saknat_varde")


@dataclass(frozen=True)
class RaisedFlag:
    """A rule that fired for one indicator, with the rows that show it."""

    rule: RuleId
    indikator_id: str
    rows: tuple[PacketRow, ...]
    margin: Decimal | None = None  # the margin in the indicator's unit (samre_an_riket)
    missing_year: str | None = None  # saknat_varde with no row for the packet's latest year


def margin_decimal(marginal_procent: float) -> Decimal:
    if marginal_procent < 0:
        raise ValueError("marginal_procent must not be negative")
    return Decimal(str(marginal_procent))


def worse_than_riket(
    series: Sequence[PacketRow], marginal_procent: float, higher_is_better: bool = True
) -> RaisedFlag | None:
    if not series:
        return None
    latest = series[-1]
    if latest.varde_num is None or latest.riket_num is None:
        return None
    value, riket = decimal_of(latest.varde), decimal_of(latest.riket)
    if value is None or riket is None:
        return None
    gap = riket - value if higher_is_better else value - riket
    margin = abs(riket) * margin_decimal(marginal_procent) / 100
    if gap > margin:
        return RaisedFlag("samre_an_riket", latest.indikator_id, (latest,), margin=margin)
    return None


def worsening_two_years(
    series: Sequence[PacketRow], higher_is_better: bool = True
) -> RaisedFlag | None:
    last = list(series[-3:])
    if len(last) < 3 or any(r.varde_num is None for r in last):
        return None
    values = [decimal_of(r.varde) for r in last]
    if any(v is None for v in values):
        return None
    a, b, c = (v for v in values if v is not None)
    worse = (a > b > c) if higher_is_better else (a < b < c)
    return RaisedFlag("forsamring_tva_ar", last[-1].indikator_id, tuple(last)) if worse else None


def missing_latest(series: Sequence[PacketRow], latest_year: str) -> RaisedFlag | None:
    if not series:
        return None
    latest = series[-1]
    if latest.ar != latest_year:
        return RaisedFlag("saknat_varde", latest.indikator_id, (latest,), missing_year=latest_year)
    if latest.varde_num is None:
        return RaisedFlag("saknat_varde", latest.indikator_id, (latest,))
    return None


def evaluate(
    series: Sequence[PacketRow],
    latest_year: str,
    marginal_procent: float = DEFAULT_MARGIN_PERCENT,
    higher_is_better: bool = True,
) -> list[RaisedFlag]:
    """Every rule for one indicator's series, in `RULE_ORDER`."""
    raised = [
        worse_than_riket(series, marginal_procent, higher_is_better),
        worsening_two_years(series, higher_is_better),
        missing_latest(series, latest_year),
    ]
    return [flag for flag in raised if flag is not None]
