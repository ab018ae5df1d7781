"""Shared helpers: write real article files into a temporary column and build it for real."""

from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import settings

from site_builder.mkdocs_runner import build_site
from site_builder.vietnamese import VIETNAM_TZ

# No timed assertions: a busy machine is slow, not wrong (Hypothesis times each example by default).
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=VIETNAM_TZ)


class Column:
    """A content folder in a temporary directory, written the way an editor would."""

    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def empty(cls, root: Path) -> "Column":
        (root / "articles").mkdir(parents=True)
        (root / "media").mkdir()
        return cls(root)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def article(self, file_name: str, body: str = "Nội dung bài viết.", year: str | None = None, **fields) -> Path:
        """Write articles/<year>/<slug>.md with the given front matter (dates as ISO text)."""
        fields = {key: value for key, value in fields.items() if value is not None}
        fields.setdefault("categories", ["tin-hoat-dong"])
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        year = year or str(fields.get("date", "2024"))[:4]
        return self.write(f"articles/{year}/{file_name}.md", f"---\n{front}---\n\n{body}\n")

    def image(self, name: str = "anh.jpg") -> str:
        """A real small JPEG under media/; returns its path relative to an article file."""
        from PIL import Image

        Image.new("RGB", (80, 45), (180, 30, 30)).save(self.root / "media" / name, quality=60)
        return f"../../media/{name}"


class Site:
    """A built site folder, read through the URLs a reader would visit."""

    def __init__(self, root: Path):
        self.root = root

    def file(self, url: str) -> Path:
        relative = urlsplit(url).path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return self.root / relative

    def exists(self, url: str) -> bool:
        return self.file(url).is_file()

    def html(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(url).read_text(encoding="utf-8"), "html.parser")

    @staticmethod
    def follow(from_url: str, href: str) -> str:
        """The site path a link on page `from_url` leads to."""
        return urlsplit(urljoin("http://site" + from_url, href)).path


@pytest.fixture
def column(tmp_path: Path) -> Column:
    return Column.empty(tmp_path / "content")


def config_variant(folder: Path, **changes) -> Path:
    """The repository's mkdocs.yml with `changes`, written into `folder` (theme path made absolute)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config.update(changes)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _builder(site_dir: Path, preview: bool):
    def run(column: Column, now: datetime = NOW, config: Path = REPO / "mkdocs.yml") -> Site:
        build_site(str(config), str(column.root), str(site_dir), now=now, preview=preview)
        return Site(site_dir)

    return run


@pytest.fixture
def build(tmp_path: Path):
    """Build a column into tmp/site at a fixed `now`, as `site-builder build` does; returns the Site."""
    return _builder(tmp_path / "site", preview=False)


@pytest.fixture
def build_preview(tmp_path: Path):
    """Build what `site-builder serve` shows (drafts and scheduled articles included)."""
    return _builder(tmp_path / "preview", preview=True)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Site:
    """The sample column in content/, built once for the tests that only look at it."""
    site_dir = tmp_path_factory.mktemp("sample") / "site"
    build_site(str(REPO / "mkdocs.yml"), str(REPO / "content"), str(site_dir), now=NOW)
    return Site(site_dir)
