"""The live preview (`serve`): the edited article's page within a second of the save, the rest
after.

Part of the MkDocs adapter. A save of an article file re-renders that article's page at once,
from the column kept in memory with the edited file read again, and the browser reloads. Then
a full warm build (the build cache) makes the whole preview exactly as `build` would, in a
process of its own that the next save stops. Anything else (a new, deleted or renamed file, a
slug or date edit, sections, templates, configuration, media) waits for that full build. An
image new to the preview that an edited article shows is published with its page, through the
image pipeline (and its cache), so the quick page never shows it broken.
"""

import html
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.livereload import LiveReloadServer, _timestamp
from mkdocs.structure.files import File, get_files
from mkdocs.structure.nav import get_navigation

from site_builder.build_cache import CACHE_DIR, BuildCache, code_version
from site_builder.column import assemble_column
from site_builder.content.reader import read_article
from site_builder.errors import ContentErrors
from site_builder.images import publish_images
from site_builder.mkdocs_pages import ColumnPage
from site_builder.mkdocs_plugin import article_file
from site_builder.mkdocs_runner import PLUGIN_NAME, BuildFailed, build_site, engine_logs, load_config
from site_builder.mkdocs_server_log import speak_vietnamese
from site_builder.preview_address import BadAddress, cannot_listen, parse_address
from site_builder.urls import article_path
from site_builder.vietnamese import VIETNAM_TZ

# Files editors' programs write beside the one being saved (vim, emacs, gedit, JetBrains):
# they change nothing in the column.
_LEFTOVER_ENDINGS = (".swp", ".swx", ".tmp", "~", "___jb_tmp___", "___jb_old___")
_LEFTOVER_BEGINNINGS = (".goutputstream-", ".#", "#")
_CHANGES = {watchdog.events.EVENT_TYPE_CREATED, watchdog.events.EVENT_TYPE_MODIFIED,
            watchdog.events.EVENT_TYPE_DELETED, watchdog.events.EVENT_TYPE_MOVED}


class ArticlePages:
    """The preview's article pages, rendered one by one from the column as last read, with the
    edited files read again. Knows only edits of existing articles at their address."""

    def __init__(self, config_file: str, content_dir: str | None, preview_dir: Path, site_url: str):
        config = load_config(config_file, content_dir)
        config.site_url = site_url
        self._preview_dir = preview_dir
        self._staging = preview_dir.with_name(preview_dir.name + "-page")
        config.site_dir = str(self._staging)
        plugin = config.plugins[PLUGIN_NAME]
        # The front matters already read are reused; no published page is (each is rendered).
        plugin.cache = BuildCache.open(Path(config.config_file_path).parent, preview_dir, code_version())
        plugin.cache.recorded.clear()
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        env = config.theme.get_env()
        files = get_files(config)
        files.add_files_from_theme(env, config)
        self._files = config.plugins.on_files(files, config=config)
        self._nav = get_navigation(self._files, config)
        self._env = config.plugins.on_env(env, config=config, files=self._files)
        self._config, self._plugin = config, plugin
        self.content_dir = plugin.content_dir.resolve()
        self._published = set(plugin.column.pictures)  # whose copies the preview and the engine hold

    def render(self, edited: set[Path]) -> bool:
        """Render the pages of the `edited` article files into the preview; False (nothing
        rendered) when an edit is more than that. Raises ContentErrors for a broken file."""
        column = self._plugin.column
        known = {article.source_path: article for article in column.articles}
        section_keys = tuple(column.sections_by_key)
        articles = []
        for path in sorted(edited):
            source = path.relative_to(self.content_dir).as_posix()
            if source not in known or not path.is_file():
                return False
            article, problems = read_article(path, self.content_dir, section_keys,
                                             self._plugin.cache.front_matter.parse)
            errors = [problem for problem in problems if not problem.warning]
            if errors:
                raise ContentErrors(errors)
            if article_path(article) != article_path(known[source]):
                return False
            known[source] = article
            articles.append(article)
        self._plugin.column = assemble_column(tuple(known.values()), column.sections, column.settings,
                                              datetime.now(VIETNAM_TZ), include_unpublished=True)
        self._publish_new_images(articles)
        for article in articles:
            self._render_page(article)
        return True

    def _publish_new_images(self, articles) -> None:
        """Put the copies of images the preview does not hold yet beside the published ones
        (each file whole or not at all), and among the engine's files (a body image's address
        is rewritten from them); raises ContentErrors for an image that cannot be read."""
        new = {picture for article in articles for picture in article.pictures} - self._published
        if not new:
            return
        published = publish_images(sorted(new, key=lambda picture: picture.path), self._plugin.content_dir,
                                   self._plugin.cache.record_file.parent)
        for path, source in published.files.items():
            target = self._preview_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            shutil.copyfile(source, partial)
            os.replace(partial, target)
            if self._files.get_file_from_path(path) is None:
                self._files.append(File.generated(self._config, path, abs_src_path=str(source)))
        self._published |= new

    def _render_page(self, article) -> None:
        file, _ = article_file(self._config, article)
        self._files.remove(self._files.get_file_from_path(file.src_uri))
        self._files.append(file)
        self._plugin.views[file.src_uri] = article
        page = ColumnPage(None, file, self._config, {p.path: p for p in self._plugin.column.pictures})
        _populate_page(page, self._config, self._files)
        _build_page(page, self._config, self._files.documentation_pages(), self._nav, self._env)
        # A new file replaces the published one: the build cache sees another file, not a
        # changed one it could mistake for its own.
        os.replace(file.abs_dest_path, self._preview_dir / file.dest_uri)


def _build_preview(config_file: str, content_dir: str | None, preview_dir: str, site_url: str,
                   report) -> None:
    """In a process of its own (and its own process group, stopped whole): the full build."""
    os.setsid()
    try:
        build_site(config_file, content_dir, preview_dir, preview=True, site_url=site_url)
    except ContentErrors as failure:
        report.send(str(failure))
    except BuildFailed as failure:
        report.send(f"Không dựng được bản xem trước: {failure}")
    else:
        report.send("")


class _FullBuild:
    """One full build of the preview, running beside the server until done or stopped."""

    def __init__(self, arguments: tuple, on_done):
        context = multiprocessing.get_context("spawn")  # the server runs threads: no fork
        self._results, report = context.Pipe(duplex=False)
        self._process = context.Process(target=_build_preview, args=(*arguments, report), daemon=True)
        self._started = time.perf_counter()
        self._stopped = False
        self._process.start()
        report.close()
        self._waiter = threading.Thread(target=self._wait, args=(on_done,), daemon=True)
        self._waiter.start()

    def _wait(self, on_done) -> None:
        try:
            problems = self._results.recv()
        except EOFError:
            problems = "Không dựng được bản xem trước: quá trình dựng trang dừng bất thường."
        self._process.join()
        if not self._stopped:
            on_done(self, problems, time.perf_counter() - self._started)

    def wait(self) -> None:
        self._waiter.join()

    def stop(self) -> None:
        self._stopped = True
        try:
            os.killpg(self._process.pid, signal.SIGKILL)  # with its render worker and Pagefind
        except (ProcessLookupError, PermissionError):
            self._process.kill()
        self._process.join()


class _PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, told what changed (inotify, not a walk of every file every
    half second), and showing the problems of the last build on every page: the last good
    preview stays served underneath until the files are fixed."""

    problems: str = ""
    _listening = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.observer = watchdog.observers.Observer()
        self._changed: set[Path] = set()
        self._changed_lock = threading.Lock()

    def listen(self) -> None:
        """Open the port before the first build, so that a port in use is said at once."""
        self.server_bind()
        self.server_activate()
        self._listening = True

    def server_bind(self) -> None:
        if not self._listening:
            super().server_bind()

    def server_activate(self) -> None:
        if not self._listening:
            super().server_activate()

    def watch(self, path: str, func=None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        self._watched_paths[path] = self._watched_paths.get(path, 0) + 1  # `serve` starts the observer
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._note_change
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _note_change(self, event) -> None:
        """Note the files written, made, moved or deleted (inotify also tells files opened:
        the builds themselves open every file) and ask the build loop for a rebuild."""
        if event.is_directory or event.event_type not in _CHANGES:
            return
        paths = {Path(path).resolve() for path in (event.src_path, event.dest_path)
                 if path and not _is_leftover(Path(path).name)}
        if not paths:
            return
        with self._changed_lock:
            self._changed |= paths
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def take_changes(self) -> set[Path]:
        with self._changed_lock:
            changed, self._changed = self._changed, set()
        return changed

    def reload_browsers(self) -> None:
        """Reload every page shown, unless a rebuild is under way (its end reloads them)."""
        with self._epoch_cond:
            if self._visible_epoch == self._wanted_epoch:
                self._wanted_epoch = self._visible_epoch = _timestamp()
                self._epoch_cond.notify_all()

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.problems:
            return content
        banner = ('<div role="alert" style="position:fixed;inset:0 0 auto 0;z-index:1000;background:#b71c1c;'
                  'color:#fff;padding:1em;font:15px/1.5 sans-serif;white-space:pre-wrap;max-height:60vh;'
                  'overflow:auto"><strong>Bản xem trước chưa cập nhật: sửa các lỗi sau rồi lưu lại.</strong>\n'
                  f"{html.escape(self.problems)}</div>")
        return content.replace(b"</body>", banner.encode("utf-8") + b"</body>", 1)


def _is_leftover(name: str) -> bool:
    return name == "4913" or name.endswith(_LEFTOVER_ENDINGS) or name.startswith(_LEFTOVER_BEGINNINGS)


class _Preview:
    """What `serve` does on each save: the quick page first, then the full build."""

    def __init__(self, server: _PreviewServer, arguments: tuple):
        self._server, self._arguments = server, arguments
        self._lock = threading.Lock()
        self._build: _FullBuild | None = None
        self._pages: ArticlePages | None = None

    def start(self) -> None:
        """The first full build, waited for."""
        build = self._build = _FullBuild(self._arguments, self._on_full_build)
        build.wait()

    def stop(self) -> None:
        with self._lock:
            if self._build is not None:
                self._build.stop()
                self._build = None

    def on_change(self) -> None:
        """Called by the server when files changed."""
        changed = self._server.take_changes()
        with self._lock:
            if self._build is not None:
                self._build.stop()
                self._build = None
            if self._pages is not None and not self._quick_pages(changed):
                self._pages = None
            self._build = _FullBuild(self._arguments, self._on_full_build)

    def _quick_pages(self, changed: set[Path]) -> bool:
        """Render the edited articles' pages now; False when the edit needs the full build."""
        articles = self._pages.content_dir / "articles"
        if not changed or not all(path.suffix == ".md" and path.is_relative_to(articles) for path in changed):
            return False
        started = time.perf_counter()
        try:
            if not self._pages.render(changed):
                return False
        except ContentErrors as failure:
            self._server.problems = str(failure)
            print(self._server.problems, file=sys.stderr)
            return True
        self._server.problems = ""
        shown = ", ".join(sorted(path.name for path in changed))
        print(f"Đã cập nhật {shown} ({time.perf_counter() - started:.1f} giây); "
              "đang dựng lại các trang khác…", file=sys.stderr)
        return True

    def _on_full_build(self, build: _FullBuild, problems: str, seconds: float) -> None:
        with self._lock:
            if build is not self._build:
                return
            self._build = None
            self._server.problems = problems
            if problems:
                print(problems, file=sys.stderr)
            else:
                print(f"Đã cập nhật bản xem trước ({seconds:.1f} giây).", file=sys.stderr)
                if self._pages is None:
                    self._pages = _article_pages(self._arguments)
            self._server.reload_browsers()


def _article_pages(arguments: tuple) -> ArticlePages | None:
    try:
        return ArticlePages(*arguments)
    except (ContentErrors, BuildFailed):
        return None  # the files changed again since the build: the next build tries again


def serve_site(config_file: str = "mkdocs.yml", content_dir: str | None = None,
               address: str = "127.0.0.1:8000") -> None:
    """Live preview with reload on save; drafts and scheduled articles are shown and marked.

    The preview is built the way `build` publishes (warm: only what changed is made again)
    into a folder of the build cache; a build that fails keeps the last good preview and shows
    its problems, `path:line: …`, in the terminal and on the page.
    """
    engine_logs(verbose=False)
    speak_vietnamese()
    try:
        host, port = parse_address(address)
    except BadAddress as problem:
        raise BuildFailed(str(problem)) from None
    config = load_config(config_file, content_dir)
    preview_dir = Path(config.config_file_path).parent / CACHE_DIR / "preview"
    mount_path = urlsplit(config.site_url or "/").path
    server = _PreviewServer(builder=lambda: None, host=host, port=port, root=str(preview_dir),
                            mount_path=mount_path)
    try:
        server.listen()
    except OSError as error:
        server.server_close()
        raise BuildFailed(cannot_listen(host, port, error)) from None
    preview = _Preview(server, (config_file, content_dir, preview_dir, server.url))
    server.builder = preview.on_change
    preview.start()
    for path in (config.docs_dir, config.config_file_path, config.theme.custom_dir):
        if path:
            server.watch(path)
    print(f"Xem trước tại {server.url} (Ctrl+C để dừng)", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        preview.stop()
