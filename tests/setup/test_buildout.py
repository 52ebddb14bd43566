"""buildout.cfg and the pins: offline checks, run with every test.

The real build from PyPI runs in `make test` (target test-buildout), beside pytest.
"""

from importlib.metadata import distribution
from importlib.metadata import PackageNotFoundError
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pathlib import Path

import configparser
import importlib.util
import pytest


ROOT = Path(__file__).resolve().parents[2]
INSTANCE_EGGS = (
    "Products.CMFPlone",
    "plonetheme.barceloneta",
    "plone.app.contenttypes",
    "imio.pressbook",
)


def _read_cfg(name):
    parser = configparser.RawConfigParser(strict=True)
    parser.optionxform = str
    parser.read(ROOT / name)
    return parser


def _pins(path, separator):
    pins = {}
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if separator in line:
            name, version = (part.strip() for part in line.split(separator, 1))
            pins[canonicalize_name(name)] = version
    return pins


def _make_versions_cfg():
    spec = importlib.util.spec_from_file_location(
        "make_versions_cfg", ROOT / "scripts" / "make_versions_cfg.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def buildout_cfg():
    return _read_cfg("buildout.cfg")


def test_no_remote_extends(buildout_cfg):
    assert buildout_cfg["buildout"]["extends"].split() == ["versions.cfg"]
    assert "extends" not in _read_cfg("versions.cfg")["versions"]
    assert "://" not in (ROOT / "versions.cfg").read_text()


def test_every_version_is_pinned(buildout_cfg):
    assert buildout_cfg["buildout"]["allow-picked-versions"] == "false"
    assert buildout_cfg["buildout"]["develop"] == "."


def test_instance_part(buildout_cfg):
    instance = buildout_cfg["instance"]
    assert buildout_cfg["buildout"]["parts"].split() == [
        "instance",
        "zeoserver",
        "zeoclient",
        "zeoclient2",
        "relstorage",
    ]
    assert instance["recipe"] == "plone.recipe.zope2instance"
    assert instance["eggs"].split() == list(INSTANCE_EGGS)
    assert instance["user"] == "admin:admin"
    assert instance["http-address"] == "8080"


def test_instance_shares_the_data_of_make_start(buildout_cfg):
    instance = buildout_cfg["instance"]
    assert instance["file-storage"] == "${buildout:directory}/var/filestorage/Data.fs"
    assert instance["blob-storage"] == "${buildout:directory}/var/blobstorage"
    instance_py = (ROOT / "scripts" / "make_instance.py").read_text()
    assert "path $DATA/filestorage/Data.fs" in instance_py
    assert "blob-dir $DATA/blobstorage" in instance_py


def test_zeoserver_part_holds_the_data_of_make_start_zeo(buildout_cfg):
    zeoserver = buildout_cfg["zeoserver"]
    assert zeoserver["recipe"] == "plone.recipe.zeoserver"
    assert zeoserver["zeo-address"] == "127.0.0.1:8100"
    assert (
        zeoserver["file-storage"] == "${buildout:directory}/var/zeo/filestorage/Data.fs"
    )
    assert zeoserver["blob-storage"] == "${buildout:directory}/var/zeo/blobstorage"
    make_instance = (ROOT / "scripts" / "make_instance.py").read_text()
    assert "path {data}/filestorage/Data.fs" in make_instance
    assert "blob-dir {data}/blobstorage" in make_instance


def test_zeoclients_read_each_others_writes_at_once(buildout_cfg):
    """ZEO's own <clientstorage> with server-sync on, in place of the recipe's
    <zeoclient> (which rejects server-sync): the wrapper drops the recipe's."""
    zeoclient = buildout_cfg["zeoclient"]
    assert zeoclient["<"] == "instance"
    assert zeoclient["zeo-client"] == "on"
    assert zeoclient["zope-conf-imports"] == "ZEO"
    wrapper = [line.strip() for line in zeoclient["storage-wrapper"].splitlines()]
    assert wrapper[1] == "<clientstorage>"
    assert "server ${zeoserver:zeo-address}" in wrapper
    assert "server-sync on" in wrapper
    assert "shared-blob-dir on" in wrapper
    assert "blob-dir ${zeoserver:blob-storage}" in wrapper
    assert wrapper[-1] == "</clientstorage>%.0s"
    assert zeoclient["zodb-cache-size"] == "30000"
    zeoclient2 = buildout_cfg["zeoclient2"]
    assert (zeoclient2["<"], zeoclient2["http-address"]) == ("zeoclient", "8081")


def test_relstorage_part_uses_the_database_of_make_start_relstorage(buildout_cfg):
    relstorage = buildout_cfg["relstorage"]
    assert relstorage["eggs"].split() == [
        "${instance:eggs}",
        "RelStorage",
        "psycopg2-binary",
    ]
    options = dict(
        line.strip().split(None, 1)
        for line in relstorage["rel-storage"].splitlines()
        if line.strip()
    )
    assert options == {
        "type": "postgresql",
        "dsn": "dbname='pressbook' user='postgres' host='127.0.0.1' port='5433'",
        "keep-history": "false",
        "blob-dir": "${buildout:directory}/var/relstorage/blobcache",
        "shared-blob-dir": "false",
        "blob-cache-size": "200mb",
    }
    assert relstorage["zodb-cache-size"] == "30000"


def test_instance_compiles_the_translations(buildout_cfg):
    environment = buildout_cfg["instance"]["environment-vars"].split("\n")
    assert "zope_i18n_compile_mo_files true" in [line.strip() for line in environment]


def test_versions_cfg_is_generated_from_constraints():
    expected = _make_versions_cfg().versions_cfg(ROOT / "constraints.txt")
    assert (ROOT / "versions.cfg").read_text() == expected, "run `make pins`"


def test_versions_cfg_and_constraints_hold_the_same_set():
    versions = _pins("versions.cfg", "=")
    versions.pop("versions", None)
    assert versions.pop("imio-pressbook") == ""
    assert versions == _pins("constraints.txt", "==")


def test_buildout_own_names_are_dotted():
    """zc.buildout overrides a normalized pin of itself or of zc.recipe.egg."""
    versions = (ROOT / "versions.cfg").read_text().splitlines()
    assert any(line.startswith("zc.buildout = ") for line in versions)
    assert any(line.startswith("zc.recipe.egg = ") for line in versions)
    assert any(line.startswith("plone-recipe-zope2instance = ") for line in versions)


def test_constraints_keep_their_header(tmp_path):
    header = _make_versions_cfg().CONSTRAINTS_HEADER
    assert (ROOT / "constraints.txt").read_text().startswith(header)
    # as `make pins` finds it after uv rewrote it: no header, then twice
    pins = tmp_path / "constraints.txt"
    pins.write_text("zope==6.3\n")
    _make_versions_cfg().add_constraints_header(pins)
    _make_versions_cfg().add_constraints_header(pins)
    assert pins.read_text() == header + "zope==6.3\n"


def _closure(names):
    """The distributions the instance's eggs need, as installed in .venv."""
    seen = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        key = canonicalize_name(name)
        if key in seen:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            seen[key] = None
            continue
        seen[key] = dist.version
        for requirement in dist.requires or ():
            requirement = Requirement(requirement)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            todo.append(requirement.name)
    return seen


def test_versions_cfg_pins_what_the_instance_needs():
    versions = _pins("versions.cfg", "=")
    # the instance's eggs, those of the relstorage part, those of the zeoserver's
    closure = _closure((*INSTANCE_EGGS, "RelStorage", "psycopg2-binary", "ZEO"))
    assert len(closure) > 150
    missing = sorted(name for name in closure if name not in versions)
    assert missing == []
    different = {
        name: (versions[name], installed)
        for name, installed in closure.items()
        if installed and name != "imio-pressbook" and versions[name] != installed
    }
    assert different == {}


@pytest.mark.parametrize(
    "part, data",
    [("zeoclient", "var/zeo"), ("relstorage", "var/relstorage")],
)
def test_instances_sharing_a_database_take_their_write_turns_together(
    buildout_cfg, part, data
):
    """The lock file and the import directory of scripts/make_instance.py's
    instances on the same data (`make start-zeo`, `make start-relstorage`),
    after the instance's
    max-conflict-retries (zeoclient2 inherits zeoclient's)."""
    lines = [
        line.strip()
        for line in buildout_cfg[part]["zope-conf-additional"].splitlines()
        if line.strip()
    ]
    assert lines == [
        "${instance:zope-conf-additional}",
        "<product-config imio.pressbook>",
        f"write-turn-lock-file ${{buildout:directory}}/{data}/write-turn.lock",
        f"import-directory ${{buildout:directory}}/{data}/import",
        "</product-config>",
    ]
    assert "zope-conf-additional" not in buildout_cfg["zeoclient2"]
