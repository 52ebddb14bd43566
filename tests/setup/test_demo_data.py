"""The demo content is data: each plone.exportimport ``data.json`` is one item."""

from DateTime import DateTime
from datetime import date
from imio.pressbook.setuphandlers import demo
from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile

import json
import pytest
import shutil


CONTENT = Path(demo.__file__).parent / "democontent" / "content"
DATA_FILES = sorted(CONTENT.glob("*/data.json"))
# what plone.exportimport reads or sets itself rather than a schema field
NOT_FIELDS = {"@id", "@type", "UID", "id", "created", "review_state", "subjects"}


@pytest.fixture()
def portal(demo):
    setRoles(demo["portal"], TEST_USER_ID, ["Manager"])
    return demo["portal"]


def _read(path):
    return json.loads(path.read_text("utf-8"))


def _get(portal, item):
    return portal.unrestrictedTraverse(item["@id"].lstrip("/"))


def _as_json(value):
    """A stored field value in the JSON form of the data files."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, RichTextValue):
        return {"content-type": value.mimeType, "data": value.raw, "encoding": "utf-8"}
    if isinstance(value, (list, tuple)):
        return [_as_json(each) for each in value]
    if isinstance(value, dict):
        return {key: _as_json(each) for key, each in value.items()}
    return value


def _snapshot(portal):
    """Every demo item: path, UID, state and modification date."""
    path = "/".join(portal.getPhysicalPath()) + "/presentation"
    return sorted(
        (brain.getPath(), brain.UID, brain.review_state, brain.modified)
        for brain in api.content.find(path=path)
    )


def _load(monkeypatch=None, folder=None):
    if folder is not None:
        monkeypatch.setattr(demo, "DEMO_CONTENT", folder)
    demo.create_demo_content(None)


def test_the_data_folder_holds_every_demo_item():
    assert len(DATA_FILES) == 2 + 9 + 7
    assert {_read(path)["@id"] for path in DATA_FILES} == {
        item["@id"] for item in demo.ITEMS
    }


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.parent.name)
def test_each_data_file_is_one_item_with_its_fields(portal, path):
    item = _read(path)
    obj = _get(portal, item)
    assert obj.getId() == item["id"] == path.parent.name
    assert obj.portal_type == item["@type"]
    assert obj.UID() == item["UID"]
    assert api.content.get_state(obj) == item["review_state"]
    assert obj.created() == DateTime(item["created"])
    assert list(obj.Subject()) == item.get("subjects", [])
    for name, value in item.items():
        if name in NOT_FIELDS:
            continue
        stored = getattr(obj, name)
        if isinstance(stored, NamedBlobFile):
            assert stored.filename == value["filename"], name
            assert stored.contentType == value["content-type"], name
            assert stored.data == (CONTENT / value["blob_path"]).read_bytes(), name
        else:
            assert _as_json(stored) == value, name


def test_loading_twice_adds_nothing(portal):
    before = _snapshot(portal)
    order = list(portal["presentation"]["dans-les-medias"].objectIds())
    _load()
    _load()
    assert _snapshot(portal) == before
    assert list(portal["presentation"]["dans-les-medias"].objectIds()) == order


def test_a_new_data_file_is_a_new_item(portal, tmp_path, monkeypatch):
    folder = tmp_path / "democontent"
    shutil.copytree(CONTENT.parent, folder)
    new = folder / "content" / "un-article-de-plus"
    new.mkdir()
    (new / "data.json").write_text(
        json.dumps(
            {
                "@id": "/presentation/dans-les-medias/un-article-de-plus",
                "@type": "imio.pressbook.PressArticle",
                "UID": "0f5a3c1e2b4d4e6f8a9b0c1d2e3f4a5b",
                "id": "un-article-de-plus",
                "title": "Un article de plus",
                "publication_date": "2026-02-03",
                "outlet": "l-avenir",
                "created": "2026-02-03T10:00:00+00:00",
                "review_state": "published",
            }
        )
    )
    before = {entry[:2] for entry in _snapshot(portal)}
    _load(monkeypatch, folder)
    after = {entry[:2] for entry in _snapshot(portal)}
    # the press book's modification date follows its new child: paths and UIDs
    book = "/".join(portal.getPhysicalPath()) + "/presentation/dans-les-medias"
    assert after - before == {
        (
            f"{book}/un-article-de-plus",
            "0f5a3c1e2b4d4e6f8a9b0c1d2e3f4a5b",
        )
    }
    assert before <= after
    article = portal["presentation"]["dans-les-medias"]["un-article-de-plus"]
    assert article.publication_date == date(2026, 2, 3)
    assert api.content.get_state(article) == "published"


def test_a_data_file_that_does_not_fit_is_an_error(portal, tmp_path, monkeypatch):
    folder = tmp_path / "democontent"
    shutil.copytree(CONTENT.parent, folder)
    api.content.delete(
        portal["presentation"]["dans-les-medias"]["rgpd-les-communes-se-preparent"]
    )
    data = folder / "content" / "rgpd-les-communes-se-preparent" / "data.json"
    item = _read(data)
    item["outlet"] = "un-journal-inconnu"
    data.write_text(json.dumps(item))
    with pytest.raises(ValueError, match="rgpd-les-communes-se-preparent"):
        _load(monkeypatch, folder)
