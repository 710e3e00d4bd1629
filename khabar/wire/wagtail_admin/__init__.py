"""The wire desk in the Wagtail admin, one module per kind of part; ``wire/wagtail_hooks.py`` registers them."""
