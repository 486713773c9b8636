"""The engine stands alone: no Django, no ORM, the same wherever it runs."""

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "principles"
DEMO = ROOT / "assessments" / "demo_data" / "over-65-population-map.json"


def test_no_module_in_principles_imports_django():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}: {n}"
                for n in names
                if n.startswith(("django", "assessments"))
            ]
    assert offenders == []


def test_scores_in_a_fresh_interpreter_that_cannot_import_django():
    # A meta-path finder that refuses django proves scoring never reaches for it.
    program = f"""
import importlib.abc, json, sys
class NoDjango(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("django is not allowed here")
sys.meta_path.insert(0, NoDjango())
import principles
doc = json.load(open({str(DEMO)!r}, encoding="utf-8"))
print(principles.score(doc).readiness)
"""
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ready"
    assert json.loads(DEMO.read_text(encoding="utf-8"))["title"]
