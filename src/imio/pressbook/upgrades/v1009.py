"""1004 -> 1009: the press review's document action on press sections.

Adds ``pressbook_review`` (``@@pressbook-review`` with the page's query
string) to the ``document_actions`` category, as the profile's
``actions.xml`` defines it (read from that file: one definition). Only that
action: importing the whole file again would undo what a site changed in the
other actions.
"""

from imio.pressbook import logger
from lxml import etree
from pathlib import Path
from plone import api
from Products.CMFCore.ActionInformation import Action


ACTIONS_XML = Path(__file__).parent.parent / "profiles" / "default" / "actions.xml"
CATEGORY = "document_actions"
ACTION_ID = "pressbook_review"
I18N = "{http://xml.zope.org/namespaces/i18n}domain"


def action_definition(action_id, path=ACTIONS_XML):
    """The properties of an action of ``actions.xml``, as Action takes them."""
    tree = etree.parse(str(path))
    (node,) = tree.xpath(
        "//object[@name=$category]/object[@name=$action]",
        category=CATEGORY,
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


def upgrade(context):
    category = api.portal.get_tool("portal_actions")[CATEGORY]
    if ACTION_ID in category.objectIds():
        logger.info("Upgraded to 1009: the press review's action was there")
        return
    category._setObject(ACTION_ID, Action(ACTION_ID, **action_definition(ACTION_ID)))
    logger.info("Upgraded to 1009: the press review's document action")
