"""The demo profile: "Présentation" > "Dans les médias" with press articles and questions.

Applied by `make start` on a new site and by the DEMO test layer. Idempotent: an
item whose id exists is left as it is (an editor's changes survive a second
apply), only the missing ones are created and published.

The ids are stable: the browser tests and the README open them by path, e.g.
``/Plone/presentation/dans-les-medias/imio-touche-3-5-millions-d-habitants``.
"""

from datetime import date
from imio.pressbook import logger
from imio.pressbook.vocabularies.outlets import OUTLETS
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.indexing import processQueue


PUBLISH = "publish"
DEMO_WORKFLOW = "simple_publication_workflow"

PRESENTATION_ID = "presentation"
PRESS_BOOK_ID = "dans-les-medias"

PRESENTATION = {
    "id": PRESENTATION_ID,
    "type": "Folder",
    "title": "Présentation",
    "description": "Qui nous sommes, ce que nous faisons et ce que l'on dit de nous.",
}

PRESS_BOOK = {
    "id": PRESS_BOOK_ID,
    "type": "imio.pressbook.PressBook",
    "title": "Dans les médias",
    "description": (
        "Les articles de presse et les questions parlementaires qui parlent de "
        "nous, du plus récent au plus ancien."
    ),
    "text": (
        "<p>Retrouvez ici les articles parus dans la presse écrite, à la radio "
        "et à la télévision, ainsi que les questions posées aux ministres par "
        "les parlementaires et leurs réponses.</p>"
        "<p>La version papier d'un article, quand nous l'avons, est jointe à "
        "sa fiche.</p>"
    ),
}


def _html(*paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


# The articles: facts of the seed article (La Dernière Heure, 21 January 2014),
# the others invented for the demo. Texts are short summaries, not copies.
ARTICLES = (
    {
        "id": "imio-touche-3-5-millions-d-habitants",
        "title": "Imio touche 3,5 millions d’habitants en Région wallonne",
        "description": (
            "Le ministre des Pouvoirs locaux, Paul Furlan, dresse un bilan "
            "favorable de la jeune intercommunale de mutualisation informatique : "
            "le nombre de pouvoirs locaux membres a doublé en deux ans."
        ),
        "publication_date": date(2014, 1, 21),
        "outlet": "la-derniere-heure",
        "journalist": "C. Ti.",
        "subjects": ("IMIO", "mutualisation", "logiciels libres", "pouvoirs locaux"),
        "text": _html(
            "Peu connue du grand public, l'Intercommunale de mutualisation "
            "informatique et organisationnelle (IMIO) avait tout à prouver. "
            "Pour Paul Furlan (PS), qui a porté sa création, le pari est gagné.",
            "Le ministre en veut pour preuve les adhésions : une petite centaine "
            "d'entités il y a deux ans, environ deux cents aujourd'hui, communes "
            "et CPAS confondus. Il y lit la confiance des pouvoirs locaux.",
            "L'intercommunale a trois missions : fournir des logiciels métiers "
            "qui restent la propriété des pouvoirs locaux, accompagner "
            "l'organisation des administrations et proposer un cadre de normes "
            "communes.",
            "Plutôt que de travailler chacun de son côté, les communes partagent "
            "leurs expériences et leurs outils, ce qui produit des économies "
            "d'échelle. IMIO entend rester une structure légère, appuyée sur un "
            "réseau de partenaires publics et privés.",
            "Reste une question pour 2014 : la prochaine majorité régionale "
            "continuera-t-elle à soutenir le projet ?",
        ),
        "paper_version_access": "authenticated",
        "paper_version_file": "la-derniere-heure-2014-01-21.pdf",
    },
    {
        "id": "les-communes-adoptent-le-logiciel-libre",
        "title": "Les communes wallonnes adoptent le logiciel libre",
        "description": (
            "Une dizaine de communes mettent en commun le développement de leur "
            "site internet, construit avec un logiciel libre."
        ),
        "publication_date": date(2009, 10, 14),
        "outlet": "l-avenir",
        "journalist": "M. La.",
        "page": "p. 9, Namur-Luxembourg",
        "subjects": ("logiciels libres", "sites communaux", "CommunesPlone"),
        "text": _html(
            "Réunies au sein du projet CommunesPlone, plusieurs communes "
            "partagent les frais de développement de leur site et s'échangent "
            "les améliorations.",
            "Les responsables informatiques soulignent l'indépendance gagnée vis-à-vis des fournisseurs.",
        ),
    },
    {
        "id": "un-guichet-en-ligne-pour-les-citoyens",
        "title": "Un guichet en ligne pour demander ses documents administratifs",
        "description": (
            "Extraits d'actes, compositions de ménage : les habitants peuvent "
            "désormais les demander depuis chez eux."
        ),
        "publication_date": date(2012, 3, 6),
        "outlet": "vivacite",
        "journalist": "Interview de la matinale",
        "page": "Journal de 7 h",
        "subjects": ("e-guichet", "simplification administrative"),
        "text": _html(
            "À la radio, l'échevine de l'état civil présente le nouveau guichet "
            "électronique et les premiers chiffres d'utilisation.",
        ),
    },
    {
        "id": "ia-delib-les-conseils-communaux-passent-au-numerique",
        "title": "iA.Delib : les conseils communaux passent au numérique",
        "description": (
            "Ordres du jour, projets de délibération et procès-verbaux circulent "
            "désormais par voie électronique entre services, collège et conseil."
        ),
        "publication_date": date(2016, 5, 18),
        "outlet": "la-libre",
        "journalist": "A. De.",
        "page": "p. 14, Belgique",
        "subjects": ("délibérations", "numérique", "IMIO"),
        "text": _html(
            "Le logiciel de gestion des délibérations, développé en commun, "
            "évite l'impression de centaines de pages avant chaque séance.",
            "Les conseillers consultent les dossiers sur une tablette et les "
            "services suivent chaque décision jusqu'à sa publication.",
        ),
        "paper_version_access": "public",
        "paper_version_file": "la-libre-2016-05-18.pdf",
    },
    {
        "id": "rgpd-les-communes-se-preparent",
        "title": "RGPD : les communes se préparent, non sans mal",
        "description": (
            "À quelques jours de l'entrée en vigueur du règlement européen sur "
            "la protection des données, les délégués à la protection des "
            "données se partagent entre plusieurs communes."
        ),
        "publication_date": date(2018, 5, 22),
        "outlet": "rtbf-info",
        "journalist": "J. Ma.",
        "subjects": ("RGPD", "protection des données", "mutualisation"),
        "original_url": "https://example.org/rtbf-info/rgpd-les-communes-se-preparent",
        "text": _html(
            "Registre des traitements, analyses d'impact, information des "
            "citoyens : la liste des obligations est longue pour les petites "
            "administrations, qui mutualisent leur délégué.",
        ),
    },
    {
        "id": "conseils-communaux-a-distance",
        "title": "Confinement : les conseils communaux se tiennent à distance",
        "description": (
            "Faute de pouvoir se réunir, les conseillers siègent par "
            "visioconférence, séances retransmises en direct pour le public."
        ),
        "publication_date": date(2020, 4, 9),
        "outlet": "sudinfo",
        "journalist": "F. Ga.",
        "page": "p. 5, Charleroi",
        "subjects": ("COVID-19", "visioconférence", "conseil communal"),
        "text": _html(
            "Les votes se font à l'appel nominal et la retransmission est "
            "assurée sur le site de la commune.",
        ),
        "paper_version_access": "editors",
        "paper_version_file": "sudinfo-2020-04-09.pdf",
    },
    {
        "id": "cyberattaques-les-pouvoirs-locaux-se-protegent",
        "title": "Cyberattaques : les pouvoirs locaux renforcent leurs défenses",
        "description": (
            "Après plusieurs attaques par rançongiciel en Belgique, les communes "
            "sauvegardent mieux leurs données et forment leur personnel."
        ),
        "publication_date": date(2022, 11, 3),
        "outlet": "data-news",
        "journalist": "P. Va.",
        "subjects": ("cybersécurité", "IMIO", "formation"),
        "text": _html(
            "Copies de sauvegarde hors ligne, double authentification et "
            "exercices de crise font partie des mesures recommandées.",
        ),
    },
    {
        "id": "l-e-guichet-mutualise-depasse-les-cent-communes",
        "title": "L'e-guichet mutualisé dépasse les cent communes",
        "description": (
            "Le guichet en ligne partagé par les communes wallonnes franchit un "
            "cap ; les démarches les plus demandées restent les documents "
            "d'état civil et de population."
        ),
        "publication_date": date(2024, 2, 27),
        "outlet": "l-echo",
        "journalist": "S. Ro.",
        "page": "p. 3",
        "subjects": ("e-guichet", "mutualisation", "logiciels libres"),
        "text": _html(
            "Chaque nouvelle commune profite des formulaires déjà réalisés par les autres.",
        ),
    },
    {
        "id": "le-nouveau-site-de-la-commune-au-journal-televise",
        "title": "Le nouveau site de la commune présenté au journal télévisé",
        "description": (
            "La télévision locale a suivi la mise en ligne du nouveau site "
            "communal, plus lisible sur téléphone."
        ),
        "publication_date": date(2026, 1, 13),
        "outlet": "tv-lux",
        "journalist": "Rédaction TV Lux",
        "page": "JT de 18 h",
        "subjects": ("site web", "IMIO", "accessibilité"),
        "text": _html(
            "Le reportage insiste sur l'accessibilité du site pour les personnes "
            "malvoyantes et sur la recherche des démarches par mot-clé.",
        ),
    },
)


# The questions: facts of the seed question (Parlement de Wallonie, 518
# (2014-2015) 1), the others invented for the demo.
QUESTIONS = (
    {
        "id": "les-partenariats-sollicites-par-l-intercommunale-imio",
        "title": "Les partenariats sollicités par l'intercommunale IMIO",
        "description": (
            "IMIO peut-elle collaborer avec les services informatiques de la "
            "Wallonie et participer aux groupes de travail régionaux sur les "
            "pouvoirs locaux ?"
        ),
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "session": "2014-2015",
        "year": 2015,
        "number": "518 (2014-2015) 1",
        "question_date": date(2015, 7, 10),
        "asked_by": "DUPONT Jean-Marc",
        "addressed_to": "FURLAN Paul",
        "addressee_role": (
            "Ministre des Pouvoirs locaux, de la Ville, du Logement et de l'Energie"
        ),
        "subjects": ("IMIO", "mutualisation", "pouvoirs locaux"),
        "question_text": _html(
            "Le directeur général d'IMIO a présenté l'intercommunale comme un "
            "acteur public au service des pouvoirs locaux, et comme un "
            "interlocuteur pour les entreprises qui veulent proposer des "
            "solutions innovantes en Wallonie.",
            "Il demande qu'IMIO soit reconnue comme partenaire public par la "
            "Région : participation aux travaux de simplification, à un cadre "
            "wallon d'interopérabilité et aux choix technologiques, "
            "collaboration avec la DTIC et avec eWBS.",
            "Le ministre est-il favorable à cette participation et à ces "
            "collaborations ? Si oui, selon quelles procédures ?",
        ),
        "answers": (
            {
                "date": date(2015, 9, 7),
                "answered_by": "FURLAN Paul",
                "kind": "final",
                "text": (
                    "Née du rapprochement de Qualicité et de CommunesPlone, IMIO "
                    "s'est ouverte à tous les pouvoirs locaux après ses dix "
                    "membres fondateurs. Elle mutualise les développements "
                    "informatiques, promeut les logiciels libres et partage "
                    "connaissances et outils ; sa reconnaissance comme partenaire "
                    "public va de soi.\n\n"
                    "Le ministre a veillé à ce qu'elle prenne part aux groupes de "
                    "travail régionaux sur l'informatique des pouvoirs locaux et "
                    "la simplification administrative, sans lui confier la "
                    "définition des stratégies. Il voit en elle le « syndicat "
                    "technologique » de quelque 250 membres publics."
                ),
            },
        ),
    },
    {
        "id": "les-logiciels-libres-dans-les-administrations-locales",
        "title": "Le recours aux logiciels libres dans les administrations locales",
        "description": (
            "Quel soutien la Région apporte-t-elle aux communes qui choisissent "
            "des logiciels libres ?"
        ),
        "assembly": "parlement-wallonie",
        "question_type": "oral",
        "session": "2009-2010",
        "year": 2010,
        "number": "112 (2009-2010)",
        "question_date": date(2010, 2, 23),
        "asked_by": "MERTENS Luc",
        "asked_by_group": "Ecolo",
        "addressed_to": "LEROY Hélène",
        "addressee_role": "Ministre des Pouvoirs locaux",
        "subjects": ("logiciels libres", "CommunesPlone"),
        "question_text": _html(
            "Plusieurs communes développent ensemble leurs sites internet avec "
            "des logiciels libres. La Région compte-t-elle encourager ces "
            "initiatives ?",
        ),
        "answers": (
            {
                "date": date(2010, 2, 23),
                "answered_by": "LEROY Hélène",
                "kind": "final",
                "text": (
                    "La ministre annonce un appel à projets pour soutenir la "
                    "mutualisation informatique entre pouvoirs locaux."
                ),
            },
        ),
    },
    {
        "id": "le-financement-de-l-informatique-des-cpas",
        "title": "Le financement de l'informatisation des CPAS",
        "description": (
            "Une réponse d'attente, puis la réponse : les CPAS pourront adhérer "
            "aux solutions mutualisées aux mêmes conditions que les communes."
        ),
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "session": "2016-2017",
        "year": 2017,
        "number": "344 (2016-2017) 1",
        "question_date": date(2017, 3, 28),
        "asked_by": "PIRARD Nathalie",
        "asked_by_group": "MR",
        "addressed_to": "DELVAUX Marc",
        "addressee_role": "Ministre des Pouvoirs locaux et de l'Action sociale",
        "subjects": ("CPAS", "mutualisation", "financement"),
        "question_text": _html(
            "Les CPAS ont-ils accès aux logiciels mutualisés et à quel coût ?",
        ),
        "answers": (
            {
                "date": date(2017, 5, 2),
                "answered_by": "DELVAUX Marc",
                "kind": "holding",
                "text": (
                    "Les informations demandées sont en cours de collecte auprès "
                    "de l'administration ; une réponse complète suivra."
                ),
            },
            {
                "date": date(2017, 6, 20),
                "answered_by": "DELVAUX Marc",
                "kind": "final",
                "text": (
                    "Les CPAS peuvent adhérer aux mêmes conditions que les "
                    "communes ; une aide régionale couvre la première année."
                ),
            },
        ),
    },
    {
        "id": "l-acces-des-communes-au-registre-national",
        "title": "L'accès des communes au Registre national par les logiciels mutualisés",
        "description": (
            "Les logiciels communaux partagés peuvent-ils interroger directement le Registre national ?"
        ),
        "assembly": "chambre",
        "question_type": "written",
        "session": "2018-2019",
        "year": 2019,
        "number": "55-0117",
        "question_date": date(2019, 1, 15),
        "asked_by": "HUBERT Thomas",
        "asked_by_group": "cdH",
        "addressed_to": "LEJEUNE Sarah",
        "addressee_role": "Ministre de l'Intérieur",
        "subjects": ("Registre national", "interopérabilité"),
        "question_text": _html(
            "Quelles conditions une intercommunale doit-elle remplir pour "
            "offrir cet accès à ses membres ?",
        ),
        "answers": (
            {
                "date": date(2019, 3, 4),
                "answered_by": "LEJEUNE Sarah",
                "kind": "final",
                "text": (
                    "Une autorisation du comité de sécurité de l'information est "
                    "nécessaire ; elle peut couvrir l'ensemble des membres."
                ),
            },
            {
                "date": date(2019, 3, 11),
                "answered_by": "LEJEUNE Sarah",
                "kind": "correction",
                "text": "La date d'entrée en vigueur citée dans la réponse est corrigée.",
            },
        ),
    },
    {
        "id": "le-numerique-dans-les-ecoles-communales",
        "title": "Le numérique dans les écoles communales",
        "description": (
            "Interpellation sur l'équipement informatique des écoles "
            "fondamentales organisées par les communes."
        ),
        "assembly": "parlement-fwb",
        "question_type": "interpellation",
        "session": "2020-2021",
        "year": 2021,
        "number": "CRIC 42 (2020-2021)",
        "question_date": date(2021, 2, 9),
        "asked_by": "RENARD Michel",
        "asked_by_group": "PS",
        "addressed_to": "GILLET Anne",
        "addressee_role": "Ministre de l'Éducation",
        "subjects": ("enseignement", "numérique"),
        "question_text": _html(
            "Les écoles communales ont-elles reçu leur part des moyens du plan "
            "numérique ?",
        ),
        "answers": (
            {
                "date": date(2021, 2, 9),
                "answered_by": "GILLET Anne",
                "kind": "final",
                "text": "La ministre détaille la répartition des moyens par réseau.",
            },
            {
                "date": date(2021, 3, 2),
                "answered_by": "GILLET Anne",
                "kind": "complementary",
                "text": "Les chiffres par province sont transmis à la commission.",
            },
        ),
    },
    {
        "id": "les-pannes-du-guichet-en-ligne",
        "title": "Les pannes du guichet en ligne des communes",
        "description": "Question d'actualité après une panne de deux jours.",
        "assembly": "parlement-wallonie",
        "question_type": "topical",
        "session": "2022-2023",
        "year": 2023,
        "number": "QA 87 (2022-2023)",
        "question_date": date(2023, 11, 22),
        "asked_by": "LAMBERT Sophie",
        "asked_by_group": "Les Engagés",
        "addressed_to": "DUBOIS François",
        "addressee_role": "Ministre de la Fonction publique et de la Simplification administrative",
        "subjects": ("e-guichet", "continuité du service"),
        "question_text": _html(
            "Quelles mesures pour éviter une nouvelle interruption ?"
        ),
        "answers": (
            {
                "date": date(2023, 11, 22),
                "answered_by": "DUBOIS François",
                "kind": "final",
                "text": "Un second centre de données prendra le relais en cas de panne.",
            },
        ),
    },
    {
        "id": "la-cybersecurite-des-communes-wallonnes",
        "title": "La cybersécurité des communes wallonnes",
        "description": "Question écrite en attente de réponse.",
        "assembly": "parlement-wallonie",
        "question_type": "written",
        "session": "2024-2025",
        "year": 2025,
        "number": "201 (2024-2025) 1",
        "question_date": date(2025, 3, 12),
        "asked_by": "COLSON Julie",
        "asked_by_group": "PTB",
        "addressed_to": "DUBOIS François",
        "addressee_role": "Ministre des Pouvoirs locaux et du Numérique",
        "subjects": ("cybersécurité", "pouvoirs locaux"),
        "question_text": _html(
            "Combien de communes ont subi une cyberattaque ces trois dernières "
            "années et quel accompagnement la Région leur propose-t-elle ?",
        ),
        "answers": (),
    },
)


def _minimal_pdf(lines):
    """A one-page PDF showing ``lines``: a stand-in for a scanned clipping."""
    text = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) '")
    text.append("ET")
    stream = "\n".join(text).encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def _paper_version(article):
    outlet = dict(OUTLETS).get(article["outlet"], article["outlet"])
    lines = [
        "Version papier (document de démonstration)",
        "",
        article["title"],
        f"{outlet}, {article['publication_date'].strftime('%d/%m/%Y')}",
    ]
    return NamedBlobFile(
        data=_minimal_pdf(lines),
        contentType="application/pdf",
        filename=article["paper_version_file"],
    )


def _ensure_publication_workflow(portal_types):
    """Make sure "publish" exists for the demo types: a bare site may have no chain."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    if not workflow_tool.getDefaultChain():
        workflow_tool.setDefaultChain(DEMO_WORKFLOW)
    changed = False
    for portal_type in portal_types:
        chain = workflow_tool.getChainForPortalType(portal_type)
        if not chain:
            workflow_tool.setChainForPortalTypes((portal_type,), DEMO_WORKFLOW)
            changed = True
    if changed:
        workflow_tool.updateRoleMappings()


def _publish(obj):
    workflow_tool = api.portal.get_tool("portal_workflow")
    available = {
        transition["id"] for transition in workflow_tool.getTransitionsFor(obj)
    }
    if PUBLISH in available:
        api.content.transition(obj=obj, transition=PUBLISH)
    else:
        logger.warning(
            "demo: no %r transition for %s", PUBLISH, obj.absolute_url_path()
        )


# The themes (collective.taxonomy.themes tokens) each demo item is filed
# under, so that the press section's theme filter has something to show.
DEMO_THEMES = {
    "imio-touche-3-5-millions-d-habitants": [
        "intercommunales",
        "mutualisation-informatique",
    ],
    "les-communes-adoptent-le-logiciel-libre": ["logiciels-libres"],
    "un-guichet-en-ligne-pour-les-citoyens": ["administration-en-ligne"],
    "ia-delib-les-conseils-communaux-passent-au-numerique": [
        "administration-en-ligne",
        "gouvernance",
    ],
    "rgpd-les-communes-se-preparent": ["protection-des-donnees"],
    "conseils-communaux-a-distance": ["gouvernance", "administration-en-ligne"],
    "cyberattaques-les-pouvoirs-locaux-se-protegent": ["securite-informatique"],
    "l-e-guichet-mutualise-depasse-les-cent-communes": [
        "administration-en-ligne",
        "mutualisation-informatique",
    ],
    "le-nouveau-site-de-la-commune-au-journal-televise": ["administration-en-ligne"],
    "les-partenariats-sollicites-par-l-intercommunale-imio": [
        "intercommunales",
        "mutualisation-informatique",
    ],
    "les-logiciels-libres-dans-les-administrations-locales": ["logiciels-libres"],
    "le-financement-de-l-informatique-des-cpas": [
        "cpas-action-sociale",
        "finances-communales",
    ],
    "l-acces-des-communes-au-registre-national": [
        "etat-civil",
        "protection-des-donnees",
    ],
    "le-numerique-dans-les-ecoles-communales": [
        "enseignement",
        "inclusion-numerique",
    ],
    "les-pannes-du-guichet-en-ligne": ["administration-en-ligne"],
    "la-cybersecurite-des-communes-wallonnes": ["securite-informatique"],
}


def _ensure(container, portal_type, id, subjects=(), **fields):
    """The item ``id`` of ``container``: created and published if missing."""
    if id in container.objectIds():
        return container[id], False
    obj = api.content.create(
        container=container,
        type=portal_type,
        id=id,
        safe_id=False,
        **fields,
    )
    if subjects:
        # the factory sets attributes: the keywords go through their accessor
        obj.setSubject(subjects)
        obj.reindexObject(idxs=["Subject"])
    _publish(obj)
    return obj, True


def _article_fields(article):
    fields = {
        key: value
        for key, value in article.items()
        if key not in ("id", "text", "paper_version_file")
    }
    fields["text"] = RichTextValue(article["text"], "text/html", "text/x-html-safe")
    fields["themes"] = list(DEMO_THEMES.get(article["id"], ()))
    if "paper_version_file" in article:
        fields["paper_version"] = _paper_version(article)
    return fields


def _question_fields(question):
    fields = {key: value for key, value in question.items() if key not in ("id",)}
    fields["question_text"] = RichTextValue(
        question["question_text"], "text/html", "text/x-html-safe"
    )
    fields["answers"] = [dict(answer) for answer in question["answers"]]
    fields["themes"] = list(DEMO_THEMES.get(question["id"], ()))
    return fields


def create_demo_content(context):
    """Create the demo content (idempotent)."""
    portal = api.portal.get()
    _ensure_publication_workflow(
        (
            "Folder",
            "imio.pressbook.PressBook",
            "imio.pressbook.PressArticle",
            "imio.pressbook.ParliamentaryQuestion",
        )
    )
    created = 0
    presentation, new = _ensure(
        portal,
        PRESENTATION["type"],
        PRESENTATION["id"],
        title=PRESENTATION["title"],
        description=PRESENTATION["description"],
    )
    created += new
    press_book, new = _ensure(
        presentation,
        PRESS_BOOK["type"],
        PRESS_BOOK["id"],
        title=PRESS_BOOK["title"],
        description=PRESS_BOOK["description"],
        text=RichTextValue(PRESS_BOOK["text"], "text/html", "text/x-html-safe"),
    )
    created += new
    for article in ARTICLES:
        _, new = _ensure(
            press_book,
            "imio.pressbook.PressArticle",
            article["id"],
            **_article_fields(article),
        )
        created += new
    for question in QUESTIONS:
        _, new = _ensure(
            press_book,
            "imio.pressbook.ParliamentaryQuestion",
            question["id"],
            **_question_fields(question),
        )
        created += new
    # Index now, while the site is set: whoever commits (a test layer, a
    # script) may do it after unsetting the site, when the indexers can no
    # longer look up the site's language.
    processQueue()
    logger.info(
        "demo: %d item(s) created in %s", created, press_book.absolute_url_path()
    )
