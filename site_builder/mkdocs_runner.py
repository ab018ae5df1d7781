"""Run MkDocs for the command line: an atomic build (the preview builds with it too).

A build goes to a folder beside the published one (the site the last build replaced, cleared
by the build cache of all it does not carry over), which is swapped in only when the
build succeeded: a failed build leaves the published site exactly as it was.
"""

import logging
import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner, not for our editors

from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from site_builder.build_cache import BuildCache, SiteUnchanged, code_version  # noqa: E402
from site_builder.content.reader import ArticleReading  # noqa: E402
from site_builder.forked import thaw_after_build  # noqa: E402
from site_builder.mkdocs_config import ConfigUnusable, load_column_config  # noqa: E402
from site_builder.progress import progress_for_terminal  # noqa: E402
from site_builder.publishing import (PublishRefused, build_lock, building_folder,  # noqa: E402
                                     check_site_dir, swap_in)

PLUGIN_NAME = "site-builder"


class BuildFailed(Exception):
    """MkDocs stopped the build; its own log already said why."""


def engine_logs(verbose: bool) -> None:
    """MkDocs' own log on stderr: warnings always, progress lines when asked (and in `serve`)."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        logger.addHandler(logging.StreamHandler())
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_build_warnings)


def _no_dirty_build_warnings(record: logging.LogRecord) -> bool:
    """MkDocs warns that a "dirty" build leaves stale pages: the build cache removes them."""
    return "dirty" not in record.getMessage() and "stale files" not in record.getMessage()


def build_site(
    config_file: str = "mkdocs.yml",
    content_dir: str | None = None,
    site_dir: str | None = None,
    now: datetime | None = None,
    verbose: bool = False,
    preview: bool = False,
    clean: bool = False,
    site_url: str | None = None,
    reading: ArticleReading | None = None,
) -> Path:
    """Build the column into `site_dir` (default: the config's). Return the published folder.

    `preview` builds what `serve` shows: drafts and scheduled articles included and marked.
    Pages whose data did not change since the last build are carried over from the published
    site (the build cache), unless `clean`. `site_url` replaces the configuration's (preview).
    `reading`: the articles' reading begun before (with its front matter cache), used if it
    reads the folder and sections this build finds.
    """
    engine_logs(verbose)
    if content_dir and not Path(content_dir).is_dir():
        raise BuildFailed(f"không tìm thấy thư mục nội dung {content_dir}.")
    config = load_config(config_file, content_dir)
    if site_url:
        config.site_url = site_url
    published = Path(site_dir or config.site_dir).resolve()
    try:
        check_site_dir(published, Path(config.config_file_path).parent, _column_folders(config))
        with build_lock(published, on_wait=_say_waiting):
            cache = BuildCache.open(Path(config.config_file_path).parent, published, code_version(), clean,
                                    reading.front_matter if reading else None)
            _build_into(config, published, cache, now, preview, reading)
    except PublishRefused as refusal:
        raise BuildFailed(str(refusal)) from None
    except OSError as error:
        raise BuildFailed(f"không ghi được {error.filename or published} ({error.strerror}).") from None
    return published


def load_config(config_file: str, content_dir: str | None):
    """The column's MkDocs configuration (`content_dir` in place of its docs_dir), or
    BuildFailed saying in Vietnamese what is wrong with it."""
    try:
        return load_column_config(config_file, **({"docs_dir": content_dir} if content_dir else {}))
    except ConfigUnusable as problem:
        raise BuildFailed(str(problem)) from None


def _column_folders(config) -> dict[str, Path]:
    folders = {"thư mục nội dung": Path(config.docs_dir)}
    if config.theme.custom_dir:
        folders["thư mục giao diện"] = Path(config.theme.custom_dir)
    return folders


def _say_waiting() -> None:
    print("Đang chờ lần dựng trang khác (cùng thư mục xuất bản) kết thúc…", file=sys.stderr)


def _build_into(config, published: Path, cache: BuildCache, now: datetime | None, preview: bool,
                reading: ArticleReading | None = None) -> None:
    """Build into the spare folder beside `published`, then swap it in; on failure remove it."""
    building = building_folder(published)
    config.site_dir = str(building)
    plugin = config.plugins[PLUGIN_NAME]
    plugin.now, plugin.cache, plugin.may_fork, plugin.reading = now, cache, True, reading
    plugin.progress = progress_for_terminal()
    try:
        config.plugins.on_startup(command="serve" if preview else "build", dirty=False)
        try:
            # Not MkDocs' "dirty" build: the build cache empties the folder of all it does not
            # carry over, instead of MkDocs emptying it whole.
            mkdocs_build.build(config, dirty=True)
        except SiteUnchanged:
            return
        cache.save(building)
        swap_in(building, published)
    except BaseException as error:
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(error, Abort):
            raise BuildFailed(f"MkDocs dừng lại ({error}).") from None
        raise
    finally:
        cache.wait_for_trash()
        config.plugins.on_shutdown()
        thaw_after_build()
