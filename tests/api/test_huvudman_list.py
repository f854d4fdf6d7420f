"""GET /api/huvudman (searched, paged, lean) and GET /api/huvudman/{id}, over real HTTP against a
real `dialogstod serve` whose index holds some 300 huvudmän."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from evals.serving import running_server
from tests.api.conftest import assert_error
from tests.api.many_huvudman import (
    DEMO,
    HANDMADE,
    TOTAL,
    all_names,
    many_huvudman_corpus,
    packet_csv,
)

ADMIN = "huvudman-admin-token"
SWEDISH = str.maketrans("åäö", "{|}")  # after z, in this order


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    root = tmp_path_factory.mktemp("api-many-huvudman")
    env = {
        "DIALOGSTOD_CORPUS_DIR": str(many_huvudman_corpus(root)),
        "DIALOGSTOD_ADMIN_TOKEN": ADMIN,
        "DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "0",
    }
    with running_server(root, env) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


def listing(client: httpx.Client, **params: Any) -> dict[str, Any]:
    response = client.get("/api/huvudman", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    return body


def plain(text: str) -> str:
    """The test's own folding: lower case, å/ä → a, ö → o."""
    return text.lower().translate(str.maketrans("åäöé", "aaoe"))


def test_lean_sorted_list_pages_through_everyone(many: httpx.Client) -> None:
    first = listing(many)
    assert first["total"] == TOTAL and first["limit"] == 50 and first["offset"] == 0
    assert len(first["items"]) == 50
    assert all(set(item) == {"id", "name"} for item in first["items"])

    everyone = listing(many, limit=500)["items"]
    assert {h["id"]: h["name"] for h in everyone} == all_names()
    names = [h["name"] for h in everyone]
    assert {"Å", "Ä", "Ö"} <= {n[0] for n in names}
    assert names == sorted(names, key=lambda n: n.lower().translate(SWEDISH)), "not Swedish order"
    assert first["items"] == everyone[:50]

    paged: list[dict[str, str]] = []
    for offset in range(0, TOTAL, 120):
        page = listing(many, limit=120, offset=offset)
        assert page["total"] == TOTAL and page["offset"] == offset
        paged += page["items"]
    assert paged == everyone
    assert listing(many, offset=TOTAL)["items"] == []


def test_search_ignores_case_and_diacritics_and_ranks_word_starts_first(
    many: httpx.Client,
) -> None:
    names = all_names()
    for query in ("härn", "HÄRN", "harn", " härn "):
        found = listing(many, q=query)
        expected = {i for i, n in names.items() if "harn" in plain(n)}
        assert {h["id"] for h in found["items"]} == expected == set(list(HANDMADE)[:4]), query
        assert found["total"] == 4
    # The start of the name, then the start of a later word, then anywhere; the typed letters
    # (ä or a) decide between the two names that start alike.
    assert [h["id"] for h in listing(many, q="härn")["items"]] == ["2901", "2904", "2902", "2903"]
    assert [h["id"] for h in listing(many, q="harn")["items"]] == ["2904", "2901", "2902", "2903"]
    assert [h["id"] for h in listing(many, q="Härnö")["items"]] == ["2901", "2902"]
    # Every word must be found, in any order.
    assert [h["id"] for h in listing(many, q="kommun härnöviken")["items"]] == ["2901"]
    assert listing(many, q="härnö kommun skola")["total"] == 0

    kommun = listing(many, q="kommun", limit=500)
    assert kommun["total"] == sum("kommun" in plain(n) for n in names.values()) > 20


def test_search_by_code(many: httpx.Client) -> None:
    found = listing(many, q="0917")["items"]
    assert found[0] == {"id": "0917", "name": "Norrforsens kommun"}
    assert {h["id"] for h in found} == {i for i, n in all_names().items() if "0917" in i + n}
    starts = listing(many, q="29", limit=500)["items"]  # only the hand-made ids start with 29
    assert {h["id"] for h in starts[: len(HANDMADE)]} == set(HANDMADE)
    assert len(starts) > len(HANDMADE) and all("29" in h["id"] for h in starts)


def test_limit_caps_the_page_but_not_the_total(many: httpx.Client) -> None:
    names = all_names()
    expected = sum("skol" in plain(n) for n in names.values())
    page = listing(many, q="skol", limit=20)
    assert len(page["items"]) == 20 and page["total"] == expected > 200
    assert listing(many, q="skol", limit=20, offset=20)["items"][0] != page["items"][0]
    assert len(listing(many, limit=500)["items"]) == TOTAL  # max 500, and there are fewer


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"limit": "tjugo"},
        {"offset": -1},
        {"q": "x" * 201},
    ],
)
def test_bad_parameters_are_422_in_swedish(many: httpx.Client, params: dict[str, Any]) -> None:
    response = many.get("/api/huvudman", params=params)
    message = assert_error(response, 422, "invalid_request", "Ogiltig begäran")
    assert next(iter(params)) in message


def test_one_huvudman_with_indicators_and_years(many: httpx.Client) -> None:
    response = many.get("/api/huvudman/0917")
    assert response.status_code == 200, response.text
    norrforsen = response.json()
    assert norrforsen["name"] == DEMO["0917"]
    assert norrforsen["years"] == ["2022", "2023", "2024"]
    assert len(norrforsen["indicators"]) == 6
    merit = next(i for i in norrforsen["indicators"] if i["id"] == "meritvarde_ak9")
    assert merit == {
        "id": "meritvarde_ak9",
        "name": "Genomsnittligt meritvärde i årskurs 9 (17 ämnen)",
        "unit": "poäng",
        "years": ["2022", "2023", "2024"],
    }
    handmade = many.get("/api/huvudman/2905").json()
    assert handmade["name"] == "Åskogens kommun"
    assert [i["id"] for i in handmade["indicators"]] == ["meritvarde_ak9"]

    message = assert_error(many.get("/api/huvudman/9999"), 404, "unknown_huvudman", "'9999'")
    assert "finns inte i underlaget" in message


def test_bodies_stay_small(many: httpx.Client) -> None:
    everyone = many.get("/api/huvudman", params={"limit": 500}, headers={"Accept-Encoding": "gzip"})
    assert everyone.headers.get("content-encoding") == "gzip"
    assert everyone.num_bytes_downloaded < 6_000, everyone.num_bytes_downloaded
    picker = many.get("/api/huvudman", params={"q": "härn", "limit": 20})
    assert len(picker.content) < 1_024  # what the widget asks for stays small


def test_list_follows_the_catalogue(many: httpx.Client) -> None:
    """Cached per catalogue version: an upload shows at once, and so does its removal."""
    admin = {"Authorization": f"Bearer {ADMIN}"}
    query = {"q": "ängshult"}
    assert listing(many, **query)["total"] == 0
    before = listing(many, limit=500)  # cached now
    packet = packet_csv({"2907": "Ängshults skola AB"}).encode()
    uploaded = many.post(
        "/api/documents", files={"file": ("angshult.csv", packet, "text/csv")}, headers=admin
    )
    assert uploaded.status_code == 201, uploaded.text
    try:
        assert listing(many, **query)["items"] == [{"id": "2907", "name": "Ängshults skola AB"}]
        assert listing(many)["total"] == before["total"] + 1
        assert many.get("/api/huvudman/2907").json()["name"] == "Ängshults skola AB"
    finally:
        removed = many.delete("/api/documents/angshult.csv", headers=admin)
        assert removed.status_code == 204, removed.text
    assert listing(many, **query)["total"] == 0
    assert listing(many, limit=500) == before
    assert many.get("/api/huvudman/2907").status_code == 404


def test_openapi_documents_the_lean_page(many: httpx.Client) -> None:
    schema = many.get("/openapi.json").json()
    operation = schema["paths"]["/api/huvudman"]["get"]
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    page = schema["components"]["schemas"][ok["$ref"].rsplit("/", 1)[-1]]
    assert set(page["properties"]) == {"items", "total", "limit", "offset"}
    entry = schema["components"]["schemas"][page["properties"]["items"]["items"]["$ref"][21:]]
    assert set(entry["properties"]) == {"id", "name"}
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert set(parameters) == {"q", "limit", "offset"}
    assert parameters["limit"]["maximum"] == 500 and parameters["limit"]["default"] == 50
    assert "422" in operation["responses"]
    detail = schema["paths"]["/api/huvudman/{huvudman_id}"]["get"]
    assert {"200", "404"} <= set(detail["responses"])
