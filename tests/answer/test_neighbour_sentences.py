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


STEPS = (
    "Varje elev har rätt till ledning och stimulans i sitt lärande. Grunden är en tillgänglig "
    "lärmiljö för hela gruppen. Räcker inte det ska eleven få extra anpassningar i "
    "undervisningen. Skolan har också en matsal."
)


def test_a_sentence_between_two_quoted_ones_is_quoted_too() -> None:
    lexical = LexicalIndex(["steps", "release"], [STEPS, RELEASE])
    answer = compose_answer(
        "Hur får eleven ledning och stimulans, och extra anpassningar i undervisningen?",
        [hit("steps", STEPS)],
        lexical,
        **LIMITS,
    )
    assert answer.supported, answer.answer
    assert "Grunden är en tillgänglig lärmiljö för hela gruppen [1]" in answer.answer, answer.answer


TWO_QUOTES = (
    "Regeringen har beslutat att kvalitetsdialogerna ska utvärderas av Statskontoret. "
    "Statskontoret redovisar utvärderingen av kvalitetsdialogerna i en delrapport och en "
    "slutrapport. Regeringens beslut gäller dialogerna från och med 2022.\n\n"
    "– Det hjälper oss framåt, säger Eva Exempel, avdelningschef."
)


def test_a_question_how_someone_commented_wants_the_quote() -> None:
    lexical = LexicalIndex(["quotes", "release"], [TWO_QUOTES, RELEASE])
    answer = compose_answer(
        "Hur kommenterade avdelningschefen regeringens beslut att kvalitetsdialogerna ska "
        "utvärderas av Statskontoret?",
        [hit("quotes", TWO_QUOTES)],
        lexical,
        **LIMITS,
    )
    assert answer.supported, answer.answer
    assert "säger Eva Exempel, avdelningschef [1]" in answer.answer, answer.answer


OFFICES = (
    "Pressmeddelande · Publicerad 21 december 2022\n\n"
    "Kontoret i Luleå öppnade den 21 december 2022. Därmed finns gemensamma kontor i "
    "Härnösand, Malmö, Solna och Luleå."
)


def test_what_the_question_states_or_a_dateline_answers_no_other_event() -> None:
    lexical = LexicalIndex(["offices", "release"], [OFFICES, RELEASE])
    answer = compose_answer(
        "Kontoret i Luleå öppnade den 21 december 2022. Vilket datum öppnade kontoret i Solna?",
        [hit("offices", OFFICES)],
        lexical,
        **LIMITS,
    )
    assert not answer.supported, answer.answer
    published = compose_answer(
        "Vilket datum publicerades pressmeddelandet om kontoret i Luleå?",
        [hit("offices", OFFICES)],
        lexical,
        **LIMITS,
    )
    assert published.answer.startswith("Pressmeddelande · Publicerad 21 december 2022 [1]")


SYSTEM = (
    "Den här texten är en sammanfattning som skrivits för demonstrationen. Ett delmål kan "
    "till exempel gälla elevernas kunskapsresultat eller tillgången till behöriga lärare."
)


def test_words_naming_the_text_itself_choose_no_sentence() -> None:
    lexical = LexicalIndex(["system", "release"], [SYSTEM, RELEASE])
    answer = compose_answer(
        "Vad kan ett delmål gälla enligt texten?", [hit("system", SYSTEM)], lexical, **LIMITS
    )
    assert answer.supported, answer.answer
    assert "sammanfattning" not in answer.answer and "kunskapsresultat" in answer.answer
