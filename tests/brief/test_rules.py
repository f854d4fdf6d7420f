"""The flag rules on hand-made rows: each rule fires when it should and only then."""

from __future__ import annotations

import pytest

from assistant.brief.rules import (
    RULE_ORDER,
    evaluate,
    missing_latest,
    worse_than_riket,
    worsening_two_years,
)
from assistant.types import PacketRow


def number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def row(ar: str, varde: str, riket: str = "100,0", ind: str = "meritvarde_ak9") -> PacketRow:
    return PacketRow(
        huvudman_id="1234",
        huvudman_namn="Provkommunen",
        indikator_id=ind,
        indikator_namn=ind,
        enhet="poäng",
        ar=ar,
        varde=varde,
        varde_num=number(varde),
        riket=riket,
        riket_num=number(riket),
        line=int(ar) - 2019,
    )


def series(*values: str, riket: str = "100,0") -> list[PacketRow]:
    return [row(str(2020 + i), v, riket) for i, v in enumerate(values)]


# --- sämre än riket -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("varde", "riket", "margin", "fires"),
    [
        ("209,7", "227,3", 2.0, True),  # 17,6 under; margin 4,546
        ("83,1", "83,7", 2.0, False),  # 0,6 under; margin 1,674
        ("98,0", "100,0", 2.0, False),  # exactly the margin: no flag
        ("97,9", "100,0", 2.0, True),  # just beyond it
        ("98", "100", 2.0, False),  # written without decimals
        ("99,9", "100,0", 0.0, True),  # no margin: any gap below riket
        ("100,0", "100,0", 0.0, False),  # equal is never worse
        ("85,0", "100,0", 20.0, False),  # a wider margin
        ("105,0", "100,0", 2.0, False),  # above riket
    ],
)
def test_worse_than_riket_uses_a_margin_relative_to_riket(
    varde: str, riket: str, margin: float, fires: bool
) -> None:
    flag = worse_than_riket(series("90,0", varde, riket=riket), margin)

    assert (flag is not None) is fires
    if flag is not None:
        assert flag.rule == "samre_an_riket"
        assert flag.rows[-1].varde == varde


def test_worse_than_riket_is_mirrored_when_lower_is_better() -> None:
    above = series("11,0", "13,1", riket="11,9")  # 1,2 above, margin 0,238
    below = series("13,0", "11,0", riket="11,9")

    assert worse_than_riket(above, 2.0, higher_is_better=False) is not None
    assert worse_than_riket(below, 2.0, higher_is_better=False) is None
    assert worse_than_riket(below, 2.0, higher_is_better=True) is not None


@pytest.mark.parametrize(("varde", "riket"), [("..", "100,0"), ("80,0", ""), ("80,0", "..")])
def test_worse_than_riket_needs_two_numbers(varde: str, riket: str) -> None:
    assert worse_than_riket([row("2024", varde, riket)], 2.0) is None


def test_negative_margin_is_refused() -> None:
    with pytest.raises(ValueError):
        worse_than_riket(series("80,0"), -1.0)


# --- försämring två år i följd --------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "fires"),
    [
        (("224,6", "218,3", "209,7"), True),
        (("230", "240", "224,6", "218,3", "209,7"), True),  # only the last three years count
        (("224,6", "218,3", "209,7", "210,0"), False),  # the latest year rose
        (("84,2", "85,9", "83,1"), False),  # rose, then fell
        (("70,0", "70,0", "69,0"), False),  # unchanged is not a decline
        (("70,0", "69,0", "69,0"), False),
        (("70,0", "69,0"), False),  # two years are one change, not two
        (("70,0", "..", "68,0"), False),  # a suppressed year breaks the run
        (("70,0", "69,0", ".."), False),
    ],
)
def test_worsening_two_years(values: tuple[str, ...], fires: bool) -> None:
    flag = worsening_two_years(series(*values))

    assert (flag is not None) is fires
    if flag is not None:
        assert [r.varde for r in flag.rows] == list(values[-3:])


def test_worsening_is_an_increase_when_lower_is_better() -> None:
    rising = series("12,6", "12,9", "13,1")
    falling = series("13,1", "12,9", "12,6")

    assert worsening_two_years(rising, higher_is_better=False) is not None
    assert worsening_two_years(falling, higher_is_better=False) is None


# --- saknat värde ---------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["..", ".", "-", "", "<5"])
def test_suppressed_or_empty_latest_value_is_flagged(marker: str) -> None:
    flag = missing_latest(series("80,0", marker), "2021")

    assert flag is not None and flag.rule == "saknat_varde" and flag.missing_year is None
    assert flag.rows[-1].varde == marker


def test_a_missing_row_for_the_latest_year_is_flagged() -> None:
    flag = missing_latest(series("80,0", "81,0"), "2024")

    assert flag is not None and flag.missing_year == "2024"
    assert flag.rows[-1].ar == "2021"


def test_suppressed_earlier_years_raise_nothing() -> None:
    assert missing_latest(series(".", "..", "80,0"), "2022") is None


def test_evaluate_lists_rules_in_their_fixed_order() -> None:
    # Far below riket, falling every year, and no row for the packet's latest year 2023.
    flags = evaluate(series("90,0", "85,0", "80,0"), latest_year="2023", marginal_procent=2.0)

    assert [f.rule for f in flags] == list(RULE_ORDER)
