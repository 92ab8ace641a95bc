"""Test settings: the same as production but fast hashing and tasks run inline."""

from config.settings import *  # noqa: F403
from config.settings import PASSWORD_HASHERS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# A module app that exists only for the tests: it registers its own metric, unit and counting
# rule, proving that a module plugs into the metric registry without editing dure/programs.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.metric_plugin"]  # noqa: F405
# The live test server speaks plain HTTP; production keeps secure cookies (tests/test_deploy.py).
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
