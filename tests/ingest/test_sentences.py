import pytest

from assistant.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eleverna når målen. Lärarna samarbetar.", ["Eleverna når målen.", "Lärarna samarbetar."]),
        ("Går det bra? Ja! Bra.", ["Går det bra?", "Ja!", "Bra."]),
        ("Vi väntade… Sedan kom de.", ["Vi väntade…", "Sedan kom de."]),
        ("Vi väntade... Sedan kom de.", ["Vi väntade...", "Sedan kom de."]),
        ("Resultatet steg. 2023 var bättre.", ["Resultatet steg.", "2023 var bättre."]),
        ("Han sa: ”Bra gjort.” Sedan gick han.", ["Han sa: ”Bra gjort.”", "Sedan gick han."]),
        ("Det gick bra. ”Vi fortsätter” sa hon.", ["Det gick bra.", "”Vi fortsätter” sa hon."]),
        ("Skriv inte om. kommer sen", ["Skriv inte om. kommer sen"]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_splits_on_sentence_ends(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "abbreviation",
    [
        "t.ex.",
        "bl.a.",
        "s.k.",
        "m.m.",
        "dvs.",
        "d.v.s.",
        "osv.",
        "ca.",
        "nr.",
        "kap.",
        "resp.",
        "jfr.",
        "f.d.",
        "p.g.a.",
        "enl.",
        "inkl.",
        "exkl.",
        "st.",
        "kl.",
        "T.ex.",
        "Bl.a.",
    ],
)
def test_does_not_split_after_abbreviations(abbreviation: str) -> None:
    text = f"Huvudmannen följer upp {abbreviation} Skolverket och 12 skolor. Nästa mening."
    assert split_sentences(text) == [
        f"Huvudmannen följer upp {abbreviation} Skolverket och 12 skolor.",
        "Nästa mening.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Andelen var 84,1 procent. Det är högre än i riket.",
        "Värdet var 3.5 i snitt. Det är högre än i riket.",
        "Kostnaden var 1.234.567 kr per år. Det är högre än i riket.",
    ],
)
def test_decimals_stay_inside_the_sentence(text: str) -> None:
    first, second = split_sentences(text)
    assert second == "Det är högre än i riket."
    assert first == text.removesuffix(" Det är högre än i riket.")


def test_single_letter_initials_do_not_end_a_sentence() -> None:
    assert split_sentences("Rapporten skrevs av A. Lindgren och K. Ek. Den kom i maj.") == [
        "Rapporten skrevs av A. Lindgren och K. Ek.",
        "Den kom i maj.",
    ]


def test_a_list_number_does_not_end_a_sentence() -> None:
    assert split_sentences("1. Eleverna ska få stöd. Det gäller alla.") == [
        "1. Eleverna ska få stöd.",
        "Det gäller alla.",
    ]


def test_bullet_items_are_separate_sentences() -> None:
    text = "Tecken på god kvalitet:\n- elever får stöd\n* lärare samarbetar\n• rektor leder"
    assert split_sentences(text) == [
        "Tecken på god kvalitet:",
        "- elever får stöd",
        "* lärare samarbetar",
        "• rektor leder",
    ]


def test_indented_line_continues_a_bullet_but_plain_line_ends_it() -> None:
    text = "- elever får stöd\n  i alla ämnen\nDärefter följer\nen slutsats."
    assert split_sentences(text) == [
        "- elever får stöd i alla ämnen",
        "Därefter följer en slutsats.",
    ]


def test_wrapped_lines_and_blank_lines() -> None:
    text = "Första stycket fortsätter\npå nästa rad\n\nAndra stycket"
    assert split_sentences(text) == ["Första stycket fortsätter på nästa rad", "Andra stycket"]


def test_sentences_rejoin_to_the_text() -> None:
    text = "Skolan har t.ex. 84,1 procent behöriga. Andelen ökar! Varför? Se kap. 3 nedan."
    sentences = split_sentences(text)
    assert sentences == [
        "Skolan har t.ex. 84,1 procent behöriga.",
        "Andelen ökar!",
        "Varför?",
        "Se kap. 3 nedan.",
    ]
    assert " ".join(sentences) == text
