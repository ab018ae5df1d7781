"""The search index of one build: Pagefind over one search document per article, made in a
process of its own while the pages render.

Each article has one fingerprint (the code and everything its document and card are made
from). Its search document (search.search_document) is kept in the build cache under that
fingerprint, so only an edited article's document is made again; its result card is one output
of the build record, carried over while the fingerprint holds. Pagefind's index is one output,
over every article: it is carried over when no article's fingerprint changed, else Pagefind runs
over all the documents (it cannot add to an index). Pagefind names a page by a hash of its
document, so an unchanged article keeps its id and its card's file name.
"""

import gzip
import json
import os
import shutil
import signal
import subprocess
import tempfile
import traceback
from pathlib import Path

from pagefind_bin import get_executable

from site_builder.build_cache import BuildCache, fingerprint
from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.forked import Forked
from site_builder.search import CARDS_DIR, INDEX_DIR, search_card, search_document
from site_builder.search_text import body_sentences
from site_builder.urls import article_path

_FRAGMENTS = "fragment"  # Pagefind's copies of each page's content: not published (search.py)
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
_DOCUMENTS = "search"  # the build cache's folder of search documents, by article fingerprint
_PAGE_IDS = "page-ids.json"  # in the work folder: Pagefind's page id of each article fingerprint
# Pagefind closes an index chunk once it lists this many (term, page) entries (default 20,000):
# a common syllable's own list is most of its chunk, so smaller chunks cut what a query of
# common words downloads (10–30 KB a query at 10,000 articles) for a slightly larger
# metadata file (16 bytes per chunk). Measured at 10,000 articles: see README.
_CHUNK_ENTRIES = 5000
# How long Pagefind may take: 2 minutes plus 10 ms per article, several times what it needs
# here; past that the build fails instead of hanging.
_PAGEFIND_SECONDS = 120


def _indexed_fields(article: Article, column: Column) -> tuple:
    """Everything of an article that its search document and card are made from."""
    caption = article.image.caption if article.image else ""
    return (article_path(article), article.title, article.summary, article.body, caption, article.tags,
            article.subjects, article.locality, article.authors, article.source, article.categories,
            [column.sections_by_key[key].name for key in article.categories], article.date)


def _page_ids(index: Path) -> dict[str, str]:
    """Pagefind's id of each page (what a search result names), by the page's file name (the
    fingerprint of its article)."""
    ids = {}
    for fragment in (index / _FRAGMENTS).iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(_FRAGMENT_SIGNATURE)
        ids[json.loads(data)["url"].strip("/").removesuffix(".html")] = fragment.name.removesuffix(".pf_fragment")
    return ids


def _link(source: Path, target: Path) -> bool:
    """Hard-link `source` as `target`: whether `target` is now that file's content (another
    build may have cached the same document first: same name, same content)."""
    try:
        os.link(source, target)
    except FileExistsError:
        return True
    except FileNotFoundError:
        return False
    return True


def pagefind_command(pages: Path, output: Path) -> list[str]:
    """Pagefind's command line over a folder of search documents (also timed by bench-search)."""
    return [str(get_executable()), "--site", str(pages), "--output-path", str(output),
            "--force-language", "vi", "--silent"]


def pagefind_environment() -> dict[str, str]:
    return dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(_CHUNK_ENTRIES))


class SearchIndexJob:
    """The index and result cards of one build, made in a folder beside the build folder (where
    the next build finds and removes it if this one is killed).

    Made as soon as the column is read and before the build folder is cleared (it carries
    unchanged outputs over); `start` forks the process that makes the documents, runs Pagefind
    and writes the cards while the pages render; `finish` waits for it and moves the index and
    the cards into the build folder; `cancel` stops it (and Pagefind) when the build fails.
    """

    def __init__(self, column: Column, site_dir: Path, cache: BuildCache):
        self._column, self._cache, self._site_dir = column, cache, site_dir
        self._work: Path | None = None
        self._child: Forked | None = None
        self._articles = {fingerprint(cache.version, _indexed_fields(article, column)): article
                          for article in column.articles}
        self._fingerprint = fingerprint(cache.version, list(self._articles))
        self._cards = {path: made_from for path, made_from in cache.published_fingerprints(CARDS_DIR).items()
                       if made_from in self._articles and cache.carry_over([path], made_from, site_dir)}
        self._carried = len(self._cards) == len(self._articles) and cache.carry_over(
            cache.published_paths(INDEX_DIR + "/"), self._fingerprint, site_dir)

    def start(self, may_fork: bool) -> None:
        """Unless the index was carried over, start making it: in a forked process when
        `may_fork`, else it is made in `finish`. The work folder is not a TemporaryDirectory,
        whose finalizer would remove it in any later fork (the render worker) that drops this job."""
        if self._carried or not self._column.articles:
            return  # Pagefind needs a page: a column without articles has no index
        self._work = Path(tempfile.mkdtemp(prefix=f"{self._site_dir.name}.search-", dir=self._site_dir.parent))
        if may_fork:
            self._child = Forked(self._make_index_in_child, describe=_said)

    def _make_index_in_child(self) -> None:
        # `cancel` sends SIGTERM: raised here as KeyboardInterrupt, like a Ctrl+C on the terminal
        # (this process and Pagefind stay in the build's process group), it stops Pagefind.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        self._make_index()

    def _make_index(self) -> None:
        """In the work folder: every article's document (from the cache, or made and cached),
        Pagefind's index of them, the cards not carried over, and each article's page id."""
        pages = self._work / "pages"
        pages.mkdir()
        documents = self._cache.store(_DOCUMENTS)
        documents.mkdir(parents=True, exist_ok=True)
        sentences = {}  # of the articles whose documents are made here: their cards are too
        for made_from, article in self._articles.items():
            page, cached = pages / f"{made_from}.html", documents / f"{made_from}.html"
            if not self._cache.clean and _link(cached, page):
                continue
            sentences[made_from] = body_sentences(article)
            page.write_text(search_document(article, sentences[made_from]), encoding="utf-8")
            # Cached only once whole, and by a new link, not a rename over the old copy
            # (ext4 flushes the data of a file renamed over another: 10 s for 10,000 documents).
            cached.unlink(missing_ok=True)
            _link(page, cached)
        index, cards = self._work / INDEX_DIR, self._work / "cards"
        pagefind = _start_pagefind(pages, index, self._work / "pagefind.log")
        try:
            # While Pagefind runs: the cards, named by article fingerprint until its ids are known.
            cards.mkdir()
            carried = set(self._cards.values())
            for made_from, article in self._articles.items():
                if made_from not in carried:
                    self._write_card(cards / f"{made_from}.json", article, sentences.get(made_from))
            _wait_for_pagefind(pagefind, _PAGEFIND_SECONDS + len(self._articles) / 100,
                               self._work / "pagefind.log")
        finally:
            if pagefind.poll() is None:
                pagefind.kill()
        ids = _page_ids(index)
        shutil.rmtree(index / _FRAGMENTS)
        for made_from in carried:  # carried under an id Pagefind no longer gives (a short-id collision)
            if self._cards.get(f"{CARDS_DIR}{ids[made_from]}.json") != made_from:
                self._write_card(cards / f"{made_from}.json", self._articles[made_from], sentences.get(made_from))
        (self._work / _PAGE_IDS).write_text(json.dumps({key: ids[key] for key in self._articles}))
        self._forget_documents_not_used()

    def _write_card(self, target: Path, article: Article, sentences: list[str] | None) -> None:
        target.write_bytes(search_card(article, self._column, sentences or body_sentences(article)))

    def finish(self, build_dir: Path) -> None:
        """Wait for the index (or make it), then move it and the new cards into `build_dir`.
        Raises RuntimeError with Pagefind's message when it failed."""
        if self._work is None:
            return
        try:
            if self._child is None:
                self._make_index()
            elif (failure := self._child.wait()) is not None:
                raise RuntimeError(failure)
            shutil.move(self._work / INDEX_DIR, build_dir / INDEX_DIR)
            self._cache.record((path.relative_to(build_dir).as_posix()
                                for path in (build_dir / INDEX_DIR).rglob("*")), self._fingerprint)
            ids = json.loads((self._work / _PAGE_IDS).read_text())
            self._publish_cards(build_dir, {f"{CARDS_DIR}{ids[made_from]}.json": made_from
                                            for made_from in self._articles})
        finally:
            self.cancel()

    def _publish_cards(self, build_dir: Path, cards: dict[str, str]) -> None:
        """Move in the cards made, and take back those carried over under a name Pagefind no
        longer gives (a rare collision of its short ids can shift them)."""
        for path, made_from in self._cards.items():
            if cards.get(path) != made_from:
                self._cache.drop(path, build_dir)
        (build_dir / CARDS_DIR).mkdir(parents=True, exist_ok=True)
        for path, made_from in cards.items():
            if self._cards.get(path) != made_from:
                os.replace(self._work / "cards" / f"{made_from}.json", build_dir / path)
                self._cache.record([path], made_from)

    def _forget_documents_not_used(self) -> None:
        """Remove the cached documents of articles as they no longer are."""
        for document in self._cache.store(_DOCUMENTS).glob("*.html"):
            if document.stem not in self._articles:
                document.unlink(missing_ok=True)

    def cancel(self) -> None:
        """Stop the indexing process and Pagefind if still running; remove the work folder."""
        if self._child is not None:
            self._child.stop(signal.SIGTERM)
            self._child = None
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None


def _said(failure: BaseException) -> str:
    """What the build says of a failure to make the index: Pagefind's own message, else where
    the code failed."""
    return str(failure) if isinstance(failure, RuntimeError) else traceback.format_exc()


def _start_pagefind(pages: Path, index: Path, log: Path) -> subprocess.Popen:
    with log.open("wb") as errors:
        return subprocess.Popen(pagefind_command(pages, index), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errors, env=pagefind_environment())


def _wait_for_pagefind(pagefind: subprocess.Popen, seconds: float, log: Path) -> None:
    try:
        code = pagefind.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        raise RuntimeError("Pagefind did not finish in time; the build stops rather than hang") from None
    if code != 0:
        raise RuntimeError(f"Pagefind failed: {log.read_text(encoding='utf-8', errors='replace').strip()}")
