"""The column's page skeleton (themes/chuyen-trang/base.html) renders every page exactly as
Material's own base.html does: it only leaves out what the column never uses."""

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import NOW, REPO, config_variant
from site_builder.mkdocs_runner import build_site

THEME = REPO / "themes" / "chuyen-trang"
# Settings an operator may add that the skeleton still honours (README, Configuring the column).
OPERATOR_SETTINGS = {"site_author": "Ban biên tập Gương sáng", "repo_url": "https://example.vn/column",
                     "extra": {"social": [{"icon": "fontawesome/brands/facebook", "link": "https://example.vn/fb"}]},
                     "extra_css": ["assets/column.css"], "extra_javascript": ["assets/search.js"],
                     "theme": {"icon": {"logo": "material/newspaper", "menu": "material/view-headline"}}}


def _pages(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def _without_invalid_autocomplete(page: bytes) -> bytes:
    """Material's page as the skeleton makes it: no autocomplete="off" on its two checkboxes."""
    for name in (b"__drawer", b"__search"):
        page = page.replace(b'type="checkbox" id="' + name + b'" autocomplete="off">',
                            b'type="checkbox" id="' + name + b'">', 1)
    return page


def _build(folder: Path, theme: Path, preview: bool, settings: dict) -> dict[str, bytes]:
    folder.mkdir()
    repository_theme = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    theme_settings = dict(repository_theme, **settings.get("theme", {}), custom_dir=str(theme))
    config = config_variant(folder, **dict(settings, theme=theme_settings))
    build_site(str(config), str(REPO / "content"), str(folder / "site"), now=NOW, preview=preview)
    return _pages(folder / "site")


@pytest.mark.parametrize("preview", [False, True], ids=["build", "preview"])
@pytest.mark.parametrize("settings", [{}, OPERATOR_SETTINGS], ids=["column", "operator-settings"])
def test_every_page_is_what_materials_base_renders(tmp_path, preview, settings):
    materials_base = tmp_path / "theme-with-materials-base"
    shutil.copytree(THEME, materials_base)
    (materials_base / "base.html").unlink()

    ours = _build(tmp_path / "ours", THEME, preview, settings)
    material = {name: _without_invalid_autocomplete(page)
                for name, page in _build(tmp_path / "material", materials_base, preview, settings).items()}

    assert len(ours) > 50 and sorted(ours) == sorted(material)
    assert [name for name in ours if ours[name] != material[name]] == []
    if settings:
        assert '<meta name="author" content="Ban biên tập Gương sáng">'.encode() in ours["index.html"]
        home = ours["index.html"].decode()
        assert "https://example.vn/fb" in home and "https://example.vn/column" in home
        assert home.count('href="assets/column.css"') == 2 and '<script src="assets/search.js">' in home
