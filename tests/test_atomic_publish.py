"""Readers always find a whole site: builds killed at any moment, or run two at once, never
leave `site/` missing, half-written or mixed, and the next build cleans up after them."""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import config_variant

INDEX_DIR = "pagefind"


def _start(project: Path) -> subprocess.Popen:
    """A whole build (`--clean`: with nothing changed, a build would have nothing to do)."""
    return subprocess.Popen([sys.executable, "-m", "site_builder", "build", "--clean"], cwd=project,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _published(site: Path) -> dict[str, bytes]:
    """Every published file, the search index too."""
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture
def project(tmp_path, column):
    config_variant(tmp_path)
    for number in range(40):
        column.article(f"bai-{number}", title=f"Bài số {number}", date=f"2024-{number % 12 + 1:02d}-03",
                       tags=[f"Chủ đề {number % 5}"], body="Thân bài có vài câu. " * 40)
    return tmp_path


def test_builds_killed_at_random_moments_leave_the_published_site_whole(project):
    started = time.monotonic()
    first = _start(project)
    assert first.wait(timeout=120) == 0, first.stderr.read()
    duration = time.monotonic() - started
    site = project / "site"
    reference = _published(site)
    chance, killed = random.Random(9), 0
    for _ in range(6):
        build = _start(project)
        time.sleep(chance.uniform(0.0, duration))  # anywhere in a build
        os.killpg(build.pid, signal.SIGKILL)
        killed += build.wait(timeout=30) == -signal.SIGKILL
        assert _published(site) == reference
        assert (site / INDEX_DIR / "pagefind.js").is_file()
    assert killed >= 4  # most kills land inside a build, not after it
    last = _start(project)
    assert last.wait(timeout=120) == 0, last.stderr.read()
    assert _published(site) == reference
    # The site the last build replaced stays, as the folder the next build reuses.
    leftovers = sorted(path.name for path in project.iterdir() if path.name.startswith((".site", "site.")))
    assert leftovers == [".site.lock", ".site.spare"]


def test_there_is_always_a_site_while_a_new_one_replaces_it(project):
    assert _start(project).wait(timeout=120) == 0
    site, missing, done = project / "site", [], threading.Event()

    def watch():
        while not done.is_set():
            if not (site / "index.html").is_file():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(2):
            assert _start(project).wait(timeout=120) == 0
    finally:
        done.set()
        watcher.join()
    assert missing == []


def test_two_builds_at_once_both_finish_one_after_the_other(project):
    builds = [_start(project), _start(project)]
    results = [(build.wait(timeout=240), build.stderr.read()) for build in builds]
    assert [code for code, _ in results] == [0, 0], results
    assert not any("Traceback" in stderr for _, stderr in results)
    assert (project / "site" / "2024" / "01" / "bai-0" / "index.html").is_file()
