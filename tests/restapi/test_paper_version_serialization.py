"""The scan of a press article in plone.restapi: a download URL only for those
whom `PressArticle.can_view_paper_version()` lets open it, and no @@images
URL of it in listing summaries."""

from imio.pressbook.interfaces import IImioPressbookLayer
from imio.pressbook.restapi.serializers.press_article import (
    PressArticleFileFieldSerializer,
)
from io import BytesIO
from PIL import Image
from plone import api
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.interfaces import ISerializeToJsonSummary
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import datetime
import json
import pytest
import requests
import transaction


PASSWORD = "licence-presse-2024"


def make_png():
    buffer = BytesIO()
    Image.new("RGB", (800, 600), (180, 30, 40)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = make_png()


def may_open(access, user):
    return {
        "public": True,
        "authenticated": user != "anonymous",
        "editors": user == "editor",
    }[access]


def create_users():
    for username in ("member", "editor"):
        api.user.create(
            email=f"{username}@commune.be", username=username, password=PASSWORD
        )


def create_article(container, access):
    article = api.content.create(
        container,
        "imio.pressbook.PressArticle",
        id=f"article-{access}",
        title=f"Article {access}",
        publication_date=datetime.date(2024, 3, 14),
        outlet="le-soir",
        paper_version=NamedBlobFile(PNG, contentType="image/png", filename="scan.png"),
        paper_version_access=access,
    )
    api.user.grant_roles(username="editor", obj=article, roles=["Editor"])
    api.content.transition(article, "publish")
    return article


@pytest.fixture()
def request_on_layer(integration):
    request = integration["request"]
    alsoProvides(request, IImioPressbookLayer)
    return request


@pytest.fixture()
def articles(portal):
    with api.env.adopt_roles(["Manager"]):
        create_users()
        book = api.content.create(portal, "imio.pressbook.PressBook", id="revue")
        return {
            access: create_article(book, access)
            for access in ("public", "authenticated", "editors")
        }


def serialize_as(user, article, request):
    def serialize():
        return getMultiAdapter((article, request), ISerializeToJson)()

    if user == "anonymous":
        logout()
        return serialize()
    with api.env.adopt_user(username=user):
        return serialize()


def test_paper_version_serializer_is_ours_on_the_layer(articles, request_on_layer):
    article = articles["public"]
    schema = article.getTypeInfo().lookupSchema()
    serializer = getMultiAdapter(
        (schema["paper_version"], article, request_on_layer), IFieldSerializer
    )
    assert isinstance(serializer, PressArticleFileFieldSerializer)


@pytest.mark.parametrize("access", ["public", "authenticated", "editors"])
@pytest.mark.parametrize("user", ["anonymous", "member", "editor"])
def test_paper_version_serialized_only_as_the_rule_says(
    articles, request_on_layer, user, access
):
    article = articles[access]
    data = serialize_as(user, article, request_on_layer)
    if may_open(access, user):
        assert data["paper_version"] == {
            "content-type": "image/png",
            "download": f"{article.absolute_url()}/@@download/paper_version",
            "filename": "scan.png",
            "size": len(PNG),
        }
    else:
        assert data["paper_version"] is None
    # the setting itself is no secret: clients show why the scan is missing
    assert data["paper_version_access"]["token"] == access


def test_no_scan_in_catalog_image_scales(articles):
    brain = api.content.find(UID=articles["public"].UID())[0]
    assert "paper_version" not in (brain.image_scales or {})


def test_no_scan_in_listing_summaries(articles, request_on_layer):
    request_on_layer.form["metadata_fields"] = "_all"
    brain = api.content.find(UID=articles["public"].UID())[0]
    logout()
    summary = getMultiAdapter((brain, request_on_layer), ISerializeToJsonSummary)()
    assert summary["@id"] == articles["public"].absolute_url()
    assert summary["image_scales"] is None
    assert "paper_version" not in json.dumps(summary, default=str)


@pytest.fixture()
def published_article(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        create_users()
        book = api.content.create(
            functional_portal, "imio.pressbook.PressBook", id="revue"
        )
        article = create_article(book, "public")
    transaction.commit()
    return article


@pytest.mark.parametrize("user", ["anonymous", "editor"])
def test_search_with_all_metadata_gives_no_scan_url(
    functional_portal, published_article, user
):
    response = requests.get(
        f"{functional_portal.absolute_url()}/@search",
        params={
            "portal_type": "imio.pressbook.PressArticle",
            "path": "/".join(published_article.aq_parent.getPhysicalPath()),
            "metadata_fields": "_all",
        },
        headers={"Accept": "application/json"},
        auth=None if user == "anonymous" else (user, PASSWORD),
        timeout=60,
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["@id"] for item in items] == [published_article.absolute_url()]
    assert items[0]["image_scales"] is None
    assert "paper_version" not in response.text
    assert "@@images" not in response.text
