"""The main news agencies, so a fresh install credits wire copy from day one.

Each row: English name, Arabic name (the byline), dateline code, other names and codes the wire
writes (provider, copyright holder, «(AP)»), website. An agency already present under the same
name keeps what the newsroom set and only gains the fields it left empty.
"""

from django.db import migrations

AGENCIES = [
    ("Associated Press", "أسوشيتد برس", "أ.ب", ["AP", "The Associated Press"], "https://apnews.com"),
    ("Reuters", "رويترز", "رويترز", ["Thomson Reuters"], "https://www.reuters.com"),
    ("Agence France-Presse", "فرانس برس", "أ ف ب", ["AFP", "Agence France Presse"], "https://www.afp.com"),
    ("Deutsche Presse-Agentur", "الوكالة الألمانية للأنباء", "د ب أ", ["dpa"], "https://www.dpa.com"),
    ("EFE", "إفي", "إفي", ["Agencia EFE"], "https://efe.com"),
    ("ANSA", "أنسا", "أنسا", ["Agenzia ANSA", "Agenzia Nazionale Stampa Associata"], "https://www.ansa.it"),
    ("Xinhua", "شينخوا", "شينخوا", ["Xinhua News Agency", "New China News Agency"], "https://english.news.cn"),
    ("Kyodo News", "كيودو", "كيودو", ["Kyodo"], "https://english.kyodonews.net"),
    ("Anadolu Agency", "الأناضول", "الأناضول", ["Anadolu", "Anadolu Ajansi", "AA"], "https://www.aa.com.tr"),
    ("Yonhap", "يونهاب", "يونهاب", ["Yonhap News Agency"], "https://en.yna.co.kr"),
    ("TASS", "تاس", "تاس", ["ITAR-TASS"], "https://tass.com"),
    ("United Press International", "يونايتد برس إنترناشونال", "يو.بي.آي", ["UPI"], "https://www.upi.com"),
    ("Bloomberg", "بلومبرغ", "بلومبرغ", ["Bloomberg News"], "https://www.bloomberg.com"),
    ("Saudi Press Agency", "وكالة الأنباء السعودية", "واس", ["SPA"], "https://www.spa.gov.sa"),
    ("Emirates News Agency", "وكالة أنباء الإمارات", "وام", ["WAM"], "https://www.wam.ae"),
    ("Qatar News Agency", "وكالة الأنباء القطرية", "قنا", ["QNA"], "https://www.qna.org.qa"),
    ("Kuwait News Agency", "وكالة الأنباء الكويتية", "كونا", ["KUNA"], "https://www.kuna.net.kw"),
    ("Jordan News Agency", "وكالة الأنباء الأردنية", "بترا", ["Petra"], "https://petra.gov.jo"),
    ("Syrian Arab News Agency", "الوكالة العربية السورية للأنباء", "سانا", ["SANA"], "https://sana.sy"),
    ("Palestinian News and Info Agency", "وكالة الأنباء الفلسطينية", "وفا", ["WAFA"], "https://www.wafa.ps"),
    ("Algeria Press Service", "وكالة الأنباء الجزائرية", "واج", ["APS"], "https://www.aps.dz"),
    ("Maghreb Arabe Presse", "وكالة المغرب العربي للأنباء", "لاماب", ["MAP"], "https://www.mapexpress.ma"),
    ("Middle East News Agency", "وكالة أنباء الشرق الأوسط", "أ ش أ", ["MENA"], "https://www.mena.org.eg"),
]


def seed(apps, schema_editor):
    Agency = apps.get_model("newsroom", "Agency")
    for name, arabic_name, credit, aliases, website in AGENCIES:
        agency, created = Agency.objects.get_or_create(
            name=name,
            defaults={
                "arabic_name": arabic_name,
                "credit": credit,
                "aliases": "\n".join(aliases),
                "website": website,
            },
        )
        if not created:
            agency.arabic_name = agency.arabic_name or arabic_name
            agency.credit = agency.credit or credit
            agency.aliases = agency.aliases or "\n".join(aliases)
            agency.website = agency.website or website
            agency.save()


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0008_agency_names_and_translator_credit")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
