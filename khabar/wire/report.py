"""What filing payloads did: counts and rejections, for the command line, the poller and the log."""

from dataclasses import dataclass, field


@dataclass
class IngestReport:
    files: int = 0
    items_created: int = 0
    items_updated: int = 0
    duplicates: int = 0
    killed: int = 0
    rejected: list = field(default_factory=list)
    unreadable: int = 0

    def as_json(self) -> dict:
        return {
            "files": self.files,
            "items_created": self.items_created,
            "items_updated": self.items_updated,
            "duplicates": self.duplicates,
            "killed": self.killed,
            "rejected": self.rejected,
        }

    def _mark(self):
        return (self.items_created, self.items_updated, self.duplicates, self.killed, len(self.rejected))

    def _rewind(self, mark):
        self.items_created, self.items_updated, self.duplicates, self.killed = mark[:4]
        del self.rejected[mark[4] :]
