"""What a copy check reports: one ``Finding`` per problem in the Arabic text."""

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at ``target[paragraph][start:end]``, with a message for the editor in Arabic.

    ``paragraph`` counts Arabic paragraphs from 0. When the problem has no place in
    the Arabic text (a number or name the translation lacks), the span covers the
    whole paragraph; for an English paragraph with no translation at all,
    ``paragraph`` is that English paragraph's index and the span is empty (0, 0).
    """

    code: str
    severity: str
    paragraph: int
    start: int
    end: int
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def has_errors(findings) -> bool:
    """True when any finding blocks publishing (warnings never do)."""
    return any(f.severity == ERROR for f in findings)
