"""Images as a reader's browser loads them: `sizes` says how wide each image is shown (so the
browser fetches a copy wide enough and no wider), the WebP copy is the one loaded, and no
original is ever asked for."""

from urllib.parse import urlsplit

import pytest
from PIL import Image

from browser import chromium, serve_folder
from test_images import phone_photo

VIEWPORTS = [(360, 800), (800, 900), (1280, 900), (1700, 1000), (2100, 1200)]
ARTICLE = "/2024/05/anh-0/"

# The width the `sizes` of an <img> gives at this viewport, as the browser reads it.
_SLOT = """img => {
  for (const entry of img.sizes.split(/,(?![^(]*\\))/)) {
    const match = entry.trim().match(/^(\\(.*?\\))\\s+(.+)$/);
    if (match && !matchMedia(match[1]).matches) continue;
    const probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;width:" + (match ? match[2] : entry.trim());
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  }
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from conftest import Column, NOW, REPO
    from site_builder.mkdocs_runner import build_site

    root = tmp_path_factory.mktemp("anh")
    column = Column.empty(root / "content")
    phone_photo(column.root / "media" / "dien-thoai.jpg")
    Image.new("RGB", (1000, 600), (20, 160, 20)).save(column.root / "media" / "than-bai.png")
    for number in range(3):
        column.article(f"anh-{number}", title=f"Ảnh {number}", date=f"2024-05-0{number + 1}",
                       image="../../media/dien-thoai.jpg", image_alt="Ảnh dọc", featured=number == 0,
                       body="Mở đầu.\n\n" + "Đoạn văn dài. " * 80 + "\n\n![Cánh đồng](../../media/than-bai.png)\n")
    build_site(str(REPO / "mkdocs.yml"), str(column.root), str(root / "site"), now=NOW)
    with serve_folder(root / "site") as base_url, chromium() as browser:
        yield base_url, browser


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[f"{w}px" for w, _ in VIEWPORTS])
@pytest.mark.parametrize("path", ["/", ARTICLE])
def test_sizes_tell_the_width_each_image_is_shown_at(served, path, viewport):
    base_url, browser = served
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.goto(base_url + path, wait_until="networkidle")
    images = page.query_selector_all("picture img")
    assert images
    for image in images:
        shown = image.evaluate("img => img.getBoundingClientRect().width")
        slot = image.evaluate(_SLOT)
        # Never less than shown (a blurred photo), at most a little more (bytes for nothing).
        assert shown - 1 <= slot <= shown * 1.15 + 8, (image.get_attribute("sizes"), shown, slot)
    page.close()


def test_the_browser_loads_a_webp_copy_wide_enough_and_never_an_original(served):
    base_url, browser = served
    page = browser.new_page(viewport={"width": 360, "height": 800}, device_scale_factor=3)
    requested = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(base_url + ARTICLE, wait_until="networkidle")
    for image in page.query_selector_all("picture img"):
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image)
        source = image.evaluate("img => img.currentSrc")
        assert source.endswith(".webp")
        chosen = int(source.rsplit("-", 1)[1].split(".")[0])
        largest = max(int(item.split()[1].rstrip("w")) for item in image.get_attribute("srcset").split(", "))
        needed = image.evaluate("img => img.getBoundingClientRect().width") * 3
        assert chosen >= min(needed, largest)
    page.close()
    assert not [path for path in requested if path.endswith(("dien-thoai.jpg", "than-bai.png"))]
    assert [path for path in requested if path.startswith("/media/")]
