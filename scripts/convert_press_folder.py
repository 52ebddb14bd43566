"""Convert an old press section into press articles (dry run by default).

    zconsole run etc/zope.conf scripts/convert_press_folder.py \
        --site Plone --target dans-les-medias revue-de-presse [--commit]

See imio.pressbook.conversion.cli for the options.
"""

from imio.pressbook.conversion.cli import main

import sys


# zconsole leaves sys.argv as it was ("zconsole run <conf> <script> args"),
# bin/instance run sets it to ("<script>", args): the arguments follow the script
NAME = "convert_press_folder.py"
position = next(i for i, arg in enumerate(sys.argv) if arg.endswith(NAME))
sys.exit(main(app, sys.argv[position + 1 :]))  # noqa: F821 - given by zconsole
