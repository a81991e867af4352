"""The development secret key: refused by `check --deploy` and the production server, never at import."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

FRONTDOOR = Path(sys.executable).with_name("frontdoor")


def _operator_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTDOOR_", "DATABASE_URL", "DJANGO_"))}
    env.update({"FRONTDOOR_DATA_DIR": str(tmp_path)}, **extra)
    return env


def test_check_deploy_refuses_the_development_key() -> None:
    with pytest.raises(SystemCheckError, match="FRONTDOOR_SECRET_KEY"):
        call_command("check", deploy=True, fail_level="ERROR")


@override_settings(SECRET_KEY="a-real-key-" + "x" * 50)
def test_check_deploy_accepts_a_real_key() -> None:
    from frontdoor.core.checks import development_secret_key

    assert development_secret_key() == []


def test_operator_commands_run_without_a_secret_key_and_with_debug_off(tmp_path: Path) -> None:
    env = _operator_env(tmp_path)
    for args in (["migrate", "--noinput"], ["people", "reindex"], ["check"]):
        run = subprocess.run([str(FRONTDOOR), *args], env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
        assert run.returncode == 0, (args, run.stderr[-2000:])


def test_the_production_server_refuses_the_development_key(tmp_path: Path) -> None:
    code = "import frontdoor.wsgi"
    refused = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=_operator_env(tmp_path), capture_output=True, text=True, timeout=120
    )
    assert refused.returncode != 0
    assert "FRONTDOOR_SECRET_KEY is not set" in refused.stderr
    started = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=_operator_env(tmp_path, FRONTDOOR_SECRET_KEY="k" * 60),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr[-2000:]


def test_check_deploy_warns_when_email_links_would_point_at_this_machine(settings) -> None:  # noqa: ANN001
    from frontdoor.core.checks import email_links_leave_this_machine

    settings.FRONTDOOR_BASE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in email_links_leave_this_machine()] == ["frontdoor.W011"]
    settings.FRONTDOOR_BASE_URL = "https://frontdoor.example.gov.uk"
    assert email_links_leave_this_machine() == []
