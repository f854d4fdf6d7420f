"""A conversation's follow-ups cannot grow the question that is searched, stored and prompted."""

from __future__ import annotations

from assistant.conversation.followup import resolve_follow_up


def test_follow_ups_do_not_chain_into_an_ever_longer_question() -> None:
    long_message = "Hur är det med det där? " + "det " * 480  # ~2,000 characters, no topic
    resolved = "Vilket meritvärde hade eleverna i årskurs 9 2024?"
    lengths = []
    for _ in range(5):
        resolved = resolve_follow_up(long_message, resolved)
        lengths.append(len(resolved))
    assert max(lengths) <= 2_100, lengths  # never previous + message, turn after turn
    short = "Vilket meritvärde hade eleverna i årskurs 9 2024? " * 40
    for _ in range(5):
        short = resolve_follow_up("Och där?", short)
    assert len(short) <= 420


def test_a_short_follow_up_still_leans_on_the_question_before() -> None:
    previous = "Vilket meritvärde hade eleverna i årskurs 9 2024?"
    assert resolve_follow_up("Och jämfört med riket?", previous).startswith(previous)
    assert resolve_follow_up("Och året innan?", previous) == previous.replace("2024", "2023")
