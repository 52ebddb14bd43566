"""Kinds of media outlet: what the ``outlet_kind`` index and criteria offer.

The tokens are stored in the outlets of the "Presse" control panel: never
change one, add a new one instead.
"""

from imio.pressbook import _
from imio.pressbook.vocabularies import make_vocabulary
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


OUTLET_KINDS = (
    ("daily", _("Daily newspaper")),
    ("weekly", _("Weekly or magazine")),
    ("online", _("News website")),
    ("radio", _("Radio")),
    ("tv", _("Television")),
    ("agency", _("Press agency")),
)


@provider(IVocabularyFactory)
def OutletKindsVocabularyFactory(context=None):
    return make_vocabulary(OUTLET_KINDS)
