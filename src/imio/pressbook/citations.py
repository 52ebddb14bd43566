"""Citations of press items: BibTeX, RIS and CSL-JSON, from one record.

A *record* is a plain dict made either from the item itself (its page's
"Cite" section and downloads) or from its catalog brain (the exports of the
press section's filtered result, which wake no object). Keys, all optional
but ``kind``, ``key``, ``title`` and ``url``:

``kind`` (``article`` or ``question``), ``key`` (the citation key, ASCII),
``title``, ``url``, ``date`` (a ``date``), ``accessed`` (a ``date``),
``description``, ``keywords`` (list), ``language``;
articles: ``outlet`` (its title), ``journalist``, ``page``, ``original_url``,
``paper_version_url`` (only when the reader may open the scan: the licence
rule, ``PressArticle.can_view_paper_version``);
questions: ``assembly`` (its title), ``question_type`` (its title),
``session``, ``number``, ``asked_by``, ``addressed_to``, ``addressee_role``,
``source_url``, and the words the views translate: ``question_label``
(``question écrite n° 518``), ``session_label`` (``session 2014-2015``),
``recipient_label`` (``à FURLAN Paul, Ministre…``).

Types chosen: an article is a BibTeX ``@article`` (``journal`` = the outlet),
a RIS ``NEWS`` and a CSL ``article-newspaper``; a parliamentary question is a
BibTeX ``@misc`` (``howpublished`` = assembly, type and number), a RIS
``GOVDOC`` (government document; ``PB`` = the assembly) and a CSL ``report``
(``publisher`` = the assembly, ``genre`` = the type of question, ``number``,
``recipient`` = the minister asked): CSL's ``legislation`` is meant for
enacted texts, and ``report`` keeps the asker as author and the minister as
recipient in every CSL processor.
"""

from datetime import date
from datetime import datetime

import json
import re


ARTICLE = "article"
QUESTION = "question"

BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
RIS_CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"
CSL_CONTENT_TYPE = "application/vnd.citationstyles.csl+json; charset=utf-8"

MONTHS = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
]


def as_date(value):
    """A ``date`` from a date, a datetime or a Zope ``DateTime``; else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "asdatetime"):  # Zope's DateTime (catalog metadata)
        return value.asdatetime().date()
    return None


def citation_key(name, seen=None):
    """An ASCII key BibTeX accepts, unique among ``seen`` (a set it fills)."""
    key = re.sub(r"[^A-Za-z0-9_:.-]+", "-", name or "").strip("-") or "item"
    if seen is not None:
        base, count = key, 1
        while key in seen:
            count += 1
            key = f"{base}-{count}"
        seen.add(key)
    return key


def one_line(text):
    """Whitespace (line breaks included) as single spaces."""
    return " ".join(str(text or "").split())


# -- BibTeX -------------------------------------------------------------------

BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIALS))


def bibtex_escape(text):
    """A field's text for a braced value: LaTeX's specials escaped, accents
    kept as UTF-8 (biber, BibLaTeX and every reference manager read it)."""
    return BIBTEX_SPECIAL.sub(
        lambda match: BIBTEX_SPECIALS[match.group()], one_line(text)
    )


def bibtex_url(url):
    """A URL for ``url = {...}``, read verbatim by LaTeX's url package: only
    what would unbalance the braces is percent-encoded."""
    return one_line(url).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex_fields(record):
    fields = []
    if record["kind"] == ARTICLE:
        fields += [
            ("author", record.get("journalist")),
            ("title", record.get("title")),
            ("journal", record.get("outlet")),
            ("pages", record.get("page")),
        ]
    else:
        how = ", ".join(
            part
            for part in (
                record.get("assembly"),
                record.get("question_label"),
                record.get("session_label"),
            )
            if part
        )
        fields += [
            ("author", record.get("asked_by")),
            ("title", record.get("title")),
            ("howpublished", how),
            ("organization", record.get("assembly")),
            ("type", record.get("question_type")),
            ("number", record.get("number")),
            ("note", record.get("recipient_label")),
        ]
    day = record.get("date")
    if day:
        fields += [
            ("date", day.isoformat()),
            ("year", str(day.year)),
            ("month", str(day.month)),
        ]
    fields += [
        ("abstract", record.get("description")),
        ("keywords", ", ".join(record.get("keywords") or ())),
        ("language", record.get("language")),
    ]
    escaped = [(name, bibtex_escape(value)) for name, value in fields if value]
    escaped.append(("url", bibtex_url(record["url"])))
    if record.get("accessed"):
        escaped.append(("urldate", record["accessed"].isoformat()))
    return escaped


def to_bibtex(records):
    """The entries, UTF-8 text."""
    entries = []
    for record in records:
        entry_type = "article" if record["kind"] == ARTICLE else "misc"
        lines = [f"@{entry_type}{{{record['key']},"]
        lines += [f"  {name} = {{{value}}}," for name, value in bibtex_fields(record)]
        lines.append("}")
        entries.append("\n".join(lines))
    return "\n\n".join(entries) + "\n"


# -- RIS ----------------------------------------------------------------------


def ris_date(day):
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"


def ris_lines(record):
    """(tag, value) pairs; a value is one line (RIS has no continuation)."""
    pairs = []
    if record["kind"] == ARTICLE:
        pairs += [
            ("TY", "NEWS"),
            ("TI", record.get("title")),
            ("AU", record.get("journalist")),
            ("T2", record.get("outlet")),
            ("SP", record.get("page")),
        ]
    else:
        pairs += [
            ("TY", "GOVDOC"),
            ("TI", record.get("title")),
            ("AU", record.get("asked_by")),
            ("PB", record.get("assembly")),
            ("M3", record.get("question_type")),
            ("IS", record.get("number")),
            ("VL", record.get("session")),
            ("N1", record.get("recipient_label")),
        ]
    day = record.get("date")
    if day:
        pairs += [("PY", str(day.year)), ("DA", ris_date(day))]
    pairs += [("AB", record.get("description"))]
    pairs += [("KW", keyword) for keyword in record.get("keywords") or ()]
    pairs += [
        ("LA", record.get("language")),
        ("UR", record["url"]),
        ("Y2", record.get("accessed") and ris_date(record["accessed"])),
        ("L1", record.get("paper_version_url")),
        ("ID", record["key"]),
    ]
    return [(tag, one_line(value)) for tag, value in pairs if value]


def to_ris(records):
    """The references, ``TAG  - value`` lines ending in CRLF, each closed by ``ER``."""
    lines = []
    for record in records:
        lines += [f"{tag}  - {value}" for tag, value in ris_lines(record)]
        lines += ["ER  - ", ""]
    return "\r\n".join(lines)


# -- CSL-JSON -----------------------------------------------------------------


def csl_date(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(record):
    """One CSL-JSON item (CSL 1.0.2 schema); names as ``literal``: a
    journalist's signature (``C. Ti.``) is no family/given pair."""
    item = {"id": record["key"], "title": record.get("title") or ""}
    if record["kind"] == ARTICLE:
        item["type"] = "article-newspaper"
        if record.get("journalist"):
            item["author"] = [{"literal": record["journalist"]}]
        if record.get("outlet"):
            item["container-title"] = record["outlet"]
        if record.get("page"):
            item["page"] = record["page"]
    else:
        item["type"] = "report"
        if record.get("asked_by"):
            item["author"] = [{"literal": record["asked_by"]}]
        recipient = addressee(record)
        if recipient:
            item["recipient"] = [{"literal": recipient}]
        for name, key in (
            ("publisher", "assembly"),
            ("genre", "question_type"),
            ("number", "number"),
            ("volume", "session"),
        ):
            if record.get(key):
                item[name] = record[key]
    if record.get("date"):
        item["issued"] = csl_date(record["date"])
    if record.get("accessed"):
        item["accessed"] = csl_date(record["accessed"])
    item["URL"] = record["url"]
    if record.get("description"):
        item["abstract"] = record["description"]
    if record.get("keywords"):
        item["keyword"] = ", ".join(record["keywords"])
    if record.get("language"):
        item["language"] = record["language"]
    return item


def to_csl_json(records):
    """A CSL-JSON array, UTF-8 text (accents as they are)."""
    return json.dumps(
        [csl_item(record) for record in records], ensure_ascii=False, indent=2
    )


# -- shared -------------------------------------------------------------------


def addressee(record):
    """``FURLAN Paul, Ministre des Pouvoirs locaux``, or what there is."""
    return ", ".join(
        part
        for part in (record.get("addressed_to"), record.get("addressee_role"))
        if part
    )


FORMATS = {
    "bib": (to_bibtex, BIBTEX_CONTENT_TYPE),
    "ris": (to_ris, RIS_CONTENT_TYPE),
    "csl.json": (to_csl_json, CSL_CONTENT_TYPE),
}
