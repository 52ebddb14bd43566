"""ZCTextIndex keeps the postings of every word in an IIBTree, so that items
added at once by several writers (threads, ZEO clients, RelStorage instances)
do not conflict in the text indexes.

What Products.ZCTextIndex does (BaseIndex, used by the Okapi and cosine
indexes of Plone's Title, Description and SearchableText, and by our own
``pressbook_text``): ``_wordinfo``, an IOBTree, maps each word id to its
postings ``{docid: score}``; the postings of a word found in at most
``DICT_CUTOFF`` (10) items are a plain ``dict`` stored inside the
``_wordinfo`` bucket, bigger ones an IIBTree of their own. Each add writes
back the postings of all its words (``self._wordinfo[wid] = doc2score``).
When two transactions write one ``_wordinfo`` bucket, ZODB asks the bucket to
merge them; the C BTrees compare each value of the three states with ``<``,
which raises ``TypeError`` on two dicts: the conflict cannot be resolved, the
whole transaction fails. Any bucket holding one rare word (every new name of
a person, a place, a number) is such a bucket, so concurrent adds conflicted
most of the time, whatever else the add-on did.

What the patch does: postings are always an IIBTree, created with the word's
first item, and written in place (adds of different items to one word's
postings are different keys of one IIBTree bucket: BTrees merge them; the
``_wordinfo`` bucket is written only when a word appears or disappears, and
two new words in one bucket are two inserts it merges too). A dict left by an
older version is turned into an IIBTree the first time its word is touched
(the 1005 upgrade step converts them all at once). Searching reads either.

The cost: one small persistent object per word of each text index (the rare
words were stored inline), so a lexicon of 50,000 words adds about 50,000
records to the database and one more object load when a search hits a rare
word; counted worth it for writers who no longer see errors.

Without the add-on (uninstalled, or the patch dropped), the indexes stay
valid: Products.ZCTextIndex reads and updates IIBTree postings of any size.

Can go when Products.ZCTextIndex stores postings conflict-free itself (its
versions up to 6.x do not; check BaseIndex._mass_add_wordinfo).
"""

from BTrees.IIBTree import IIBTree
from Products.ZCTextIndex.BaseIndex import BaseIndex


ORIGINALS = {}


def postings(index, wid):
    """The IIBTree of ``wid``'s postings in ``index`` (None when the word is
    not indexed); a dict of an older version is replaced by its IIBTree."""
    doc2score = index._wordinfo.get(wid)
    if isinstance(doc2score, dict):
        doc2score = index._wordinfo[wid] = IIBTree(doc2score)
    return doc2score


def _add_wordinfo(self, wid, f, docid):
    doc2score = postings(self, wid)
    if doc2score is None:
        self._wordinfo[wid] = IIBTree({docid: f})
        self.length.change(1)
    else:
        doc2score[docid] = f


def _mass_add_wordinfo(self, wid2weight, docid):
    new_words = 0
    for wid, weight in wid2weight.items():
        doc2score = postings(self, wid)
        if doc2score is None:
            self._wordinfo[wid] = IIBTree({docid: weight})
            new_words += 1
        else:
            doc2score[docid] = weight
    if new_words:
        self.length.change(new_words)


def _del_wordinfo(self, wid, docid):
    doc2score = postings(self, wid)
    del doc2score[docid]
    if not doc2score:
        del self._wordinfo[wid]
        self.length.change(-1)


PATCHED = {
    "_add_wordinfo": _add_wordinfo,
    "_mass_add_wordinfo": _mass_add_wordinfo,
    "_del_wordinfo": _del_wordinfo,
}


def apply():
    """Patch BaseIndex (once)."""
    for name, method in PATCHED.items():
        ORIGINALS.setdefault(name, getattr(BaseIndex, name))
        setattr(BaseIndex, name, method)


def convert(index):
    """Turn every dict of postings of ``index`` (an Okapi or cosine index)
    into an IIBTree: the number of words converted."""
    words = [
        wid for wid, doc2score in index._wordinfo.items() if isinstance(doc2score, dict)
    ]
    for wid in words:
        postings(index, wid)
    return len(words)
