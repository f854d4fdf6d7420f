"""GET /api/huvudman/{id}/brief over real HTTP against a real `dialogstod serve`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.brief.model import Brief

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def client(brief_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=brief_server, timeout=60) as http:
        yield http


def test_json_brief_is_the_typed_model(client: httpx.Client) -> None:
    response = client.get("/api/huvudman/0917/brief")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    brief = Brief.model_validate(response.json())
    assert brief.huvudman_id == "0917" and brief.huvudman_namn == "Norrforsens kommun"
    assert [s.id for s in brief.sections] == [
        "indikatorer",
        "flaggor",
        "framgangsfaktorer",
        "fragor",
        "dialogen",
    ]
    kinds = {item["kind"] for s in response.json()["sections"] for item in s["items"]}
    assert kinds == {"indikator", "flagga", "framgangsfaktor", "fraga", "dialogdel"}
    assert brief.citations[0].chunk_id == "rad:norrforsen-2022-2024.csv:2"
    assert len(brief.flags) == 7 and brief.marginal_procent == 2.0


def test_markdown_brief_equals_the_golden_file(client: httpx.Client) -> None:
    response = client.get("/api/huvudman/0917/brief", params={"format": "md"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.text == (GOLDEN / "0917.md").read_text(encoding="utf-8")


def test_html_brief_is_a_page(client: httpx.Client) -> None:
    response = client.get("/api/huvudman/9001/brief", params={"format": "html"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text.startswith("<!DOCTYPE html>")
    assert "Dialogunderlag: Lärkträdets Skolor AB (9001)" in response.text
    assert response.text.count('<svg class="chart"') == 6


def test_margin_query_parameter(client: httpx.Client) -> None:
    strict = client.get("/api/huvudman/0917/brief", params={"marginal": 0}).json()
    loose = client.get("/api/huvudman/0917/brief", params={"marginal": 20}).json()

    def rules(body: dict[str, object]) -> list[str]:
        return [flag.rule for flag in Brief.model_validate(body).flags]

    assert rules(strict).count("samre_an_riket") == 5
    assert rules(loose).count("samre_an_riket") == 0
    assert "2 %" not in strict["rules"][0]["description"]


def test_unknown_huvudman_is_404_in_the_error_shape(client: httpx.Client) -> None:
    for fmt in ("json", "md", "html"):
        response = client.get("/api/huvudman/123/brief", params={"format": fmt})

        assert response.status_code == 404
        body = response.json()
        assert set(body) == {"error"}
        assert body["error"]["code"] == "unknown_huvudman"
        assert "Huvudmannen '123' finns inte" in body["error"]["message"]


@pytest.mark.parametrize("params", [{"format": "pdf"}, {"marginal": "-1"}, {"marginal": "x"}])
def test_invalid_parameters_are_422(client: httpx.Client, params: dict[str, str]) -> None:
    response = client.get("/api/huvudman/0917/brief", params=params)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_route_is_documented(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/api/huvudman/{huvudman_id}/brief"]["get"]

    assert {p["name"] for p in operation["parameters"]} == {"huvudman_id", "format", "marginal"}
    assert set(operation["responses"]["200"]["content"]) >= {
        "application/json",
        "text/markdown",
        "text/html",
    }
    assert "Brief" in schema["components"]["schemas"]
