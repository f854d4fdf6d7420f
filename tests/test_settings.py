"""The settings' groups: one place decides each threshold, whatever set it."""

from __future__ import annotations

import pytest

from assistant.settings import Settings


def test_the_dense_floor_is_the_models_until_it_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIALOGSTOD_MIN_DENSE_SCORE", raising=False)
    assert Settings().answer_thresholds(0.8).min_dense_score == 0.8
    monkeypatch.setenv("DIALOGSTOD_MIN_DENSE_SCORE", "0.55")
    limits = Settings().answer_thresholds(0.8)
    assert limits.min_dense_score == 0.55


def test_the_answer_thresholds_come_from_their_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIALOGSTOD_MAX_ANSWER_SENTENCES", "7")
    monkeypatch.setenv("DIALOGSTOD_MIN_SENTENCE_SCORE", "0.25")
    monkeypatch.setenv("DIALOGSTOD_INDICATOR_DENSE_MARGIN", "0.05")
    limits = Settings().answer_thresholds(0.3)
    assert (limits.max_answer_sentences, limits.min_sentence_score) == (7, 0.25)
    assert limits.indicator_dense_margin == 0.05
    assert limits.min_question_coverage == Settings().min_question_coverage
