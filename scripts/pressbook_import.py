"""Import press articles and parliamentary questions into a press section.

    zconsole run var/instance/etc/zope.conf scripts/pressbook_import.py \\
        --section /Plone/dans-les-medias [--dry-run] [--scans scans.zip] revue.xlsx
    bin/instance run scripts/pressbook_import.py --section ... revue.xlsx

The options: ``--help``, or imio.pressbook.bulkimport.cli. Not while a server
holds the database (use the REST service ``@pressbook-import`` then).
"""

from imio.pressbook.bulkimport.cli import main

import sys


if __name__ == "__main__":
    # zconsole leaves its own arguments in sys.argv: ours follow the script's name
    names = [i for i, arg in enumerate(sys.argv) if arg.endswith("pressbook_import.py")]
    status = main(app, sys.argv[names[0] + 1 :] if names else sys.argv[1:])  # noqa: F821
    app._p_jar.db().close()  # noqa: F821 (bound by zconsole)
    sys.exit(status)
