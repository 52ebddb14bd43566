"""The edit form of the three types: a widget read through it saves nothing
and locks nothing.

``@@edit/++widget++form.widgets.paper_version/@@download`` is how the edit
form links to the current scan. plone.z3cform's widget traversal updates the
whole form to find the widget, during traversal: before the user is known
(Zope authenticates once the URL is traversed) and with security checks
deferred to the widget's own view. Plone's edit form then runs any button
named in the request and, when none ran, notifies ``EditBegunEvent``, on
which plone.locking locks the content (as Anonymous User, with no owner):
any visitor allowed to read the scan locked the article, or saved it by
adding ``form.buttons.save`` to the URL.

Here, while the request is being traversed to a widget (plone.z3cform marks
it with ``IDeferSecurityCheck``, as plone.dexterity's add form checks), the
form only builds its widgets: no button, no ``EditBegunEvent``, no lock.
The edit form itself, published and so checked for "Modify portal content",
begins the edit and takes its lock as before: only editors lock (and
``content/locking.py`` makes sure of it for whatever else begins an edit).
"""

from imio.pressbook.browser.views.forms import KeywordsBesideThemes
from plone.dexterity.browser.edit import DefaultEditForm
from plone.dexterity.interfaces import IDexterityEditForm
from plone.z3cform import layout
from plone.z3cform.interfaces import IDeferSecurityCheck
from z3c.form import button
from zope.interface import classImplements


class PressEditForm(KeywordsBesideThemes, DefaultEditForm):
    """Plone's edit form; read-only while traversed to one of its widgets;
    the keywords beside the themes (``forms.py``)."""

    def update(self):
        if not IDeferSecurityCheck.providedBy(self.request):
            super().update()
            return
        # the widgets, their values and the fieldsets: no action to run
        self.buttons = button.Buttons()
        self.portal_type = self.context.portal_type
        # DefaultEditForm.update() but the EditBegunEvent (the lock)
        super(DefaultEditForm, self).update()


PressEditView = layout.wrap_form(PressEditForm)
classImplements(PressEditView, IDexterityEditForm)
