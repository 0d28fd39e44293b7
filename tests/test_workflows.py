"""The GitHub workflows: linted with zizmor (from PyPI) and checked for the project's rules –
least permissions, actions pinned to commits, no pull_request_target, no user text in run:."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def zizmor() -> str:
    found = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if not found:
        pytest.fail("zizmor fehlt: pip install -e '.[test]'")
    return found


def load(path: Path) -> dict:
    # "on" is a YAML 1.1 boolean for PyYAML; read it back as the key it is.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_the_three_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "issue-to-pr.yml", "pages.yml"]


def test_zizmor_finds_nothing():
    result = subprocess.run(
        [zizmor(), "--offline", "--no-progress", "--format", "plain", str(REPO / ".github")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_zizmor_would_catch_an_injection(tmp_path):
    bad = tmp_path / ".github/workflows/bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: issues\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        '    steps:\n      - run: echo "${{ github.event.issue.title }}"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [zizmor(), "--offline", "--no-progress", "--format", "plain", str(tmp_path / ".github")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "template-injection" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_declared(path):
    workflow = load(path)
    assert "permissions" in workflow, "top-level permissions"
    top = workflow["permissions"]
    assert top == {} or set(top.values()) <= {"read"}, "write rights only per job"
    for job in workflow["jobs"].values():
        for scope, level in (job.get("permissions") or {}).items():
            assert level in ("read", "write", "none"), scope


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commits_with_a_version_comment(path):
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert PINNED.match(action), action
        assert re.match(r"\s+# v\d+\.\d+\.\d+$", comment), f"{action}: # vX.Y.Z fehlt"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expressions_in_run_and_no_pull_request_target(path):
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    assert "workflow_run" not in workflow["on"]
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step.get("name")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_does_not_keep_credentials(path):
    workflow = load(path)
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_ci_runs_validation_with_annotations_tests_build_and_preview():
    ci = (REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    on = load(REPO / ".github/workflows/ci.yml")["on"]
    assert "pull_request" in on and "push" in on
    for needed in ("catalogue validate --format github", "./dev test",
                   "mkdocs build --strict", "actions/upload-artifact@"):  # fmt: skip
        assert needed in ci


def test_pages_deploys_with_the_official_actions():
    pages = load(REPO / ".github/workflows/pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    text = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}@" in text
    assert pages["jobs"]["veroeffentlichen"]["permissions"] == {
        "pages": "write",
        "id-token": "write",
    }


def test_issue_to_pr_runs_only_for_the_label_and_reads_the_body_from_the_event():
    workflow = load(REPO / ".github/workflows/issue-to-pr.yml")
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    job = workflow["jobs"]["uebernehmen"]
    assert "github.event.label.name == 'uebernehmen'" in job["if"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "catalogue from-issue --event" in runs and "--current-body-file" in runs
    assert "EINREICHUNG_TOKEN" in (REPO / ".github/workflows/issue-to-pr.yml").read_text(
        encoding="utf-8"
    )


def test_pre_commit_files():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "catalogue-validate"
    assert hooks[0]["entry"] == "catalogue validate"
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "catalogue-validate" in ids
