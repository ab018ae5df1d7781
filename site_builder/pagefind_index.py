"""Pagefind's index of the search records, written here rather than by Pagefind's indexer.

Pagefind's indexer holds every (term, page) entry of a site in memory several times over: at
10,000 articles it took 2.6 GB and 20 s of CPU (README, Speed), and it cannot add to an index.
The search records (search.py) already are Pagefind's words, so this module lays them out as
Pagefind 1.5's indexer does: the same words, weights and positions, the same chunks and chunk
ranges, the same CBOR layouts, gzip-compressed behind Pagefind's signature. Pagefind's own
search code reads them: pagefind.js and its WebAssembly come from a Pagefind run over one page
(`PagefindRuntime`). tests/test_pagefind_index.py indexes the same records with Pagefind's
indexer (`pagefind_document`) and compares the two indexes. One difference: Pagefind also
indexes the runs of digits and of letters of a word that mixes them (`2024` and `zz` of
`2024zz`), at half weight; search.js only ever asks for whole terms, so they are left out.

A record is a dict: `fields`, a list of (weight, terms) in reading order; `filters`, values by
filter name; `sort`, one value by sort name (an ISO date: sorted as text).
"""

import hashlib
import html
import json
import operator
import os
import shutil
import subprocess
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat
from pathlib import Path

import cbor2
from pagefind_bin import get_executable
from zlib_ng import gzip_ng

from site_builder.memo import Memo

LANGUAGE = "vi"
_SIGNATURE = b"pagefind_dcd"  # what Pagefind's search code expects inside each gzip file
# Pagefind stores a weight as weight × 24 (at most 10), and marks a change of weight in a page's
# positions with -(stored weight) - 1 (its first stored weight is 25: every field here is marked).
_WEIGHT_SCALE, _WEIGHT_MAX = 24, 10
# Pagefind closes an index chunk once it lists this many entries (3 per page of a term here:
# page, weight, position). Its default is 20,000: a common syllable's own list is most of its
# chunk, so smaller chunks cut what a query of common words downloads (10–30 KB a query at
# 10,000 articles) for a slightly larger metadata file (16 bytes per chunk).
CHUNK_ENTRIES = 5000
_RUNTIME_FILES = ("pagefind.js", "wasm.unknown.pagefind")  # what search-worker.js loads
_ENTRY = "pagefind-entry.json"
# How long Pagefind may take over its one page before the build stops rather than hang.
_RUNTIME_SECONDS = 60


def _weight_marker(weight: float) -> int:
    return -max(1, int(min(max(weight, 0), _WEIGHT_MAX) * _WEIGHT_SCALE)) - 1


def _head(major: int, value: int) -> bytes:
    """The head of a CBOR item: its major type and its value (an integer, or a length)."""
    if value < 24:
        return bytes([major << 5 | value])
    for code, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << 8 * size:
            return bytes([major << 5 | code]) + value.to_bytes(size, "big")
    raise ValueError(value)


_UNSIGNED, _NEGATIVE, _TEXT, _ARRAY = 0, 1, 3, 4
_EMPTY_ARRAY = _head(_ARRAY, 0)


class _PositionBytes:
    """The CBOR of a word's position in a page (`[weight marker, position], []]`, the end of its
    entry for the page), made once per value and shared: a chunk holds millions of entries, and
    cbor2 encodes one object at a time (it encodes the small metadata and filter files)."""

    def __init__(self):
        self._made: dict[int, list[bytes]] = {}  # by weight marker, by position

    def __call__(self, marker: int, start: int, count: int) -> list[bytes]:
        """The bytes of positions `start` to `start + count - 1`, under weight `marker`."""
        made = self._made.setdefault(marker, [])
        while start + count > len(made):
            made.append(_head(_ARRAY, 2) + _head(_NEGATIVE, -1 - marker) + _head(_UNSIGNED, len(made)) + _EMPTY_ARRAY)
        return made[start:start + count]


def _entry_starts(pages: int) -> list[bytes]:
    """The CBOR that starts a word's entry for a page, by page delta: `[page delta, `."""
    return [_head(_ARRAY, 3) + _head(_UNSIGNED, delta) for delta in range(pages)]


class PagefindIndex:
    """The index of a site's records, added page by page (in the order results tie: page 0
    first) and written as Pagefind's files. Each word keeps its pages and the CBOR of its
    position in each (shared bytes): tens of bytes an entry, where Pagefind's indexer took 260."""

    def __init__(self):
        self._position_bytes = _PositionBytes()
        self._postings: dict[str, list] = Memo(lambda word: [])  # word: [page, position bytes, page, …]
        self._pages: list[list] = []  # [id, word count]
        self._filters: dict[str, dict[str, list[int]]] = {}
        self._sorts: dict[str, list[tuple[str, int]]] = {}

    def add(self, page_id: str, record: dict) -> None:
        page, position, postings = len(self._pages), 0, self._postings
        for weight, terms in record["fields"]:
            # Each term at the next position of the page, under its field's weight: the pairs
            # added to the terms' lists in one C loop (the records of 10,000: 0.78 s against 0.94 s).
            deque(map(list.extend, map(postings.__getitem__, terms),
                      zip(repeat(page), self._position_bytes(_weight_marker(weight), position, len(terms)))), 0)
            position += len(terms)
        self._pages.append([page_id, position])
        for name, values in record["filters"].items():
            by_value = self._filters.setdefault(name, {})
            for value in values:
                by_value.setdefault(value, []).append(page)
        for name, value in record["sort"].items():
            self._sorts.setdefault(name, []).append((value, page))

    def write(self, folder: Path, runtime: Path) -> None:
        """Write the index into `folder` (new), with Pagefind's search code from `runtime`.
        Files are compressed on threads (zlib lets go of the GIL) while the next is encoded."""
        names: set[str] = set()
        starts = _entry_starts(len(self._pages))
        with ThreadPoolExecutor(max_workers=2) as threads:
            written = []

            def write_file(file: Path, encoded: bytes) -> None:
                written.append(threads.submit(_write, file, encoded))

            chunks = []
            for words in _chunks(sorted(self._postings), self._postings):
                encoded = b"".join([_head(_ARRAY, 1), _head(_ARRAY, len(words)), *(self._word(word, starts) for word in words)])
                chunks.append([words[0], words[-1], _name(encoded, names)])
                write_file(folder / "index" / f"{chunks[-1][2]}.pf_index", encoded)
            _trim_chunk_ranges(chunks)
            filters = []
            for name, values in sorted(self._filters.items()):
                encoded = cbor2.dumps([name, [[value, pages] for value, pages in sorted(values.items())]])
                filters.append([name, _name(encoded, names)])
                write_file(folder / "filter" / f"{filters[-1][1]}.pf_filter", encoded)
            sorts = [[name, [page for _, page in sorted(values)]] for name, values in sorted(self._sorts.items())]
            entry = json.loads((runtime / _ENTRY).read_text(encoding="utf-8"))
            # Pagefind names the `title` field of every page, empty here as in the pages it indexed.
            encoded = cbor2.dumps([entry["version"], self._pages, chunks, filters, sorts, ["title"]])
            meta = _name(encoded, names, digits=10)
            write_file(folder / f"pagefind.{meta}.pf_meta", encoded)
        for file in written:
            file.result()  # a file that could not be written fails the index
        entry["languages"] = {LANGUAGE: {"hash": meta, "wasm": None, "page_count": len(self._pages)}}
        (folder / _ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        for name in _RUNTIME_FILES:
            shutil.copyfile(runtime / name, folder / name)

    def _word(self, word: str, starts: list[bytes]) -> bytes:
        """A word's CBOR: [word, its pages ([page delta, [weight marker, position], []]), no variants]."""
        entries = self._postings[word]
        pages = entries[0::2]
        deltas = map(operator.sub, pages, [0, *pages[:-1]])
        text = word.encode("utf-8")
        return b"".join([_head(_ARRAY, 3), _head(_TEXT, len(text)), text, _head(_ARRAY, len(pages)),
                         *map(operator.add, map(starts.__getitem__, deltas), entries[1::2]), _EMPTY_ARRAY])


def _chunks(words: list[str], postings: dict[str, list]):
    """Words in alphabetical order, cut as Pagefind cuts them: after the word that brings a
    chunk to CHUNK_ENTRIES entries (each page of a word counts its positions, 2, plus one)."""
    chunk, size = [], 0
    for word in words:
        chunk.append(word)
        size += len(postings[word]) // 2 * 3
        if size >= CHUNK_ENTRIES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _trim_chunk_ranges(chunks: list[list]) -> None:
    """Shorten each chunk's last word and the next chunk's first word to the letters that tell
    them apart, as Pagefind does (its search code finds the chunks of a prefix by these)."""
    for before, after in zip(chunks, chunks[1:]):
        common = 0
        for a, b in zip(before[1], after[0]):
            if a != b:
                break
            common += 1
        if before[1][:common + 1] >= before[0]:
            before[1] = before[1][:common + 1]
        after[0] = after[0][:common + 1]


def _name(encoded: bytes, names: set[str], digits: int = 7) -> str:
    """A file's name as Pagefind names it: `vi_` and the first digits of its content's hash,
    more while the name is taken."""
    digest = hashlib.sha256(encoded).hexdigest()
    while (name := f"{LANGUAGE}_{digest[:digits]}") in names:
        digits += 1
    names.add(name)
    return name


def _write(file: Path, encoded: bytes) -> None:
    """Write a file as Pagefind does: its signature and the CBOR, gzip-compressed, by zlib-ng
    at level 5. At 10,000 articles zlib took 0.9 s of CPU at level 5 for 10.8 MB, 1.9 s at its
    default (6) for 10.6 MB, 9.1 s at Pagefind's best (9) for 3.3% less; zlib-ng takes 0.4 s at
    level 5 for 10.5 MB (the same gzip format: Pagefind's search code reads it alike)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(gzip_ng.compress(_SIGNATURE + encoded, compresslevel=5, mtime=0))


def pagefind_document(record: dict) -> str:
    """The page Pagefind's indexer reads for `record`: to compare with it (tests) and to time it
    (scripts/bench-search)."""
    fields = "".join(f'<p data-pagefind-weight="{weight}">{html.escape(" ".join(terms))}</p>'
                     for weight, terms in record["fields"])
    filters = "".join(f'<span data-pagefind-filter="{html.escape(name)}">{html.escape(value)}</span>'
                      for name, values in record["filters"].items() for value in values)
    sorts = "".join(f'<span data-pagefind-sort="{html.escape(name)}">{html.escape(value)}</span>'
                    for name, value in record["sort"].items())
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title></title></head><body>'
            f'{filters}{sorts}<div data-pagefind-body>{fields}</div></body></html>')


def pagefind_command(pages: Path, output: Path) -> list[str]:
    """Pagefind's indexer over a folder of pages (also timed by scripts/bench-search)."""
    return [str(get_executable()), "--site", str(pages), "--output-path", str(output),
            "--force-language", LANGUAGE, "--silent"]


def pagefind_environment() -> dict[str, str]:
    return dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(CHUNK_ENTRIES))


class PagefindRuntime:
    """Pagefind's search code for the site (pagefind.js, its WebAssembly, its entry file), as
    Pagefind writes it, from a run over one page in `work` started at once: it takes a fraction
    of a second and runs while the records are made."""

    def __init__(self, work: Path):
        self.folder, self._log = work / "runtime", work / "runtime.log"
        site = work / "runtime-site"
        site.mkdir()
        (site / "index.html").write_text(pagefind_document({"fields": [[1, ["a"]]], "filters": {}, "sort": {}}),
                                         encoding="utf-8")
        with self._log.open("wb") as errors:
            self._process = subprocess.Popen(pagefind_command(site, self.folder), stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=errors)

    def wait(self) -> Path:
        """The folder of the search code; raises RuntimeError with Pagefind's message if it failed."""
        try:
            code = self._process.wait(timeout=_RUNTIME_SECONDS)
        except subprocess.TimeoutExpired:
            raise RuntimeError("Pagefind did not finish in time; the build stops rather than hang") from None
        finally:
            self.stop()
        if code != 0:
            raise RuntimeError(f"Pagefind failed: {self._log.read_text(encoding='utf-8', errors='replace').strip()}")
        return self.folder

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
