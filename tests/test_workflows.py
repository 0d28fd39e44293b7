"""The GitHub workflows and the installs: linted with zizmor (from PyPI) and checked for the
project's rules – least permissions, actions pinned to commits, no pull_request_target, no user
text in run:, the issue text parsed without write rights, packages only from the lock files in
requirements/ (pinned with hashes, complete for pyproject.toml)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
LOCKS = REPO / "requirements"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


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


def steps(path: Path, job: str) -> list[dict]:
    return load(path)["jobs"][job]["steps"]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def test_the_workflows_exist():
    # every other workflow is held to the same rules by the tests below
    expected = {"ci.yml", "issue-to-pr.yml", "newest.yml", "pages.yml", "stale.yml"}
    assert expected <= {p.name for p in WORKFLOWS}


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
    assert "pull_request" in on
    assert "push" in on
    for needed in ("catalogue validate --format github", "./dev test",
                   "mkdocs build --strict", "actions/upload-artifact@"):  # fmt: skip
        assert needed in ci


def test_ci_uploads_the_preview_only_from_a_successful_build():
    job = steps(REPO / ".github/workflows/ci.yml", "pruefen")
    build = next(s for s in job if "mkdocs build" in s.get("run", ""))
    upload = next(s for s in job if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert f"steps.{build['id']}.outcome == 'success'" in upload["if"]


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


def test_pages_also_deploys_daily_so_that_dates_take_effect_without_a_commit():
    """A collaboration whose ``until`` has passed shows as closed on the next morning's site."""
    pages = load(REPO / ".github/workflows/pages.yml")
    (cron,) = (entry["cron"] for entry in pages["on"]["schedule"])
    minute, hour, *every_day = cron.split()
    assert every_day == ["*", "*", "*"]
    assert minute.isdigit()  # once a day, at a fixed time
    assert hour.isdigit()
    assert "workflow_dispatch" in pages["on"]


def test_pages_uploads_and_deploys_only_after_a_successful_build():
    pages = load(REPO / ".github/workflows/pages.yml")
    job = pages["jobs"]["bauen"]["steps"]
    upload = next(i for i, s in enumerate(job) if "upload-pages-artifact@" in s.get("uses", ""))
    assert any("mkdocs build --strict" in s.get("run", "") for s in job[:upload])
    for step in job[: upload + 1]:
        assert not step.get("continue-on-error"), step["name"]
    assert job[upload].get("if", "${{ success() }}") in ("${{ success() }}", "success()")
    deploy = pages["jobs"]["veroeffentlichen"]
    assert deploy["needs"] == "bauen"
    assert "if" not in deploy


# --- issue-to-pr: the untrusted text is parsed without write rights -------------------------

ISSUE_TO_PR = REPO / ".github/workflows/issue-to-pr.yml"


def test_issue_to_pr_runs_only_for_the_label_and_reads_the_body_from_the_event():
    workflow = load(ISSUE_TO_PR)
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    assert list(workflow["jobs"]) == ["pruefen", "uebernehmen"]
    job = workflow["jobs"]["pruefen"]
    assert "github.event.label.name == 'uebernehmen'" in job["if"]
    assert "catalogue from-issue --event" in runs(job)
    assert "--current-body-file" in runs(job)
    assert "EINREICHUNG_TOKEN" in ISSUE_TO_PR.read_text(encoding="utf-8")


def test_issue_to_pr_parses_without_any_write_right_and_hands_on_only_an_artifact():
    job = load(ISSUE_TO_PR)["jobs"]["pruefen"]
    assert job["permissions"] == {"contents": "read", "issues": "read"}
    text = yaml.safe_dump(job)
    assert "secrets." not in text  # not even EINREICHUNG_TOKEN
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 1
    assert uploads[0]["with"]["path"] == "${{ runner.temp }}/einreichung/"


def test_issue_to_pr_push_job_never_processes_the_issue_text():
    workflow = load(ISSUE_TO_PR)
    job = workflow["jobs"]["uebernehmen"]
    assert job["needs"] == "pruefen"
    assert job["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    assert any(s.get("uses", "").startswith("actions/download-artifact@") for s in job["steps"])
    # no project code, no Python, no install: only shell, git and gh on the checked result
    forbidden = ("catalogue", "from-issue", "python", "pip", "./dev", ".venv", "GITHUB_EVENT_PATH")
    for word in forbidden:
        assert word not in runs(job), word
    assert not any(s.get("uses", "").startswith("actions/setup-python@") for s in job["steps"])
    # path and branch from the first job are checked again before they touch git
    assert "measures/${id}\\.md|libraries/${id}\\.yml" in runs(job)
    assert "^einreichung/[a-z0-9-]+$" in runs(job)


def test_issue_text_never_appears_in_an_expression():
    text = ISSUE_TO_PR.read_text(encoding="utf-8")
    for expression in re.findall(r"\$\{\{(.*?)\}\}", text):
        assert "issue.body" not in expression, expression
        assert "issue.title" not in expression, expression
        assert "event.comment" not in expression, expression


# --- the weekly run with the newest versions --------------------------------------------------

NEWEST = REPO / ".github/workflows/newest.yml"


def test_newest_runs_weekly_without_the_lock_and_reports_failures_as_an_issue():
    workflow = load(NEWEST)
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = (entry["cron"] for entry in workflow["on"]["schedule"])
    assert cron.split()[2:] == ["*", "*", "1"]  # once a week
    assert workflow["permissions"] == {}
    test = workflow["jobs"]["testen"]
    assert test["permissions"] == {"contents": "read"}
    assert "./dev newest" in runs(test)
    report = workflow["jobs"]["melden"]
    assert report["needs"] == "testen"
    assert "failure()" in report["if"]
    assert report["permissions"] == {"issues": "write"}
    assert "gh issue create" in runs(report)
    assert "gh issue comment" in runs(report)
    assert "actions/checkout@" not in yaml.safe_dump(report)  # reports only, runs no code


def test_dependabot_updates_pip_and_actions_weekly():
    config = yaml.safe_load((REPO / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    assert all(u["schedule"]["interval"] == "weekly" for u in updates.values())
    assert "/requirements" in updates["pip"]["directories"]


# --- installs: only from the lock files, with hashes ----------------------------------------


def test_workflows_install_only_through_dev_from_the_lock_files():
    for path in WORKFLOWS:
        for name, job in load(path)["jobs"].items():
            text = runs(job)
            assert "pip install" not in text, f"{path.name}/{name}: ./dev setup site|test"
            uses_venv = ".venv/bin/" in text or "./dev test" in text
            if path == NEWEST:
                assert not uses_venv or "./dev newest" in text
            elif uses_venv:
                assert re.search(r"\./dev setup (site|test)\b", text), f"{path.name}/{name}"


def shell_lines(text: str) -> list[str]:
    """The lines of a shell script with continuations joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line.strip() for line in joined.splitlines() if not line.strip().startswith("#")]


def is_pip_install(line: str) -> bool:
    words = line.split()
    return "install" in words[:5] and any(w.strip('"').endswith(("pip", "pip3")) for w in words[:3])


def test_dev_installs_packages_only_from_lock_files_with_hashes():
    dev = (REPO / "dev").read_text(encoding="utf-8")
    newest = re.search(r"^setup_newest\(\) \{\n(.*?)^\}", dev, re.S | re.M)
    assert newest, "setup_newest"
    locked = dev.replace(newest.group(0), "")
    installs = [line for line in shell_lines(locked) if is_pip_install(line)]
    assert len(installs) >= 3
    for line in installs:
        assert re.search(
            r"--require-hashes --no-deps .*-r \S*(\$lock|requirements/|\$LOCKS/)", line
        ) or line.endswith("--no-deps --no-build-isolation -e ."), line
    # serve and build take the site lock, test and bench the test lock; the stamp is the
    # hash of the lock file that was installed
    assert re.search(r'sha256sum "\$LOCKS/\$1\.txt"', dev)
    assert 'lock="$LOCKS/$1.txt"' in dev
    expected = {"serve": "site", "build": "site", "test": "test", "bench": "test"}
    for command, lock in expected.items():
        assert re.search(rf"^  {command}\)\n    setup {lock}\n", dev, re.M), command
    # the unlocked install is only the one of ./dev newest
    assert '-e ".[test]"' in newest.group(1)
    assert (REPO / ".ci/run").read_text(encoding="utf-8").rstrip().endswith("exec ./dev test")


@dataclass
class Pin:
    name: str
    version: str
    marker: str
    hashes: set[str] = field(default_factory=set)


LOCK_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)(?: ; (.+?))?(?: \\)?$")


def read_lock(name: str) -> list[Pin]:
    pins: list[Pin] = []
    for line in (LOCKS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("--hash=sha256:"):
            pins[-1].hashes.add(stripped.removeprefix("--hash=sha256:").removesuffix(" \\"))
            continue
        match = LOCK_LINE.match(line)
        assert match, f"{name}.txt: {line}"
        pins.append(Pin(canonicalize_name(match[1]), match[2], match[3] or ""))
    return pins


def requirements(*extras: str) -> list[Requirement]:
    """pyproject.toml's requirements: build backend, core, the given extras (self-references
    of the project, like bib-katalog[site], are resolved to their extras)."""
    project = PYPROJECT["project"]
    found = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    found += [Requirement(r) for r in project["dependencies"]]
    todo, seen = list(extras), set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for requirement in map(Requirement, project["optional-dependencies"][extra]):
            if canonicalize_name(requirement.name) == canonicalize_name(project["name"]):
                todo += requirement.extras
            else:
                found.append(requirement)
    return found


@pytest.mark.parametrize("lock", ["site", "test", "uv"])
def test_every_lock_entry_is_pinned_with_hashes(lock):
    pins = read_lock(lock)
    assert pins
    for pin in pins:
        assert pin.hashes, f"{lock}.txt: {pin.name} ohne Hash"
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in pin.hashes), pin.name


@pytest.mark.parametrize(("lock", "extras"), [("site", ("site",)), ("test", ("test",))])
def test_the_lock_holds_every_requirement_of_pyproject(lock, extras):
    """A dependency added to pyproject.toml without `./dev lock` fails here, not on a fresh
    clone; so does a lower bound the locked version no longer meets."""
    pins: dict[str, list[Pin]] = {}
    for pin in read_lock(lock):
        pins.setdefault(pin.name, []).append(pin)
    for requirement in requirements(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} fehlt in requirements/{lock}.txt: ./dev lock"
        for pin in pins[name]:
            assert requirement.specifier.contains(pin.version, prereleases=True), (
                f"requirements/{lock}.txt: {name}=={pin.version} passt nicht zu "
                f"„{requirement}“ in pyproject.toml: ./dev lock"
            )


def test_the_site_lock_is_part_of_the_test_lock():
    """./dev serve after ./dev test installs nothing: the same versions, the same files."""
    test = {(p.name, p.marker): p for p in read_lock("test")}
    for pin in read_lock("site"):
        assert (pin.name, pin.marker) in test, pin.name
        assert test[pin.name, pin.marker].version == pin.version, pin.name
        assert test[pin.name, pin.marker].hashes == pin.hashes, pin.name


def test_the_locks_name_their_python_and_their_command():
    lowest = re.fullmatch(r">=\s*(3\.\d+)", PYPROJECT["project"]["requires-python"])
    assert lowest, "requires-python: >=3.X"
    dev = (REPO / "dev").read_text(encoding="utf-8")
    assert f"LOCK_PYTHON={lowest[1]}" in dev
    for lock in ("site", "test"):
        header = (LOCKS / f"{lock}.txt").read_text(encoding="utf-8").split("\n\n")[0][:1500]
        assert "./dev lock" in header
        assert f"Python >= {lowest[1]}" in header
        assert "--universal" in header


def test_pre_commit_files():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "catalogue-validate"
    assert hooks[0]["entry"] == "catalogue validate"
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "catalogue-validate" in ids


def test_a_content_pull_request_gets_its_verdict_without_the_full_suite():
    jobs = load(REPO / ".github/workflows/ci.yml")["jobs"]
    assert "./dev test" not in runs(jobs["pruefen"])  # validation, generated files, preview
    assert "catalogue validate --format github" in runs(jobs["pruefen"])
    assert "./dev setup site" in runs(jobs["pruefen"])  # the light install
    assert jobs["testen"]["needs"] == "aenderungen"
    assert jobs["testen"]["if"] == "needs.aenderungen.outputs.nur_inhalt != 'true'"
    assert "^(measures|libraries)/" in runs(jobs["aenderungen"])
    on = load(REPO / ".github/workflows/ci.yml")["on"]
    assert "schedule" in on  # the full suite daily on main


def test_the_content_only_check_of_the_changed_paths(tmp_path):
    """The shell step of `aenderungen`, run on a real repository with two commits."""
    script = next(
        s["run"]
        for s in load(REPO / ".github/workflows/ci.yml")["jobs"]["aenderungen"]["steps"]
        if "run" in s
    )

    def verdict(*changed: str) -> str:
        repo = tmp_path / f"r{len(list(tmp_path.iterdir()))}"
        repo.mkdir()
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(repo)]
        subprocess.run([*git, "init", "-q"], check=True)
        (repo / "README").write_text("x")
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "a"], check=True)
        for path in changed:
            (repo / path).parent.mkdir(parents=True, exist_ok=True)
            (repo / path).write_text("y")
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "b"], check=True)
        output = repo / ".output"
        env = {"PATH": "/usr/bin:/bin", "EVENT": "pull_request", "GITHUB_OUTPUT": str(output)}
        subprocess.run(["bash", "-c", script], cwd=repo, env=env, check=True)
        return output.read_text().strip()

    assert verdict("measures/a.md", "libraries/b.yml") == "nur_inhalt=true"
    assert verdict("measures/a.md", "generator/x.py") == "nur_inhalt=false"
    assert verdict("mkdocs.yml") == "nur_inhalt=false"
