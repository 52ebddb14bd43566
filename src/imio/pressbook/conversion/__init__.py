"""Converting an old press section into press articles.

Before this add-on, press sections of Plone sites were folders of News Items
or Documents, the scan of each clipping kept as a File (or an Image) beside
it. ``plan.py`` reads such a folder and says, item by item, what press article
each would become and which fields it cannot guess (writing nothing: the dry
run); ``convert.py`` makes the articles; ``view.py`` is the editors' page
(``@@pressbook-convert`` on the folder) and ``cli.py`` the same for
``zconsole run``.
"""
