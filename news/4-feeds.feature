RSS 2.0 and Atom feeds and CSV/JSON exports of the press section, filtered by the same parameters as the listing; the search engine of the press section counts facets from the catalog indexes. @imio
