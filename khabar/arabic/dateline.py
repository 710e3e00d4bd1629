"""The agency dateline that opens a story: «موسكو (أ.ب) —»."""

DASH = "—"


def format_dateline(city: str, credit: str = "") -> str:
    """«CITY (CREDIT) —»; «CITY —» without an agency; empty without a city."""
    city = " ".join(city.split())
    credit = " ".join(credit.split())
    if not city:
        return ""
    if credit:
        return f"{city} ({credit}) {DASH}"
    return f"{city} {DASH}"
