"""The press review: the clippings and questions of a period, compiled for print.

What a communication service hands the mayor and the council ("revue de
presse du … au …"), from the press section with the listing's filters:

- ``compose.py``: the review's content, from the one search engine
  (``parse_criteria``, ``search``): the options of the review (``group``,
  ``format``), the groups and their items, the scans the reader may see;
- ``pdf.py``: the PDF, made by WeasyPrint from the review's HTML page, with
  the scans' own pages put in place of the blank pages reserved for them.

The page (``@@pressbook-review``, browser/views/review.py) and the REST
endpoint (``@pressbook-review``) render them.
"""
