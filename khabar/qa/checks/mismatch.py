"""Reporting what one text has and the other lacks (numbers, days, months) as findings."""

from ..findings import ERROR, Finding


def report(code, pair, missing, extra, changed, absent, unexpected):
    """Findings for English items ``missing`` from the Arabic and Arabic items ``extra`` to it.

    Paired in order, a missing and an extra item are one change («59» for «95»),
    reported at the Arabic item; the rest are absent (at the whole paragraph) or
    unexpected (at the Arabic item). ``changed``, ``absent`` and ``unexpected``
    build the Arabic messages.
    """
    for en, ar in zip(missing, extra, strict=False):
        yield Finding(code, ERROR, pair.index, ar.start, ar.end, changed(en, ar))
    for en in missing[len(extra) :]:
        yield Finding(code, ERROR, pair.index, 0, len(pair.target), absent(en))
    for ar in extra[len(missing) :]:
        yield Finding(code, ERROR, pair.index, ar.start, ar.end, unexpected(ar))
