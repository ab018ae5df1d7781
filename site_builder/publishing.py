"""Where a build goes, and how it replaces the published site without a reader ever noticing.

A build is written into a folder beside the published one (`.site.spare`) and, once complete,
swapped with it in one step (Linux `renameat2(RENAME_EXCHANGE)`), so that at no moment is there
no `site/` or half a site. The site it replaced stays as the spare for the next build, which
reuses its folders and the files it shares with the published site (the build cache clears the
rest) instead of making and removing tens of thousands of folders. One build at a time holds a
lock beside the site; the holder removes what builds killed before it left behind. The published folder can never
be, hold or sit inside the column's own files: a wrong `--site-dir` is refused before anything
is touched.
"""

import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# What every build writes: a folder holding something else is not a site to replace.
_SITE_MARKERS = ("index.html", "sitemap.xml")


class PublishRefused(Exception):
    """The build cannot be published there; the message says why and what to do, in Vietnamese."""


def check_site_dir(site_dir: Path, project: Path, column_folders: dict[str, Path]) -> None:
    """Refuse a site folder that is, holds or sits inside one of the column's folders (content,
    theme), or that is or holds the project; refuse to replace a folder that is not a site."""
    site_dir = site_dir.resolve()
    folders = [("dự án", project, True)] + [(name, path, False) for name, path in column_folders.items()]
    for name, folder, may_hold_site in folders:
        folder = folder.resolve()
        if folder.is_relative_to(site_dir) or (not may_hold_site and site_dir.is_relative_to(folder)):
            raise PublishRefused(
                f"thư mục xuất bản {site_dir} trùng, chứa hoặc nằm trong {name} ({folder}); "
                "xuất bản vào đó sẽ xóa mất tệp. Chọn một thư mục riêng, ví dụ `site`.")
    if site_dir.exists() and not site_dir.is_dir():
        raise PublishRefused(f"{site_dir} là một tệp, không phải thư mục. Chọn thư mục xuất bản khác.")
    if site_dir.is_dir() and any(site_dir.iterdir()) and not all(
            (site_dir / marker).is_file() for marker in _SITE_MARKERS):
        raise PublishRefused(
            f"thư mục {site_dir} đã có tệp nhưng không phải là trang do site-builder xuất bản; "
            "không ghi đè lên nó. Chọn thư mục trống hoặc thư mục `site` đã xuất bản trước đó.")


def building_folder(published: Path) -> Path:
    """The folder a build goes into, beside the published one (same file system): the site
    the last build replaced, if any. Only the lock holder builds there."""
    spare = published.with_name(f".{published.name}.spare")
    if spare.is_symlink() or (spare.exists() and not spare.is_dir()):
        spare.unlink()
    return spare


class Trash:
    """Files and folders a build no longer wants, moved aside at once (one rename each) and
    removed by `rm -rf` beside the build, at a lower priority (it takes the CPU the rendering
    leaves): removing tens of thousands of files waits on the disk (about 10 s for a
    10,000-article site here). Not a thread: it took Python's lock from the rendering between
    every two files and was still removing them when the pages were done (1.5 s of a cold build
    at 10,000). The folder sits beside the build's, named like what a killed build leaves, so
    the next lock holder removes it if this process dies first."""

    def __init__(self, beside: Path):
        self.folder = beside.with_name(f"{beside.name}.trash-{os.getpid()}")
        self._taken = 0
        self._emptying: subprocess.Popen | None = None

    def take(self, path: str) -> None:
        if not self._taken:
            self.folder.mkdir()
        os.rename(path, self.folder / str(self._taken))
        self._taken += 1

    def empty_in_background(self) -> None:
        if self._taken:
            self._emptying = subprocess.Popen(["nice", "-n", "10", "rm", "-rf", "--", str(self.folder)],
                                              stdin=subprocess.DEVNULL)

    def wait(self) -> None:
        """Until the trash is gone (the end of a build: nothing of it outlives the command)."""
        if self._emptying:
            self._emptying.wait()
            self._emptying = None


def _remove_leftovers(published: Path) -> None:
    """Folders of builds that were killed (only called by the lock holder: no build is running)."""
    for leftover in published.parent.glob(f".{published.name}.*-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def build_lock(published: Path, on_wait=lambda: None) -> Iterator[None]:
    """Hold the site's lock for a whole build: a second build waits (after `on_wait`) for the
    first to finish. The lock dies with its process, so a killed build never blocks the next."""
    published.parent.mkdir(parents=True, exist_ok=True)
    with open(published.with_name(f".{published.name}.lock"), "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(lock, fcntl.LOCK_EX)
        _remove_leftovers(published)
        yield


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (not Linux, old file system)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def swap_in(built: Path, published: Path) -> None:
    """Put `built` in the place of `published`; the old site takes the place of `built`."""
    if not published.exists():
        built.rename(published)
        return
    if not _exchange(built, published):  # two renames: a short moment without a site
        retired = published.with_name(f".{published.name}.old-{os.getpid()}")
        published.rename(retired)
        built.rename(published)
        retired.rename(built)
