"""The importer: real files written by the add-on's export, by openpyxl and
by hand, into a real press section."""

from .conftest import export
from .conftest import run_import
from plone import api

import json
import pytest
import transaction


def items(book):
    return {obj.getId(): obj for obj in book.objectValues()}


def test_csv_export_imported_into_an_empty_section(site, source, book):
    data = export(source, "csv")
    report = run_import(book, "export.csv", data, dry_run=False)
    assert (report.created, report.updated, report.unchanged, report.refused) == (
        3,
        0,
        0,
        0,
    ), report.rows
    transaction.begin()
    found = {obj.title: obj for obj in book.objectValues()}
    article = found["Le budget 2015 ; Éghezée"]
    assert article.outlet == "le-soir"
    assert article.journalist == "C. Ti."
    assert str(article.publication_date) == "2015-03-04"
    assert article.themes == ["logiciels-libres", "tutelle"]
    assert article.subject == ("budget", "communes")
    assert article.description == "Première ligne\nDeuxième ligne"
    assert api.content.get_state(article) == "published"
    question = found["Les partenariats avec IMIO"]
    assert question.number == "518 (2014-2015) 1"
    assert question.year == 2015
    assert question.question_type == "oral"


def test_the_same_file_twice_changes_nothing(site, source, book):
    data = export(source, "csv")
    run_import(book, "export.csv", data, dry_run=False)
    transaction.begin()
    before = {obj.getId(): obj._p_serial for obj in book.objectValues()}
    report = run_import(book, "export.csv", data, dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    transaction.begin()
    assert {obj.getId(): obj._p_serial for obj in book.objectValues()} == before


def test_json_export_then_csv_export_match_the_same_items(site, source, book):
    report = run_import(book, "export.json", export(source, "json"), dry_run=False)
    assert report.created == 3
    report = run_import(book, "export.csv", export(source, "csv"), dry_run=False)
    assert (report.created, report.unchanged) == (0, 3)
    assert len(book) == 3


def test_a_changed_row_updates_its_item(site, source, book):
    data = export(source, "csv").decode("utf-8-sig")
    run_import(book, "export.csv", data.encode(), dry_run=False)
    changed = data.replace("C. Ti.", "Ch. Ti.")
    report = run_import(book, "export.csv", changed.encode(), dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    transaction.begin()
    budget = [obj for obj in book.objectValues() if obj.title.startswith("Le budget")]
    assert [obj.journalist for obj in budget] == ["Ch. Ti."]


def test_dry_run_reports_the_same_and_stores_nothing(site, source, book):
    data = export(source, "csv")
    dry = run_import(book, "export.csv", data, dry_run=True)
    transaction.begin()
    assert len(book) == 0
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(book.getPhysicalPath())
    assert len(catalog.unrestrictedSearchResults(path=path)) == 1  # the section
    real = run_import(book, "export.csv", data, dry_run=False)
    assert (dry.created, dry.updated, dry.unchanged, dry.refused) == (
        real.created,
        real.updated,
        real.unchanged,
        real.refused,
    )
    assert [(r.row, r.status, r.title) for r in dry.rows] == [
        (r.row, r.status, r.title) for r in real.rows
    ]


@pytest.mark.parametrize("batch_size", [1, 2])
def test_batches_commit_and_report_where_to_resume(site, source, book, batch_size):
    data = export(source, "csv")
    report = run_import(book, "export.csv", data, dry_run=False, batch_size=batch_size)
    assert report.last_committed_row == 4
    # resuming after row 2: the first row is skipped, the others are there already
    transaction.begin()
    again = run_import(book, "export.csv", data, dry_run=False, start_row=3)
    assert (again.skipped, again.unchanged, again.created) == (1, 2, 0)


def test_question_rows_follow_the_forms_rules(site, book):
    """The invariant of the question form refuses an answer dated before the
    question; a JSON list is read like the JSON export."""
    question = {
        "portal_type": "imio.pressbook.ParliamentaryQuestion",
        "title": "Les guichets",
        "date": "2015-07-10",
        "assembly": "Parlement de Wallonie",
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
        "number": "12 (2014-2015) 1",
        "session": "2014-2015",
        "answers": json.dumps(
            [{"date": "2015-06-01", "kind": "final", "answered_by": "FURLAN Paul"}]
        ),
    }
    late = dict(question, title="Les guichets (bis)", number="13 (2014-2015) 1")
    late["answers"] = json.dumps([{"date": "2015-08-01", "kind": "final"}])
    data = json.dumps([question, late]).encode()
    report = run_import(book, "questions.json", data, dry_run=False)
    assert (report.created, report.refused) == (1, 1)
    assert report.rows[0].messages == [
        "Ligne 1, answers : Réponse 1 : la date est antérieure à celle de la question."
    ]
    transaction.begin()
    (created,) = book.objectValues()
    assert created.assembly == "parlement-wallonie"
    assert created.answer_status == "answered"


def test_the_counter_follows_the_rows(site, book):
    lines = ["type;titre;date;média"] + [
        f"article;Article {number};2020-01-02;Le Soir" for number in range(60)
    ]
    counted = []
    report = run_import(
        book,
        "revue.csv",
        "\r\n".join(lines).encode(),
        dry_run=False,
        batch_size=20,
        counter=counted.append,
    )
    assert report.created == 60
    assert counted == [25, 50, 60]


def test_rows_reach_their_state_and_an_unknown_state_is_refused(site, book):
    """Each row's state is reached by the transition that leads there (found
    once by type and state, taken for each item); a state no transition
    leads to refuses the row, nothing stored."""
    lines = ["type;titre;date;média;état"] + [
        f"article;Article {number};2020-01-02;Le Soir;{state}"
        for number, state in enumerate(
            ["published", "published", "nowhere", "private", "published", ""]
        )
    ]
    report = run_import(book, "revue.csv", "\r\n".join(lines).encode(), dry_run=False)
    assert (report.created, report.refused) == (5, 1)
    (refused,) = [row for row in report.rows if row.status == "refused"]
    assert refused.row == 4
    assert refused.messages == [
        "Ligne 4, état : L'élément ne peut pas être mis dans l'état nowhere."
    ]
    transaction.begin()
    states = {obj.title: api.content.get_state(obj) for obj in book.objectValues()}
    assert states == {
        "Article 0": "published",
        "Article 1": "published",
        "Article 3": "private",
        "Article 4": "published",
        "Article 5": "private",
    }
    assert all(
        obj.EffectiveDate() != "None"
        for obj in book.objectValues()
        if api.content.get_state(obj) == "published"
    )
