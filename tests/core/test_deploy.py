"""Production settings pass Django's deployment checklist when the public address is https."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

KHABAR = Path(sys.executable).with_name("khabar")


def run_check(tmp_path, **extra):
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "KHABAR_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "KHABAR_BASE_URL": "https://news.example.org",
        "ALLOWED_HOSTS": "news.example.org",
        "DEBUG": "false",
        **extra,
    }
    return subprocess.run(
        [str(KHABAR), "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_has_no_warnings_in_production(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_settings_follow_the_public_address(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )

    def shell(base_url):
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "KHABAR_VAR_DIR": str(tmp_path / "var"),
            "KHABAR_BASE_URL": base_url,
        }
        result = subprocess.run(
            [str(KHABAR), "shell", "-c", code], env=environment, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert shell("https://news.example.org") == "True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    assert shell("http://127.0.0.1:8000") == "False 0 False False None"
