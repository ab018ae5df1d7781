"""The build cache: which published files a new build may carry over instead of writing again.

Every output of a build (a page, the search index) has one fingerprint: a hash of everything
it is made from (the data its template shows, the site-wide inputs: package and engine
versions, theme files, configuration, sections). A build records, for each file it published,
that fingerprint and the file's identity (inode, size, modification time). The next build
carries a file over (a hard link into the new build folder) only when its new fingerprint is
the recorded one *and* the published file is still the very file recorded; everything else is
made again. The build folder is the site the last build replaced: a file there that is the
published file itself is kept, every other file is removed before anything is made
(`clear_unclaimed`), so no output is ever written over a published file. The whole site is
one more output: when its fingerprint (the site-wide inputs and
every visible article, its state and media) is the recorded one and no published file changed,
appeared or went, there is nothing to build. Nothing else is remembered but the fields of
front matters by the hash of their text (a pure function), so a warm build publishes what a
cold build would.

The record lives in `.cache/site-builder/` beside mkdocs.yml. A record written by another
version of the package, for another site folder, or unreadable, is ignored: a cold build.
"""

import hashlib
import json
import os
import posixpath
import shutil
import sys
from collections.abc import Iterable
from importlib import metadata
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from site_builder.content.frontmatter import FrontMatter, FrontMatterReader, parse_front_matter, read_fields
from site_builder.publishing import Trash

CACHE_DIR = Path(".cache") / "site-builder"
_RECORD = "published"
_FRONT_MATTER = "front-matter.json"
# What earlier versions kept in the cache folder and none reads any more: removed on opening.
_OBSOLETE = ("search",)  # one file per article's search record, before search-records.json
_FORMAT = 2
SITE = ""  # the whole site, as one output of the record
# Packages whose code turns the same data into bytes: another version, another output.
_ENGINE = ("site-builder", "mkdocs", "mkdocs-material", "markdown", "jinja2", "markupsafe",
           "pymdown-extensions", "feedgen", "lxml", "pagefind", "cbor2", "zlib-ng", "python-slugify", "pillow", "pillow-heif")


def fingerprint(*parts: object) -> str:
    """A hash of `parts` by their `repr`: records are frozen dataclasses of values, whose repr
    holds every field (an object without such a repr only makes the cache miss, never lie)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


class SiteUnchanged(Exception):
    """The published site is exactly what this build would publish: nothing to do."""


class RecordHashes:
    """Fingerprints of page data, hashing each record (an article shown on many pages) once.

    Walks tuples, lists, dicts and dataclasses, feeding every field by name; strings go in by
    their bytes, any other value by its `repr`. A record's hash is kept, with the record
    itself, for the life of this object: one build, in which records are immutable.
    """

    def __init__(self):
        self._records: dict[int, tuple[object, bytes]] = {}
        self._field_names: dict[type, tuple[str, ...]] = {}
        self._plain_kinds: set[type] = set()  # kinds found not to be dataclasses (asked once each)

    def of(self, *parts: object) -> str:
        chunks: list[bytes] = []
        self._feed(chunks, parts)
        return hashlib.sha256(b"".join(chunks)).hexdigest()

    def _feed(self, chunks: list[bytes], value: object) -> None:
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            chunks += (b"s%d:" % len(data), data)
        elif kind is tuple or kind is list:
            chunks.append(b"(%d" % len(value))
            for item in value:
                self._feed(chunks, item)
            chunks.append(b")")
        elif kind in self._field_names or (kind not in self._plain_kinds and self._is_record(kind)):
            chunks.append(self._record(value))
        elif kind is dict:
            chunks.append(b"{%d" % len(value))
            for key in sorted(value, key=repr):
                self._feed(chunks, key)
                self._feed(chunks, value[key])
            chunks.append(b"}")
        else:
            chunks += (b"r", repr(value).encode("utf-8", "surrogatepass"), b"\x00")

    def _is_record(self, kind: type) -> bool:
        """Whether `kind` is a dataclass; else noted as plain (an Enum's class answers a missing
        attribute by raising inside, several times on each page)."""
        if hasattr(kind, "__dataclass_fields__"):
            return True
        self._plain_kinds.add(kind)
        return False

    def _record(self, record: object) -> bytes:
        known = self._records.get(id(record))
        if known is not None and known[0] is record:
            return known[1]
        kind = type(record)
        names = self._field_names.get(kind)
        if names is None:
            names = self._field_names[kind] = tuple(item.name for item in fields(kind))
        chunks = [b"@", kind.__qualname__.encode()]
        for name in names:
            chunks.append(name.encode())
            self._feed(chunks, getattr(record, name))
        self._records[id(record)] = (record, hashlib.sha256(b"".join(chunks)).digest())
        return self._records[id(record)][1]


def files_fingerprint(folders: Iterable[Path], pattern: str = "*") -> str:
    """A hash of the names and bytes of the files under `folders` (the theme's templates)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape"))
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """This package's own code, the versions of the engine underneath and the interpreter's: a
    cache written by other code is never trusted (an editable install keeps its version number
    while its code changes, hence the hash of the sources). Made once per process: the code a
    process runs is the code it loaded (`build` asks before MkDocs is imported, and again)."""
    versions = []
    for name in _ENGINE:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, None))
    return fingerprint(versions, sys.version, files_fingerprint([Path(__file__).parent], "*.py"))


class KeptValues:
    """Values earlier builds computed, each under a hash of everything it is made from: a value
    is a pure function of its key, so a kept one is used as it is. What this build used or made
    is kept again, the rest (of files gone or changed) is dropped.

    One file: a line with the version, then a line per value, its key, a tab and its JSON. The
    values stay JSON until asked for: 10,000 search records are 40 MB of JSON and six times as
    much as Python objects. A file of another version is ignored, and so is a value that cannot
    be read (it is made again)."""

    def __init__(self, file: Path, version: str, clean: bool = False):
        self._file, self._header = file, json.dumps({"version": version}).encode("utf-8")
        self.opened_as = (file.resolve(), version, clean)  # what another opening is compared with
        self._known: dict[str, bytes] = {}
        self._used: dict[str, bytes] = {}
        self._made = False
        if clean:
            return
        try:
            with file.open("rb") as lines:
                if lines.readline().rstrip(b"\n") != self._header:
                    return
                for line in lines:
                    key, _, value = line.rstrip(b"\n").partition(b"\t")
                    self._known[key.decode("utf-8")] = value
        except (OSError, UnicodeDecodeError):
            self._known = {}

    def holds(self, key: str) -> bool:
        """Whether a value is kept under `key` (`get` may still find it unreadable)."""
        return key in self._known

    def get(self, key: str):
        """The value kept under `key`, or None."""
        data = self._known.get(key)
        if data is None:
            return None
        try:
            value = json.loads(data)
        except ValueError:
            return None
        self._used[key] = data
        return value

    def keep(self, key: str, value) -> None:
        self.keep_json(key, _compact_json(value))

    def keep_json(self, key: str, data: bytes) -> None:
        """Keep a value already written as JSON."""
        self._used[key] = data
        self._made = True

    def learned(self) -> dict[str, bytes]:
        """What this build used or made (to hand to the process that saves)."""
        return self._used

    def learn(self, learned: dict[str, bytes]) -> None:
        """Also keep what another process of this build used or made."""
        self._made = self._made or any(key not in self._known for key in learned)
        self._used.update(learned)

    def save(self) -> None:
        """Write what this build used or made, unless it is what the file holds already."""
        if not self._made and self._used.keys() == self._known.keys():
            return
        lines = [self._header, *(key.encode("utf-8") + b"\t" + data for key, data in self._used.items()), b""]
        _write_atomically(self._file, b"\n".join(lines))


class FrontMatterCache(KeptValues, FrontMatterReader):
    """Front-matter fields as read by earlier builds, by the hash of their YAML text: reading
    them is a pure function of that text, so an unchanged front matter is not parsed again
    (the values are still checked, every build, against the files they name)."""

    @classmethod
    def of_project(cls, project_dir: Path, version: str, clean: bool = False,
                   opened: "FrontMatterCache | None" = None) -> "FrontMatterCache":
        """The cache kept beside a column's mkdocs.yml (shared by `build`, `serve` and `check`);
        `opened`, when it is that cache opened alike already."""
        file = project_dir / CACHE_DIR / _FRONT_MATTER
        if opened is not None and opened.opened_as == (file.resolve(), version, clean):
            return opened
        return cls(file, version, clean)

    def parse(self, text: str) -> FrontMatter:
        return parse_front_matter(text, self._read_fields)

    def _read_fields(self, yaml_text: str) -> tuple[dict, dict[str, int]]:
        key = hashlib.sha256(yaml_text.encode("utf-8", "surrogatepass")).hexdigest()
        entry = self.get(key)
        if entry is None:
            entry = list(read_fields(yaml_text))
            try:
                data = _compact_json(entry)
            except TypeError:  # a value JSON cannot hold (`!!binary`)
                data = None
            # Remembered only when JSON gives it back as it is (not NaN, not a number as a key).
            if data is not None and json.loads(data) == entry:
                self.keep_json(key, data)
        return entry[0], entry[1]


def _compact_json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write_atomically(file: Path, data: bytes) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f"{file.name}.{os.getpid()}")
    temporary.write_bytes(data)
    temporary.replace(file)


def file_identity(path: Path | str) -> list[int]:
    """What tells a file changed without reading it: a replaced or rewritten file gets another
    inode, size or modification time (in nanoseconds: edits within one second are seen too)."""
    return _identity(os.stat(path))


def _identity(stat: os.stat_result) -> list[int]:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _identities(folder: Path) -> dict[str, list[int]]:
    """Every file under `folder` (relative POSIX path) with its identity, as `file_identity`
    says it. Walked with `os.scandir`: a third of the time `os.walk` and a `stat` by path
    take (0.3 s against 0.8 s for the 26,000 files of a 10,000-article site), on every build."""
    found: dict[str, list[int]] = {}

    def visit(directory: str, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in entries:
                if not entry.is_dir():
                    found[prefix + entry.name] = _identity(entry.stat())
                elif not entry.is_symlink():  # as os.walk: a linked folder is not walked
                    visit(entry.path, prefix + entry.name + "/")

    visit(os.fspath(folder), "")
    return found


@dataclass
class BuildCache:
    """What the published site holds (`recorded`), and what the build in progress publishes."""

    record_file: Path
    site_dir: Path
    version: str
    recorded: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # path in the new build -> fingerprint
    site_fingerprint: str | None = None  # of the whole build in progress: set by the build
    front_matter: FrontMatterCache | None = None
    clean: bool = False  # a cold build: nothing kept in the cache is trusted
    _folders: set[Path] = field(default_factory=set)  # folders of the new build known to exist
    _carried: set[str] = field(default_factory=set)  # outputs carried over, not made
    _trash: Trash | None = None  # what the build folder held and this build does not claim

    @classmethod
    def open(cls, project_dir: Path, site_dir: Path, version: str, clean: bool = False,
             front_matter: FrontMatterCache | None = None) -> "BuildCache":
        """The record of the last build published into `site_dir` (none with `clean`).
        `front_matter`: the project's front matter cache, if already opened (by a reading
        begun before) alike."""
        folder, site_dir = project_dir / CACHE_DIR, site_dir.resolve()
        # One record per site folder: builds into `site/` and a preview folder do not undo each other.
        record = folder / f"{_RECORD}-{hashlib.sha256(os.fsencode(site_dir)).hexdigest()[:16]}.json"
        cache = cls(record, site_dir, version, clean=clean)
        for name in _OBSOLETE:
            shutil.rmtree(folder / name, ignore_errors=True)
        cache.front_matter = FrontMatterCache.of_project(project_dir, version, clean, opened=front_matter)
        if not clean:
            cache.recorded = cache._read()
        return cache

    def is_unchanged(self, site_fingerprint: str) -> bool:
        """Whether the published site was built from `site_fingerprint` (everything any of its
        files is made from) and none of its files changed, appeared or went since: a build
        would then publish exactly that site, and need not run."""
        if self.recorded.get(SITE, (None,))[0] != site_fingerprint:
            return False
        recorded = {path: identity for path, (_, identity) in self.recorded.items() if path != SITE}
        return _identities(self.site_dir) == recorded

    def _read(self) -> dict[str, tuple[str | None, list[int]]]:
        try:
            data = json.loads(self.record_file.read_text(encoding="utf-8"))
            if data["format"] != _FORMAT or data["version"] != self.version \
                    or data["site_dir"] != str(self.site_dir):
                return {}
            return {path: (entry[0], entry[1]) for path, entry in data["outputs"].items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return {}

    def carry_over(self, paths: Iterable[str], output_fingerprint: str, build_dir: Path) -> bool:
        """Link the published `paths` into `build_dir` when all of them were published with
        `output_fingerprint` and are untouched since; otherwise the caller makes them again."""
        paths = list(paths)
        try:
            if not paths or any(self.recorded.get(path, (None,))[0] != output_fingerprint
                                or file_identity(self.site_dir / path) != self.recorded[path][1]
                                for path in paths):
                return False
        except OSError:
            return False
        for path in paths:
            self._link(self.site_dir / path, build_dir / path)
            self.outputs[path] = output_fingerprint
            self._carried.add(path)
        return True

    def _link(self, published: Path, target: Path) -> None:
        """Make `target` the published file, unless it already is (the reused build folder)."""
        try:
            if os.stat(target).st_ino == os.stat(published).st_ino:
                return
            os.unlink(target)
        except FileNotFoundError:
            pass
        os.link(published, self._new_file(target))

    def clear_unclaimed(self, build_dir: Path) -> None:
        """Take out of the build folder every file not carried over so far, and every folder
        holding none: every file made from now on is a new file, never a published one (a hard
        link) written over, and nothing of an earlier build stays that this one did not claim.
        What is taken is removed while the build goes on (`wait_for_trash` at its end)."""
        trash = self._trash = Trash(build_dir)
        holding = {"."}  # folders holding a carried file, directly or below
        for path in self._carried:
            while (path := posixpath.dirname(path)) and path not in holding:
                holding.add(path)
        for parent, folders, names in os.walk(build_dir):
            folder = os.path.relpath(parent, build_dir).replace(os.sep, "/")
            prefix = "" if folder == "." else folder + "/"
            for name in names:
                if prefix + name not in self._carried:
                    trash.take(os.path.join(parent, name))
            for name in list(folders):
                if prefix + name not in holding:
                    trash.take(os.path.join(parent, name))
                    folders.remove(name)
        trash.empty_in_background()

    def wait_for_trash(self) -> None:
        if self._trash:
            self._trash.wait()

    def _new_file(self, target: Path) -> Path:
        """`target`, once its folder exists (each folder of the new build is made once)."""
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        return target

    def published_paths(self, prefix: str) -> list[str]:
        """The recorded paths under `prefix` (the files of the search index)."""
        return [path for path in self.recorded if path.startswith(prefix)]

    def drop(self, path: str, build_dir: Path) -> None:
        """Take back a carried-over file that the build found it does not publish after all."""
        (build_dir / path).unlink(missing_ok=True)
        self.outputs.pop(path, None)
        self._carried.discard(path)

    def kept_values(self, name: str) -> KeptValues:
        """Values outputs are made from (search records), kept between builds by fingerprint."""
        return KeptValues(self.record_file.parent / f"{name}.json", self.version, self.clean)

    def record(self, paths: Iterable[str], output_fingerprint: str) -> None:
        """Outputs the build in progress made itself, with the fingerprint they were made from."""
        for path in paths:
            self.outputs[path] = output_fingerprint

    def save(self, build_dir: Path) -> None:
        """Write the record of `build_dir`, to be published into `site_dir` (a swap keeps the
        identity of every file, so the record stays true once the folder is published): every
        file with its identity and its fingerprint (None for files made on every build), and
        the whole site's fingerprint."""
        outputs = {path: (self.outputs.get(path), identity) for path, identity in _identities(build_dir).items()}
        outputs[SITE] = (self.site_fingerprint, [])
        record = {"format": _FORMAT, "version": self.version, "site_dir": str(self.site_dir), "outputs": outputs}
        _write_atomically(self.record_file, _compact_json(record))
        self.front_matter.save()
