"""deploy/ stays in step with the code: the environment file names every variable the settings read, every
systemd unit restarts, nginx hands Khabar the headers its proxy settings believe."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def test_the_environment_example_names_every_variable_the_settings_read():
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', (ROOT / "khabar" / "settings.py").read_text()))
    example = (DEPLOY / "khabar.env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z_]+)=", example, re.M))
    assert "DATABASE_URL" in read and "RQ_URL" in read
    assert read - listed == set()


def test_every_unit_restarts_always_and_runs_a_khabar_process():
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert [unit.name for unit in units] == [
        "khabar-rq-worker@.service",
        "khabar-web.service",
        "khabar-worker.service",
    ]
    for unit in units:
        text = unit.read_text()
        assert "\nRestart=always\n" in text and "EnvironmentFile=/etc/khabar/khabar.env" in text
        assert re.search(r"^ExecStart=\S+/khabar (serve|db_worker|rq-worker)", text, re.M), unit.name


def test_nginx_sends_the_headers_khabar_trusts():
    conf = (DEPLOY / "nginx" / "khabar.conf").read_text()
    # SECURE_PROXY_SSL_HEADER is X-Forwarded-Proto: https; khabar/proxy.py reads X-Forwarded-For from the right.
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "listen 443 ssl;" in conf and "return 301 https://$host$request_uri;" in conf
    assert "proxy_cache " not in conf  # no page cache without tag purges


def test_the_cluster_script_is_valid_shell():
    subprocess.run(["bash", "-n", str(DEPLOY / "local-cluster.sh")], check=True)
