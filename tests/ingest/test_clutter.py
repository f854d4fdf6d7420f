"""Web-page clutter in press releases saved as text or HTML is dropped; reference lines stay."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.clutter import is_clutter_line, is_frame_element
from assistant.ingest.readers import read_document

SAVED_PAGE = """Hoppa till huvudinnehåll
Meny
Sök
Start › Om oss › Press

Nytt kontor i Härnösand
Lyssna  Dela  Skriv ut
Publicerad 2 juni 2022

I dag invigdes det första gemensamma kontoret. Kontoret ligger i Härnösand.

Läs beslutet: Uppdrag om ökad kvalitet (U2021/03837) på regeringen.se

Kontakt
Anna Exempelsson, presschef
Telefon: 08-000 00 00
E-post: press@exempel.se

Fler pressmeddelanden
• Regionkontor planeras i Växjö
  16 maj 2022

Facebook
Om webbplatsen | Tillgänglighetsredogörelse
© Skolverket 2022
Vi använder kakor för att webbplatsen ska fungera.
Godkänn alla kakor
"""


def test_saved_text_page_keeps_the_article_and_its_reference_line(tmp_path: Path) -> None:
    path = tmp_path / "pm.txt"
    path.write_text(SAVED_PAGE.replace("\n", "\r\n"), encoding="cp1252")
    doc = read_document(path, "dokument")
    assert doc.title == "Nytt kontor i Härnösand"
    assert [s.text for s in doc.sections] == [
        "Publicerad 2 juni 2022",
        "I dag invigdes det första gemensamma kontoret. Kontoret ligger i Härnösand.",
        "Läs beslutet: Uppdrag om ökad kvalitet (U2021/03837) på regeringen.se",
    ]


# As a press room (MyNewsdesk and the like) frames a release: tags, related items, contacts.
PRESS_ROOM = """Hoppa till innehållet
Meny
Startsida
Pressrum
Vi använder kakor för att förbättra din upplevelse.
Acceptera alla

Pressmeddelande   •   3 mars 2025 09:00 CET

Fler huvudmän får stöd i kvalitetsarbetet

Under våren bjuds fler huvudmän in till kvalitetsdialog. De första dialogerna hålls i maj.

Ämnen
Utbildning, Skola
Kategorier
kvalitetsdialog
Regioner
Västra Götaland

Om Skolverket
Skolverket är förvaltningsmyndighet för skolväsendet.

Kontakter
Presstjänst
pressjour@exempel.se

Relaterat innehåll
Tio regionkontor öppnar 2022
Kvalitetsdialogerna startar i oktober
Dela
Till toppen
"""


def test_a_press_room_page_keeps_only_the_release(tmp_path: Path) -> None:
    path = tmp_path / "pm.txt"
    path.write_text(PRESS_ROOM, encoding="utf-8")
    doc = read_document(path, "dokument")
    # The headline is under the dateline; the publisher's text about itself is no content.
    assert doc.title == "Fler huvudmän får stöd i kvalitetsarbetet"
    assert [s.text for s in doc.sections] == [
        "Pressmeddelande • 3 mars 2025 09:00 CET",
        "Under våren bjuds fler huvudmän in till kvalitetsdialog. "
        "De första dialogerna hålls i maj.",
    ]


def test_plain_text_without_clutter_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("Kort rubrik\nsom fortsätter.\n\nAndra stycket.\n", encoding="utf-8")
    doc = read_document(path, "dokument")
    assert doc.title == "plan"
    assert [s.text for s in doc.sections] == ["Kort rubrik som fortsätter.", "Andra stycket."]


def test_saved_html_page_without_semantic_tags(tmp_path: Path) -> None:
    path = tmp_path / "nyhet.html"
    path.write_text(
        "<html><head><title>Nyhet</title></head><body>"
        '<div class="cookie-banner"><p>Vi använder kakor.</p><button>Godkänn</button></div>'
        '<div class="header"><div class="logo">Skolverket</div><ul class="menu"><li>Start</li>'
        "</ul></div>"
        '<div class="content"><h1>Utvärdering</h1><div class="share"><a>Dela</a></div>'
        "<p>Statskontoret utvärderar dialogerna.</p>"
        "<h2>Mer information</h2><ul><li><a>Statskontorets uppdrag U2022/02901</a></li>"
        "<li><a>Så går en kvalitetsdialog till</a></li></ul></div>"
        '<div class="related"><h2>Relaterade nyheter</h2><ul><li>Annan nyhet</li></ul></div>'
        '<div class="contact"><p>Telefon: 08-000 00 00</p></div></body></html>',
        encoding="utf-8",
    )
    texts = [s.text for s in read_document(path, "dokument").sections]
    assert texts == ["Statskontoret utvärderar dialogerna.", "- Statskontorets uppdrag U2022/02901"]


def test_clutter_rules() -> None:
    assert is_clutter_line("Facebook  LinkedIn  Instagram")
    assert is_clutter_line("Start › Om oss › Press")
    assert not is_clutter_line("Dela upp arbetet i tre steg.")
    assert not is_clutter_line("Dnr U2022/02901")
    assert is_frame_element("share-buttons") and is_frame_element("cookie-banner")
    assert is_frame_element("release-tags")
    assert not is_frame_element("avdelning fordelar")
