"""A write on one instance is seen at once on the other, on ZEO (server-sync
on) and on RelStorage: `@pressbook-search`'s items and facet counts, the press
section's page, and a scan's bytes. Each read on B is sent right after A
answered, with no pause: what each instance caches in its own process must
follow the other's commits."""

from lxml import html
from uuid import uuid4

import base64
import re


ARTICLE = "imio.pressbook.PressArticle"
SCAN = b"%PDF-1.4\n% the scan of page 3\n%%EOF\n"


def word():
    """A word no other item holds, to find one item by its text."""
    return f"mot{uuid4().hex[:10]}"


def create(instance, title, outlet="le-soir", **fields):
    response = instance.http().post(
        instance.book,
        json={
            "@type": ARTICLE,
            "title": title,
            "publication_date": "2025-03-14",
            "outlet": outlet,
            **fields,
        },
    )
    assert response.status_code == 201, response.text
    # the path below the site, the same on both instances
    return response.json()["@id"].split("/Plone/", 1)[1]


def search(instance, manager=True, **params):
    response = instance.http(manager).get(
        f"{instance.book}/@pressbook-search", params=params
    )
    assert response.status_code == 200, response.text
    return response.json()


def found(instance, text, manager=True):
    """The paths of the items ``@pressbook-search`` finds by ``text``."""
    data = search(instance, manager, SearchableText=text)
    return [item["@id"].split("/Plone/", 1)[1] for item in data["items"]]


def outlet_counts(instance, manager=True):
    facets = search(instance, manager)["facets"]
    return {entry["token"]: entry["count"] for entry in facets["outlet"]}


def listing(instance, manager=False, **params):
    """The press section's page (anonymous by default), as HTML."""
    http = instance.http(manager)
    http.headers["Accept"] = "text/html"
    response = http.get(instance.book, params=params)
    assert response.status_code == 200
    return response.text


def listed_count(page, title):
    """The count the page shows beside a facet value: 'Le Soir (12)'."""
    match = re.search(rf">{re.escape(title)} \((\d+)\)</a>", page)
    return int(match.group(1)) if match else 0


def test_a_create_is_searched_and_counted_on_the_other_instance(cluster):
    a, b = cluster
    text = word()
    before = outlet_counts(b).get("le-soir", 0)
    path = create(a, f"Conseil communal {text}")
    assert found(b, text) == [path]
    assert outlet_counts(b)["le-soir"] == before + 1


def test_a_publication_is_seen_by_visitors_of_the_other_instance(cluster):
    a, b = cluster
    text = word()
    path = create(a, f"Budget participatif {text}")
    assert found(b, text, manager=False) == []
    visitors_before = outlet_counts(b, manager=False).get("le-soir", 0)
    page_before = listed_count(listing(b), "Le Soir")

    response = a.http().post(f"{a.url}/Plone/{path}/@workflow/publish")
    assert response.status_code == 200, response.text

    assert found(b, text, manager=False) == [path]
    assert outlet_counts(b, manager=False)["le-soir"] == visitors_before + 1
    page = listing(b)
    assert f"Budget participatif {text}" in page
    assert listed_count(page, "Le Soir") == page_before + 1


def test_an_edit_moves_the_item_and_its_counts_on_the_other_instance(cluster):
    a, b = cluster
    # words searched in the description: the id, made from the title, stays
    tag, old, new = word(), word(), word()
    path = create(a, f"Travaux {tag}", outlet="le-soir", description=old)
    a.http().post(f"{a.url}/Plone/{path}/@workflow/publish")
    before = outlet_counts(b)
    page_before = listing(b)

    response = a.http().patch(
        f"{a.url}/Plone/{path}",
        json={
            "title": f"Chantier {new}",
            "description": new,
            "outlet": "la-derniere-heure",
        },
    )
    assert response.status_code == 204, response.text

    assert found(b, old) == []
    assert found(b, new) == [path]
    after = outlet_counts(b)
    assert after.get("le-soir", 0) == before["le-soir"] - 1
    assert after["la-derniere-heure"] == before.get("la-derniere-heure", 0) + 1
    page = listing(b)
    assert f"Chantier {new}" in page
    assert f"Travaux {tag}" not in page
    assert listed_count(page, "Le Soir") == listed_count(page_before, "Le Soir") - 1


def test_a_delete_is_gone_from_the_other_instance(cluster):
    a, b = cluster
    text = word()
    path = create(a, f"Nouvelle crèche {text}")
    a.http().post(f"{a.url}/Plone/{path}/@workflow/publish")
    assert found(b, text) == [path]
    before = outlet_counts(b)["le-soir"]

    response = a.http().delete(f"{a.url}/Plone/{path}")
    assert response.status_code == 204, response.text

    assert found(b, text) == []
    assert outlet_counts(b).get("le-soir", 0) == before - 1
    assert f"Nouvelle crèche {text}" not in listing(b)
    assert b.http().get(f"{b.url}/Plone/{path}").status_code == 404


def test_a_scan_uploaded_on_one_instance_downloads_on_the_other(cluster):
    a, b = cluster
    path = create(
        a,
        f"Article scanné {word()}",
        paper_version={
            "data": base64.b64encode(SCAN).decode("ascii"),
            "encoding": "base64",
            "filename": "le-soir-2025-03-14.pdf",
            "content-type": "application/pdf",
        },
    )
    response = b.http().get(f"{b.url}/Plone/{path}/@@download/paper_version")
    assert response.status_code == 200
    assert response.content == SCAN
    assert "le-soir-2025-03-14.pdf" in response.headers["Content-Disposition"]


def test_each_instance_serves_every_write_of_the_other(cluster):
    """Writes alternate between the two instances; each is read back at once
    on the instance that did not make it."""
    a, b = cluster
    text = word()
    paths = []
    for number in range(6):
        writer, reader = (a, b) if number % 2 == 0 else (b, a)
        paths.append(create(writer, f"Revue de presse {number} {text}"))
        assert sorted(found(reader, text)) == sorted(paths)


def test_an_outlet_renamed_in_the_control_panel_is_shown_by_the_other_instance(
    cluster,
):
    a, b = cluster
    create(a, f"Fusion de zones de police {word()}", outlet="l-avenir")

    def outlet_title(instance):
        facets = search(instance)["facets"]
        (entry,) = [e for e in facets["outlet"] if e["token"] == "l-avenir"]
        return entry["title"]

    assert outlet_title(b) == "L'Avenir"
    panel = f"{a.url}/Plone/@controlpanels/pressbook"
    outlets = a.http().get(panel).json()["data"]["outlets"]
    for row in outlets:
        if row["token"] == "l-avenir":
            row["name"] = "Avenir Namur"
    response = a.http().patch(panel, json={"outlets": outlets})
    assert response.status_code == 204, response.text

    assert outlet_title(b) == "Avenir Namur"
    assert listed_count(listing(b, manager=True), "Avenir Namur") >= 1


def test_a_theme_renamed_in_the_taxonomy_is_shown_by_the_other_instance(cluster):
    a, b = cluster
    themes = "collective.taxonomy.themes"

    def theme_titles(instance):
        facets = search(instance)["facets"]
        return {entry["token"]: entry["title"] for entry in facets["themes"]}

    token, title = next(iter(theme_titles(b).items()))
    http = a.http()
    data = http.get(f"{a.url}/Plone/@taxonomy/{themes}").json()

    def rename(nodes):
        for node in nodes:
            if node["key"] == token:
                node["title"] = node["translations"]["fr"] = f"{title} (renommé)"
            rename(node["children"])

    rename(data["tree"])
    response = http.patch(
        f"{a.url}/Plone/@taxonomy/{themes}",
        json={
            "taxonomy": themes,
            "tree": data["tree"],
            "languages": list(data["tree"][0]["translations"]),
        },
    )
    assert response.status_code == 204, response.text

    assert theme_titles(b)[token] == f"{title} (renommé)"


def test_an_import_previewed_on_one_instance_is_confirmed_on_the_other(cluster):
    """The import form's files wait between preview and confirmation in the
    instances' shared ``import-directory``: the confirmation may reach the
    other instance (no sticky sessions needed)."""
    a, b = cluster
    text = word()
    title = f"Le budget communal {text}"
    csv = f"type;titre;date;média\r\narticle;{title};2020-01-02;Le Soir\r\n"

    http = a.http()
    http.headers["Accept"] = "text/html"
    page = http.get(f"{a.book}/@@pressbook-import")
    assert page.status_code == 200, page.text
    (authenticator,) = html.fromstring(page.text).xpath(
        "//input[@name='_authenticator']/@value"
    )
    preview = http.post(
        f"{a.book}/@@pressbook-import",
        data={"_authenticator": authenticator, "form.buttons.preview": "1"},
        files={"file": ("revue.csv", csv.encode(), "text/csv")},
    )
    assert preview.status_code == 200, preview.text
    (confirm,) = html.fromstring(preview.text).xpath(
        "//form[contains(@class, 'confirm')]"
    )
    fields = {field.name: field.value for field in confirm.xpath(".//input")}
    assert found(b, text) == []
    other = b.http()
    other.headers["Accept"] = "text/html"
    done = other.post(f"{b.book}/@@pressbook-import", data=fields)
    assert done.status_code == 200, done.text
    assert "Créés : 1" in " ".join(html.fromstring(done.text).text_content().split())
    assert len(found(a, text)) == 1
