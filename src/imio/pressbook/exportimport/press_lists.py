"""The "Presse" control panel's rows in plone.exportimport: ``press_lists.json``.

Exported: every row of the outlets and of the assemblies, all columns, in
their order. Imported before the content: a row whose token the site lacks is
added after the site's rows, in the exported order; a row whose token the site
has is left as the site has it, even with another name or other columns (the
site's lists are its administrators': an import never renames what they
named; the difference is logged). A row that breaks the panel's rules (an
address that is not http(s), for instance) is not added, and logged: the items
that use it are then refused by the content importer.

The outlets' logos (stored beside the registry, controlpanels/logos.py) are
exported with them, under ``outlet_logos``: token -> filename, content type
and the bytes in base64 (1 MB at most each). Imported for the outlets the
site then has and that have no logo yet (a site's own logo is kept, as its
rows are); a logo the panel would refuse is logged and skipped.
"""

from base64 import b64decode
from base64 import b64encode
from imio.pressbook import logger
from imio.pressbook.controlpanels import logos
from imio.pressbook.controlpanels.rules import columns
from imio.pressbook.controlpanels.rules import LISTS
from imio.pressbook.controlpanels.rules import prepare_rows
from imio.pressbook.controlpanels.rules import stored
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.controlpanels.settings import PREFIX
from plone.exportimport.exporters.base import BaseExporter
from plone.exportimport.importers.base import BaseImporter
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.schema import ValidationError


NAME = "press_lists"


def _plain(row, keys):
    return {key: row.get(key) for key in keys}


class PressListsExporter(BaseExporter):
    name = NAME

    def dump(self):
        data = {}
        for list_name in LISTS:
            keys = columns(list_name)
            data[list_name] = [
                _plain(row, keys) for row in stored(list_name, self.site)
            ]
        data["outlet_logos"] = export_logos(self.site)
        return [self._dump(data)]


def export_logos(site):
    exported = {}
    for row in stored("outlets", site):
        entry = logos.get_entry(row["token"], site)
        if entry is None:
            continue
        image = entry["image"]
        exported[row["token"]] = {
            "filename": image.filename,
            "content_type": image.contentType,
            "data": b64encode(image.data).decode("ascii"),
        }
    return exported


def import_logos(site, exported):
    """Set the exported logos the site lacks. Returns (added, kept, refused)."""
    tokens = {row["token"] for row in stored("outlets", site)}
    added, kept, refused = [], [], []
    for token, logo in (exported or {}).items():
        if token not in tokens:
            refused.append((token, "no such outlet"))
            continue
        if logos.get_entry(token, site) is not None:
            kept.append(token)
            continue
        try:
            data = b64decode(logo["data"], validate=True)
            logos.set_logo(site, token, data, logo.get("filename"))
        except (KeyError, TypeError, ValueError, ValidationError) as error:
            refused.append((token, repr(error)))
            continue
        added.append(token)
    return added, kept, refused


def merge_rows(list_name, current, incoming):
    """``current`` with the rows of ``incoming`` whose token it lacks.

    Returns (rows, added tokens, kept tokens whose exported row differs,
    refused (token, reason)).
    """
    keys = columns(list_name)
    row_field = IPressSettings[list_name].value_type
    by_token = {row["token"]: row for row in current}
    rows = list(current)
    added, differing, refused = [], [], []
    for raw in incoming or ():
        row = _plain(raw, keys)
        token = row.get("token")
        if not token:
            refused.append(("", "no identifier"))
            continue
        if token in by_token:
            if _plain(by_token[token], keys) != row:
                differing.append(token)
            continue
        try:
            row_field.validate(row)
        except ValidationError as error:
            refused.append((token, repr(error)))
            continue
        rows.append(row)
        by_token[token] = row
        added.append(token)
    return rows, added, differing, refused


class PressListsImporter(BaseImporter):
    name = NAME

    def do_import(self):
        data = self._read()
        if not isinstance(data, dict):
            return f"{self.__class__.__name__}: No data to import"
        proxy = getUtility(IRegistry).forInterface(IPressSettings, prefix=PREFIX)
        report = []
        for list_name in LISTS:
            rows, added, differing, refused = merge_rows(
                list_name, stored(list_name, self.site), data.get(list_name)
            )
            for token in differing:
                logger.warning(
                    "%s: kept the site's row %r, the exported one differs.",
                    list_name,
                    token,
                )
            for token, reason in refused:
                logger.error(
                    "%s: row %r not added: %s", list_name, token or "?", reason
                )
            if added:
                setattr(proxy, list_name, prepare_rows(list_name, rows, self.site))
                logger.info("%s: added %s", list_name, ", ".join(added))
            report.append(
                f"{list_name}: {len(added)} added, {len(differing)} kept as the "
                f"site has them, {len(refused)} refused"
            )
        added, kept, refused = import_logos(self.site, data.get("outlet_logos"))
        for token, reason in refused:
            logger.error("outlet_logos: logo of %r not added: %s", token, reason)
        report.append(
            f"outlet_logos: {len(added)} added, {len(kept)} kept as the site has "
            f"them, {len(refused)} refused"
        )
        self._commit("imio.pressbook: press lists imported")
        return f"{self.__class__.__name__}: {'; '.join(report)}"
