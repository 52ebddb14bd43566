"""Named vocabularies: ``imio.pressbook.vocabulary.<CamelName>``, one module each."""

from plone.app.content.browser.vocabulary import PERMISSIONS
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# plone.restapi's @vocabularies and plone.app.content's @@getVocabulary ask
# for PERMISSIONS[name] on the context: the lists of the press section are
# public, visitors filter on them.
PUBLIC_VOCABULARIES = (
    "imio.pressbook.vocabulary.Outlets",
    "imio.pressbook.vocabulary.OutletKinds",
    "imio.pressbook.vocabulary.Assemblies",
    "imio.pressbook.vocabulary.QuestionTypes",
    "imio.pressbook.vocabulary.AnswerKinds",
    "imio.pressbook.vocabulary.AnswerStatuses",
    "imio.pressbook.vocabulary.AnswerStatusFilters",
    "imio.pressbook.vocabulary.PaperVersionAccess",
    "collective.taxonomy.themes",
)
PERMISSIONS.update(dict.fromkeys(PUBLIC_VOCABULARIES, "View"))


def make_vocabulary(items):
    """A vocabulary from ``(token, title)`` pairs; the token is also the stored value."""
    return SimpleVocabulary(
        [SimpleTerm(value=token, token=token, title=title) for token, title in items]
    )
