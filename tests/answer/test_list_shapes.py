"""A question for a list gets the whole list, in the shapes lists take in real pages: bullets
whose only lead-in is their heading, and items written as sentences of the same form."""

from __future__ import annotations

from functools import partial

from assistant.answer.compose import compose_answer
from assistant.index.lexical import LexicalIndex
from tests.answer.passages import passage

LIMITS = {"max_sentences": 4, "min_relative_score": 0.4, "min_coverage": 0.3}
INTRO = (
    "Inför varje besök tas en plan fram för skolans arbete. Planen tas fram av rektorn "
    "tillsammans med huvudmannen och följs upp varje termin."
)
STEPS = (
    "- Genomgång av elevernas resultat i alla årskurser.\n\n"
    "- Samtal med lärarlag om undervisningens uppläggning.\n\n"
    "- Enkät till vårdnadshavare om trygghet och studiero."
)
PARTS = (
    "Förvaltningen i kommunen har det samlade ansvaret för skolan, och enheterna i "
    "förvaltningen samordnas av skolchefen. "
    "De olika enheterna i förvaltningen möts varje vecka för att planera tillsammans. "
    "Varje enhet i förvaltningen ansvarar för sitt eget område. "
    "Grundskoleenheten ansvarar för uppföljning av skolornas resultat. "
    "Elevhälsan ansvarar för stöd till elever med särskilda behov. "
    "Planeringsenheten ansvarar för lokaler och skolskjuts."
)
OTHER = "Förvaltningen ansvarar inför nämnden för att enheterna i förvaltningen når målen."


hit = partial(passage, title="Skolans plan")
LEXICAL = LexicalIndex(["intro", "steps", "parts", "other"], [INTRO, STEPS, PARTS, OTHER])


def test_a_list_under_a_heading_that_names_what_is_asked_is_the_answer() -> None:
    # Ranked below four passages of prose on the plan, as a list with no sentence of its own
    # often is.
    prose = [hit(f"intro{n}", INTRO, "Planen inför besöket") for n in range(4)]
    hits = [*prose, hit("steps", STEPS, "Moment som planen brukar innehålla")]
    for question in (
        "Nämn de moment som planen inför besöket brukar innehålla.",
        "Vilka moment brukar planen innehålla?",
    ):
        answer = compose_answer(question, hits, LEXICAL, **LIMITS)
        assert answer.supported, question
        for item in ("elevernas resultat", "lärarlag", "vårdnadshavare"):
            assert item in answer.answer, (question, answer.answer)
        assert "steps.md" in [c.source for c in answer.citations], answer.answer


def test_a_list_under_a_heading_is_not_the_answer_to_a_question_for_one_fact() -> None:
    hits = [
        hit("intro", INTRO, "Planen inför besöket"),
        hit("steps", STEPS, "Moment som planen brukar innehålla"),
    ]
    answer = compose_answer("Vem tar fram planen inför besöket?", hits, LEXICAL, **LIMITS)
    assert "rektorn" in answer.answer and "lärarlag" not in answer.answer, answer.answer


def test_items_written_as_sentences_of_one_form_are_quoted_together() -> None:
    hits = [hit("other", OTHER, "Nämnden"), hit("parts", PARTS, "Förvaltningen")]
    answer = compose_answer(
        "Vad ansvarar de olika enheterna i förvaltningen för?", hits, LEXICAL, **LIMITS
    )
    assert answer.supported
    for item in ("resultat", "särskilda behov", "skolskjuts"):
        assert item in answer.answer, answer.answer


SITUATION = (
    "En gemensam bild av läget gör att alla drar åt samma håll. Kommunen kallar det att ha "
    "överblick. Bilden bygger på data: betyg, frånvaro, elevenkäter och lärarnas bedömningar."
)


REPORT = (
    "Kommunen sammanställer varje år uppgifter om skolornas resultat i en rapport som ger "
    "nämnden överblick över hela verksamheten och dess utveckling."
)


def test_a_list_inside_the_next_sentence_is_quoted_with_the_one_that_names_it() -> None:
    lexical = LexicalIndex(
        ["situation", "report", "intro", "parts"], [SITUATION, REPORT, INTRO, PARTS]
    )
    hits = [hit("report", REPORT, "Rapporten"), hit("situation", SITUATION, "Läget")]
    answer = compose_answer(
        "Vilka uppgifter behöver kommunen för att ha överblick?", hits, lexical, **LIMITS
    )
    assert answer.supported, answer.answer
    for item in ("betyg", "frånvaro", "elevenkäter"):
        assert item in answer.answer, answer.answer
