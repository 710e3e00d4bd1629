"""The agencies an import file credits in Arabic («أ.ب», «رويترز», «أ ف ب»), by their names."""

from khabar.arabic.normalize import normalize

# credit as printed in Arabic datelines → (agency name, website)
KNOWN_AGENCIES = {
    "أ.ب": ("Associated Press", "https://apnews.com"),
    "رويترز": ("Reuters", "https://www.reuters.com"),
    "أ ف ب": ("Agence France-Presse", "https://www.afp.com"),
    "د ب أ": ("Deutsche Presse-Agentur", "https://www.dpa.com"),
    "الأناضول": ("Anadolu Agency", "https://www.aa.com.tr"),
    "شينخوا": ("Xinhua", "https://english.news.cn"),
    "إفي": ("EFE", "https://efe.com"),
    "يونهاب": ("Yonhap", "https://en.yna.co.kr"),
    "تاس": ("TASS", "https://tass.com"),
    "واس": ("Saudi Press Agency", "https://www.spa.gov.sa"),
    "وام": ("Emirates News Agency", "https://www.wam.ae"),
    "قنا": ("Qatar News Agency", "https://www.qna.org.qa"),
    "كونا": ("Kuwait News Agency", "https://www.kuna.net.kw"),
    "بترا": ("Jordan News Agency", "https://petra.gov.jo"),
    "سانا": ("Syrian Arab News Agency", "https://sana.sy"),
    "وفا": ("Palestinian News and Info Agency", "https://www.wafa.ps"),
    "واج": ("Algeria Press Service", "https://www.aps.dz"),
    "لاماب": ("Maghreb Arabe Presse", "https://www.mapexpress.ma"),
    "أ ش أ": ("Middle East News Agency", "https://www.mena.org.eg"),
}


def credit_key(credit: str) -> str:
    """Spellings of one credit fold together: «أ.ب», «أ ب», «ا.ب.» → «اب»."""
    return "".join(ch for ch in normalize(credit) if ch not in " .·-_/")


_BY_KEY = {credit_key(credit): (credit, *agency) for credit, agency in KNOWN_AGENCIES.items()}


def known_agency(credit: str):
    """``(credit, name, website)`` of a well-known agency credited as ``credit``, or None."""
    return _BY_KEY.get(credit_key(credit))
