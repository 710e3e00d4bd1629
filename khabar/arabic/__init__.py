"""Pure-Python Arabic text tools shared by pages, the desk, QA, comments and search.

Nothing in this package imports Django, so it can be tested and reused alone.
"""
