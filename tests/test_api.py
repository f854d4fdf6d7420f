"""The HTTP API, end to end: a real uvicorn server in a subprocess over the bundled corpus."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from assistant.answer.compose import NO_SUPPORT
from assistant.settings import PROJECT_ROOT
from evals.serving import running_server

MARKER = re.compile(r"\[(\d+)\]")
MERIT_QUESTION = "Vilket meritvärde hade eleverna i årskurs 9 2024?"


def huvudman_values(column: str) -> set[str]:
    """Every value of one huvudman's column in the values table of corpus/indikatorer/_VARDEN.md."""
    lines = (PROJECT_ROOT / "corpus" / "indikatorer" / "_VARDEN.md").read_text("utf-8").splitlines()
    start = lines.index("## Värden")
    header = next(line for line in lines[start:] if line.startswith("| indikator_id"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    position = names.index(column)
    values = set()
    for line in lines[lines.index(header) + 2 :]:
        if not line.startswith("|"):
            break
        values.add(line.strip("|").split("|")[position].strip().strip("`"))
    return values


@pytest.fixture(scope="module", params=["embedded-chroma", "chroma-server"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`dialogstod serve` on a free port, once with embedded Chroma and once with Chroma's
    own server; the empty index is filled with the corpus at start."""
    env = {"DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "0"}
    if request.param == "chroma-server":
        env |= {
            "DIALOGSTOD_CHROMA_URL": request.getfixturevalue("chroma_server"),
            "DIALOGSTOD_COLLECTION": "api-suite",
        }
    with running_server(tmp_path_factory.mktemp("api"), env) as base:
        yield base


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as http:
        yield http


def chat(client: httpx.Client, message: str, huvudman_id: str | None = None) -> dict[str, Any]:
    response = client.post("/api/chat", json={"message": message, "huvudman_id": huvudman_id})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"answer", "supported", "citations", "conversation_id", "mode"}
    assert body.pop("mode") == "extractive"  # no LLM is configured in this suite
    # Every question without a conversation_id starts a new conversation.
    assert len(body.pop("conversation_id")) == 36
    return body


def assert_markers_match_citations(body: dict[str, Any]) -> None:
    cited = {int(n) for n in MARKER.findall(body["answer"])}
    numbers = [c["n"] for c in body["citations"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert cited == set(numbers)
    assert all(c["chunk_id"] for c in body["citations"])


# --- health and page ----------------------------------------------------------------------------


def test_health(client: httpx.Client) -> None:
    response = client.get("/api/health")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "sources": 37,  # 17 documents and packets, 20 Skolverket exports
        "huvudman": 7,  # three demo packets, four kommuner in corpus/statistik
        "embedding_model": "e5-small",
        "limits": {"max_message_chars": 2000},
    }


def test_home_page_is_swedish_html(client: httpx.Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="sv">' in response.text
    # The demo page embeds the widget exactly as a customer's page would.
    assert '<script src="/widget.js"' in response.text


# --- answers ------------------------------------------------------------------------------------


def test_packet_question_quotes_the_packet(client: httpx.Client) -> None:
    body = chat(client, MERIT_QUESTION, "0917")

    assert body["supported"] is True
    assert body["answer"] == (
        "Genomsnittligt meritvärde i årskurs 9 (17 ämnen) för Norrforsens kommun var 209,7 poäng "
        "2024 [1]. Riket låg på 227,3 poäng samma år; Norrforsens kommun låg 17,6 poäng under "
        "riket [1]."
    )
    assert_markers_match_citations(body)
    assert [(c["source"], c["locator"]) for c in body["citations"]] == [
        ("norrforsen-2022-2024.csv", "rad 4")
    ]
    assert "209,7" in body["citations"][0]["snippet"]


def test_packet_trend_question(client: httpx.Client) -> None:
    body = chat(client, "Hur har meritvärdet i årskurs 9 utvecklats?", "0917")

    assert body["supported"] is True
    for value in ("224,6", "218,3", "209,7", "14,9"):
        assert value in body["answer"]
    assert_markers_match_citations(body)
    assert {c["source"] for c in body["citations"]} == {"norrforsen-2022-2024.csv"}
    assert [c["locator"] for c in body["citations"]] == ["rad 2", "rad 3", "rad 4"]


def test_general_question_is_cited_from_the_documents(client: httpx.Client) -> None:
    body = chat(client, "Vilka tre delar består en kvalitetsdialog av?")

    assert body["supported"] is True
    assert "tre delar" in body["answer"]
    assert_markers_match_citations(body)
    assert {c["source"] for c in body["citations"]} == {"kvalitetsdialogens-genomforande.md"}
    assert "tre delar" in body["citations"][0]["snippet"]
    assert body["citations"][0]["locator"].startswith("Avsnitt: ")


def test_unanswerable_question(client: httpx.Client) -> None:
    body = chat(client, "Vilken färg har en giraff på månen?")

    assert body == {"answer": NO_SUPPORT, "supported": False, "citations": []}


def test_packet_value_needs_a_huvudman(client: httpx.Client) -> None:
    body = chat(client, MERIT_QUESTION)

    assert body["supported"] is False
    assert body["citations"] == []
    assert "209,7" not in body["answer"]


SJOVIK_QUESTIONS = [
    "Vilket meritvärde hade Sjöviks kommun i årskurs 9 2024?",
    "Hur stor andel av eleverna i Sjövik var behöriga till yrkesprogram 2024?",
    "Hur har andelen legitimerade lärare utvecklats i Sjöviks kommun?",
]


@pytest.mark.parametrize("question", SJOVIK_QUESTIONS)
def test_other_huvudmans_values_stay_out(client: httpx.Client, question: str) -> None:
    sjovik = huvudman_values("Sjöviks kommun (2795)")
    assert {"203,4", "84,1", "61,5"} <= sjovik and len(sjovik) == 18

    body = chat(client, question, "0917")

    assert body["supported"] is False
    assert body["citations"] == []
    assert body["answer"].startswith("Samtalet gäller Norrforsens kommun.")
    numbers = set(re.findall(r"\d+,\d+", body["answer"]))
    assert not numbers & sjovik
    assert numbers == set()


def test_own_huvudmans_values_are_shown(client: httpx.Client) -> None:
    body = chat(client, "Vilket meritvärde hade Sjöviks kommun i årskurs 9 2024?", "2795")

    assert body["supported"] is True
    assert "203,4" in body["answer"]
    assert {c["source"] for c in body["citations"]} == {"sjovik-2022-2024.csv"}


def test_message_is_trimmed_and_2000_characters_are_allowed(client: httpx.Client) -> None:
    padded = chat(client, f"  \n {MERIT_QUESTION}\t ", "0917")
    assert padded == chat(client, MERIT_QUESTION, "0917")

    long_question = ("Hur följer huvudmannen upp undervisningen och resultaten? " * 40)[:2000]
    assert len(long_question) == 2000
    body = chat(client, long_question)
    assert isinstance(body["supported"], bool)


def test_concurrent_questions_get_the_same_answer(client: httpx.Client) -> None:
    expected = chat(client, MERIT_QUESTION, "0917")

    with ThreadPoolExecutor(max_workers=6) as pool:
        bodies = list(pool.map(lambda _: chat(client, MERIT_QUESTION, "0917"), range(6)))

    assert bodies == [expected] * 6


# --- errors -------------------------------------------------------------------------------------


def assert_error(response: httpx.Response, status: int, code: str, *fragments: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    message: str = body["error"]["message"]
    for fragment in fragments:
        assert fragment in message
    return message


def test_unknown_huvudman(client: httpx.Client) -> None:
    response = client.post("/api/chat", json={"message": MERIT_QUESTION, "huvudman_id": "9999"})

    message = assert_error(response, 404, "unknown_huvudman", "'9999'")
    assert message.startswith("Huvudmannen '9999' finns inte i underlaget.")


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        pytest.param({}, "fältet 'message' saknas", id="missing"),
        pytest.param({"message": ""}, "frågan är tom", id="empty"),
        pytest.param({"message": "  \n\t "}, "frågan är tom", id="whitespace"),
        pytest.param({"message": 5}, "'message' har fel värde eller typ", id="wrong-type"),
        pytest.param(
            {"message": MERIT_QUESTION, "huvudman_id": "0" * 65},
            "'huvudman_id' är för lång (högst 64 tecken)",
            id="long-huvudman",
        ),
        pytest.param(["en", "lista"], "'body' har fel värde eller typ", id="not-an-object"),
    ],
)
def test_invalid_requests(client: httpx.Client, payload: object, fragment: str) -> None:
    response = client.post("/api/chat", json=payload)

    message = assert_error(response, 422, "invalid_request", fragment)
    assert message.startswith("Ogiltig begäran: ")
    assert message.endswith("Rätta begäran och försök igen.")


def test_message_over_the_limit(client: httpx.Client) -> None:
    response = client.post("/api/chat", json={"message": "x" * 2001})
    assert_error(response, 422, "message_too_long", "2001 tecken; högst 2000", "Korta den")


def test_malformed_json(client: httpx.Client) -> None:
    response = client.post(
        "/api/chat",
        content=b'{"message": "Vad \xc3\xa4r en kvalitetsdialog?",',
        headers={"content-type": "application/json"},
    )

    assert_error(response, 422, "invalid_request", "Begäran är inte giltig JSON.")


def test_unknown_path(client: httpx.Client) -> None:
    response = client.get("/api/finns-inte")

    assert_error(response, 404, "not_found", "Adressen finns inte.")


def test_wrong_method(client: httpx.Client) -> None:
    response = client.get("/api/chat")

    assert_error(response, 405, "method_not_allowed", "Metoden stöds inte")


def test_route_named_in_unknown_huvudman_message_exists(client: httpx.Client) -> None:
    response = client.post("/api/chat", json={"message": MERIT_QUESTION, "huvudman_id": "9999"})
    message = response.json()["error"]["message"]

    if "GET /api/huvudman" in message:
        assert client.get("/api/huvudman").status_code == 200


def test_large_responses_are_compressed_but_streams_are_not(client: httpx.Client) -> None:
    gzip = {"Accept-Encoding": "gzip"}
    script = client.get("/widget.js", headers=gzip)
    assert script.headers.get("content-encoding") == "gzip", script.headers
    assert "Förbered dialog" in script.text
    with client.stream(
        "POST", "/api/chat/stream", json={"message": "Vad är en kvalitetsdialog?"}, headers=gzip
    ) as stream:
        assert "content-encoding" not in stream.headers, stream.headers
        assert any(line == "event: done" for line in stream.iter_lines())


def test_huvudman_list(client: httpx.Client) -> None:
    response = client.get("/api/huvudman")
    assert response.status_code == 200
    body = response.json()
    listed = {h["id"]: h for h in body["items"]}
    # The three demo packets' huvudmän and the four kommuner of corpus/statistik.
    assert set(listed) == {"0917", "2795", "9001", "0596", "1796", "2294", "2597"}
    assert listed["2294"] == {"id": "2294", "name": "Bokö kommun"}
    assert body["total"] == len(listed)
    assert listed["0917"] == {"id": "0917", "name": "Norrforsens kommun"}
    detail = client.get("/api/huvudman/0917")
    assert detail.status_code == 200
    norrforsen = detail.json()
    assert norrforsen["name"] == "Norrforsens kommun"
    assert norrforsen["years"] == ["2022", "2023", "2024"]
    merit = next(i for i in norrforsen["indicators"] if i["id"] == "meritvarde_ak9")
    assert merit == {
        "id": "meritvarde_ak9",
        "name": "Genomsnittligt meritvärde i årskurs 9 (17 ämnen)",
        "unit": "poäng",
        "years": ["2022", "2023", "2024"],
    }
