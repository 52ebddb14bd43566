"""The add-on's settings of zope.conf, per Zope instance.

What belongs to one process or one machine, not to the site (the site's own
settings are in the registry and the Presse control panel)::

    <product-config imio.pressbook>
      # writes take turns (conflicts.py): seconds a write waits, 0: no turns
      write-turn-timeout 5
      # the instances sharing this file take their turns together
      write-turn-lock-file /srv/plone/var/write-turn.lock
      # where the bulk import's files wait between the preview and the
      # confirmation (bulkimport/form.py): a directory every instance reads
      import-directory /srv/plone/var/import
    </product-config>
"""

from App.config import getConfiguration


def settings():
    """The add-on's ``<product-config imio.pressbook>`` of zope.conf, a dict
    (empty when there is none)."""
    config = getattr(getConfiguration(), "product_config", None) or {}
    return config.get("imio.pressbook") or {}
