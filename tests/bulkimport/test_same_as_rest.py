"""An imported item is the item a REST client makes: the import adds its
items with fewer events per item than plone.restapi (the section's
container-modified event once per batch, no savepoint once a state is known
reachable), so it is compared, over real HTTP and as the same user, with the
same items POSTed then published through the REST API: every field, the
workflow state, who may see it, every catalog index and metadata column, the
intid, and the facet counts."""

from .conftest import make_book
from DateTime import DateTime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.dexterity.utils import iterSchemata
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
from zope.schema import getFieldsInOrder

import csv
import io
import json
import pytest
import requests
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
ANSWERS = [
    {
        "date": "2015-08-20",
        "answered_by": "FURLAN Paul",
        "kind": "final",
        "text": "Les partenariats sont en cours.",
    }
]
# the REST bodies; the import's rows say the same in the export's columns
BODIES = [
    {
        "@type": ARTICLE,
        "title": "Le budget communal",
        "description": "Première ligne",
        "publication_date": "2015-03-04",
        "outlet": "le-soir",
        "journalist": "C. Ti.",
        "page": "p. 12",
        "original_url": "https://www.lesoir.be/budget",
        "themes": ["logiciels-libres", "tutelle"],
        "subjects": ["budget", "communes"],
    },
    {
        "@type": ARTICLE,
        "title": "Un article resté privé",
        "publication_date": "2016-05-01",
        "outlet": "l-avenir",
    },
    {
        "@type": QUESTION,
        "title": "Les partenariats avec IMIO",
        "assembly": "parlement-wallonie",
        "question_type": "oral",
        "session": "2014-2015",
        "year": 2015,
        "number": "518 (2014-2015) 1",
        "question_date": "2015-07-10",
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
        "themes": ["tutelle"],
        "answers": ANSWERS,
    },
]
PUBLISHED = ("Le budget communal", "Les partenariats avec IMIO")
# what differs between two items made at two moments in two sections
OWN = {
    "UID",
    "path",
    "getId",
    "id",
    "getRID",
    "created",
    "modified",
    "effective",
    "CreationDate",
    "ModificationDate",
    "EffectiveDate",
    "Date",
    "getObjPositionInParent",
}


def rows_csv():
    out = io.StringIO()
    columns = [
        "portal_type",
        "title",
        "description",
        "date",
        "outlet",
        "journalist",
        "page",
        "original_url",
        "themes",
        "keywords",
        "assembly",
        "question_type",
        "session",
        "year",
        "number",
        "asked_by",
        "addressed_to",
        "answers",
        "review_state",
    ]
    writer = csv.DictWriter(out, columns, delimiter=";")
    writer.writeheader()
    for body in BODIES:
        row = dict.fromkeys(columns, "")
        row.update(
            {key: value for key, value in body.items() if key in columns},
            portal_type=body["@type"],
            date=body.get("publication_date") or body.get("question_date"),
            themes="\n".join(body.get("themes", [])),
            keywords="\n".join(body.get("subjects", [])),
            answers=json.dumps(body["answers"]) if "answers" in body else "",
            review_state="published" if body["title"] in PUBLISHED else "",
        )
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


@pytest.fixture()
def owner():
    with requests.Session() as http:
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        http.headers["Accept"] = "application/json"
        yield http


@pytest.fixture()
def sections(site, owner):
    """Two sections: one filled over REST, one by the import."""
    rest = make_book(site, "par-rest")
    imported = make_book(site, "par-import")
    transaction.commit()
    started = DateTime()
    for body in BODIES:
        answer = owner.post(rest.absolute_url(), json=body)
        assert answer.status_code == 201, answer.text
        if body["title"] in PUBLISHED:
            answer = owner.post(f"{answer.json()['@id']}/@workflow/publish")
            assert answer.status_code == 200, answer.text
    answer = owner.post(
        f"{imported.absolute_url()}/@pressbook-import",
        files={"file": ("revue.csv", rows_csv(), "text/csv")},
        data={"dry_run": "false", "batch_size": "2"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["created"] == len(BODIES), answer.json()
    transaction.begin()
    return rest, imported, started


def by_title(section):
    return {obj.Title(): obj for obj in section.objectValues()}


def field_values(obj):
    values = {}
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            if name in ("creation_date", "modification_date", "effective"):
                continue
            value = field.bind(obj).get(obj)
            # the dates of IPublication are read through the methods
            values[name] = value() if callable(value) else value
    return values


def catalog_data(obj):
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(obj.getPhysicalPath())
    rid = catalog._catalog.uids[path]
    indexes = catalog.getIndexDataForRID(rid)
    metadata = catalog.getMetadataForRID(rid)
    return (
        {key: value for key, value in indexes.items() if key not in OWN},
        {key: value for key, value in metadata.items() if key not in OWN},
    )


def test_imported_items_are_those_made_over_rest(sections):
    rest, imported, started = sections
    made, read = by_title(rest), by_title(imported)
    assert sorted(made) == sorted(read)
    intids = getUtility(IIntIds)
    for title, reference in made.items():
        obj = read[title]
        assert obj.getId() == reference.getId()
        assert field_values(obj) == field_values(reference), title
        assert api.content.get_state(obj) == api.content.get_state(reference)
        assert obj.creators == reference.creators == (SITE_OWNER_NAME,)
        assert obj.get_local_roles() == reference.get_local_roles()
        indexes, metadata = catalog_data(obj)
        reference_indexes, reference_metadata = catalog_data(reference)
        assert (
            indexes["allowedRolesAndUsers"]
            == (reference_indexes["allowedRolesAndUsers"])
        ), title
        # minutes since the epoch: the two were published seconds apart
        start, end = indexes.pop("effectiveRange")
        reference_start, reference_end = reference_indexes.pop("effectiveRange")
        assert end == reference_end
        assert (start > 0) == (reference_start > 0) == (title in PUBLISHED)
        assert abs(start - reference_start) <= 2
        assert indexes == reference_indexes, title
        assert metadata == reference_metadata, title
        # its own: a UID, an intid, dates of the import
        assert len(api.content.get_uuid(obj)) == 32
        assert api.content.get_uuid(obj) != api.content.get_uuid(reference)
        assert intids.queryId(obj) is not None
        assert started <= obj.created() <= obj.modified() <= DateTime()
        if title in PUBLISHED:
            assert started <= obj.effective() <= DateTime()


def test_a_private_item_is_hidden_from_visitors_as_over_rest(sections):
    rest, imported, _started = sections
    for section in (rest, imported):
        listed = requests.get(
            f"{section.absolute_url()}/@pressbook-search",
            headers={"Accept": "application/json"},
            timeout=60,
        ).json()
        assert sorted(item["title"] for item in listed["items"]) == sorted(PUBLISHED)


def test_the_facet_counts_are_those_of_the_rest_section(sections, owner):
    rest, imported, _started = sections

    def facets(section):
        answer = owner.get(f"{section.absolute_url()}/@pressbook-search")
        assert answer.status_code == 200, answer.text
        return {
            name: {value["token"]: value["count"] for value in values}
            for name, values in answer.json()["facets"].items()
        }

    assert facets(imported) == facets(rest)
    assert facets(imported)["portal_type"] == {ARTICLE: 2, QUESTION: 1}
