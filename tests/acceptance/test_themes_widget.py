"""An editor files a new article under two themes with the searchable themes
select (Plone's pat-select2), in Chromium, by keyboard, and follows a theme from
the article to the press section."""

from playwright.sync_api import expect

import pytest
import transaction


ARTICLE = "imio.pressbook.PressArticle"


def stored_themes(book):
    transaction.begin()  # see what the server committed
    return {item_id: item.themes for item_id, item in book.objectItems()}


@pytest.mark.browser
def test_editor_picks_two_themes_then_follows_one(
    press_book, functional_url, editor_page, select2
):
    page = editor_page
    book_url = f"{functional_url}/dans-les-medias"
    page.goto(f"{book_url}/++add++{ARTICLE}")
    page.locator("#form-widgets-title").fill("Les communes passent au logiciel libre")
    page.locator("#form-widgets-publication_date").fill("2014-01-21")
    select2.pick(page, "form-widgets-outlet", "le soir", "Le Soir")

    # type part of a theme, or of a theme above it: the list narrows
    page.locator("#s2id_form-widgets-themes").click()
    page.keyboard.type("pouvoirs loc")
    results = page.locator(".select2-drop-active .select2-result-selectable")
    expect(results.first).to_have_text("Pouvoirs locaux")
    for result in results.all_inner_texts():
        assert result.startswith("Pouvoirs locaux"), result
    page.keyboard.press("Escape")

    page.locator("#s2id_form-widgets-themes").click()
    select2.type_and_enter(page, "logiciels", "Informatique » Logiciels libres")
    select2.type_and_enter(page, "tutelle", "Pouvoirs locaux » Tutelle")
    # a third, then Backspace drops it again
    select2.type_and_enter(page, "culture", "Culture")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    picked = page.locator("#s2id_form-widgets-themes .select2-search-choice")
    expect(picked).to_have_text(
        ["Informatique » Logiciels libres", "Pouvoirs locaux » Tutelle"]
    )
    page.locator("#form-buttons-save").click()

    expect(page).to_have_url(f"{book_url}/les-communes-passent-au-logiciel-libre/view")
    assert stored_themes(press_book) == {
        "les-communes-passent-au-logiciel-libre": ["logiciels-libres", "tutelle"]
    }
    related = page.locator("#content section").filter(
        has=page.get_by_role("heading", name="Thèmes et mots-clés")
    )
    expect(related.get_by_role("link")).to_have_text(
        ["Informatique › Logiciels libres", "Pouvoirs locaux › Tutelle"]
    )
    related.get_by_role("link", name="Informatique › Logiciels libres").click()
    expect(page).to_have_url(f"{book_url}?themes=logiciels-libres")
    expect(page.locator(".pressbook-filter")).to_contain_text(
        "Filtré sur : Informatique › Logiciels libres"
    )
    expect(page.locator(".pressbook-listing-title a")).to_have_text(
        ["Les communes passent au logiciel libre"]
    )
