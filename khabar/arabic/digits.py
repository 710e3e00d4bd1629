"""Western (0-9), Arabic-Indic (٠-٩) and Persian (۰-۹) digits."""

WESTERN = "0123456789"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"

_TO_WESTERN = str.maketrans(ARABIC_INDIC + PERSIAN, WESTERN * 2)
_TO_ARABIC_INDIC = str.maketrans(WESTERN + PERSIAN, ARABIC_INDIC * 2)


def to_western(text: str) -> str:
    """Replace Arabic-Indic and Persian digits with Western ones."""
    return text.translate(_TO_WESTERN)


def to_arabic_indic(text: str) -> str:
    """Replace Western and Persian digits with Arabic-Indic ones."""
    return text.translate(_TO_ARABIC_INDIC)


def localise(text: str, style: str) -> str:
    """Render digits in ``style``: ``"western"`` or ``"arabic-indic"``."""
    if style == "arabic-indic":
        return to_arabic_indic(text)
    return to_western(text)
