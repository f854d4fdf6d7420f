"""Huvudman names that are everyday words ("Vara kommun", "Internationella Engelska Skolan")
neither refuse ordinary questions nor switch their topic words off."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.ask import ask
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest

MakeIndex = Callable[..., Index]
HEADER = "huvudman_id;huvudman_namn;indikator_id;indikator_namn;enhet;ar;varde;riket\n"
PACKET = HEADER + (
    "1470;Vara kommun;meritvarde_ak9;Genomsnittligt meritvärde i årskurs 9;poäng;2024;221,4;227,3\n"
    "9100;Internationella Engelska Skolan i Sverige AB;meritvarde_ak9;"
    "Genomsnittligt meritvärde i årskurs 9;poäng;2024;251,0;227,3\n"
)
TEACHING = """# Undervisning

## Matematik

Undervisningen bygger på att eleverna löser problem tillsammans varje vecka.

## Engelska

Undervisningen bygger på att eleverna använder språket muntligt varje vecka.

## Resultat

Orsaken till sjunkande resultat kan vara att eleverna får för lite tid med sin lärare.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Index:
    root = tmp_path_factory.mktemp("common-words")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "undervisning.md").write_text(TEACHING, encoding="utf-8")
    (corpus / "paket.csv").write_text(PACKET, encoding="utf-8")
    from assistant.settings import Settings

    built = Index(Settings(index_dir=root / "index"), embedder=embedder)  # type: ignore[arg-type]
    report = ingest(built, [corpus])
    assert not report.skipped, report.skipped
    return built


def test_an_everyday_word_is_no_other_huvudman(index: Index) -> None:
    answer = ask(index, "Vad kan vara orsaken till sjunkande resultat?", "9100")
    assert answer.supported, answer.answer
    assert "för lite tid med sin lärare" in answer.answer


def test_a_name_word_still_counts_as_the_topic(index: Index) -> None:
    from assistant.ask import _name_words, retrieve

    # Words of names the question does not use stay topic words ("engelska" is a subject).
    unscoped = retrieve(index, "Vad bygger undervisningen i engelska på?", None)
    assert "engelska" not in _name_words(unscoped)
    answer = ask(index, "Vad bygger undervisningen i engelska på?", None)
    assert answer.supported and "muntligt" in answer.answer, answer.answer
    # The scope's own name, and a name the question uses, say nothing about the topic.
    scoped = retrieve(index, "Hur går det för Vara kommun?", "1470")
    assert {"vara", "kommun"} <= _name_words(scoped)


def test_the_name_itself_still_names_the_huvudman(index: Index) -> None:
    answer = ask(index, "Vilket meritvärde hade Vara kommun 2024?", "9100")
    assert not answer.supported
    assert "Vara kommun" in answer.answer and "221,4" not in answer.answer


@pytest.mark.parametrize(
    ("question", "huvudman_id"),
    [
        ("Hur hög är frånvaron bland eleverna i Sjöviks kommun 2024?", "2795"),
        ("Hur många lärare fanns det i Sjöviks kommun 2024?", "2795"),
        ("Vilket meritvärde hade flickorna i Norrforsens kommun 2024?", "0917"),
    ],
)
def test_a_measure_the_packet_lacks_gets_no_other_indicators_value(
    corpus_index: Index, question: str, huvudman_id: str
) -> None:
    answer = ask(corpus_index, question, huvudman_id)
    assert not answer.supported, answer.answer
    assert answer.citations == []
