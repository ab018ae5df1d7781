"""What an image file an article uses must be, checked from its header without decoding it.

Editors drop in photos straight from a phone: a HEIC from an iPhone, a 48-megapixel JPEG, a
PDF or a text file renamed `.jpg`. Each is answered here, once per file and run, with a
Vietnamese message: accepted (with its upright size, EXIF orientation applied, which the
pages' `width`/`height` need), accepted with a warning (very large), or refused. A
decompression bomb (a small file declaring billions of pixels) is refused from its header.
"""

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
from PIL import Image, UnidentifiedImageError

pillow_heif.register_heif_opener()  # iPhone photos (HEIC) open like any other image

# Pillow's format names, as editors know them.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "HEIF": "HEIC/HEIF"}
ACCEPTED_NAMES = ", ".join(ACCEPTED_FORMATS.values())
MAX_PIXELS = 100_000_000  # above: refused unread (a 200-MP phone photo is 16320×12240 = 200 MP)
WARN_PIXELS = 50_000_000
WARN_BYTES = 20 * 1024 * 1024
_TRANSPOSED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_ORIENTATION = 0x0112
_EXPORT_HINT = (f"Lưu lại ảnh dưới dạng JPEG (định dạng được nhận: {ACCEPTED_NAMES}); "
                "ví dụ mở ảnh bằng trình xem ảnh rồi chọn Xuất/Lưu thành JPEG.")

Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow itself refuses more when anything decodes


@dataclass(frozen=True, slots=True)
class ImageCheck:
    """What an image file is: its upright size when usable, and problems (message, hint)."""

    width: int = 0
    height: int = 0
    errors: tuple[tuple[str, str], ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()


def inspect_image(path: Path) -> ImageCheck:
    """Open the header of `path` and judge it (the pixels are not decoded)."""
    name = path.name
    try:
        size = os.path.getsize(path)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return _judge(name, size, image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_many_pixels(name)
    except UnidentifiedImageError:
        return ImageCheck(errors=((f"Tệp `{name}` không phải là ảnh đọc được.", _EXPORT_HINT),))
    except OSError as error:
        return ImageCheck(errors=((f"Không đọc được ảnh `{name}` ({error.strerror or error}).", _EXPORT_HINT),))


def _judge(name: str, size: int, image: Image.Image) -> ImageCheck:
    if image.format not in ACCEPTED_FORMATS:
        return ImageCheck(errors=((f"Ảnh `{name}` có định dạng {image.format}, không được nhận.", _EXPORT_HINT),))
    width, height = image.size
    if width * height > MAX_PIXELS:
        return _too_many_pixels(name)
    found = []
    megabytes, megapixels = size / 1024 / 1024, width * height / 1_000_000
    if size > WARN_BYTES or width * height > WARN_PIXELS:
        found.append((f"Ảnh `{name}` rất lớn ({megabytes:.0f} MB, {megapixels:.0f} megapixel): dựng trang sẽ chậm.",
                      "Nên thu nhỏ ảnh còn khoảng 3000 px chiều ngang trước khi đưa vào."))
    if image.getexif().get(_ORIENTATION) in _TRANSPOSED:
        width, height = height, width
    return ImageCheck(width, height, warnings=tuple(found))


def _too_many_pixels(name: str) -> ImageCheck:
    return ImageCheck(errors=((f"Ảnh `{name}` khai báo quá {MAX_PIXELS // 1_000_000} megapixel: không được nhận "
                               "(có thể là tệp độc hại).",
                               "Thu nhỏ ảnh (ví dụ còn 3000 px chiều ngang) rồi lưu lại."),))


class ImageInspector:
    """Each file inspected once per run, however many articles show it."""

    def __init__(self):
        self._known: dict[Path, ImageCheck] = {}

    def __call__(self, path: Path) -> ImageCheck:
        key = path.resolve()
        if key not in self._known:
            self._known[key] = inspect_image(key)
        return self._known[key]
