"""Patches to Zope and Plone, applied when imio.pressbook is imported (as
Products.CMFPlone applies its own from ``Products/CMFPlone/patches``).

One module a patch, each saying what it changes, why, and when it can go.
"""

from imio.pressbook.patches import zctextindex


zctextindex.apply()
