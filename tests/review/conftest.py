"""A small press section for the press review's tests, once per test class: four
articles of March 2024 (scans public, for logged-in users, for editors, and
an image), a question with its answers, an article of 2023 and a private one;
a member and an editor. Real scans beside this file (data/)."""

from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage

import datetime as dt
import io
import pytest
import requests
import transaction


DATA = Path(__file__).parent / "data"
PASSWORD = "revue-presse-2024"
MEMBER = ("membre", PASSWORD)
EDITOR = ("redacteur", PASSWORD)
MARCH = {"start": "2024-03-01", "end": "2024-03-31"}

ARTICLES = {
    "guichets": {
        "title": "Éghezée numérise ses guichets",
        "description": "Une commune wallonne passe au numérique, à Liège aussi.",
        "publication_date": dt.date(2024, 3, 4),
        "outlet": "le-soir",
        "journalist": "C. Ti.",
        "page": "p. 12, Régions",
        "themes": ["logiciels-libres"],
        "paper_version_access": "public",
        "scan": "scan-public.pdf",
    },
    "conseil": {
        "title": "Le conseil communal à distance",
        "publication_date": dt.date(2024, 3, 10),
        "outlet": "l-avenir",
        "journalist": "M. Dupré",
        "themes": ["tutelle"],
        "paper_version_access": "authenticated",
        "scan": "scan-members.pdf",
    },
    "budget": {
        "title": "Budget : les écoles d'abord",
        "publication_date": dt.date(2024, 3, 20),
        "outlet": "le-soir",
        "themes": ["tutelle"],
        "paper_version_access": "editors",
        "scan": "scan-editors.pdf",
    },
    "photo": {
        "title": "Une photo de la place",
        "publication_date": dt.date(2024, 3, 25),
        "outlet": "la-derniere-heure",
        "themes": ["logiciels-libres"],
        "paper_version_access": "public",
        "scan": "scan-photo.png",
    },
    "casse": {
        "title": "Un scan illisible",
        "publication_date": dt.date(2024, 4, 2),
        "outlet": "le-soir",
        "paper_version_access": "public",
        "scan": "broken",
    },
    "ancien": {
        "title": "Un article de 2023",
        "publication_date": dt.date(2023, 1, 5),
        "outlet": "le-soir",
    },
}
QUESTION = {
    "title": "Les partenariats de l'intercommunale",
    "description": "Où en sont-ils ?",
    "assembly": "parlement-wallonie",
    "question_type": "written",
    "number": "518",
    "question_date": dt.date(2024, 3, 15),
    "asked_by": "DUPONT Jean-Marc",
    "addressed_to": "FURLAN Paul",
    "themes": ["tutelle"],
    "answers": [
        {
            "date": dt.date(2024, 3, 18),
            "answered_by": "FURLAN Paul",
            "kind": "holding",
            "text": "",
        },
        {
            "date": dt.date(2024, 3, 28),
            "answered_by": "FURLAN Paul",
            "kind": "final",
            "text": "Oui, les écoles sont équipées.",
        },
    ],
}


def scan(name):
    if name == "broken":  # what an upload may be: says PDF, is not one
        return NamedBlobFile(
            b"%PDF-1.4 scan", contentType="application/pdf", filename="casse.pdf"
        )
    data = (DATA / name).read_bytes()
    if name.endswith(".png"):
        return NamedBlobImage(data, contentType="image/png", filename=name)
    return NamedBlobFile(data, contentType="application/pdf", filename=name)


@pytest.fixture(scope="class")
def site(functional_portal_class):
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        for username, password in (MEMBER, EDITOR):
            api.user.create(
                email=f"{username}@commune.be", username=username, password=password
            )
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        api.content.transition(book, "publish")
        api.user.grant_roles(username=EDITOR[0], obj=book, roles=["Editor"])
        for item_id, fields in ARTICLES.items():
            fields = dict(fields)
            scan_name = fields.pop("scan", None)
            article = api.content.create(
                book, "imio.pressbook.PressArticle", id=item_id, **fields
            )
            if scan_name:
                article.paper_version = scan(scan_name)
            api.content.transition(article, "publish")
            article.reindexObject()
        question = api.content.create(
            book, "imio.pressbook.ParliamentaryQuestion", id="question", **QUESTION
        )
        api.content.transition(question, "publish")
        question.reindexObject()
        api.content.create(
            book,
            "imio.pressbook.PressArticle",
            id="brouillon",
            title="Brouillon privé",
            publication_date=dt.date(2024, 3, 12),
            outlet="le-soir",
        )
    transaction.commit()
    return {"portal": portal, "book": book, "url": book.absolute_url()}


def get(url, auth=None, headers=None, **params):
    return requests.get(url, params=params, auth=auth, headers=headers, timeout=120)


def review_pdf(site, auth=None, **params):
    """The review's PDF for ``auth`` (anonymous by default), read by pypdf."""
    from pypdf import PdfReader

    response = get(
        f"{site['url']}/@@pressbook-review", auth=auth, format="pdf", **params
    )
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))
