"""The GitHub Actions workflows: every push is tested, and the student edition is published only after.

They cannot run here; these tests read them as GitHub would and check the order of their steps.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FLOWS = ROOT / ".github" / "workflows"


def _flow(name: str) -> dict:
    flow = yaml.safe_load((FLOWS / name).read_text())
    flow["on"] = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    return flow


def _steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job["steps"]]


def test_every_push_and_pull_request_runs_the_full_tier():
    flow = _flow("test.yml")
    assert "push" in flow["on"] and "pull_request" in flow["on"]
    assert flow["on"]["push"] is None or "branches" not in flow["on"]["push"]  # every branch
    runs = [s.get("run", "") for s in _steps(flow)]
    assert any(re.search(r"\bbash \.ci/run\b", r) for r in runs), runs
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^exec make test-all\s*$", ci_run, re.M), "the workflow's .ci/run must run the full tier"
    python = next(s for s in _steps(flow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"


def test_the_student_release_waits_for_the_tests_on_main():
    tests = _flow("test.yml")
    flow = _flow("student-release.yml")
    trigger = flow["on"]
    assert "push" not in trigger, "a push must not publish before the tests pass"
    assert trigger["workflow_run"]["workflows"] == [tests["name"]]
    assert trigger["workflow_run"]["types"] == ["completed"]
    assert trigger["workflow_run"]["branches"] == ["main"]
    (job,) = flow["jobs"].values()
    assert "conclusion == 'success'" in job["if"] and "event == 'push'" in job["if"]
    steps = _steps(flow)
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"  # the commit that passed
    runs = [s.get("run", "") for s in steps]
    build = next(i for i, r in enumerate(runs) if "make release BRANCH=student" in r)
    assert build == len(steps) - 2 and steps[-1].get("if") == "always()"  # then only the key is removed


def test_the_student_edition_is_pushed_to_its_own_repository_with_its_own_key():
    """Issue 27: never a branch of this repository (one `git fetch origin main` from the keys)."""
    flow = _flow("student-release.yml")
    (job,) = flow["jobs"].values()
    steps = _steps(flow)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "git push" not in runs, "the release pushes (tools/publish.py), never to this repository's origin"
    release = next(s for s in steps if "make release" in s.get("run", ""))
    command = re.search(r"make release .*", release["run"]).group(0)
    assert 'PUSH_TO="git@github.com:${STUDENT_REPOSITORY}.git"' in command and "STUDENT_REPO=" in command
    # the student repository is a setting, by default this one's name with -student
    assert (
        job["env"]["STUDENT_REPOSITORY"] == "${{ vars.STUDENT_REPOSITORY || format('{0}-student', github.repository) }}"
    )
    # pushed with a deploy key of its own, from a clearly named secret; this repository is only read
    key = next(s for s in steps if "STUDENT_DEPLOY_KEY" in s.get("env", {}))
    assert key["env"]["STUDENT_DEPLOY_KEY"] == "${{ secrets.STUDENT_DEPLOY_KEY }}"
    assert steps.index(key) < steps.index(release)
    assert (
        "student_deploy_key" in release["env"]["GIT_SSH_COMMAND"]
        and "StrictHostKeyChecking=yes" in release["env"]["GIT_SSH_COMMAND"]
    )
    assert "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl" in key["run"]
    assert flow.get("permissions") == {"contents": "read"}
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert "secrets." not in runs  # a secret reaches a command through env only, never pasted into it
    # the one-time set-up the error message points at is in both READMEs
    for readme in ("README.md", "README.id.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        assert "STUDENT_DEPLOY_KEY" in text and "STUDENT_REPOSITORY" in text, readme


def test_the_rehearsal_screenshots_are_kept_even_when_a_test_fails():
    """Issue 22: the class rehearsal's screenshots of each step are the run's artefacts."""
    steps = _steps(_flow("test.yml"))
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload.get("if") == "always()"
    assert "tests/classroom/artifacts/" in upload["with"]["path"]
    assert steps.index(upload) > next(i for i, s in enumerate(steps) if ".ci/run" in s.get("run", ""))


def test_the_lite_site_is_built_from_the_student_edition_and_published_after_the_tests():
    """Issue 28: GitHub Pages gets the JupyterLite site (make lite) of a commit of main whose tests passed."""
    tests = _flow("test.yml")
    flow = _flow("lite.yml")
    trigger = flow["on"]
    assert "push" not in trigger and trigger["workflow_run"]["workflows"] == [tests["name"]]
    assert trigger["workflow_run"]["branches"] == ["main"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "conclusion == 'success'" in build["if"] and "event == 'push'" in build["if"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    runs = [s.get("run", "") for s in build["steps"]]
    assert "make lite" in runs  # the student edition (make release), then tools/lite
    assert "PYODIDE_SOURCE" not in "\n".join(runs)  # the official release archive, the default
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "build/lite"
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert re.search(r"^lite: release$", (ROOT / "Makefile").read_text(), re.M)
