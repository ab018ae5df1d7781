"""The CI files a column publishes with: valid against their services' schemas, and the very
commands they run, run here on a small column (a renamed option breaks this test, not the
newsroom's publishing)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Column, config_variant

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
GITLAB = REPO / ".gitlab-ci.yml"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def _validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def test_workflows_and_gitlab_ci_follow_their_official_schemas():
    assert [path.name for path in WORKFLOWS] == ["check.yml", "publish.yml"]
    github = _validate("vendor.github-workflows", *WORKFLOWS)
    assert github.returncode == 0, github.stdout + github.stderr
    gitlab = _validate("vendor.gitlab-ci", GITLAB)
    assert gitlab.returncode == 0, gitlab.stdout + gitlab.stderr


def test_the_schemas_do_refuse_a_broken_file(tmp_path):
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    workflow["jobs"]["build"]["timeout-minutes"] = "nửa giờ"
    (tmp_path / "publish.yml").write_text(yaml.safe_dump(workflow, allow_unicode=True), encoding="utf-8")
    assert _validate("vendor.github-workflows", tmp_path / "publish.yml").returncode == 1
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    pipeline["pages"]["artifacts"]["paths"] = "public/"
    (tmp_path / ".gitlab-ci.yml").write_text(yaml.safe_dump(pipeline, allow_unicode=True), encoding="utf-8")
    assert _validate("vendor.gitlab-ci", tmp_path / ".gitlab-ci.yml").returncode == 1


def _workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def _uses(job: dict) -> dict[str, dict]:
    return {step["uses"].split("@")[0]: step for step in job["steps"] if "uses" in step}


def test_publishing_workflow_runs_on_push_schedule_and_by_hand_one_at_a_time():
    workflow = _workflow("publish.yml")
    assert workflow[True]["push"] == {"branches": ["main"]}
    assert workflow[True]["schedule"] == [{"cron": "*/15 * * * *"}]
    assert "workflow_dispatch" in workflow[True]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert all(isinstance(job["timeout-minutes"], int) for job in workflow["jobs"].values())
    assert workflow["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert _uses(deploy)["actions/deploy-pages"]["uses"] == "actions/deploy-pages@v5"
    steps = _uses(build)
    assert steps["actions/upload-pages-artifact"]["uses"] == "actions/upload-pages-artifact@v5"
    assert steps["actions/cache"]["with"]["path"] == ".cache/site-builder/"


def test_pull_requests_are_checked_and_built_but_never_published():
    workflow = _workflow("check.yml")
    assert set(workflow[True]) == {"pull_request"}
    (job,) = workflow["jobs"].values()
    assert isinstance(job["timeout-minutes"], int)
    steps = _uses(job)
    assert not {"actions/upload-pages-artifact", "actions/deploy-pages", "actions/cache"} & set(steps)
    assert steps["actions/upload-artifact"]["with"]["path"] == "site/"
    assert "pages" not in json.dumps(workflow.get("permissions"))


def _small_column(root: Path, broken: bool = False) -> Path:
    """A column repository as CI checks it out: mkdocs.yml, content/, and this project's scripts
    and environment (linked, so that `scripts/…` finds the .venv already installed)."""
    root.mkdir()
    config_variant(root)
    for name in ("scripts", ".venv", "pyproject.toml"):
        (root / name).symlink_to(REPO / name)
    column = Column.empty(root / "content")
    column.article("mot", title="Bài thứ nhất", date="2024-01-02")
    column.article("hai", title="Bài thứ hai", date="2024-02-03", tags=["Chỉ thị 05"])
    if broken:
        column.write("articles/2024/hong.md", '---\ntitle: "Hỏng"\ndate: sai\ncategories: [tin-hoat-dong]\n---\n')
    return root


def _run_lines(lines: list[str], cwd: Path, env: dict) -> list[subprocess.CompletedProcess]:
    """Run each command line as the service would (bash, stop at the first failure)."""
    results = []
    for line in lines:
        result = subprocess.run(["bash", "-eo", "pipefail", "-c", line], cwd=cwd, capture_output=True, text=True,
                                timeout=600, env=env)
        results.append(result)
        if result.returncode:
            break
    return results


def _environment(tmp_path: Path, **variables) -> dict:
    bin_dir = tmp_path / "bin"  # where scripts/build may put its launcher: not the real home's
    bin_dir.mkdir(exist_ok=True)
    return {**os.environ, "CI": "true", "HOME": str(tmp_path), "XDG_BIN_HOME": str(bin_dir),
            "PATH": f"{bin_dir}:{os.environ['PATH']}", **variables}


@pytest.mark.parametrize("name", ["publish.yml", "check.yml"])
def test_the_workflows_commands_publish_a_small_column(tmp_path, name):
    workflow = _workflow(name)
    root = _small_column(tmp_path / "column")
    for job in workflow["jobs"].values():
        runs = [step["run"] for step in job["steps"] if "run" in step]
        results = _run_lines(runs, root, _environment(tmp_path, GITHUB_WORKSPACE=str(root)))
        assert [result.returncode for result in results] == [0] * len(runs), results[-1].stderr if results else ""
        for step in job["steps"]:  # what the upload steps take was made
            path = step.get("with", {}).get("path")
            if path and "upload" in step["uses"]:
                assert (root / path / "index.html").is_file() and (root / path / "2024/02/hai/index.html").is_file()


def test_the_workflows_check_step_annotates_a_broken_article_and_stops(tmp_path):
    root = _small_column(tmp_path / "column", broken=True)
    runs = [step["run"] for step in _workflow("publish.yml")["jobs"]["build"]["steps"] if "run" in step]
    results = _run_lines(runs, root, _environment(tmp_path, GITHUB_WORKSPACE=str(root)))
    assert len(results) == 1 and results[0].returncode == 1  # nothing built, nothing published
    assert results[0].stdout.startswith("::error file=content/articles/2024/hong.md,line=3,title=site-builder check::")
    assert not (root / "site").exists()


def _gitlab_jobs() -> dict:
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    return {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}


def test_gitlab_pipeline_publishes_public_and_keeps_merge_requests_unpublished():
    jobs = _gitlab_jobs()
    assert set(jobs) == {"check", "build", "pages"}
    assert jobs["pages"]["artifacts"]["paths"] == ["public/"]
    pages_when = [rule["if"] for rule in jobs["pages"]["rules"]]
    assert any('$CI_PIPELINE_SOURCE == "schedule"' in condition for condition in pages_when)
    assert not any("merge_request_event" in condition for condition in pages_when)
    assert jobs["build"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert jobs["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert jobs["check"]["artifacts"]["when"] == "always"


def test_gitlab_jobs_commands_publish_a_small_column(tmp_path):
    root = _small_column(tmp_path / "column")
    env = _environment(tmp_path, CI_PROJECT_DIR=str(root))
    for name, job in _gitlab_jobs().items():
        results = _run_lines(job["script"], root, env)
        assert [result.returncode for result in results] == [0] * len(job["script"]), (name, results[-1].stderr)
    assert json.loads((root / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []
    for folder in ("public", "site"):
        assert (root / folder / "index.html").is_file() and (root / folder / "2024/01/mot/index.html").is_file()


def test_gitlab_check_job_reports_a_broken_article_to_the_merge_request(tmp_path):
    root = _small_column(tmp_path / "column", broken=True)
    results = _run_lines(_gitlab_jobs()["check"]["script"], root, _environment(tmp_path, CI_PROJECT_DIR=str(root)))
    assert results[-1].returncode == 1
    report = json.loads((root / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(issue["location"]["path"], issue["location"]["lines"]["begin"]) for issue in report] == [
        ("content/articles/2024/hong.md", 3)]
