"""The pre-commit hook as a column repository uses it: `pre-commit try-repo` on this project
(installed from its own folder, `language: python`) against a column with staged articles."""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Column, config_variant

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
BROKEN = '---\ntitle: "Hỏng"\ndate: sai\ncategories: [tin-hoat-dong]\n---\nThân bài.\n'


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, Path]:
    """This working tree as one commit of its own (what try-repo would make of uncommitted
    changes, but once: the hook is installed once for the module), and pre-commit's store."""
    repo = tmp_path_factory.mktemp("project") / "site_builder"
    for name in _git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0"):
        if name and (REPO / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=ci@example.vn", "-c", "user.name=CI", "commit", "-qm", "working tree")
    return repo, tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def column_repo(tmp_path) -> tuple[Path, Column]:
    root = tmp_path / "chuyen-trang"
    root.mkdir()
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "bien-tap@example.vn")
    _git(root, "config", "user.name", "Biên tập")
    config_variant(root)
    column = Column.empty(root / "content")
    column.article("cu", title="Bài đã đăng", date="2023-05-06")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Chuyên trang")
    return root, column


def _pre_commit(root: Path, hook_repo: tuple[Path, Path], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PRE_COMMIT), *args], cwd=root, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PRE_COMMIT_HOME": str(hook_repo[1]), "PRE_COMMIT_COLOR": "never"})


def test_try_repo_passes_the_good_staged_article_and_stops_the_broken_one(column_repo, hook_repo):
    """`pre-commit try-repo <this project> site-builder-check` (it installs the hook anew each
    time, from the project's folder: `language: python`)."""
    root, column = column_repo
    column.article("tot", title="Bài tốt", date="2024-01-02")
    column.write("articles/2024/hong.md", BROKEN)
    _git(root, "add", "content/articles/2024/tot.md", "content/articles/2024/hong.md")
    result = _pre_commit(root, hook_repo, "try-repo", str(hook_repo[0]), "site-builder-check")
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if ".md:" in line]
    assert problems == ["content/articles/2024/hong.md:3: `date` `sai` không phải là ngày giờ hợp lệ. "
                        "Viết theo dạng `2020-06-21` hoặc `2020-06-21T07:32:00+07:00`."]
    assert "Đã kiểm tra 3 bài (2 tệp được nêu)" in result.stdout


@pytest.fixture
def hooked_column(column_repo, hook_repo) -> tuple[Path, Column, Callable]:
    """A column whose .pre-commit-config.yaml uses this project's hook, installed in its clone
    (`pre-commit install`); returns a `git commit` that runs it."""
    root, column = column_repo
    repo, home = hook_repo
    config = {"repos": [{"repo": str(repo), "rev": _git(repo, "rev-parse", "HEAD").strip(),
                         "hooks": [{"id": "site-builder-check"}]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(root, "add", ".pre-commit-config.yaml")
    _git(root, "commit", "-qm", "pre-commit")
    assert _pre_commit(root, hook_repo, "install").returncode == 0

    def commit() -> subprocess.CompletedProcess:
        return subprocess.run(["git", "commit", "-m", "Bài mới"], cwd=root, capture_output=True, text=True,
                              timeout=900, env={**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"})

    return root, column, commit


def test_a_commit_checks_what_is_staged_not_the_working_copy(hooked_column):
    root, column, commit = hooked_column
    path = column.article("tot", title="Bài tốt", date="2024-01-02")
    _git(root, "add", "content/articles/2024/tot.md")
    path.write_text(BROKEN, encoding="utf-8")  # broken after staging: not what is committed
    result = commit()
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == BROKEN  # the editor's unstaged work is given back
    assert _git(root, "show", "HEAD:content/articles/2024/tot.md").startswith("---\ntitle: Bài tốt")

    column.write("articles/2024/hong.md", BROKEN)
    _git(root, "add", "content/articles/2024/hong.md")
    refused = commit()
    assert refused.returncode == 1
    assert "content/articles/2024/hong.md:3: `date` `sai`" in refused.stdout + refused.stderr
    assert "hong.md" not in _git(root, "ls-tree", "-r", "--name-only", "HEAD")


def test_a_commit_judges_the_staged_article_in_the_whole_column(hooked_column):
    root, column, commit = hooked_column
    column.article("cu", title="Bài mới trùng địa chỉ", date="2022-01-02")  # the slug `cu` is taken
    _git(root, "add", "content/articles/2022/cu.md")
    result = commit()
    assert result.returncode == 1
    assert "Slug `cu` đã được dùng cho content/articles/2022/cu.md." in result.stdout + result.stderr


def test_this_repository_uses_the_hook_it_publishes():
    (published,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert local["id"] == published["id"] == "site-builder-check"
    assert local["files"] == published["files"]
    assert local["entry"] == "scripts/" + published["entry"]  # the same command, from this clone's .venv
