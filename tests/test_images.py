"""Photos as editors take them, published as phones load them: upright, without metadata,
resized into the widths pages ask for; `check` answers every file that is not a usable image."""

import hashlib
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from urllib.parse import unquote

from PIL import Image

from conftest import REPO

_ORIENTATION, _MODEL, _GPS = 0x0112, 0x0110, 0x8825


def phone_photo(path: Path, size=(2000, 1500)) -> None:
    """A landscape-stored JPEG that a phone held upright wrote: EXIF orientation 6 (turn 90°
    clockwise to show), its camera and the GPS position where it was taken. Stored left half
    red, right half blue: shown upright, the top is red and the bottom blue."""
    image = Image.new("RGB", size, (0, 0, 200))
    image.paste((200, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[_ORIENTATION] = 6
    exif[_MODEL] = "Pixel 9 Pro"
    exif.get_ifd(_GPS).update({1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)})
    image.save(path, "JPEG", exif=exif, quality=90)
    assert Image.open(path).getexif().get_ifd(_GPS)  # the original does carry a position


def _srcset(value: str) -> list[tuple[str, int]]:
    return [(url, int(width.rstrip("w"))) for url, width in (item.split() for item in value.split(", "))]


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _check(column):
    return subprocess.run([sys.executable, "-m", "site_builder", "check", "--content", str(column.root)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


def test_a_phone_photo_is_published_upright_resized_and_without_its_metadata(column, build):
    phone_photo(column.root / "media" / "dien-thoai.jpg")
    Image.new("RGBA", (1000, 600), (20, 160, 20, 255)).save(column.root / "media" / "than-bai.png")
    column.article("anh", title="Ảnh điện thoại", date="2024-05-02", image="../../media/dien-thoai.jpg",
                   image_alt="Ảnh chụp dọc", image_caption="Chú thích ảnh",
                   body="Mở đầu.\n\n![Cánh đồng xanh](../../media/than-bai.png \"Chú thích thân bài\")\n\nKết.")
    site = build(column)
    originals = {hashlib.sha256(path.read_bytes()).digest() for path in (column.root / "media").iterdir()}
    published = [path for path in site.root.rglob("*") if path.is_file()]
    assert not [path for path in published if hashlib.sha256(path.read_bytes()).digest() in originals]
    assert not (site.root / "media" / "dien-thoai.jpg").exists()
    photos = sorted((site.root / "media").glob("dien-thoai-*"))
    assert {path.name for path in photos} == {f"dien-thoai-{w}.{kind}" for w in (320, 480, 800, 1200, 1500)
                                              for kind in ("webp", "jpg")}
    for path in photos:
        with Image.open(path) as variant:
            assert variant.height > variant.width, path.name  # upright: a portrait
            assert not variant.getexif() and "exif" not in variant.info and "icc_profile" not in variant.info
            rgb = variant.convert("RGB")
            top, bottom = rgb.getpixel((variant.width // 2, variant.height // 4)), \
                rgb.getpixel((variant.width // 2, variant.height * 3 // 4))
            assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], (path.name, top, bottom)
        data = path.read_bytes()
        assert b"Exif" not in data and b"Pixel 9" not in data


def test_srcset_candidates_exist_with_their_true_widths_and_the_lead_loads_first(column, build):
    phone_photo(column.root / "media" / "dien-thoai.jpg")
    Image.new("RGB", (700, 400), (20, 160, 20)).save(column.root / "media" / "nho.png")
    column.article("anh", title="Ảnh", date="2024-05-02", image="../../media/dien-thoai.jpg", image_alt="Ảnh dọc",
                   image_caption="Người dân bên cánh đồng.",
                   body="Mở đầu.\n\n![Cánh đồng nhỏ](../../media/nho.png)\n\nKết.")
    site = build(column)
    page_url = "/2024/05/anh/"
    page = site.html(page_url)
    lead, body = page.select_one("figure.col-figure picture"), page.select_one(".col-body picture")
    for picture, upright in ((lead, (1500, 2000)), (body, (700, 400))):
        candidates = _srcset(picture.source["srcset"]) + _srcset(picture.img["srcset"])
        assert max(width for _, width in candidates) == min(upright[0], 1600)  # never enlarged
        for url, width in candidates:
            with Image.open(site.file(site.follow(page_url, url))) as variant:
                assert variant.width == width
                assert abs(variant.height - round(upright[1] * width / upright[0])) <= 1
        img = picture.img
        assert abs(int(img["height"]) - upright[1] * int(img["width"]) / upright[0]) <= 1  # the true shape
        assert site.file(site.follow(page_url, img["src"])).is_file()
        assert picture.source["type"] == "image/webp" and picture.source["sizes"] == img["sizes"]
    assert lead.img["fetchpriority"] == "high" and not lead.img.get("loading")
    assert (body.img["loading"], body.img["decoding"]) == ("lazy", "async")
    # The caption is said once: under the image, not again as its alt text.
    assert lead.img["alt"] == "Ảnh dọc" and page.select_one("figure.col-figure figcaption").get_text() == \
        "Người dân bên cánh đồng."
    assert body.img["alt"] == "Cánh đồng nhỏ"
    card = site.html("/").select_one(".col-card__image picture")
    for url, width in _srcset(card.source["srcset"]):
        with Image.open(site.file(site.follow("/", url))) as variant:
            assert variant.width == width


def test_an_iphone_heic_photo_is_published_as_webp_and_jpeg(column, build):
    import pillow_heif

    pillow_heif.register_heif_opener()
    Image.new("RGB", (900, 600), (200, 120, 0)).save(column.root / "media" / "iphone.heic", "HEIF")
    column.article("heic", title="Ảnh iPhone", date="2024-05-02", image="../../media/iphone.heic", image_alt="Ảnh")
    assert _check(column).returncode == 0
    site = build(column)
    assert sorted(path.name for path in (site.root / "media").iterdir()) == [
        f"iphone-{w}.{kind}" for w in (320, 480, 800, 900) for kind in ("jpg", "webp")]


def _png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes whose header promises `width`×`height` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) \
        + chunk(b"IEND", b"")


def test_check_answers_every_file_that_is_not_a_usable_image_with_its_line(column):
    media = column.root / "media"
    (media / "tai-lieu.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")
    (media / "gia.jpg").write_text("không phải ảnh, chỉ là chữ", encoding="utf-8")
    (media / "bom.png").write_bytes(_png_declaring(50_000, 50_000))
    (media / "lon.png").write_bytes(_png_declaring(12_000, 10_000))  # 120 MP: above the limit too
    column.image("tot.jpg")
    files = {
        "pdf": column.article("pdf", title="PDF", date="2024-01-02", image="../../media/tai-lieu.pdf", image_alt="x"),
        "gia": column.article("gia", title="Giả", date="2024-01-02", image="../../media/gia.jpg", image_alt="x"),
        "bom": column.article("bom", title="Bom", date="2024-01-02", image="../../media/bom.png", image_alt="x"),
        "than-bai": column.article("than-bai", title="Thân bài", date="2024-01-02",
                                   body="Mở.\n\n![Ảnh](../../media/lon.png)\n\n![Ảnh xa](https://example.org/a.jpg)\n"),
    }
    result = _check(column)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    expected = {
        f"{files['pdf']}:{_line_of(files['pdf'], 'image:')}": "không phải là ảnh",
        f"{files['gia']}:{_line_of(files['gia'], 'image:')}": "không phải là ảnh",
        f"{files['bom']}:{_line_of(files['bom'], 'image:')}": "megapixel",
        f"{files['than-bai']}:{_line_of(files['than-bai'], 'lon.png')}": "megapixel",
        f"{files['than-bai']}:{_line_of(files['than-bai'], 'example.org')}": "không phải địa chỉ trên mạng",
    }
    for where, words in expected.items():
        assert any(line.startswith(where + ": ") and words in line for line in lines), (where, lines)
    assert "JPEG, PNG, WebP, HEIC/HEIF" in result.stdout  # the accepted formats are named


def test_an_image_without_alt_text_is_a_warning_and_check_still_passes(column):
    image = column.image("anh.jpg")
    lead = column.article("dan", title="Dẫn", date="2024-01-02", image=image, image_caption="Chú thích")
    body = column.article("than", title="Thân", date="2024-01-02", body=f"Mở.\n\n![]({image} \"Chú thích\")\n")
    result = _check(column)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        f"{lead}:{_line_of(lead, 'image:')}: Cảnh báo: `image` không có mô tả ảnh (`image_alt`). "
        "Thêm dòng `image_alt: \"…\"` tả điều ảnh cho thấy, cho người không xem được ảnh.",
        f"{body}:{_line_of(body, '![]')}: Cảnh báo: Ảnh `{image}` không có mô tả (alt). "
        "Viết mô tả ảnh trong ngoặc vuông cho người không xem được ảnh: `![Mô tả ảnh](../../media/anh.jpg)`."]
    assert "2 cảnh báo" in result.stderr


def test_a_link_to_a_photo_leads_to_its_largest_copy_never_the_file(column, build):
    phone_photo(column.root / "media" / "goc.jpg")
    column.article("lien-ket", title="Liên kết ảnh", date="2024-05-02",
                   body="Mở đầu.\n\nTải [ảnh gốc](../../media/goc.jpg) về máy.\n")
    site = build(column)
    link = site.html("/2024/05/lien-ket/").select_one(".col-body a")
    target = site.file(site.follow("/2024/05/lien-ket/", link["href"]))
    assert target.name == "goc-1500.jpg"
    with Image.open(target) as copy:
        assert copy.size == (1500, 2000) and not copy.getexif()
    assert not (site.root / "media" / "goc.jpg").exists()


def test_a_truncated_photo_stops_the_build_naming_the_file(column, build):
    import pytest

    from site_builder.errors import ContentErrors

    phone_photo(column.root / "media" / "cut.jpg")
    data = (column.root / "media" / "cut.jpg").read_bytes()
    (column.root / "media" / "cut.jpg").write_bytes(data[:len(data) // 3])
    column.article("cut", title="Ảnh hỏng", date="2024-05-02", image="../../media/cut.jpg", image_alt="Ảnh")
    with pytest.raises(ContentErrors) as failure:
        build(column)
    [error] = failure.value.errors
    assert error.path.endswith("media/cut.jpg") and "Không đọc được ảnh này" in error.message


def test_a_file_name_with_spaces_commas_and_diacritics_gives_working_candidates(column, build):
    name = "ảnh đẹp, số 1.png"
    Image.new("RGB", (1000, 600), (20, 160, 20)).save(column.root / "media" / name)
    column.article("ten-la", title="Tên lạ", date="2024-05-02", image=f"../../media/{name}", image_alt="Ảnh",
                   body="Mở đầu.\n\n![Ảnh thân bài](../../media/%E1%BA%A3nh%20%C4%91%E1%BA%B9p,%20s%E1%BB%91%201.png)\n")
    site = build(column)
    page = site.html("/2024/05/ten-la/")
    pictures = page.select("picture")
    assert len(pictures) == 2
    for picture in pictures:
        for value in (picture.source["srcset"], picture.img["srcset"]):
            for url, width in _srcset(value):
                assert " " not in url
                with Image.open(site.file(unquote(site.follow("/2024/05/ten-la/", url)))) as variant:
                    assert variant.width == width


def test_encoding_on_several_cores_gives_the_same_bytes_as_on_one(tmp_path):
    from site_builder.content.model import Picture
    from site_builder.images import publish_images

    (tmp_path / "media").mkdir()
    pictures = []
    for number in range(3):
        phone_photo(tmp_path / "media" / f"p{number}.jpg", size=(900 + 100 * number, 600))
        pictures.append(Picture(f"media/p{number}.jpg", 600, 900 + 100 * number))
    alone = publish_images(pictures, tmp_path, tmp_path / "mot", workers=1).files
    together = publish_images(pictures, tmp_path, tmp_path / "hai", workers=2).files
    assert alone.keys() == together.keys() and len(alone) == 3 * 2 * 3  # 320, 480, 600 px; WebP, JPEG
    assert all(alone[path].read_bytes() == together[path].read_bytes() for path in alone)
