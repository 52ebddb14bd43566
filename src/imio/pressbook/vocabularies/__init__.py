"""Named vocabularies: ``imio.pressbook.vocabulary.<CamelName>``, one module each."""

from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def make_vocabulary(items):
    """A vocabulary from ``(token, title)`` pairs; the token is also the stored value."""
    return SimpleVocabulary(
        [SimpleTerm(value=token, token=token, title=title) for token, title in items]
    )
