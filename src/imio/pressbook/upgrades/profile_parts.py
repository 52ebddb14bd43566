"""What upgrade steps take from the default profile, without undoing what a
site has: the catalog's new indexes and columns, one action.

- ``import_catalog``: GenericSetup's catalog import step adds the indexes and
  columns of ``catalog.xml`` that a site lacks and leaves the others with
  their content, but it empties every lexicon the file defines
  (``pressbook_lexicon``): Products.GenericSetup's lexicon importer clears the
  lexicon's words whenever the imported pipeline is not *equal* to the stored
  one, and pipeline elements compare by identity, so always. The text index
  then keeps its postings under word ids the lexicon no longer knows: the
  press section's French text search finds nothing until it is reindexed.
  ``import_catalog`` runs the step and gives each lexicon its words back.
- ``add_action``: one action of ``actions.xml`` (read from that file: one
  definition), where importing the whole file again would undo what a site
  changed in the other actions.
"""

from lxml import etree
from pathlib import Path
from plone import api
from Products.CMFCore.ActionInformation import Action
from Products.CMFCore.ActionInformation import ActionCategory


PROFILE = "profile-imio.pressbook:default"
ACTIONS_XML = Path(__file__).parent.parent / "profiles" / "default" / "actions.xml"
I18N = "{http://xml.zope.org/namespaces/i18n}domain"
# what a lexicon keeps of its words (Products.ZCTextIndex.Lexicon)
LEXICON_STATE = ("_wids", "_words", "length")


def import_catalog():
    """The profile's catalog import step, every lexicon keeping its words."""
    catalog = api.portal.get_tool("portal_catalog")
    kept = {
        lexicon.getId(): {name: getattr(lexicon, name) for name in LEXICON_STATE}
        for lexicon in catalog.objectValues("ZCTextIndex Lexicon")
    }
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "catalog", run_dependencies=False)
    for lexicon in catalog.objectValues("ZCTextIndex Lexicon"):
        for name, value in kept.get(lexicon.getId(), {}).items():
            setattr(lexicon, name, value)


def action_definition(category, action_id, path=ACTIONS_XML):
    """The properties of an action of ``actions.xml``, as Action takes them."""
    tree = etree.parse(str(path))
    (node,) = tree.xpath(
        "//object[@name=$category]/object[@name=$action]",
        category=category,
        action=action_id,
    )
    properties = {"i18n_domain": node.get(I18N)}
    for prop in node.findall("property"):
        name = prop.get("name")
        if name == "permissions":
            properties[name] = tuple(e.get("value") for e in prop.findall("element"))
        elif name == "visible":
            properties[name] = prop.text == "True"
        else:
            properties[name] = prop.text or ""
    return properties


def add_action(category, action_id):
    """Add the action ``action_id`` of ``actions.xml`` to ``category``
    (created when missing), unless the site has it: True when added."""
    actions = api.portal.get_tool("portal_actions")
    if category not in actions.objectIds():
        actions._setObject(category, ActionCategory(category))
    folder = actions[category]
    if action_id in folder.objectIds():
        return False
    folder._setObject(
        action_id, Action(action_id, **action_definition(category, action_id))
    )
    return True
