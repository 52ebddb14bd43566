"""The page of a parliamentary question, rendered in the site's language (French)."""

from lxml import html
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue

import datetime
import pytest


ROLE = "Ministre des Pouvoirs locaux, de la Ville, du Logement et de l'Energie"


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def press_book(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    book = api.content.create(
        portal,
        "imio.pressbook.PressBook",
        id="dans-les-medias",
        title="Dans les médias",
    )
    setRoles(portal, TEST_USER_ID, ["Member"])
    return book


def add_question(container, **fields):
    values = {
        "id": "partenariats-imio",
        "title": "Les partenariats sollicités par l'intercommunale IMIO",
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "session": "2014-2015",
        "year": 2015,
        "number": "518 (2014-2015) 1",
        "question_date": datetime.date(2015, 7, 10),
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
        "addressee_role": ROLE,
        "question_text": RichTextValue(
            "<p>L'intercommunale souhaite être reconnue comme <em>partenaire public</em> régional.</p>",
            "text/html",
            "text/x-html-safe",
        ),
        "answers": [
            {
                "date": datetime.date(2015, 9, 7),
                "answered_by": "FURLAN Paul",
                "kind": "final",
                "text": "Le ministre rappelle l'origine de l'intercommunale.\n\n"
                "Elle participe aux groupes de travail régionaux.\nLa concertation reste la règle.",
            }
        ],
        "source_url": "https://www.parlement-wallonie.be/pwpages?p=interp-questions-voir&type=28&iddoc=64219",
    }
    values.update(fields)
    subjects = values.pop("subjects", ("IMIO", "Simplification administrative"))
    portal = api.portal.get()
    setRoles(portal, TEST_USER_ID, ["Manager"])
    question = api.content.create(
        container, "imio.pressbook.ParliamentaryQuestion", **values
    )
    # as the categorization behavior stores them (the forms and the REST API)
    question.setSubject(subjects)
    api.content.transition(question, "publish")
    setRoles(portal, TEST_USER_ID, ["Member"])
    return question


def render(obj, request):
    return html.fromstring(api.content.get_view("view", obj, request)())


def test_reference_of_the_question(press_book, request_fr):
    page = render(add_question(press_book), request_fr)
    facts = [text_of(li) for li in page.cssselect(".pressbook-question-facts li")]
    assert facts == [
        "Assemblée : Parlement de Wallonie",
        "Type de question : Question écrite",
        "Session : 2014-2015",
        "Année : 2015",
        "N° : 518 (2014-2015) 1",
    ]


def test_count_is_the_question_and_its_answers(press_book, request_fr):
    page = render(add_question(press_book), request_fr)
    assert text_of(page.cssselect(".pressbook-count")[0]) == "2 élément(s) trouvé(s)."


def test_question_block(press_book, request_fr):
    page = render(add_question(press_book), request_fr)
    block = page.cssselect(".pressbook-thread-question")[0]
    assert text_of(block.cssselect("h2")[0]) == "Question écrite du 10/07/2015"
    assert text_of(block.cssselect(".pressbook-asked-by")[0]) == "de DUPONT Jean-Marc"
    assert (
        text_of(block.cssselect(".pressbook-addressed-to")[0])
        == f"à FURLAN Paul, {ROLE}"
    )
    assert (
        text_of(block.cssselect(".pressbook-thread-text em")[0]) == "partenaire public"
    )


def test_political_group_follows_the_member(press_book, request_fr):
    page = render(add_question(press_book, asked_by_group="Groupe A"), request_fr)
    assert (
        text_of(page.cssselect(".pressbook-asked-by")[0])
        == "de DUPONT Jean-Marc (Groupe A)"
    )


def test_answer_block_with_paragraphs(press_book, request_fr):
    page = render(add_question(press_book), request_fr)
    block = page.cssselect(".pressbook-thread-answer")[0]
    assert text_of(block.cssselect("h2")[0]) == "Réponse du 07/09/2015"
    assert text_of(block.cssselect(".pressbook-answered-by")[0]) == "de FURLAN Paul"
    paragraphs = block.cssselect(".pressbook-thread-text p")
    assert [text_of(p) for p in paragraphs] == [
        "Le ministre rappelle l'origine de l'intercommunale.",
        "Elle participe aux groupes de travail régionaux. La concertation reste la règle.",
    ]
    assert len(paragraphs[1].cssselect("br")) == 1


def test_answers_in_date_order_with_their_kind(press_book, request_fr):
    answers = [
        {
            "date": datetime.date(2015, 10, 2),
            "answered_by": "FURLAN Paul",
            "kind": "correction",
            "text": "C",
        },
        {
            "date": datetime.date(2015, 7, 20),
            "answered_by": "FURLAN Paul",
            "kind": "holding",
            "text": "A",
        },
        {
            "date": datetime.date(2015, 9, 7),
            "answered_by": "FURLAN Paul",
            "kind": "final",
            "text": "B",
        },
        {
            "date": datetime.date(2015, 9, 30),
            "answered_by": None,
            "kind": "complementary",
            "text": None,
        },
    ]
    page = render(add_question(press_book, answers=answers), request_fr)
    headings = [text_of(h) for h in page.cssselect(".pressbook-thread-answer h2")]
    assert headings == [
        "Réponse d'attente du 20/07/2015",
        "Réponse du 07/09/2015",
        "Réponse complémentaire du 30/09/2015",
        "Réponse rectifiée du 02/10/2015",
    ]
    assert text_of(page.cssselect(".pressbook-count")[0]) == "5 élément(s) trouvé(s)."
    assert page.cssselect(".pressbook-awaiting") == []


def test_question_without_answer_awaits_one(press_book, request_fr):
    # the Chamber sets no answer deadline
    page = render(add_question(press_book, answers=[], assembly="chambre"), request_fr)
    assert text_of(page.cssselect(".pressbook-count")[0]) == "1 élément(s) trouvé(s)."
    assert page.cssselect(".pressbook-thread-answer") == []
    assert (
        text_of(page.cssselect(".pressbook-awaiting")[0])
        == "Cette question attend une réponse."
    )
    badge = page.cssselect(".pressbook-answer-status .badge")[0]
    assert text_of(badge) == "En attente de réponse"


def test_question_past_its_deadline_is_overdue(press_book, request_fr):
    # asked on 10 July 2015 in the Parliament of Wallonia: 28 days to answer
    page = render(add_question(press_book, answers=[]), request_fr)
    (badge,) = page.cssselect(".pressbook-answer-status .badge")
    assert text_of(badge) == "Réponse en retard"
    assert "pressbook-overdue-badge" in badge.get("class").split()
    assert text_of(page.cssselect(".pressbook-awaiting")[0]) == (
        "Cette question attend une réponse : le délai de réponse a expiré "
        "le 7 août 2015."
    )


def test_question_within_its_deadline_says_by_when(press_book, request_fr):
    asked = datetime.date.today() - datetime.timedelta(days=3)
    due = asked + datetime.timedelta(days=28)
    page = render(add_question(press_book, answers=[], question_date=asked), request_fr)
    badge = page.cssselect(".pressbook-answer-status .badge")[0]
    assert text_of(badge) == "En attente de réponse"
    message = text_of(page.cssselect(".pressbook-awaiting")[0])
    assert message.startswith("Cette question attend une réponse, au plus tard le ")
    assert message.endswith(f" {due.year}.")


def test_holding_answer_only_still_awaits_one(press_book, request_fr):
    holding = [
        {
            "date": datetime.date(2015, 7, 20),
            "answered_by": "FURLAN Paul",
            "kind": "holding",
            "text": "",
        }
    ]
    page = render(
        add_question(press_book, answers=holding, question_type="oral"), request_fr
    )
    assert (
        text_of(page.cssselect(".pressbook-thread-answer h2")[0])
        == "Réponse d'attente du 20/07/2015"
    )
    # an oral question has no answer deadline
    assert (
        text_of(page.cssselect(".pressbook-awaiting")[0])
        == "Cette question attend une réponse."
    )


def test_answered_question_does_not_await(press_book, request_fr):
    page = render(add_question(press_book), request_fr)
    assert page.cssselect(".pressbook-awaiting") == []


def test_source_link(press_book, request_fr):
    page = render(add_question(press_book), request_fr)
    link = page.cssselect(".pressbook-source a")[0]
    assert text_of(link) == "Voir la question sur le site de l'assemblée"
    assert link.get("href").startswith(
        "https://www.parlement-wallonie.be/pwpages?p=interp-questions-voir"
    )
    assert link.get("rel") == "noopener"


def test_keywords_and_document_actions_for_visitors(press_book, request_fr):
    question = add_question(press_book)
    logout()
    page = render(question, request_fr)
    keywords = page.cssselect("#pressbook-keywords")[0]
    assert text_of(keywords.cssselect("h2")[0]) == "Thèmes et mots-clés"
    assert [a.get("href") for a in keywords.cssselect("a")] == [
        f"{press_book.absolute_url()}?Subject=IMIO",
        f"{press_book.absolute_url()}?Subject=Simplification+administrative",
    ]
    actions = page.cssselect("#pressbook-document-actions")[0]
    assert text_of(actions.cssselect("h2")[0]) == "Actions sur le document"
    assert [text_of(a) for a in actions.cssselect("a")] == [
        "Imprimer",
        "Envoyer par courriel",
    ]


def test_one_list_of_keywords_and_actions_on_the_page(press_book, request_fr):
    """The stock viewlets would repeat them (keywords linked to the site search)."""
    page = render(add_question(press_book), request_fr)
    assert page.cssselect("#section-category") == []
    assert page.cssselect("#section-document-actions") == []
    assert len(page.cssselect("#document-action-pressbook_print")) == 1


def test_editors_text_is_escaped(press_book, request_fr):
    question = add_question(
        press_book,
        title="<script>alert('title')</script>",
        asked_by="<script>alert('asked_by')</script>",
        addressee_role="<img src=x onerror=alert(1)>",
        number="<b>518</b>",
        answers=[
            {
                "date": datetime.date(2015, 9, 7),
                "answered_by": "<script>alert('answered_by')</script>",
                "kind": "final",
                "text": "<script>alert('answer')</script>\n\n<i>fin</i>",
            }
        ],
    )
    source = api.content.get_view("view", question, request_fr)()
    assert "<script>alert(" not in source
    assert "<img src=x" not in source
    page = html.fromstring(source)
    assert (
        text_of(page.cssselect(".pressbook-asked-by")[0])
        == "de <script>alert('asked_by')</script>"
    )
    assert text_of(page.cssselect(".pressbook-fact-number")[0]) == "N° : <b>518</b>"
    answer_paragraphs = page.cssselect(
        ".pressbook-thread-answer .pressbook-thread-text p"
    )
    assert [text_of(p) for p in answer_paragraphs] == [
        "<script>alert('answer')</script>",
        "<i>fin</i>",
    ]
