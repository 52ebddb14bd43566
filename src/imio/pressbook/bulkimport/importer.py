"""Import rows of press articles and parliamentary questions into a press section.

Each row becomes the JSON body a REST client would send, and goes through the
same deserializer as ``POST`` (a new item) or ``PATCH`` (an item it matches):
restapi/deserializers/content.py, with the fields' constraints and the
invariants the forms use. There is no second set of rules here: what is
refused over REST or in the form is refused here, with the same message,
prefixed with the row (its line in the spreadsheet) and the column.

Matching, so that importing the same file twice changes nothing: the ``id``
(or ``uid``) column when the file has one; else an article's ``original_url``,
a question's assembly and number; else (no link, no number) the type, date,
title and outlet (assembly). A matched row is applied as a ``PATCH``: nothing
differs, it is ``unchanged`` and nothing is written.

A refused row stores nothing: a new item is checked before it is added to the
section, an update runs in a savepoint rolled back on refusal. Rows are
committed every ``batch_size`` rows; ``Report.last_committed_row`` says
where to resume (``start_row``), and a re-run from the first row is harmless
anyway (the rows already imported are ``unchanged``). A dry run takes the same
path, with savepoints instead of commits, and aborts at the end: its report is
the real one, and nothing is stored.
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from BTrees.LLBTree import LLBTree
from collective.taxonomy import PATH_SEPARATOR
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from DateTime import DateTime
from imio.pressbook import _
from imio.pressbook.bulkimport.reader import normalize
from imio.pressbook.controlpanels.rules import prepare_rows
from imio.pressbook.controlpanels.rules import stored
from imio.pressbook.controlpanels.settings import IPressSettings
from imio.pressbook.controlpanels.settings import PREFIX
from imio.pressbook.restapi.errors import ValidationFailed
from imio.pressbook.themes import themes_taxonomy
from imio.pressbook.vocabularies.paper_version_access import PAPER_VERSION_ACCESS
from imio.pressbook.vocabularies.question_types import QUESTION_TYPES
from OFS.event import ObjectWillBeAddedEvent
from plone import api
from plone.app.content.interfaces import INameFromTitle
from plone.dexterity.content import ASSIGNABLE_CACHE_KEY
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.memoize.ram import global_cache
from plone.registry.interfaces import IRegistry
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.services.content.utils import create
from Products.CMFCore.permissions import ModifyPortalContent
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.ZCatalog.plan import PriorityMap
from zope.component import getUtility
from zope.component import queryMultiAdapter
from zope.component import queryUtility
from zope.container.contained import notifyContainerModified
from zope.container.interfaces import INameChooser
from zope.event import notify
from zope.i18n import translate
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectAddedEvent
from zope.lifecycleevent import ObjectCreatedEvent
from zope.ramcache.interfaces.ram import IRAMCache

import base64
import csv
import io
import json
import mimetypes
import posixpath
import transaction


ARTICLE = "imio.pressbook.PressArticle"
QUESTION = "imio.pressbook.ParliamentaryQuestion"
MANAGE_SETTINGS = "imio.pressbook: Manage press settings"
TYPES = {
    ARTICLE: ARTICLE,
    "article": ARTICLE,
    "pressarticle": ARTICLE,
    "press_article": ARTICLE,
    "article_de_presse": ARTICLE,
    "persartikel": ARTICLE,
    "presseartikel": ARTICLE,
    QUESTION: QUESTION,
    "question": QUESTION,
    "parliamentaryquestion": QUESTION,
    "parliamentary_question": QUESTION,
    "question_parlementaire": QUESTION,
    "parlementaire_vraag": QUESTION,
    "parlamentarische_anfrage": QUESTION,
}
TYPES = {normalize(name): value for name, value in TYPES.items()}
# cell column -> REST field, the same for both types
TEXT_FIELDS = {
    "title": (ARTICLE, QUESTION),
    "description": (ARTICLE, QUESTION),
    "journalist": (ARTICLE,),
    "page": (ARTICLE,),
    "original_url": (ARTICLE,),
    "text": (ARTICLE,),
    "session": (QUESTION,),
    "year": (QUESTION,),
    "number": (QUESTION,),
    "asked_by": (QUESTION,),
    "asked_by_group": (QUESTION,),
    "addressed_to": (QUESTION,),
    "addressee_role": (QUESTION,),
    "question_text": (QUESTION,),
    "source_url": (QUESTION,),
}
DATE_FIELD = {ARTICLE: "publication_date", QUESTION: "question_date"}
# required fields with a default: an empty cell keeps what the item has
DEFAULTED = ("paper_version_access", "question_type")
LIST_SEPARATORS = ("\n", "|")
STATUSES = ("created", "updated", "unchanged", "refused")
COUNTER_EVERY = 25


class RowRefused(Exception):
    """A row cannot be imported: ``errors`` are ``(column, message)``."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


class ImportRefused(Exception):
    """The import as a whole cannot run: ``field`` (an option) and ``message``."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class Options:
    dry_run: bool = True
    batch_size: int = 500
    add_missing: bool = False
    start_row: int = 0
    scans: object = None  # a zipfile.ZipFile
    details: bool = True  # keep every row's result (the preview), not only the refused
    progress: object = None  # (row number, report) after each batch
    counter: object = None  # (rows done) every COUNTER_EVERY rows, and at the end


@dataclass
class RowResult:
    row: int
    status: str
    portal_type: str = None
    title: str = None
    url: str = None
    messages: list = field(default_factory=list)


@dataclass
class Report:
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    skipped: int = 0
    last_committed_row: int = None
    added: dict = field(
        default_factory=lambda: {"outlets": [], "assemblies": [], "themes": []}
    )
    unknown_columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    refused_rows: list = field(default_factory=list)  # (raw dict, message)

    def count(self, result):
        setattr(self, result.status, getattr(self, result.status) + 1)

    def as_dict(self):
        data = asdict(self)
        data.pop("refused_rows")
        data.pop("headers")
        return data

    def refused_csv(self):
        """The refused rows, their columns as read and an ``erreur`` column:
        fix them in a spreadsheet and import the file again."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([*self.headers, "erreur"])
        for raw, message in self.refused_rows:
            writer.writerow(
                [*(raw.get(header) or "" for header in self.headers), message]
            )
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class Lookup:
    """Token of a value given as token or as title (any case, any accents)."""

    def __init__(self, pairs):
        self.tokens = set()
        self.by_name = {}
        for token, *titles in pairs:
            self.tokens.add(token)
            for name in (token, *titles):
                if name:
                    self.by_name.setdefault(normalize(name), token)

    def __call__(self, value):
        if value in self.tokens:
            return value
        return self.by_name.get(normalize(value))


def forget_cached_themes():
    """collective.taxonomy keeps its terms in plone.memoize's RAM cache, by the
    time of the taxonomy's last commit: themes added in the import's
    transaction, or taken back by a dry run's abort, must be read again."""
    cache = queryUtility(IRAMCache) or global_cache
    cache.invalidate("collective.taxonomy.utility.inverted_data")


def split_list(text):
    if not text:
        return []
    for separator in LIST_SEPARATORS:
        text = text.replace(separator, "\n")
    return [part.strip() for part in text.split("\n") if part.strip()]


class Importer:
    """Import a ``reader.Table`` into ``section`` (a press section)."""

    def __init__(self, section, request, options=None):
        self.section = section
        self.request = request
        self.options = options or Options()
        self.report = Report(dry_run=self.options.dry_run)
        self.index = None
        # (portal_type, state) a new item was brought to: the next new items
        # of that type reach it the same way (same user, same section, same
        # workflow), so they need no savepoint to be undone by
        self.reachable = set()
        # (portal_type, state, state wanted): the transition that leads there
        self.transitions = {}
        self.workflow_tool = api.portal.get_tool("portal_workflow")
        self.added_since_checkpoint = False

    def tr(self, message):
        return translate(message, context=self.request)

    # -- the lists -----------------------------------------------------------

    def load_lists(self):
        fr = api.portal.get_default_language() or "fr"
        self.outlets = Lookup(
            (row["token"], row["name"]) for row in stored("outlets", self.section)
        )
        self.assemblies = Lookup(
            (row["token"], row["name"], row.get("short_name"))
            for row in stored("assemblies", self.section)
        )
        self.question_types = Lookup(
            (token, translate(title, target_language=fr), self.tr(title))
            for token, title in QUESTION_TYPES
        )
        self.access = Lookup(
            (token, translate(title, target_language=fr), self.tr(title))
            for token, title in PAPER_VERSION_ACCESS
        )
        taxonomy = themes_taxonomy(self.section)
        pairs = []
        if taxonomy is not None:
            for language in taxonomy.getLanguages():
                for path, token in taxonomy.makeVocabulary(language).iterEntries():
                    pairs.append((token, path.rsplit(PATH_SEPARATOR, 1)[-1]))
        self.themes = Lookup(pairs)

    def missing_values(self, table):
        """{list: [names]} of the values no list knows, in the file's order."""
        missing = {"outlets": [], "assemblies": [], "themes": []}

        def note(name, value):
            if value and normalize(value) not in {normalize(v) for v in missing[name]}:
                missing[name].append(value)

        for row in table.rows():
            portal_type = self.portal_type(row.cells)
            outlet = row.cells.get("outlet")
            if portal_type == ARTICLE and outlet and self.outlets(outlet) is None:
                note("outlets", outlet)
            assembly = row.cells.get("assembly")
            if (
                portal_type == QUESTION
                and assembly
                and self.assemblies(assembly) is None
            ):
                note("assemblies", assembly)
            for theme in split_list(row.cells.get("themes")):
                if self.themes(theme) is None:
                    note("themes", theme)
        return missing

    def add_missing(self, table):
        """Add the outlets, assemblies and themes the rows name and the site
        lacks, as the site's administrators would in their control panels."""
        site = api.portal.get()
        missing = self.missing_values(table)
        if not any(missing.values()):
            return
        if not api.user.has_permission(MANAGE_SETTINGS, obj=site):
            raise ImportRefused(
                "add_missing",
                _(
                    "Only those who manage the press settings may add outlets, "
                    "assemblies or themes."
                ),
            )
        proxy = getUtility(IRegistry).forInterface(IPressSettings, prefix=PREFIX)
        for name in ("outlets", "assemblies"):
            if missing[name]:
                current = stored(name, site)
                rows = prepare_rows(
                    name, [*current, *({"name": v} for v in missing[name])], site
                )
                setattr(proxy, name, rows)
                self.report.added[name] = [
                    {"token": row["token"], "name": row["name"]}
                    for row in rows[len(current) :]
                ]
        if missing["themes"]:
            self.report.added["themes"] = self.add_themes(missing["themes"])
            forget_cached_themes()
        self.load_lists()

    def add_themes(self, titles):
        taxonomy = themes_taxonomy(self.section)
        normalizer = getUtility(IIDNormalizer)
        taken = set(self.themes.tokens)
        added = []
        for title in titles:
            token = base = normalizer.normalize(title) or "theme"
            number = 1
            while token in taken:
                number += 1
                token = f"{base}-{number}"
            taken.add(token)
            added.append({"token": token, "name": title})
        for language in taxonomy.getLanguages():
            taxonomy.update(
                language,
                [
                    (f"{PATH_SEPARATOR}{theme['name']}", theme["token"])
                    for theme in added
                ],
                clear=False,
            )
        return added

    # -- matching ------------------------------------------------------------

    def build_index(self):
        """Keys of the items already in the section (woken once, then ghosted)."""
        self.index = LLBTree()
        self.other_index = {}  # items without an intid (not expected)
        self.intids = queryUtility(IIntIds)
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.section.getPhysicalPath())
        for brain in catalog.unrestrictedSearchResults(
            portal_type=[ARTICLE, QUESTION], path={"query": path, "depth": 1}
        ):
            obj = brain._unrestrictedGetObject()
            self.remember(obj)
            base = aq_base(obj)
            if not base._p_changed:
                base._p_deactivate()

    def keys(self, portal_type, values):
        """The keys an item with these field values is found by."""
        keys = []
        if portal_type == ARTICLE and values.get("original_url"):
            keys.append(("url", values["original_url"].strip()))
        if portal_type == QUESTION and values.get("number") and values.get("assembly"):
            keys.append(("number", values["assembly"], values["number"].strip()))
        date = values.get(DATE_FIELD[portal_type])
        where = values.get("outlet" if portal_type == ARTICLE else "assembly")
        keys.append(
            (
                "item",
                portal_type,
                str(date) if date else None,
                (values.get("title") or "").strip(),
                where,
            )
        )
        return keys

    def own_keys(self, obj):
        """The keys ``obj`` is found by, from its stored values."""
        values = {
            name: getattr(obj, name, None)
            for name in (
                "original_url",
                "number",
                "assembly",
                "outlet",
                "title",
                DATE_FIELD[obj.portal_type],
            )
        }
        return self.keys(obj.portal_type, values)

    def remember(self, obj):
        # the keys' hashes to the item's intid, in a BTree of 64-bit
        # integers (16 bytes a key), not the keys (an URL, a title...) and
        # the item's id as Python objects (some 300 bytes a row, held for
        # the whole import); ``match`` checks the item
        intid = self.intids.queryId(obj) if self.intids else None
        for key in self.own_keys(obj):
            if intid is not None:
                self.index[hash(key)] = intid
            else:
                self.other_index[hash(key)] = obj.getId()

    def match(self, portal_type, cells, data):
        """The item of the section this row is about, or None."""
        if cells.get("id"):
            obj = self.section.get(cells["id"])
            if obj is not None:
                return obj
            return None
        if cells.get("uid"):
            obj = api.content.get(UID=cells["uid"])
            if obj is not None and aq_base(obj.__parent__) is aq_base(self.section):
                return obj
            return None
        for key in self.keys(portal_type, data):
            obj = self.indexed(hash(key))
            # the item, not merely one whose key has the same hash
            if obj is not None and key in self.own_keys(obj):
                return obj
        return None

    def indexed(self, key_hash):
        """The section's item remembered under ``key_hash``, or None."""
        intid = self.index.get(key_hash)
        if intid is not None:
            obj = self.intids.queryObject(intid)
            item_id = obj.getId() if obj is not None else None
            if item_id not in self.section:
                return None
            found = self.section[item_id]
            return found if aq_base(found) is aq_base(obj) else None
        item_id = self.other_index.get(key_hash)
        if item_id is not None and item_id in self.section:
            return self.section[item_id]
        return None

    # -- a row ---------------------------------------------------------------

    def portal_type(self, cells):
        value = cells.get("portal_type")
        if value:
            return TYPES.get(normalize(value))
        if cells.get("outlet") and not cells.get("assembly"):
            return ARTICLE
        if cells.get("assembly") and not cells.get("outlet"):
            return QUESTION
        return None

    def data(self, portal_type, cells):
        """The REST body of the row; ``RowRefused`` for what no field can say."""
        data = {}
        errors = []
        for column, types in TEXT_FIELDS.items():
            if column in cells and portal_type in types:
                data[column] = cells[column]
        date_field = DATE_FIELD[portal_type]
        for column in ("date", date_field):
            if cells.get(column) is not None or (
                column in cells and "date" not in data
            ):
                data[date_field] = cells[column]
        choices = (
            ("outlet", self.outlets, (ARTICLE,)),
            ("assembly", self.assemblies, (QUESTION,)),
            ("question_type", self.question_types, (QUESTION,)),
            ("paper_version_access", self.access, (ARTICLE,)),
        )
        for column, lookup, types in choices:
            if column in cells and portal_type in types:
                value = cells[column]
                # an unknown value goes on as it is: the field's rule refuses it
                data[column] = value and (lookup(value) or value)
        if "themes" in cells:
            data["themes"] = [
                self.themes(value) or value for value in split_list(cells["themes"])
            ]
        if "keywords" in cells:
            data["subjects"] = split_list(cells["keywords"])
        if portal_type == QUESTION and cells.get("answers"):
            answers = self.answers(cells["answers"])
            if answers is not None:
                data["answers"] = answers
        if portal_type == ARTICLE and cells.get("paper_version"):
            try:
                data["paper_version"] = self.scan(cells["paper_version"])
            except RowRefused as error:
                errors.extend(error.errors)
        if errors:
            raise RowRefused(errors)
        return data

    def answers(self, text):
        """The answer rows given as JSON; a number (the exports' count of
        answers) is not an answer and is left aside."""
        if text.strip().isdigit():
            return None
        try:
            value = json.loads(text)
        except ValueError:
            raise RowRefused(
                [
                    (
                        "answers",
                        _(
                            "Expected the answers as a JSON list of objects "
                            "(date, answered_by, kind, text)."
                        ),
                    )
                ]
            ) from None
        return value

    def scan(self, name):
        """The file named ``name`` in the zip of scans, as plone.restapi reads a file."""
        scans = self.options.scans
        if scans is None:
            raise RowRefused(
                [
                    (
                        "paper_version",
                        _(
                            "The row names a scan, ${name}, but no zip of scans "
                            "was given.",
                            mapping={"name": name},
                        ),
                    )
                ]
            )
        names = {info.filename: info for info in scans.infolist() if not info.is_dir()}
        info = names.get(name)
        if info is None:
            by_base = {posixpath.basename(key): value for key, value in names.items()}
            info = by_base.get(posixpath.basename(name))
        if info is None:
            raise RowRefused(
                [
                    (
                        "paper_version",
                        _(
                            "The zip of scans holds no file named ${name}.",
                            mapping={"name": name},
                        ),
                    )
                ]
            )
        filename = posixpath.basename(info.filename)
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        return {
            "data": base64.b64encode(scans.read(info)).decode("ascii"),
            "encoding": "base64",
            "filename": filename,
            "content-type": content_type,
        }

    def same_scan(self, obj, scan):
        current = getattr(aq_base(obj), "paper_version", None)
        if current is None:
            return False
        return current.filename == scan["filename"] and current.data == (
            base64.b64decode(scan["data"])
        )

    def import_row(self, row):
        cells = row.cells
        portal_type = self.portal_type(cells)
        if portal_type is None:
            raise RowRefused(
                [
                    (
                        "portal_type",
                        _(
                            "Say whether the row is an article or a question "
                            "(column type: ${article} or ${question}).",
                            mapping={"article": ARTICLE, "question": QUESTION},
                        ),
                    )
                ]
            )
        data = self.data(portal_type, cells)
        existing = self.match(portal_type, cells, data)
        if existing is not None and existing.portal_type != portal_type:
            raise RowRefused(
                [
                    (
                        "id",
                        _(
                            "The item ${id} is not of the row's type.",
                            mapping={"id": existing.getId()},
                        ),
                    )
                ]
            )
        # an update, or a state to reach after the add, may be refused half-way
        state = cells.get("review_state")
        savepoint = None
        if existing is not None or (
            state and (portal_type, state) not in self.reachable
        ):
            savepoint = transaction.savepoint(optimistic=True)
        status = obj = None
        try:
            if existing is not None:
                status, obj = self.update(existing, data)
            else:
                status, obj = self.create(portal_type, data, cells.get("id"))
            moved = self.set_state(obj, state)
        except RowRefused:
            if savepoint is not None:
                savepoint.rollback()
            elif status == "created":
                # not expected (the state was reached by an item like it):
                # the new item goes, with its removal events
                self.section.manage_delObjects([obj.getId()])
            raise
        if existing is None and state:
            self.reachable.add((portal_type, state))
        if moved and status == "unchanged":
            status = "updated"
        self.remember(obj)
        return RowResult(
            row.number, status, portal_type, obj.Title(), obj.absolute_url()
        )

    def deserialize(self, obj, data, create):
        deserializer = queryMultiAdapter((obj, self.request), IDeserializeFromJson)
        try:
            deserializer(validate_all=create, data=data, create=create)
        except ValidationFailed as error:
            raise RowRefused(
                [(item.get("field"), item["message"], item) for item in error.errors]
            ) from None
        return deserializer

    def create(self, portal_type, data, id_):
        """As plone.restapi's POST: checked, then added."""
        try:
            obj = create(self.section, portal_type, id_=id_, title=data.get("title"))
        except Unauthorized:
            raise RowRefused(
                [("portal_type", _("You may not add this type of item here."))]
            ) from None
        obj = obj.__of__(self.section)
        # an empty cell is a field not given: it takes its default (the licence
        # rule: scans for logged-in users), as in a POST without it
        data = {key: value for key, value in data.items() if value is not None}
        self.deserialize(obj, data, create=True)
        obj = aq_base(obj)
        notify(ObjectCreatedEvent(obj))
        obj = self.add(obj, rename=not id_)
        return "created", obj

    def add(self, obj, rename):
        """plone.restapi's ``add`` (``_setObject`` with the name it would
        choose), the same events in the same order (will be added, added),
        but the section's ``ContainerModifiedEvent`` once per batch
        (``checkpoint``) instead of once per item."""
        section = self.section
        id_ = obj.id
        if rename:
            suggestion = None
            if INameFromTitle(obj, None) is None:
                suggestion = obj.Title()
            id_ = obj.id = INameChooser(section).chooseName(suggestion, obj)
        with section._items_changing():
            notify(ObjectWillBeAddedEvent(obj, section, id_))
            id_ = section._setObject(id_, obj, suppress_events=True)
            obj = section._getOb(id_)
            notify(ObjectAddedEvent(obj, section, id_))
        self.added_since_checkpoint = True
        return obj

    def update(self, obj, data):
        """As plone.restapi's PATCH; unchanged when no value differs."""
        if not api.user.has_permission(ModifyPortalContent, obj=obj):
            raise RowRefused(
                [("id", _("You may not edit ${id}.", mapping={"id": obj.getId()}))]
            )
        # plone.restapi sets an empty field again when sent null: not written
        data = {
            key: value
            for key, value in data.items()
            if value is not None
            or (getattr(aq_base(obj), key, None) and key not in DEFAULTED)
        }
        if "paper_version" in data and self.same_scan(obj, data["paper_version"]):
            del data["paper_version"]
        deserializer = self.deserialize(obj, data, create=False)
        return ("updated" if deserializer.modified else "unchanged"), obj

    def set_state(self, obj, state):
        """Bring the item to the workflow state the row says; True if it moved.

        As plone.restapi's ``@workflow``: ``doActionFor`` (its guard checked
        again for each item). The transition that leads there is looked for
        once by type and state, among those the user may take.
        """
        if not state:
            return False
        tool = self.workflow_tool
        current = tool.getInfoFor(obj, "review_state", None)
        if current == state:
            return False
        key = (obj.portal_type, current, state)
        transition_id = self.transitions.get(key)
        if transition_id is None:
            transition_id = self.transitions[key] = self.transition_to(obj, state)
        # as plone.restapi's @workflow: an item without a publication date
        # gets one
        if obj.EffectiveDate() == "None":
            obj.setEffectiveDate(DateTime())
            obj.reindexObject()
        try:
            tool.doActionFor(obj, transition_id)
        except WorkflowException:
            raise self.unreachable(state) from None
        return True

    def transition_to(self, obj, state):
        """The id of a transition the user may take from where ``obj`` is to
        ``state``; ``RowRefused`` when there is none."""
        tool = self.workflow_tool
        for workflow in tool.getWorkflowsFor(obj):
            for transition in tool.getTransitionsFor(obj):
                definition = workflow.transitions.get(transition["id"])
                if definition is not None and definition.new_state_id == state:
                    return transition["id"]
        raise self.unreachable(state)

    def unreachable(self, state):
        return RowRefused(
            [
                (
                    "review_state",
                    _(
                        "The item cannot be brought to the state ${state}.",
                        mapping={"state": state},
                    ),
                )
            ]
        )

    # -- the whole -----------------------------------------------------------

    def message(self, row, table, column, text):
        mapping = {"row": row.number, "message": self.tr(text)}
        if column is None:
            return self.tr(_("Row ${row}: ${message}", mapping=mapping))
        mapping["column"] = table.header_of(column)
        return self.tr(_("Row ${row}, ${column}: ${message}", mapping=mapping))

    def refuse(self, row, table, errors):
        messages = [
            self.message(row, table, column, text) for column, text, *_item in errors
        ]
        result = RowResult(
            row.number,
            "refused",
            self.portal_type(row.cells),
            row.cells.get("title"),
            messages=messages,
        )
        self.report.refused_rows.append((row.raw, " ; ".join(messages)))
        return result

    def checkpoint(self, row_number):
        if self.added_since_checkpoint:
            # as plone.restapi's add does for each (the section itself is
            # not reindexed for it: content/press_book.py)
            with self.section._items_changing():
                notifyContainerModified(self.section)
            self.added_since_checkpoint = False
        if self.options.dry_run:
            transaction.savepoint(optimistic=True)
        else:
            transaction.commit()
            self.report.last_committed_row = row_number
        self.forget_batch()
        if self.options.progress is not None:
            self.options.progress(row_number, self.report)

    def forget_batch(self):
        """What the batch left in memory goes, so that memory does not grow
        with the file: the ZODB cache's objects (read again from the
        database as needed: the catalog's trees are the bulk of it),
        plone.dexterity's cache of behaviour adapters by item, kept on the
        request (one entry an item for the whole import otherwise), and
        ZCatalog's query plans (each item's security reindex queries its
        path; ZCatalog decided that ``path`` has few values when the section
        was empty, and keeps one plan for each value asked: one an item)."""
        self.request.__dict__.pop(ASSIGNABLE_CACHE_KEY, None)
        catalog = api.portal.get_tool("portal_catalog")
        PriorityMap.clear_entry(catalog._catalog.getCatalogPlan().cid)
        jar = getattr(aq_base(self.section), "_p_jar", None)
        if jar is not None:
            jar.cacheMinimize()

    def run(self, table):
        """Import every row of ``table``; the ``Report``."""
        report = self.report
        report.headers = list(table.headers)
        report.unknown_columns = list(table.unknown)
        self.load_lists()
        if self.options.add_missing:
            self.add_missing(table)
        self.build_index()
        done = 0
        last = None
        try:
            for row in table.rows():
                if row.number < self.options.start_row:
                    report.skipped += 1
                    continue
                try:
                    result = self.import_row(row)
                except RowRefused as error:
                    result = self.refuse(row, table, error.errors)
                report.count(result)
                if self.options.details or result.status == "refused":
                    report.rows.append(result)
                done += 1
                last = row.number
                if done % self.options.batch_size == 0:
                    self.checkpoint(last)
                if self.options.counter is not None and done % COUNTER_EVERY == 0:
                    self.options.counter(done)
            if last is not None and not self.options.dry_run:
                self.checkpoint(last)
            if self.options.counter is not None:
                self.options.counter(done)
        finally:
            if self.options.dry_run:
                transaction.abort()
                # plone.registry keeps the values it read in the request: the
                # lists a dry run added would still be read from there
                self.request.other.pop("_plone_registry_cache", None)
                if self.report.added["themes"]:
                    forget_cached_themes()
        return report
