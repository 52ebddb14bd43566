"""Upgrade 1004 -> 1009 on a site with a press section holding content: the
section gets its "Revue de presse" document action, which leads to the
review of its items; the other actions are kept."""

from datetime import date
from lxml import html
from plone import api

import pytest


PROFILE = "imio.pressbook:default"


@pytest.fixture
def old_site(portal, request_fr):
    """A site at 1004: a press section with an article and a question, and
    no press review action."""
    with api.env.adopt_roles(["Manager"]):
        book = api.content.create(
            portal, "imio.pressbook.PressBook", id="medias", title="Dans les médias"
        )
        items = [
            api.content.create(
                book,
                "imio.pressbook.PressArticle",
                id="article",
                title="Éghezée numérise ses guichets",
                publication_date=date(2024, 3, 4),
                outlet="le-soir",
                themes=["logiciels-libres"],
            ),
            api.content.create(
                book,
                "imio.pressbook.ParliamentaryQuestion",
                id="question",
                title="Les partenariats de l'intercommunale",
                assembly="parlement-wallonie",
                question_date=date(2024, 3, 15),
                asked_by="DUPONT Jean-Marc",
                addressed_to="FURLAN Paul",
                answers=[
                    {
                        "date": date(2024, 3, 28),
                        "answered_by": "FURLAN Paul",
                        "kind": "final",
                        "text": "Oui.",
                    }
                ],
            ),
        ]
        for item in items:
            api.content.transition(item, "publish")
        actions = api.portal.get_tool("portal_actions").document_actions
        actions.manage_delObjects(["pressbook_review"])
        actions.pressbook_rss.title = "Flux du site"  # what a site changed
        api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    return book


def run_upgrade():
    setup = api.portal.get_tool("portal_setup")
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE, dest="1009")
    return setup


def test_upgrade_adds_the_review_action(old_site, request_fr):
    actions = api.portal.get_tool("portal_actions").document_actions
    assert "pressbook_review" not in actions.objectIds()
    before = [
        action_id
        for action_id in actions.objectIds()
        if action_id.startswith("pressbook_")
    ]
    setup = run_upgrade()
    assert setup.getLastVersionForProfile(PROFILE) == ("1009",)
    action = actions.pressbook_review
    assert action.title == "Press review"
    assert action.permissions == ("View",)
    assert action.description == (
        "The items of this list, filtered as shown, compiled for print or as a PDF."
    )
    assert "@@pressbook-review" in action.url_expr
    assert action.icon_expr == "string:journal-text"
    assert action.available_expr == (
        "python:object.portal_type == 'imio.pressbook.PressBook'"
    )
    assert action.visible
    assert action.i18n_domain == "imio.pressbook"
    # what the site changed in the other actions is kept
    assert actions.pressbook_rss.title == "Flux du site"
    assert [
        action_id
        for action_id in actions.objectIds()
        if action_id.startswith("pressbook_")
    ] == [*before, "pressbook_review"]
    assert before[:4] == [
        "pressbook_print",
        "pressbook_sendto",
        "pressbook_paper_version",
        "pressbook_rss",
    ]


def test_the_action_leads_to_the_review_of_the_content(old_site, request_fr):
    run_upgrade()
    request_fr.form.update(start="2024-03-01", end="2024-03-31", group="outlet")
    page = html.fromstring(
        api.content.get_view("pressbook-review", old_site, request_fr)()
    )
    assert [h.text for h in page.cssselect(".group-title")] == [
        "Le Soir",
        "Parlement de Wallonie",
    ]
    assert [h.text for h in page.cssselect(".item-title")] == [
        "Éghezée numérise ses guichets",
        "Les partenariats de l'intercommunale",
    ]
    assert page.cssselect(".answer-text")[0].text_content().strip() == "Oui."


def test_upgrade_twice_is_harmless(old_site):
    run_upgrade()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1004")
    run_upgrade()
    actions = api.portal.get_tool("portal_actions").document_actions
    assert list(actions.objectIds()).count("pressbook_review") == 1
