"""French-aware text search of the press items.

The press search looks words up in its own text index, ``pressbook_text``,
with its own lexicon, ``pressbook_lexicon`` (profiles/default/catalog.xml):
the words of a press item's text are split and lower-cased as Plone's
``plone_lexicon`` does (accents ignored), then reduced to their French stem
by the Snowball project's stemmer, so that "guichets", "Guichet" and
"guichét" all find "guichet", and "ecole" finds "école". Plone's own
``SearchableText`` index, and the search of every other type, stay as they are.

The lexicon stores the pipeline's elements: ``FrenchStemmer`` must keep this
module path.
"""

from contextlib import suppress
from functools import lru_cache
from Products.ZCTextIndex.PipelineFactory import element_factory

import snowballstemmer


TEXT_INDEX = "pressbook_text"
LEXICON = "pressbook_lexicon"
STEMMER_GROUP = "Stemmer"
STEMMER_NAME = "French Snowball stemmer (imio.pressbook)"

_GLOBS = "*?"


def french_stem(word):
    """The Snowball French stem of a lower-case word without accents.

    A number is its own stem (Snowball's French rules only take letters
    off), and is not kept: each item's numbers would otherwise fill the
    cache, a bulk import's titles numbered one by one the most.
    """
    if word.isascii() and word.isdigit():
        return word
    return _cached_stem(word)


@lru_cache(maxsize=200_000)
def _cached_stem(word):
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("french")


def _stem_pattern(word):
    """A query word, stemmed: "guichets*" (munge_search_term's prefix search)
    becomes "guichet*". A pattern with globs elsewhere is kept as it is."""
    base = word.rstrip("*")
    if not base or any(glob in base for glob in _GLOBS):
        return word
    return french_stem(base) + word[len(base) :]


class FrenchStemmer:
    """A ZCTextIndex pipeline element: each word to its French stem.

    It comes after the case normalizer, which lower-cases the words and
    drops their accents (the same on both sides, so "activité" and
    "activite" meet). ``processGlob`` stems the words of a query once;
    ``process_post_glob`` leaves them be: a stem stemmed again can change.
    """

    def process(self, words):
        return [french_stem(word) for word in words]

    def processGlob(self, words):
        return [_stem_pattern(word) for word in words]

    def process_post_glob(self, words):
        return words


with suppress(ValueError):  # registered already (the module was reloaded)
    element_factory.registerFactory(STEMMER_GROUP, STEMMER_NAME, FrenchStemmer)
