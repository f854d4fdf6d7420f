"""A sentence that needs its neighbour to be understood is quoted with it."""

from __future__ import annotations

from assistant.answer.compose import compose_answer
from assistant.index.lexical import LexicalIndex
from tests.answer.passages import passage as hit

LIMITS = {"max_sentences": 4, "min_relative_score": 0.4, "min_coverage": 0.3}
LEADERSHIP = (
    "Rektorn leder inte bara schema och ekonomi utan också lärarnas gemensamma arbete med "
    "undervisningen. Det kräver tid, och huvudmannen behöver ge stöd genom administrativ hjälp "
    "och rimliga ansvarsområden."
)
EXISTS = (
    "Kommunen har tolv grundskolor och två gymnasieskolor. Det finns administrativ hjälp för "
    "rektorerna på varje skola genom en gemensam stödenhet."
)


LEXICAL = LexicalIndex(["leadership", "exists"], [LEADERSHIP, EXISTS])


def test_a_sentence_that_points_back_comes_with_the_one_it_points_to() -> None:
    question = "Vad ska huvudmannens administrativa hjälp och rimliga ansvarsområden ge tid till?"
    answer = compose_answer(question, [hit("leadership", LEADERSHIP)], LEXICAL, **LIMITS)
    assert answer.supported, answer.answer
    assert "lärarnas gemensamma arbete med undervisningen [1]" in answer.answer, answer.answer


def test_det_finns_points_to_nothing() -> None:
    question = "Vilken administrativ hjälp finns för rektorerna?"
    answer = compose_answer(question, [hit("exists", EXISTS)], LEXICAL, **LIMITS)
    assert answer.supported, answer.answer
    assert "tolv grundskolor" not in answer.answer, answer.answer


RELEASE = (
    "Kommunen öppnar ett nytt kontor för elevhälsan i centrum under hösten.\n\n"
    "– Vi vill att eleverna ska ha nära till stöd. Med ett kontor mitt i stan blir det lättare "
    "att träffas, säger Eva Exempel, chef för elevhälsan.\n\n"
    "Kontoret har öppet på vardagar."
)


def test_a_quote_is_quoted_from_its_dash_to_who_said_it() -> None:
    lexical = LexicalIndex(["release", "leadership"], [RELEASE, LEADERSHIP])
    for question in (
        "Vad sa Eva Exempel om kontoret?",
        "Vem vill att eleverna ska ha nära till stöd?",
    ):
        answer = compose_answer(question, [hit("release", RELEASE)], lexical, **LIMITS)
        assert answer.supported, (question, answer.answer)
        assert "– Vi vill att eleverna ska ha nära till stöd [1]" in answer.answer, answer.answer
        assert "säger Eva Exempel, chef för elevhälsan [1]" in answer.answer, answer.answer


OPENING = (
    "Publicerad 2 juni 2022\n\n"
    "I dag invigdes det nya kontoret för elevhälsan i centrum. Kontoret har öppet på vardagar."
)


def test_i_dag_is_dated_by_the_release_dateline() -> None:
    lexical = LexicalIndex(["opening", "release"], [OPENING, RELEASE])
    answer = compose_answer(
        "Vilket datum invigdes kontoret för elevhälsan?",
        [hit("opening", OPENING)],
        lexical,
        **LIMITS,
    )
    assert answer.supported, answer.answer
    assert answer.answer.startswith("Publicerad 2 juni 2022 [1]. I dag invigdes"), answer.answer
