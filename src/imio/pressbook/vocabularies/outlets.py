"""Media outlets: the Belgian French-language press, radio and television.

The tokens are stored on the articles: never change one, add a new one instead.
"""

from imio.pressbook import _
from imio.pressbook.vocabularies import make_vocabulary
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


OUTLETS = (
    # daily newspapers
    ("le-soir", "Le Soir"),
    ("la-libre", "La Libre Belgique"),
    ("la-derniere-heure", "La Dernière Heure"),
    ("l-avenir", "L'Avenir"),
    ("sudinfo", "Sudinfo"),
    ("la-meuse", "La Meuse"),
    ("la-nouvelle-gazette", "La Nouvelle Gazette"),
    ("la-province", "La Province"),
    ("nord-eclair", "Nord Éclair"),
    ("la-capitale", "La Capitale"),
    ("l-echo", "L'Echo"),
    ("grenzecho", "GrenzEcho"),
    ("metro", "Metro"),
    # magazines and weeklies
    ("le-vif", "Le Vif"),
    ("trends-tendances", "Trends-Tendances"),
    ("moustique", "Moustique"),
    ("paris-match-belgique", "Paris Match Belgique"),
    ("data-news", "Data News"),
    ("mouvement-communal", "Mouvement communal"),
    # online and agencies
    ("belga", "Belga"),
    ("7sur7", "7sur7"),
    ("rtbf-info", "RTBF Info"),
    ("rtl-info", "RTL info"),
    # radio and television
    ("la-premiere", "La Première (RTBF)"),
    ("vivacite", "VivaCité (RTBF)"),
    ("la-une", "La Une (RTBF)"),
    ("rtl-tvi", "RTL-TVI"),
    ("bel-rtl", "Bel RTL"),
    ("tv-lux", "TV Lux"),
    ("canal-c", "Canal C"),
    ("telesambre", "Télésambre"),
    ("rtc-tele-liege", "RTC Télé Liège"),
    ("tele-mb", "Télé MB"),
    ("notele", "Notélé"),
    ("antenne-centre", "Antenne Centre"),
    ("matele", "MaTélé"),
    ("tvcom", "TV Com"),
    ("bx1", "BX1"),
    ("other", _("Other outlet")),
)


@provider(IVocabularyFactory)
def OutletsVocabularyFactory(context=None):
    return make_vocabulary(OUTLETS)
