"""Search cost per query: what one cold search downloads, JS and WASM included, and what
indexing costs.

Builds N synthetic articles (../shared/bench/corpus.py) with site_builder, serves the site on
loopback with gzip for text files (as any static host or CDN does; Pagefind's index files are
already compressed), and runs each query on /tim-kiem/ in a fresh Chromium context, counting
the bytes of every search request (search.js, search-worker.js, pagefind.js, its WASM,
metadata, index chunks, filters and the cards of the first 10 results). Then times the
index of the same search records made three ways: written from the records (pagefind_index,
what the build does), by Pagefind's indexer over term pages written to disk for its command
line, and by Pagefind's indexer through its Python API (`pagefind.index`, no files to write).
"""

import argparse
import asyncio
import resource
import shutil
import subprocess
import sys
import threading
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from bench import material_project  # noqa: E402
from browser import chromium  # noqa: E402
from static_host import GzipHandler, serving  # noqa: E402
from pagefind.index import PagefindIndex  # noqa: E402

from site_builder.column import gather_column  # noqa: E402
from site_builder.pagefind_index import PagefindIndex as OurIndex  # noqa: E402
from site_builder.pagefind_index import PagefindRuntime, pagefind_command, pagefind_document, pagefind_environment  # noqa: E402,E501
from site_builder.search import search_record  # noqa: E402
from site_builder.search_text import body_sentences  # noqa: E402
from site_builder.settings import ColumnSettings  # noqa: E402
from site_builder.urls import article_path  # noqa: E402
from site_builder.vietnamese import VIETNAM_TZ  # noqa: E402

CORPUS = REPO.parent / "shared" / "bench" / "corpus.py"
QUERIES = [
    ("common, 1 syllable", "cán", ""),
    ("common, 2 syllables", "cán bộ", ""),
    ("common, 2 syllables", "tuyên dương", ""),
    ("3 syllables", "gương điển hình", ""),
    ("2 syllables, marks", "thi đua", ""),
    ("2 syllables, no marks", "thi dua", ""),
    ("1 syllable, marks", "điển", ""),
    ("1 syllable, no marks", "dien", ""),
    ("rare, marks", "đuyễn", ""),
    ("rare, no marks", "duyen", ""),
    ("2 syllables + section + year + newest", "cán bộ", "&muc=guong-dien-hinh&nam=2017&xep=moi"),
    # Phrases of one article's last paragraph, in no title or lead (the corpus is the same for a
    # given N; they are in articles past the 1,000th, so at 1,000 they find nothing).
    ("body only, marks", "cùng mẽ bũi", ""),
    ("body only, no marks", "buu ganh le", ""),
    ("body only, quoted", '"đối sòa ngai"', ""),
]
# pagefind 1.5.2's Python client waits 0.1 s before reading each answer of its service: past
# this many documents it takes too long to measure (about 100 s per 1,000 documents).
_API_LIMIT = 2000


class _CountingHandler(GzipHandler):
    """Records the bytes sent for each path."""

    sent_bodies: list[tuple[str, int]] = []

    def sent(self, path: str, size: int) -> None:
        self.sent_bodies.append((path, size))


def _build(count: int, work: Path, corpus: Path | None) -> tuple[Path, float]:
    content = work / "content"
    if corpus:
        shutil.copytree(corpus, content)
    else:
        subprocess.run([sys.executable, str(CORPUS), str(count), str(content / "articles")], check=True)
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("site-builder")), "build", "-f", str(REPO / "mkdocs.yml"),
                    "--content", str(content), "--site-dir", str(work / "site")], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return work / "site", time.perf_counter() - started


def _is_search_request(path: str) -> bool:
    return path.startswith(("/pagefind/", "/tim-kiem/bai/")) or path.endswith(("/search.js", "/search-worker.js"))


def _timed(run) -> tuple[float, float]:
    """Wall and CPU seconds (this process and its children) of `run()`."""
    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    wall, used = time.perf_counter(), cpu()
    run()
    return time.perf_counter() - wall, cpu() - used


async def _index_through_api(documents: dict[str, str], output: Path) -> None:
    async with PagefindIndex(config={"force_language": "vi", "output_path": str(output)}) as index:
        # All at once: one request after another waits about 0.1 s for each answer.
        await asyncio.gather(*(index.add_html_file(content=document, url="/" + path)
                               for path, document in documents.items()))


def _written_from_records(records: dict[str, dict], work: Path) -> None:
    index = OurIndex()
    for path, record in records.items():
        index.add(path, record)
    index.write(work / "ours", PagefindRuntime(work).wait())


def _indexing_seconds(content: Path, work: Path) -> None:
    """The index of the column's search records: written from them (as the build does), or by
    Pagefind's indexer over term pages for its command line, or through its Python API."""
    settings = ColumnSettings(site_name="bench", site_url="https://bench.example/", description="",
                              per_page=20, feed_size=50)
    column = gather_column(content, settings, datetime.now(VIETNAM_TZ))
    records = {}
    made = _timed(lambda: records.update(
        (article_path(a), search_record(a, body_sentences(a))) for a in column.articles))
    ours = _timed(lambda: _written_from_records(records, work))
    documents = {path: pagefind_document(record) for path, record in records.items()}
    pages = work / "term-pages"

    def write() -> None:
        for path, document in documents.items():
            (pages / path).mkdir(parents=True, exist_ok=True)
            (pages / path / "index.html").write_text(document, encoding="utf-8")
    written = _timed(write)
    cli = _timed(lambda: subprocess.run(pagefind_command(pages, work / "pf-cli"), env=pagefind_environment(),
                                        check=True))
    pagefind_memory = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def through_api() -> None:  # in a thread of its own: Playwright runs an event loop in this one
        thread = threading.Thread(target=asyncio.run, args=(_index_through_api(documents, work / "pf-api"),))
        thread.start()
        thread.join()
    print(f"search records made in {made[0]:.1f} s ({made[1]:.1f} s CPU); index written from them "
          f"{ours[0]:.1f} s ({ours[1]:.1f} s CPU); Pagefind's indexer over term pages: written "
          f"{written[0]:.1f} s + Pagefind {cli[0]:.1f} s ({cli[1]:.1f} s CPU, up to {pagefind_memory:.0f} MB)",
          flush=True)
    if len(documents) <= _API_LIMIT:
        api = _timed(through_api)
        print(f"Pagefind's indexer through its Python API: {api[0]:.1f} s ({api[1]:.1f} s CPU)", flush=True)


def _measure(site: Path, browser, query: str, params: str) -> tuple[int, int]:
    with serving(site, _CountingHandler) as base:
        context = browser.new_context()
        page = context.new_page()
        _CountingHandler.sent_bodies.clear()
        page.goto(f"{base}/tim-kiem/?q={quote(query)}{params}")
        page.wait_for_function(
            "/^(Tìm thấy|Không tìm thấy)/.test(document.getElementById('col-search-status').textContent)",
            timeout=120_000)
        page.wait_for_load_state("networkidle")
        found = page.locator(".col-search__results li").count()
        context.close()
        return sum(size for path, size in _CountingHandler.sent_bodies if _is_search_request(path)), found


def _material_search_index(count: int, work: Path) -> int:
    """Bytes of the index Material's built-in search downloads whole before its first result."""
    project = work / "material"
    material_project(project, count, "bai", "search")
    subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "-q"], cwd=project, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (project / "site" / "search" / "search_index.json").stat().st_size


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--corpus", type=Path, help="a content folder to copy instead of generating one "
                        "(one count only), e.g. an existing corpus of corpus.py")
    parser.add_argument("--material", action="store_true",
                        help="also build the same articles with Material's search, for its index size")
    args = parser.parse_args()
    with chromium() as browser:
        for count in args.counts:
            with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
                site, seconds = _build(count, Path(tmp), args.corpus)
                index = site / "pagefind"
                print(f"\nN={count}: build {seconds:.1f} s; search index {_folder_bytes(index) / 1e6:.1f} MB "
                      f"({_folder_bytes(index / 'index') / 1e6:.1f} MB of index chunks in "
                      f"{len(list((index / 'index').iterdir()))} files); result cards "
                      f"{_folder_bytes(site / 'tim-kiem' / 'bai') / 1e6:.1f} MB", flush=True)
                if args.material:
                    index_bytes = _material_search_index(count, Path(tmp))
                    print(f"Material's search index for the same articles: {index_bytes / 1e6:.1f} MB "
                          "(downloaded whole before the first result)", flush=True)
                print("| query | kind | KB downloaded | results shown |\n|---|---|---|---|")
                for kind, query, params in QUERIES:
                    size, found = _measure(site, browser, query, params)
                    label = query + (" (filtered)" if params else "")
                    print(f"| `{label}` | {kind} | {size / 1024:.0f} | {found} |", flush=True)
                _indexing_seconds(Path(tmp) / "content", Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
