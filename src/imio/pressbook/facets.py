"""What the listing page and ``@pressbook-search`` share to show facet values."""

import unicodedata


def collation_key(title):
    """Titles in dictionary order: accents and case do not count."""
    decomposed = unicodedata.normalize("NFKD", title)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
