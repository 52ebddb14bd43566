"""Locks on the add-on's content are taken by those who may edit it.

plone.locking asks an ``ILockSettings`` adapter of the content, when there is
one, whether to lock on a through-the-web edit (else the site's "Lock on
through-the-web edit" setting). Here: the site's setting, and only for a user
who may modify the item. An edit begun by anyone else (an edit form updated
during traversal, before Zope knows the user, as Anonymous User) locks
nothing, whatever view or add-on begins it.
"""

from plone import api
from Products.CMFCore.permissions import ModifyPortalContent


class EditorsLockSettings:
    """``ILockSettings`` of press sections, articles and questions."""

    def __init__(self, context):
        self.context = context

    @property
    def lock_on_ttw_edit(self):
        # plone.locking's own default: IEditingSchema with the "plone" prefix
        enabled = api.portal.get_registry_record("plone.lock_on_ttw_edit", default=True)
        return bool(enabled) and bool(
            api.user.has_permission(ModifyPortalContent, obj=self.context)
        )
