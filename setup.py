"""Installer for the imio.pressbook package."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


# Several Zope instances on one database: a ZEO server (`make start-zeo`), or
# PostgreSQL through RelStorage (`make start-relstorage`).
ZEO = ["ZEO"]
# psycopg2-binary, not RelStorage[postgresql]: the same psycopg2 module, prebuilt,
# where the extra's psycopg2 compiles against libpq-dev and the Python headers.
RELSTORAGE = ["RelStorage", "psycopg2-binary"]

long_description = "\n\n".join(
    [
        Path("README.rst").read_text(),
        Path("CHANGES.rst").read_text(),
    ]
)


setup(
    name="imio.pressbook",
    version="1.0.0a1.dev0",
    description="Press section for Plone sites of local authorities: press articles and parliamentary questions",
    long_description=long_description,
    long_description_content_type="text/x-rst",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Operating System :: OS Independent",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Python Plone CMS press parliamentary questions IMIO",
    author="IMIO",
    author_email="support@imio.be",
    url="https://github.com/IMIO/imio.pressbook",
    license="GPL version 2",
    packages=find_namespace_packages("src", include=["imio.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Products.CMFPlone",
        "plone.api",
        "plone.app.dexterity",
        "plone.app.contenttypes",
        "plone.restapi",
        "plone.namedfile",
        "collective.z3cform.datagridfield",
        "collective.taxonomy",
        "plone.exportimport",
        "snowballstemmer",
        # the listing's macros (Zope's own Chameleon integration; pinned with Zope)
        "z3c.pt",
        # the press search counts with the processor's popcount (bitwise_count)
        "numpy>=2.0",
        # the press review as PDF (with pango, installed by scripts/install_weasyprint.sh)
        "weasyprint",
        # the scans' pages put into the press review
        "pypdf",
        # the scan's thumbnail: the first page of a PDF (PDFium, in the wheel)
        "pypdfium2",
        # the bulk import reads XLSX (bulkimport/reader.py)
        "openpyxl",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "plone.testing",
            "pytest",
            "pytest-plone",
            "hypothesis",
            "playwright",
            "requests",
            "feedparser",
            "openpyxl",
            "pypdf",
            # citations parsed back
            "bibtexparser",
            "rispy",
            *ZEO,
            *RELSTORAGE,
        ],
        "zeo": ZEO,
        "relstorage": RELSTORAGE,
        "dev": [
            "i18ndude",
            "towncrier",
            "ruff",
            "zpretty",
        ],
    },
    entry_points="""
    [z3c.autoinclude.plugin]
    target = plone
    """,
)
