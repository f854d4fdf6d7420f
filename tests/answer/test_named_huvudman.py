"""Which huvudmän a question names, among kommun names that are also everyday Swedish words."""

from __future__ import annotations

import pytest

from assistant.answer.question import COMMON_ZIPF, is_common_word, name_keys, named_huvudmän

NAMES = {
    "1440": "Ale kommun",
    "2321": "Åre kommun",
    "2582": "Bodens kommun",
    "1860": "Hjo kommun",
    "1730": "Eda kommun",
    "1470": "Vara kommun",
    "1463": "Marks kommun",
    "1981": "Sala kommun",
    "2062": "Mora kommun",
    "1281": "Lunds kommun",
    "1260": "Bjuvs kommun",
    "0643": "Habo kommun",
    "2795": "Sjöviks kommun",
    "1280": "Malmö stad",
    "0180": "Stockholms stad",
    "1480": "Göteborgs stad",
    "0139": "Upplands-Bro kommun",
    "0114": "Upplands Väsby kommun",
    "1462": "Lilla Edets kommun",
    "1496": "Skara kommun",
    "0163": "Sollentuna kommun",
    "5566": "Internationella Engelska Skolan i Sverige AB",
}


def named(question: str, names: dict[str, str] = NAMES) -> list[str]:
    """The names of the huvudmän the question names, in alphabetical order."""
    return sorted(names[h] for h in named_huvudmän(question, names))


@pytest.mark.parametrize(
    "question",
    [
        "Vad kan vara orsaken till att resultaten sjunker?",
        "Hur har andelen förändrats de senaste åren?",
        "Vilka brister finns på marknaden?",
        "Hur ser marken ut runt skolan?",
        "Hur går det i engelska?",
        "Hur presterar internationella elever i engelska?",
        "Vad säger forskningen om moral och värdegrund?",
        "Finns det tillräckligt med salar för undervisningen?",
        "Finns det en bro mellan forskning och praktik?",
        "En skara elever når inte målen.",
        "Kan det vara skolan som brister?",
        "Hur fungerar den lilla gruppen?",
        "VAD KAN VARA ORSAKEN?",
        "Engelska och svenska har blivit svårare.",
        "Skolan växer. Mark och lokaler räcker inte till.",
    ],
)
def test_ordinary_words_name_nobody(question: str) -> None:
    assert named(question) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hur går det för Vara kommun?", ["Vara kommun"]),
        ("Vara kommun har höga resultat.", ["Vara kommun"]),
        ("Jämför med Vara.", ["Vara kommun"]),
        ("Hur mycket har eleverna i Mark lärt sig?", ["Marks kommun"]),
        ("Vad har Åre för resultat?", ["Åre kommun"]),
        ("Bodens andel behöriga lärare", ["Bodens kommun"]),
        ("Ale kommuns meritvärde", ["Ale kommun"]),
        ("Hur går det i Hjo och Eda?", ["Eda kommun", "Hjo kommun"]),
        ("Jämför Bjuv med Habo", ["Bjuvs kommun", "Habo kommun"]),
        ("Vilket meritvärde hade Sjöviks elever?", ["Sjöviks kommun"]),
        ("Hur går det i Skara?", ["Skara kommun"]),
        ("Hur går det i Lilla Edet?", ["Lilla Edets kommun"]),
        ("Internationella Engelska Skolan", ["Internationella Engelska Skolan i Sverige AB"]),
        (
            "hur går det för internationella engelska?",
            ["Internationella Engelska Skolan i Sverige AB"],
        ),
        (
            "Vad har Engelska skolan för meritvärde?",
            ["Internationella Engelska Skolan i Sverige AB"],
        ),
        ("huvudman 2795", ["Sjöviks kommun"]),
        ("jämför med sollentuna", ["Sollentuna kommun"]),
    ],
)
def test_real_uses_name_the_right_huvudman(question: str, expected: list[str]) -> None:
    assert named(question) == sorted(expected)


def test_only_whole_words_and_the_genitive_match() -> None:
    assert named("Hur stor är marknaden för moraliska frågor?") == []
    assert named("Lundsbergs skola") == []
    assert named("Vad har Bodens och Lunds skolor gemensamt?") == ["Bodens kommun", "Lunds kommun"]


def test_a_kommun_goes_by_kommun_or_stad() -> None:
    assert named("malmö kommun och göteborgs stad") == ["Göteborgs stad", "Malmö stad"]
    assert named("hur går det i göteborg?") == []  # an everyday-frequency word, in lower case


def test_a_word_beside_more_of_one_name_names_that_one() -> None:
    assert named("Hur går det i Upplands-Bro?") == ["Upplands-Bro kommun"]
    assert named("upplands väsby kommun") == ["Upplands Väsby kommun"]
    assert named("Hur går det i Upplands?") == ["Upplands Väsby kommun", "Upplands-Bro kommun"]


def test_a_key_in_many_names_names_none_alone() -> None:
    names = {f"{n}": f"Lärkträdet{n} Förskolor AB" for n in range(5)}
    assert named("Hur arbetar förskolor med språket?", names) == []
    assert named("Hur arbetar lärkträdet3 förskolor med språket?", names) == [
        "Lärkträdet3 Förskolor AB"
    ]


def test_numbers_and_short_words_of_names_are_not_keys() -> None:
    assert name_keys("Dals-Eds kommun") == ["dal", "eds"]
    assert name_keys("Skola 2024 i Sverige AB") == []
    assert name_keys("Ale kommun") == ["ale"]


def test_common_words_come_from_frequency_data() -> None:
    assert is_common_word("vara") and is_common_word("engelska")
    assert not is_common_word("bodens") and not is_common_word("sjövik")
    assert 3 < COMMON_ZIPF <= 4.5
