r"""GET ``@pressbook-stats``: the statistics of the press section's search.

The parameters are those of the listing and of ``@pressbook-search``
(``start``, ``end``, ``outlet``, ``themes``...); a bad one is the same 400
naming it. The counts come from the catalog (``imio.pressbook.search``)::

    GET /medias/@pressbook-stats?start=2024-01-01&end=2024-12-31

    {
      "@id": "http://.../medias/@pressbook-stats?start=...",
      "items_total": 42,
      "charts": [
        {"id": "month", "title": "Éléments par mois",
         "csv": "http://.../medias/@@pressbook-stats.csv?chart=month&start=...",
         "items": [{"token": "2024-01", "title": "janvier 2024", "count": 3}, ...]},
        {"id": "delays_addressed_to", ...,
         "items": [{"token": "FURLAN Paul", "title": "FURLAN Paul",
                    "answered": 4, "median": 12.5, "percentile_90": 40}, ...]},
        ...
      ],
      "answer_delays": {"answered": 9, "median": 14, "percentile_90": 52},
      "overdue": [{"title": "Question écrite n° 12...", "url": "...",
                   "due": "2024-03-12"}, ...]
    }

``charts`` are in the page's order: items per month (every month from the
first to the last, zeros included), per outlet, kind of outlet, theme (a
theme counts the items filed below it, each once), assembly, member (who
asks), political group, minister, portfolio; then the answer delays (days
from the question to its first answer that is not a holding one) per
minister and per assembly. ``answer_delays`` is null without any answered
question. ``overdue`` lists the overdue questions of the result (awaiting an
answer past their assembly's deadline), the longest overdue first, with the
last day of their deadline (at most 100).
"""

from imio.pressbook.browser.views.statistics import StatisticsReport
from imio.pressbook.browser.views.statistics import StatisticsView
from imio.pressbook.restapi.services.pressbook_search.get import InvalidSearchParameter
from imio.pressbook.search import InvalidParameter
from imio.pressbook.search import parse_criteria
from plone.restapi.services import Service


class PressBookStatsGet(Service):
    """The statistics of the press section's search, below the context."""

    def reply(self):
        # the page's view: titles of the values, links to the CSV
        view = StatisticsView(self.context, self.request)
        try:
            criteria = parse_criteria(self.context, self.request.form)
            report = StatisticsReport(view, criteria)
        except InvalidParameter as error:
            raise InvalidSearchParameter(
                error.parameter, error.message, self.request
            ) from None
        view.criteria = criteria
        query = self.request.get("QUERY_STRING", "")
        url = f"{self.context.absolute_url()}/@pressbook-stats"
        overall = report.overall_delays()
        return {
            "@id": f"{url}?{query}" if query else url,
            "items_total": report.total,
            "charts": [
                {
                    "id": chart.id,
                    "title": chart.title,
                    "description": chart.description,
                    "csv": view.csv_url(chart),
                    "items": [
                        {"token": row.token, "title": row.label, **row.values}
                        for row in chart.rows
                    ],
                }
                for chart in report.charts()
            ],
            "answer_delays": None
            if overall is None
            else {
                "answered": overall.count,
                "median": overall.median,
                "percentile_90": overall.percentile_90,
            },
            # the overdue questions of the result, the longest overdue first
            "overdue": report.overdue(),
        }
