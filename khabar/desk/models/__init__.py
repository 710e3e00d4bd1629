from .glossary import GlossaryTerm
from .memory import MemorySegment

__all__ = ["GlossaryTerm", "MemorySegment"]
