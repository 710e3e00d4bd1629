"""The demo newsroom: its stories, then the comments app's discussion on them."""

from khabar.comments.demo import load_demo_comments
from khabar.newsroom.demo import load_demo


def load_demo_site() -> tuple[int, int]:
    """Load the demo stories, then their comments; returns how many of each were added."""
    stories = load_demo()
    return stories, load_demo_comments()
