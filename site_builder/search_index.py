"""The search index of one build: Pagefind's index of one search record per article, made in a
process of its own while the pages render. That process owns two folders of the build, the
index and the result cards: it decides what of them is carried over, and makes the rest.

Each article has one fingerprint (the code and everything its record and card are made from).
Its search record (search.search_record) is kept in the build cache under that fingerprint, so
only an edited article's record is made again; its result card is one output of the build
record, carried over while the fingerprint holds, and named by the article's page id in the
index, taken from the fingerprint (an edited article gets a new card name, which no browser has
cached). The index is one output, over every article: it is carried over when no article's
fingerprint changed, else written again from all the records (pagefind_index), the cached
ones read from one file (build_cache.KeptValues).
"""

import os
import shutil
import signal
import tempfile
import traceback
from pathlib import Path

from site_builder.build_cache import BuildCache, KeptValues, RecordHashes, fingerprint
from site_builder.column import Column
from site_builder.content.model import Article
from site_builder.forked import Forked
from site_builder.pagefind_index import PagefindIndex, PagefindRuntime
from site_builder.search import CARDS_DIR, INDEX_DIR, search_card, search_record
from site_builder.search_text import body_sentences
from site_builder.urls import article_path

_RECORDS = "search-records"  # the build cache's file of search records, by article fingerprint
_ID_DIGITS = 7  # of an article's fingerprint, in its page id (more if two articles share them)


def _indexed_fields(article: Article, column: Column) -> tuple:
    """Everything of an article that its search record and card are made from."""
    caption = article.image.caption if article.image else ""
    return (article_path(article), article.title, article.summary, article.body, caption, article.tags,
            article.subjects, article.locality, article.authors, article.source, article.categories,
            [column.sections_by_key[key].name for key in article.categories], article.date)


def _page_ids(fingerprints: list[str]) -> dict[str, str]:
    """Each article's page id in the index (what a search result names, and its card's file
    name): the first 7 hex digits of its fingerprint, as Pagefind names pages (every id is in
    the metadata each query downloads), one more digit while taken (in fingerprint order)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for made_from in sorted(fingerprints):
        digits = _ID_DIGITS
        while made_from[:digits] in taken:
            digits += 1
        taken.add(made_from[:digits])
        ids[made_from] = made_from[:digits]
    return ids


class SearchIndexJob:
    """The index and result cards of one build, made in a folder beside the build folder (where
    the next build finds and removes it if this one is killed), laid out as the build folder.

    `start` forks, as soon as the column is read, the process that owns them: it computes
    every article's fingerprint, carries over (links) from the published site the cards and
    the index whose fingerprint holds, and makes the rest, while the pages render. `finish`
    waits for it, moves its two folders into the build folder and records what they hold;
    `cancel` stops it (and Pagefind) when the build fails or has nothing to do.
    """

    def __init__(self, column: Column, site_dir: Path, cache: BuildCache):
        self._column, self._cache, self._site_dir = column, cache, site_dir
        self._work: Path | None = None
        self._child: Forked | None = None

    def start(self, may_fork: bool) -> None:
        """Start making the index: in a forked process when `may_fork`, else it is made in
        `finish`. The work folder is not a TemporaryDirectory, whose finalizer would remove it
        in any later fork (the render worker) that drops this job."""
        if not self._column.articles:
            return  # Pagefind's search code needs a page: a column without articles has no index
        self._work = Path(tempfile.mkdtemp(prefix=f"{self._site_dir.name}.search-", dir=self._site_dir.parent))
        if may_fork:
            self._child = Forked(self._make_in_child, describe=_said)

    def running(self) -> bool:
        """Whether the index is being made in its own process right now."""
        return self._child is not None and not self._child.ended()

    def _make_in_child(self) -> dict[str, str]:
        # `cancel` sends SIGTERM: raised here as KeyboardInterrupt, like a Ctrl+C on the terminal
        # (this process and Pagefind stay in the build's process group), it stops Pagefind.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        return self._make()

    def _make(self) -> dict[str, str]:
        """In the work folder: each article's card and the index of every article's record,
        carried over while its fingerprint holds, else made (a record from the cache, or made
        and cached). Returns each file with the fingerprint it is made from."""
        cache = self._cache
        # In the column's order, newest first: the index's page order, which is the order of
        # results that tie.
        hashes = RecordHashes()  # strings hashed as bytes, not by repr: 0.26 s against 0.42 s at 10,000
        articles = {hashes.of(cache.version, _indexed_fields(article, self._column)): article
                    for article in self._column.articles}
        ids = _page_ids(list(articles))
        card_paths = {made_from: f"{CARDS_DIR}{page_id}.json" for made_from, page_id in ids.items()}
        outputs = {path: made_from for made_from, path in card_paths.items()}
        new_cards = {path for path, made_from in outputs.items() if not cache.carry_over([path], made_from, self._work)}
        index_fingerprint = fingerprint(cache.version, list(articles))
        index_paths = cache.published_paths(INDEX_DIR + "/")
        if not new_cards and cache.carry_over(index_paths, index_fingerprint, self._work):
            return outputs | dict.fromkeys(index_paths, index_fingerprint)
        runtime = PagefindRuntime(self._work)
        try:
            (self._work / CARDS_DIR).mkdir(parents=True, exist_ok=True)
            records = cache.kept_values(_RECORDS)
            # One step at a time over every article, rather than every step for one article
            # after another: each step's own tables (the folding memos, the index's term lists)
            # then stay in the processor's cache. At 10,000 articles the process took 7.4 s
            # against 8.1 s, and the index's loop 0.9 s against 2.2 s when it was the last step
            # of each article. Records kept in the cache are read as they are added: all at once
            # they would be about 250 MB of Python objects.
            held = {made_from for made_from in articles if records.holds(made_from)}
            sentences = {made_from: body_sentences(article) for made_from, article in articles.items()
                         if made_from not in held or card_paths[made_from] in new_cards}
            made = {made_from: search_record(articles[made_from], sentences[made_from])
                    for made_from in articles if made_from not in held}
            for made_from, record in made.items():
                records.keep(made_from, record)
            for made_from, path in card_paths.items():
                if path in new_cards:
                    (self._work / path).write_bytes(search_card(articles[made_from], self._column, sentences[made_from]))
            index = PagefindIndex()
            for made_from, article in articles.items():
                record = made.get(made_from) or records.get(made_from) or _made_again(records, made_from, article)
                index.add(ids[made_from], record)
            index.write(self._work / INDEX_DIR, runtime.wait())
        finally:
            runtime.stop()
        records.save()
        index_files = (path for path in (self._work / INDEX_DIR).rglob("*") if path.is_file())
        return outputs | dict.fromkeys((path.relative_to(self._work).as_posix() for path in index_files),
                                       index_fingerprint)

    def finish(self, build_dir: Path) -> None:
        """Wait for the index (or make it), then move it and the cards into `build_dir` (where
        the build cache left neither) and record them. Raises RuntimeError with Pagefind's
        message when it failed."""
        if self._work is None:
            return
        try:
            if self._child is None:
                outputs = self._make()
            elif (failure := self._child.wait()) is not None:
                raise RuntimeError(failure)
            else:
                outputs = self._child.result
            for folder in (INDEX_DIR, CARDS_DIR):
                (build_dir / folder).parent.mkdir(parents=True, exist_ok=True)
                os.rename(self._work / folder, build_dir / folder)
            for path, made_from in outputs.items():
                self._cache.record([path], made_from)
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the indexing process and Pagefind if still running; remove the work folder."""
        if self._child is not None:
            self._child.stop(signal.SIGTERM)
            self._child = None
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None


def _made_again(records: KeptValues, made_from: str, article: Article) -> dict:
    """The search record of an article whose kept record could not be read."""
    record = search_record(article, body_sentences(article))
    records.keep(made_from, record)
    return record


def _said(failure: BaseException) -> str:
    """What the build says of a failure to make the index: Pagefind's own message, else where
    the code failed."""
    return str(failure) if isinstance(failure, RuntimeError) else traceback.format_exc()
