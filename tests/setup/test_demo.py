"""The demo profile: the site `make start` builds, as the browser tests find it."""

from datetime import date
from imio.pressbook.setuphandlers import demo
from io import BytesIO
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from pypdf import PdfReader

import pytest


PRESS_BOOK_PATH = "presentation/dans-les-medias"
SEED_ARTICLE = "imio-touche-3-5-millions-d-habitants"
SEED_QUESTION = "les-partenariats-sollicites-par-l-intercommunale-imio"


@pytest.fixture()
def portal(demo):
    return demo["portal"]


@pytest.fixture()
def press_book(portal):
    return portal.unrestrictedTraverse(PRESS_BOOK_PATH)


def _brains(portal, **query):
    path = "/".join(portal.getPhysicalPath()) + "/presentation"
    return api.content.find(path=path, **query)


def _apply_demo_profile(portal):
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-imio.pressbook:demo")


class TestStructure:
    def test_presentation_folder_holds_the_press_book(self, portal):
        presentation = portal["presentation"]
        assert presentation.portal_type == "Folder"
        assert presentation.title == "Présentation"
        press_book = presentation["dans-les-medias"]
        assert press_book.portal_type == "imio.pressbook.PressBook"
        assert press_book.title == "Dans les médias"
        assert "<p>" in press_book.text.raw

    def test_counts(self, press_book):
        types = [obj.portal_type for obj in press_book.objectValues()]
        assert types.count("imio.pressbook.PressArticle") == len(demo.ARTICLES) == 9
        assert (
            types.count("imio.pressbook.ParliamentaryQuestion")
            == len(demo.QUESTIONS)
            == 7
        )

    def test_stable_ids(self, press_book):
        expected = [item["id"] for item in demo.ARTICLES + demo.QUESTIONS]
        assert sorted(press_book.objectIds()) == sorted(expected)

    def test_catalog_finds_everything(self, portal):
        assert len(_brains(portal, portal_type="imio.pressbook.PressArticle")) == 9
        assert (
            len(_brains(portal, portal_type="imio.pressbook.ParliamentaryQuestion"))
            == 7
        )


class TestSeedArticle:
    def test_facts(self, press_book):
        article = press_book[SEED_ARTICLE]
        assert (
            article.title == "Imio touche 3,5 millions d’habitants en Région wallonne"
        )
        assert article.outlet == "la-derniere-heure"
        assert article.publication_date == date(2014, 1, 21)
        assert article.journalist == "C. Ti."
        assert {"IMIO", "mutualisation", "logiciels libres"} <= set(article.Subject())
        assert "Paul Furlan" in article.description
        assert article.text.raw.count("<p>") >= 3

    def test_paper_version_is_a_pdf_for_logged_in_users(self, press_book):
        article = press_book[SEED_ARTICLE]
        assert article.paper_version_access == "authenticated"
        assert article.paper_version.contentType == "application/pdf"
        assert article.paper_version.filename == "la-derniere-heure-2014-01-21.pdf"

    def test_paper_version_pdf_is_well_formed(self, press_book):
        # a PDF reader opens it: one page naming the outlet, the day and the title
        data = press_book[SEED_ARTICLE].paper_version.data
        assert data.startswith(b"%PDF-")
        assert data.rstrip().endswith(b"%%EOF")
        pdf = PdfReader(BytesIO(data), strict=True)
        assert len(pdf.pages) == 1
        text = " ".join(pdf.pages[0].extract_text().split())
        assert "La Dernière Heure" in text
        assert "21 janvier 2014" in text
        assert "Imio touche 3,5 millions d’habitants" in text


class TestSeedQuestion:
    def test_facts(self, press_book):
        question = press_book[SEED_QUESTION]
        assert question.title == "Les partenariats sollicités par l'intercommunale IMIO"
        assert question.assembly == "parlement-wallonie"
        assert question.question_type == "written"
        assert question.session == "2014-2015"
        assert question.year == 2015
        assert question.number == "518 (2014-2015) 1"
        assert question.question_date == date(2015, 7, 10)
        assert question.asked_by == "DUPONT Jean-Marc"
        assert question.addressed_to == "FURLAN Paul"
        assert question.addressee_role == (
            "Ministre des Pouvoirs locaux, de la Ville, du Logement et de l'Energie"
        )
        assert "DTIC" in question.question_text.raw

    def test_answer(self, press_book):
        question = press_book[SEED_QUESTION]
        assert len(question.answers) == 1
        answer = question.answers[0]
        assert answer["date"] == date(2015, 9, 7)
        assert answer["answered_by"] == "FURLAN Paul"
        assert answer["kind"] == "final"
        assert "CommunesPlone" in answer["text"]
        assert question.answer_status == "answered"


class TestVariety:
    def test_years_from_2009_to_2026(self, portal):
        years = {
            brain.pressbook_year
            for brain in _brains(
                portal,
                portal_type=[
                    "imio.pressbook.PressArticle",
                    "imio.pressbook.ParliamentaryQuestion",
                ],
            )
        }
        assert min(years) == 2009
        assert max(years) == 2026
        assert len(years) >= 12

    def test_several_outlets_and_assemblies(self, press_book):
        objects = press_book.objectValues()
        outlets = {
            obj.outlet
            for obj in objects
            if obj.portal_type == "imio.pressbook.PressArticle"
        }
        assemblies = {
            obj.assembly
            for obj in objects
            if obj.portal_type == "imio.pressbook.ParliamentaryQuestion"
        }
        assert len(outlets) == 9
        assert {"parlement-wallonie", "parlement-fwb", "chambre"} <= assemblies

    def test_every_question_type(self, press_book):
        types = {
            obj.question_type
            for obj in press_book.objectValues()
            if obj.portal_type == "imio.pressbook.ParliamentaryQuestion"
        }
        assert types == {"written", "oral", "topical", "interpellation"}

    def test_every_answer_kind(self, press_book):
        kinds = {
            answer["kind"]
            for obj in press_book.objectValues()
            if obj.portal_type == "imio.pressbook.ParliamentaryQuestion"
            for answer in obj.answers
        }
        assert kinds == {"final", "holding", "complementary", "correction"}

    def test_a_question_awaits_its_answer(self, portal, press_book):
        question = press_book["la-cybersecurite-des-communes-wallonnes"]
        assert question.answers == []
        assert question.answer_status == "awaiting"
        brains = _brains(portal, answer_status="awaiting")
        assert [brain.getId for brain in brains] == [
            "la-cybersecurite-des-communes-wallonnes"
        ]

    def test_a_holding_answer_then_the_final_one(self, press_book):
        question = press_book["le-financement-de-l-informatique-des-cpas"]
        assert [answer["kind"] for answer in question.sorted_answers()] == [
            "holding",
            "final",
        ]
        assert question.answer_status == "answered"

    def test_answers_never_precede_their_question(self, press_book):
        for obj in press_book.objectValues():
            if obj.portal_type == "imio.pressbook.ParliamentaryQuestion":
                assert all(
                    answer["date"] >= obj.question_date for answer in obj.answers
                ), obj.getId()

    def test_questions_not_in_the_future(self, press_book):
        for obj in press_book.objectValues():
            if obj.portal_type == "imio.pressbook.ParliamentaryQuestion":
                assert obj.question_date <= date.today()

    def test_paper_versions_for_each_access_level(self, press_book):
        access = {
            obj.getId(): obj.paper_version_access
            for obj in press_book.objectValues()
            if obj.portal_type == "imio.pressbook.PressArticle" and obj.paper_version
        }
        assert access == {
            SEED_ARTICLE: "authenticated",
            "ia-delib-les-conseils-communaux-passent-au-numerique": "public",
            "conseils-communaux-a-distance": "editors",
        }

    def test_keywords_are_indexed(self, portal):
        brains = _brains(portal, Subject="logiciels libres")
        assert {brain.getId for brain in brains} >= {
            SEED_ARTICLE,
            "les-communes-adoptent-le-logiciel-libre",
        }

    def test_an_article_links_to_the_original(self, press_book):
        article = press_book["rgpd-les-communes-se-preparent"]
        assert article.original_url.startswith("https://")


class TestPublished:
    def test_everything_is_published(self, portal):
        brains = _brains(portal)
        assert len(brains) == 2 + 9 + 7
        assert {brain.review_state for brain in brains} == {"published"}

    def test_visitors_see_everything(self, portal):
        logout()
        brains = _brains(portal)
        assert len(brains) == 2 + 9 + 7

    def test_workflow_set_when_the_site_has_none(self, portal):
        workflow_tool = api.portal.get_tool("portal_workflow")
        workflow_tool.setDefaultChain("")
        workflow_tool.setChainForPortalTypes(("imio.pressbook.PressArticle",), ())
        demo._ensure_publication_workflow(("imio.pressbook.PressArticle",))
        assert workflow_tool.getDefaultChain() == ("simple_publication_workflow",)
        assert workflow_tool.getChainForPortalType("imio.pressbook.PressArticle") == (
            "simple_publication_workflow",
        )


class TestIdempotent:
    @pytest.fixture(autouse=True)
    def _manager(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])

    def test_second_apply_creates_nothing(self, portal, press_book):
        before = sorted(brain.getPath() for brain in _brains(portal))
        _apply_demo_profile(portal)
        after = sorted(brain.getPath() for brain in _brains(portal))
        assert after == before

    def test_second_apply_keeps_the_editors_changes(self, portal, press_book):
        article = press_book[SEED_ARTICLE]
        article.title = "Titre corrigé par un rédacteur"
        api.content.transition(obj=article, transition="retract")
        _apply_demo_profile(portal)
        assert press_book[SEED_ARTICLE].title == "Titre corrigé par un rédacteur"
        assert api.content.get_state(press_book[SEED_ARTICLE]) == "private"

    def test_second_apply_recreates_a_deleted_item(self, portal, press_book):
        api.content.delete(press_book["conseils-communaux-a-distance"])
        _apply_demo_profile(portal)
        assert (
            api.content.get_state(press_book["conseils-communaux-a-distance"])
            == "published"
        )
