"""The static files storage answers each file's hashed URL as WhiteNoise's does, computed once."""

import json

from whitenoise.storage import CompressedManifestStaticFilesStorage

from khabar.core.staticfiles import StaticFilesStorage


def test_urls_are_the_hashed_ones_and_computed_once(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps(
            {"version": "1.1", "paths": {"khabar/css/site.css": "khabar/css/site.abc123.css"}, "hash": "x"}
        )
    )
    ours = StaticFilesStorage(location=tmp_path, base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert (
        ours.url("khabar/css/site.css")
        == theirs.url("khabar/css/site.css")
        == "/static/khabar/css/site.abc123.css"
    )
    ours.hashed_files = {}  # a second call does not look the manifest up again
    assert ours.url("khabar/css/site.css") == "/static/khabar/css/site.abc123.css"
