"""Khabar's settings for the test suite: the real ones, minus what needs a build step."""

from khabar.settings import *  # noqa: F403
from khabar.settings import cache_config, env

# Templates render without `collectstatic`; WhiteNoise serves from the app folders.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run inline unless a test asks for the database worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The cache CACHE_URL names (CI's PostgreSQL run uses Redis); local memory otherwise.
CACHES = {"default": cache_config(env("CACHE_URL", default="locmemcache://khabar-tests"))}
AXES_ENABLED = True
# Tests start from an empty glossary so their copy checks see only the terms they create; the
# `starter_glossary` fixture loads the starter terms for the tests that need them.
KHABAR_STARTER_GLOSSARY = False
