"""scripts/make_instance.py: the zope.conf of each storage, read with Zope's own
schema (a key Zope or ZEO does not know fails here), and the ZEO server's
zeo.conf read with runzeo's."""

from pathlib import Path
from Zope2.Startup.options import ZopeWSGIOptions

import importlib.util
import pytest


ROOT = Path(__file__).resolve().parents[2]
DSN = "dbname='pressbook' user='postgres' host='127.0.0.1' port='5499'"


@pytest.fixture(scope="module")
def make_instance():
    spec = importlib.util.spec_from_file_location(
        "make_instance", ROOT / "scripts" / "make_instance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main_database(instance):
    options = ZopeWSGIOptions(configfile=str(instance / "etc" / "zope.conf"))()
    (database,) = options.configroot.databases
    return database.config


def write(make_instance, tmp_path, storage):
    instance = tmp_path / storage / "instance1"
    make_instance.main(
        [
            str(instance),
            "--port",
            "8090",
            "--storage",
            storage,
            "--zeo-address",
            "127.0.0.1:8199",
            "--dsn",
            DSN,
        ]
    )
    return instance


def test_filestorage_keeps_data_fs_and_blobs_beside_the_instance(
    make_instance, tmp_path
):
    instance = write(make_instance, tmp_path, "filestorage")
    database = main_database(instance)
    storage = database.storage.config
    assert database.cache_size == 30000
    assert storage.path == str(tmp_path / "filestorage" / "filestorage" / "Data.fs")
    assert storage.blob_dir == str(tmp_path / "filestorage" / "blobstorage")


def test_zeo_clients_sync_with_the_server_before_each_transaction(
    make_instance, tmp_path
):
    instance = write(make_instance, tmp_path, "zeo")
    database = main_database(instance)
    storage = database.storage.config
    assert database.cache_size == 30000
    assert type(database.storage).__name__ == "ClientStorageConfig"
    assert [server.address for server in storage.server] == [("127.0.0.1", 8199)]
    assert storage.server_sync is True
    assert storage.shared_blob_dir is True
    assert storage.blob_dir == str(tmp_path / "zeo" / "blobstorage")


def test_zeo_server_serves_the_data_the_clients_share(make_instance, tmp_path):
    from ZEO.runzeo import ZEOOptions

    write(make_instance, tmp_path, "zeo")
    options = ZEOOptions()
    options.realize(["-C", str(tmp_path / "zeo" / "zeoserver" / "etc" / "zeo.conf")])
    assert options.address == ("127.0.0.1", 8199)
    (storage,) = options.storages
    assert storage.name == "1"
    assert storage.config.path == str(tmp_path / "zeo" / "filestorage" / "Data.fs")
    assert storage.config.blob_dir == str(tmp_path / "zeo" / "blobstorage")


def test_relstorage_keeps_a_blob_cache_per_instance(make_instance, tmp_path):
    instance = write(make_instance, tmp_path, "relstorage")
    database = main_database(instance)
    storage = database.storage.config
    assert database.cache_size == 30000
    assert type(database.storage).__name__ == "RelStorageFactory"
    assert storage.adapter.config.dsn == DSN
    assert storage.keep_history is False
    assert storage.shared_blob_dir is False
    assert storage.blob_dir == str(instance.resolve() / "var" / "blobcache")


@pytest.mark.parametrize("storage", ["filestorage", "zeo", "relstorage"])
def test_instances_retry_conflicts_longer_than_zope_does(
    make_instance, tmp_path, storage
):
    instance = write(make_instance, tmp_path, storage)
    options = ZopeWSGIOptions(configfile=str(instance / "etc" / "zope.conf"))()
    assert options.configroot.max_conflict_retries == 6


@pytest.mark.parametrize(
    "storage, lock_file",
    [
        ("filestorage", None),
        ("zeo", "zeo/write-turn.lock"),
        ("relstorage", "relstorage/write-turn.lock"),
    ],
)
def test_instances_sharing_a_database_take_their_write_turns_together(
    make_instance, tmp_path, storage, lock_file
):
    """The two instances of `make start-zeo` (or `make start-relstorage`)
    name the same lock file beside their data (conflicts.py); one process
    alone needs none."""
    instance = write(make_instance, tmp_path, storage)
    options = ZopeWSGIOptions(configfile=str(instance / "etc" / "zope.conf"))()
    settings = (options.configroot.product_config or {}).get("imio.pressbook", {})
    expected = str(tmp_path / lock_file) if lock_file else None
    assert settings.get("write-turn-lock-file") == expected


@pytest.mark.parametrize(
    "storage, directory",
    [("filestorage", None), ("zeo", "zeo/import"), ("relstorage", "relstorage/import")],
)
def test_instances_sharing_a_database_share_the_import_directory(
    make_instance, tmp_path, storage, directory
):
    """The files of an import's preview wait where the other instance finds
    them for the confirmation (bulkimport/form.py); one process alone uses the
    system's temporary directory."""
    instance = write(make_instance, tmp_path, storage)
    options = ZopeWSGIOptions(configfile=str(instance / "etc" / "zope.conf"))()
    settings = (options.configroot.product_config or {}).get("imio.pressbook", {})
    expected = str(tmp_path / directory) if directory else None
    assert settings.get("import-directory") == expected
