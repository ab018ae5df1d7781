"""Run MkDocs for the command line: an atomic build, and the live preview.

A build goes to a fresh folder beside the published one, which is swapped in only when the
build succeeded: a failed build leaves the published site exactly as it was.
"""

import html
import logging
import os
import shutil
import sys
import time
from urllib.parse import urlsplit
from datetime import datetime
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner, not for our editors

from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.livereload import LiveReloadServer  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError  # noqa: E402

from site_builder.build_cache import CACHE_DIR, BuildCache, SiteUnchanged, code_version  # noqa: E402
from site_builder.errors import ContentErrors  # noqa: E402
from site_builder.progress import progress_for_terminal  # noqa: E402
from site_builder.publishing import (PublishRefused, build_lock, building_folder,  # noqa: E402
                                     check_site_dir, swap_in)

PLUGIN_NAME = "site-builder"


class BuildFailed(Exception):
    """MkDocs stopped the build; its own log already said why."""


def _engine_logs(verbose: bool) -> None:
    """MkDocs' own log on stderr: warnings always, progress lines when asked (and in `serve`)."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        logger.addHandler(logging.StreamHandler())
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def build_site(
    config_file: str = "mkdocs.yml",
    content_dir: str | None = None,
    site_dir: str | None = None,
    now: datetime | None = None,
    verbose: bool = False,
    preview: bool = False,
    clean: bool = False,
    site_url: str | None = None,
) -> Path:
    """Build the column into `site_dir` (default: the config's). Return the published folder.

    `preview` builds what `serve` shows: drafts and scheduled articles included and marked.
    Pages whose data did not change since the last build are carried over from the published
    site (the build cache), unless `clean`. `site_url` replaces the configuration's (preview).
    """
    _engine_logs(verbose)
    if content_dir and not Path(content_dir).is_dir():
        raise BuildFailed(f"không tìm thấy thư mục nội dung {content_dir}.")
    overrides = {"docs_dir": content_dir} if content_dir else {}
    try:
        config = load_config(config_file, **overrides)
    except (ConfigurationError, Abort) as error:
        raise BuildFailed(f"cấu hình {config_file} không dùng được ({error}).") from None
    if site_url:
        config.site_url = site_url
    published = Path(site_dir or config.site_dir).resolve()
    try:
        check_site_dir(published, Path(config.config_file_path).parent, _column_folders(config))
        with build_lock(published, on_wait=_say_waiting):
            cache = BuildCache.open(Path(config.config_file_path).parent, published, code_version(), clean)
            _build_into(config, published, cache, now, preview)
    except PublishRefused as refusal:
        raise BuildFailed(str(refusal)) from None
    except OSError as error:
        raise BuildFailed(f"không ghi được {error.filename or published} ({error.strerror}).") from None
    return published


def _column_folders(config) -> dict[str, Path]:
    folders = {"thư mục nội dung": Path(config.docs_dir)}
    if config.theme.custom_dir:
        folders["thư mục giao diện"] = Path(config.theme.custom_dir)
    return folders


def _say_waiting() -> None:
    print("Đang chờ lần dựng trang khác (cùng thư mục xuất bản) kết thúc…", file=sys.stderr)


def _build_into(config, published: Path, cache: BuildCache, now: datetime | None, preview: bool) -> None:
    """Build into a fresh folder beside `published`, then swap it in; on failure remove it."""
    building = building_folder(published)
    config.site_dir = str(building)
    plugin = config.plugins[PLUGIN_NAME]
    plugin.now, plugin.cache = now, cache
    plugin.progress = progress_for_terminal()
    try:
        config.plugins.on_startup(command="serve" if preview else "build", dirty=False)
        try:
            mkdocs_build.build(config)
        except SiteUnchanged:
            shutil.rmtree(building, ignore_errors=True)
            return
        cache.save(building)
        swap_in(building, published)
    except BaseException as error:
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(error, Abort):
            raise BuildFailed(f"MkDocs dừng lại ({error}).") from None
        raise
    finally:
        config.plugins.on_shutdown()


class _PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, showing the problems of the last build on every page: the
    last good preview stays served underneath until the files are fixed."""

    problems: str = ""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.problems:
            return content
        banner = ('<div role="alert" style="position:fixed;inset:0 0 auto 0;z-index:1000;background:#b71c1c;'
                  'color:#fff;padding:1em;font:15px/1.5 sans-serif;white-space:pre-wrap;max-height:60vh;'
                  'overflow:auto"><strong>Bản xem trước chưa cập nhật: sửa các lỗi sau rồi lưu lại.</strong>\n'
                  f"{html.escape(self.problems)}</div>")
        return content.replace(b"</body>", banner.encode("utf-8") + b"</body>", 1)


def serve_site(config_file: str = "mkdocs.yml", content_dir: str | None = None,
               address: str = "127.0.0.1:8000") -> None:
    """Live preview with reload on save; drafts and scheduled articles are shown and marked.

    Each save rebuilds the preview the way `build` publishes (warm: only what changed is made
    again) into a folder of the build cache; a build that fails keeps the last good preview and
    shows its problems, `path:line: …`, in the terminal and on the page.
    """
    _engine_logs(verbose=False)
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise BuildFailed(f"địa chỉ `{address}` không hợp lệ; viết theo dạng `127.0.0.1:8000`.")
    try:
        config = load_config(config_file, **({"docs_dir": content_dir} if content_dir else {}))
    except (ConfigurationError, Abort) as error:
        raise BuildFailed(f"cấu hình {config_file} không dùng được ({error}).") from None
    project = Path(config.config_file_path).parent
    preview = project / CACHE_DIR / "preview"
    mount_path = urlsplit(config.site_url or "/").path
    server = _PreviewServer(builder=lambda: None, host=host, port=int(port), root=str(preview),
                            mount_path=mount_path)

    def rebuild() -> None:
        started = time.perf_counter()
        try:
            build_site(config_file, content_dir, str(preview), preview=True, site_url=server.url)
        except ContentErrors as failure:
            server.problems = str(failure)
        except BuildFailed as failure:
            server.problems = f"Không dựng được bản xem trước: {failure}"
        else:
            server.problems = ""
            print(f"Đã cập nhật bản xem trước ({time.perf_counter() - started:.1f} giây).", file=sys.stderr)
        if server.problems:
            print(server.problems, file=sys.stderr)

    server.builder = rebuild
    rebuild()
    for path in (config.docs_dir, config.config_file_path, config.theme.custom_dir):
        if path:
            server.watch(path)
    print(f"Xem trước tại {server.url} (Ctrl+C để dừng)", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    except OSError as error:
        raise BuildFailed(f"không mở được {address} ({error.strerror}); thử cổng khác, ví dụ `-a 127.0.0.1:8001`.") from None
    finally:
        server.shutdown()
