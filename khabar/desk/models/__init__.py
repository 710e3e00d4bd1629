from .glossary import GlossaryTerm
from .memory import MemorySegment
from .translation import PublishOverride, Segment, Translation
from .workflow import CopyCheckedApprovalTask

__all__ = [
    "CopyCheckedApprovalTask",
    "GlossaryTerm",
    "MemorySegment",
    "PublishOverride",
    "Segment",
    "Translation",
]
