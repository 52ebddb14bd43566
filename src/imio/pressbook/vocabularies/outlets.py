"""Media outlets: the Belgian French-language press, radio and television.

Site administrators manage them in the "Presse" control panel; they are rows
of the registry record ``imio.pressbook.outlets``. The rows below are the
defaults a new site starts with.

The tokens are stored on the articles: never change one, add a new one instead.
"""

from imio.pressbook.controlpanels import logos
from imio.pressbook.vocabularies.managed import rows_vocabulary
from imio.pressbook.vocabularies.managed import stored_rows
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


RECORD = "imio.pressbook.outlets"

SUDINFO = "https://www.sudinfo.be"
RTBF = "https://www.rtbf.be"
RTL = "https://www.rtl.be"


def _outlet(token, name, kind=None, website=None, language="fr", rights=None):
    return {
        "token": token,
        "name": name,
        "kind": kind,
        "website": website,
        "language": language,
        "rights": rights,
    }


DEFAULT_OUTLETS = (
    # daily newspapers
    _outlet("le-soir", "Le Soir", "daily", "https://www.lesoir.be"),
    _outlet("la-libre", "La Libre Belgique", "daily", "https://www.lalibre.be"),
    _outlet("la-derniere-heure", "La Dernière Heure", "daily", "https://www.dhnet.be"),
    _outlet("l-avenir", "L'Avenir", "daily", "https://www.lavenir.net"),
    _outlet("sudinfo", "Sudinfo", "daily", SUDINFO),
    _outlet("la-meuse", "La Meuse", "daily", SUDINFO),
    _outlet("la-nouvelle-gazette", "La Nouvelle Gazette", "daily", SUDINFO),
    _outlet("la-province", "La Province", "daily", SUDINFO),
    _outlet("nord-eclair", "Nord Éclair", "daily", SUDINFO),
    _outlet("la-capitale", "La Capitale", "daily", SUDINFO),
    _outlet("l-echo", "L'Echo", "daily", "https://www.lecho.be"),
    _outlet("grenzecho", "GrenzEcho", "daily", "https://www.grenzecho.net", "de"),
    _outlet("metro", "Metro", "daily"),
    # magazines and weeklies
    _outlet("le-vif", "Le Vif", "weekly", "https://www.levif.be"),
    _outlet(
        "trends-tendances", "Trends-Tendances", "weekly", "https://trends.levif.be"
    ),
    _outlet("moustique", "Moustique", "weekly", "https://www.moustique.be"),
    _outlet(
        "paris-match-belgique",
        "Paris Match Belgique",
        "weekly",
        "https://parismatch.be",
    ),
    _outlet("data-news", "Data News", "weekly", "https://datanews.levif.be"),
    _outlet(
        "mouvement-communal", "Mouvement communal", "weekly", "https://www.uvcw.be"
    ),
    # online and agencies
    _outlet("belga", "Belga", "agency", "https://www.belga.be", None),
    _outlet("7sur7", "7sur7", "online", "https://www.7sur7.be"),
    _outlet("rtbf-info", "RTBF Info", "online", RTBF),
    _outlet("rtl-info", "RTL info", "online", RTL),
    # radio and television
    _outlet("la-premiere", "La Première (RTBF)", "radio", RTBF),
    _outlet("vivacite", "VivaCité (RTBF)", "radio", RTBF),
    _outlet("la-une", "La Une (RTBF)", "tv", RTBF),
    _outlet("rtl-tvi", "RTL-TVI", "tv", RTL),
    _outlet("bel-rtl", "Bel RTL", "radio", RTL),
    _outlet("tv-lux", "TV Lux", "tv", "https://www.tvlux.be"),
    _outlet("canal-c", "Canal C", "tv", "https://www.canalc.be"),
    _outlet("telesambre", "Télésambre", "tv", "https://www.telesambre.be"),
    _outlet("rtc-tele-liege", "RTC Télé Liège", "tv", "https://www.rtc.be"),
    _outlet("tele-mb", "Télé MB", "tv", "https://www.telemb.be"),
    _outlet("notele", "Notélé", "tv", "https://www.notele.be"),
    _outlet("antenne-centre", "Antenne Centre", "tv", "https://www.antennecentre.tv"),
    _outlet("matele", "MaTélé", "tv", "https://www.matele.be"),
    _outlet("tvcom", "TV Com", "tv", "https://www.tvcom.be"),
    _outlet("bx1", "BX1", "tv", "https://bx1.be"),
    _outlet("other", "Autre média", language=None),
)

# (token, name) pairs of the defaults
OUTLETS = tuple((row["token"], row["name"]) for row in DEFAULT_OUTLETS)


def outlet_rows(context=None):
    """The outlets of the site: dicts with token, name, kind, website, language, rights."""
    return stored_rows(RECORD, DEFAULT_OUTLETS, context)


def logo_url(context, token):
    """The address of the logo of outlet ``token``, or None when it has none.

    Public and stable: listings and pages call it (one annotation read, no
    write). The address carries the logo's version, so it may be cached for
    good; ``logo(context, token)`` also gives its width and height.
    """
    return logos.logo_url(context, token)


def logo(context, token):
    """The logo of outlet ``token`` (url, width, height, content_type,
    filename), or None."""
    return logos.logo(context, token)


@provider(IVocabularyFactory)
def OutletsVocabularyFactory(context=None):
    return rows_vocabulary(outlet_rows(context))
