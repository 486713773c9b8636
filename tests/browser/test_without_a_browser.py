"""Without Chromium the browser tests skip and say why, unless DPUP_REQUIRE_BROWSER=1."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONE_JOURNEY = "tests/browser/test_portfolio_and_access.py"


def _run_without_chromium(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "DPUP_REQUIRE_BROWSER"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", ONE_JOURNEY, "-rs", "-q"],
        cwd=ROOT,
        env={**clean, "DPUP_CHROMIUM": "/nonexistent/chromium", **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_browser_tests_skip_with_a_visible_reason_when_chromium_is_missing():
    result = _run_without_chromium()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SKIPPED" in result.stdout
    assert "Chromium is not installed" in result.stdout
    assert "set DPUP_REQUIRE_BROWSER=1 to make this a failure" in result.stdout


def test_a_missing_chromium_fails_the_run_when_the_browser_is_required():
    result = _run_without_chromium(DPUP_REQUIRE_BROWSER="1")
    assert result.returncode != 0
    assert "DPUP_REQUIRE_BROWSER=1 but Chromium is not installed" in result.stdout
    assert "passed" not in result.stdout.splitlines()[-1]
