"""The index written from the search records is the index Pagefind's own indexer makes of them.

Both index the same records (Pagefind through the page `pagefind_document` makes of each), and
their files are decoded and compared: words, pages, weights and positions, chunks and their
ranges, filters, sorting, word counts. Pagefind numbers pages in the order its threads read
them, so pages are compared by what they are (their address), not their number.
"""

import gzip
import json
import random
import re
import subprocess
from pathlib import Path

import cbor2
import pytest

from site_builder import pagefind_index
from site_builder.pagefind_index import PagefindIndex, PagefindRuntime, pagefind_command, pagefind_document
from site_builder.search import BODY_WEIGHT, LEAD_WEIGHT, TITLE_WEIGHT, search_terms

SYLLABLES = ("gương sáng điển hình thi đua khen thưởng cán bộ chiến sĩ đoàn viên thanh niên xã phường "
             "nông thôn mới học tập làm theo tư tưởng đạo đức phong cách người tốt việc tốt").split()


def _record(rng: random.Random, day: int, digits: bool) -> dict:
    def text(words: int) -> str:
        said = " ".join(rng.choice(SYLLABLES) for _ in range(words))
        return f"{said} năm 20{rng.randint(10, 30)}" if digits else said

    fields = [[TITLE_WEIGHT, search_terms(text(8))], [LEAD_WEIGHT, search_terms(text(20))],
              [BODY_WEIGHT, search_terms(text(120), heading=False)]]
    seen: set[str] = set()
    for field in fields:
        field[1] = [term for term in field[1] if term not in seen]
        seen.update(field[1])
    return {"fields": fields, "filters": {"section": [rng.choice(["fa", "fb"])], "year": [f"y{2020 + day % 3}"]},
            "sort": {"date": f"2024-{1 + day % 12:02d}-{1 + day % 28:02d}T08:00:00+07:00"}}


def _read(file: Path):
    return cbor2.loads(gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd"))


def _decoded(folder: Path, names: dict[str, str]) -> dict:
    """An index as data, each page named by `names` (its address, by the page's id)."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    version, pages, chunks, filters, sorts, fields = _read(folder / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta")
    page_names = [names[page_id] for page_id, _ in pages]
    words = {}
    for _, _, chunk in chunks:
        for word, word_pages, variants in _read(folder / "index" / f"{chunk}.pf_index")[0]:
            number, found = 0, set()
            for delta, positions, meta_positions in word_pages:
                number += delta
                found.add((page_names[number], tuple(positions), tuple(meta_positions)))
            words[word] = (found, variants)
    return {"version": version, "word counts": {page_names[n]: count for n, (_, count) in enumerate(pages)},
            "chunks": [(first, last) for first, last, _ in chunks], "words": words, "fields": fields,
            "filters": {name: {value: {page_names[n] for n in numbers} for value, numbers in _read(
                folder / "filter" / f"{file}.pf_filter")[1]} for name, file in filters},
            "sorted": {name: [page_names[n] for n in numbers] for name, numbers in sorts},
            "entry": {**entry, "languages": {"vi": {**entry["languages"]["vi"], "hash": None}}}}


def _both_indexes(tmp_path: Path, records: list[dict]) -> tuple[dict, dict]:
    pages = tmp_path / "pages"
    pages.mkdir()
    for number, record in enumerate(records):
        (pages / f"bai-{number}.html").write_text(pagefind_document(record), encoding="utf-8")
    subprocess.run(pagefind_command(pages, tmp_path / "pagefind"), env=pagefind_index.pagefind_environment(),
                   check=True)
    theirs = {}
    for fragment in (tmp_path / "pagefind" / "fragment").iterdir():
        url = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
        theirs[fragment.name.removesuffix(".pf_fragment")] = url.strip("/").removesuffix(".html")
    index = PagefindIndex()
    for number, record in enumerate(records):
        index.add(f"id{number}", record)
    index.write(tmp_path / "ours", PagefindRuntime(tmp_path).wait())
    return (_decoded(tmp_path / "pagefind", theirs),
            _decoded(tmp_path / "ours", {f"id{number}": f"bai-{number}" for number in range(len(records))}))


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 300 entries (in both indexers), so that 40 articles make dozens of them."""
    monkeypatch.setattr(pagefind_index, "CHUNK_ENTRIES", 300)


def test_the_index_is_the_one_pagefind_makes_of_the_same_records(tmp_path, small_chunks):
    rng = random.Random(7)
    records = [_record(rng, day, digits=False) for day in range(40)]
    theirs, ours = _both_indexes(tmp_path, records)
    assert len(ours["chunks"]) > 20
    for part in ("version", "word counts", "chunks", "words", "fields", "filters", "entry"):
        assert ours[part] == theirs[part], part
    # Pages of the same date may come in either order: Pagefind's order is its threads'.
    date = {f"bai-{number}": record["sort"]["date"] for number, record in enumerate(records)}
    assert ours["sorted"].keys() == theirs["sorted"].keys() == {"date"}
    assert [date[name] for name in ours["sorted"]["date"]] == [date[name] for name in theirs["sorted"]["date"]]
    assert sorted(ours["sorted"]["date"]) == sorted(date)


def test_words_that_mix_digits_and_letters_are_not_split_into_parts_no_query_asks_for(tmp_path, small_chunks):
    # Pagefind also indexes the runs of digits and of letters of such a word (`namzj`, `2010`
    # and `zz` of `namzj2010zz`), at half weight; search.js only ever asks for whole terms.
    rng = random.Random(8)
    theirs, ours = _both_indexes(tmp_path, [_record(rng, day, digits=True) for day in range(40)])
    assert any(word[0].isdigit() for word in ours["words"])
    assert {word: theirs["words"][word] for word in ours["words"]} == ours["words"]
    parts = {part for word in ours["words"] if re.search(r"\d", word) for part in re.findall(r"\d+|[a-z]+", word)
             if len(part) > 1}  # Pagefind indexes no part of one letter
    assert theirs["words"].keys() - ours["words"].keys() == parts - ours["words"].keys() != set()


def test_a_file_that_cannot_be_written_fails_the_index(tmp_path, monkeypatch):
    index = PagefindIndex()
    index.add("id0", _record(random.Random(1), 0, digits=False))
    runtime = PagefindRuntime(tmp_path).wait()

    def disk_full(file: Path, encoded: bytes) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(pagefind_index, "_write", disk_full)  # files are written on threads
    with pytest.raises(OSError, match="No space left"):
        index.write(tmp_path / "index", runtime)
