"""Bulk import of press articles and parliamentary questions (issue 11).

- reader.py: the rows of a CSV, XLSX or JSON file;
- importer.py: each row through the REST API's deserializer, matched to the
  item it updates, committed in batches, with a report;
- cli.py: ``zconsole run`` / ``bin/instance run`` (scripts/pressbook_import.py);
- the REST service ``@pressbook-import``: restapi/services/pressbook_import/.
"""
