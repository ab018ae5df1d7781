"""The image pipeline: every published image is a copy re-encoded from the pixels of the
editor's file, at the widths where pages show it, in WebP with a JPEG fallback.

A photo straight from a phone carries its GPS position, camera and software in its metadata,
and weighs megabytes a phone at 360 px never needs. Each picture is turned upright (EXIF
orientation), converted to sRGB (its colour profile applied, then dropped: browsers assume
sRGB) and resized to the widths of `WIDTHS` it reaches (never enlarged; its own width when
narrower than the largest); nothing of the original's metadata is written. The original
file is never published.

Encoding is a pure function of the file's bytes and `SETTINGS` (this module's code among
them): the variants are kept in the build cache under the hash of both, so an unchanged photo
costs nothing on the next build, and a warm build publishes the very bytes a cold one does. A cold build of many photos
encodes them on every core (forked processes, when no other thread runs).
"""

import hashlib
import io
import json
import math
import os
import shutil
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from PIL import Image, ImageCms, ImageOps

from site_builder.content.model import Picture
from site_builder.errors import ContentError, ContentErrors, display_path

# Widths for the places images appear: card thumbnails (up to 240 CSS px, 2–3× on phones'
# screens), the lead and body images (up to the text column, 2× on sharp screens).
WIDTHS = (320, 480, 800, 1200, 1600)
FALLBACK_WIDTH = 800  # the `src` of browsers that read no `srcset`; feeds' images
# How wide each place shows an image, as `sizes` (themes/chuyen-trang/assets/column.css; px,
# since `sizes` reads rem as 16 px while Material's root is 20 px, 22 from 1600 px, 24 from
# 2000 px): cards are a full-width column below 720 px, else at most 240 px; the lead and body
# images fill the text (46rem at most) inside Material's margins.
SIZES = {
    "card": "(max-width: 719px) calc(100vw - 32px), 240px",
    "wide": "(max-width: 959px) calc(100vw - 40px), (min-width: 2000px) 1104px, (min-width: 1600px) 1012px, 920px",
}
WEBP, JPEG = "webp", "jpg"
MEDIA_TYPES = {WEBP: "image/webp", JPEG: "image/jpeg"}
# Everything the bytes depend on, this module's code included: another value, another key.
SETTINGS = (WIDTHS, {"webp": {"quality": 80, "method": 4}, "jpeg": {"quality": 82, "optimize": True,
            "progressive": True}}, metadata.version("pillow"), metadata.version("pillow-heif"),
            hashlib.sha256(Path(__file__).read_bytes()).hexdigest())
_ENCODER = SETTINGS[1]
_FOLDER = "images"
_INDEX = "keys.json"
UNUSED_DAYS = 30


def widths(picture: Picture) -> tuple[int, ...]:
    """The widths published for `picture`: those of WIDTHS below its own, then its own (or the
    largest of WIDTHS when it is wider): never enlarged."""
    return tuple(width for width in WIDTHS if width < picture.width) + (min(picture.width, WIDTHS[-1]),)


def height_at(picture: Picture, width: int) -> int:
    """The height of the variant `width` wide (the shape kept, at least one pixel)."""
    return max(1, round(picture.height * width / picture.width))


def variant_path(picture: Picture, width: int, kind: str) -> str:
    """Where a variant is published: beside where the original is (`media/anh-800.webp`)."""
    path = PurePosixPath(picture.path)
    return str(path.with_name(f"{path.stem}-{width}.{kind}"))


def fallback_width(picture: Picture) -> int:
    """The width of the plain `src`: the largest up to FALLBACK_WIDTH (or the only one)."""
    return max((width for width in widths(picture) if width <= FALLBACK_WIDTH), default=widths(picture)[0])


def srcset(picture: Picture, kind: str, url) -> str:
    """`srcset` candidates of one format; `url` makes a page's address of a published path
    (percent-encoded here: a space or a comma in a file name would split a candidate)."""
    return ", ".join(f"{url(quote(variant_path(picture, width, kind)))} {width}w" for width in widths(picture))


@dataclass(frozen=True, slots=True)
class PublishedImages:
    """The variants of a build: published path -> the file in the build cache holding it."""

    files: dict[str, Path]

    def length(self, path: str) -> int:
        return self.files[path].stat().st_size


def _variant_collisions(pictures: Iterable[Picture]) -> set[tuple[str, str]]:
    """Pairs of pictures whose variants would have the same path (`anh.jpg` and `anh.png`)."""
    owner: dict[str, str] = {}
    clashes = set()
    for picture in pictures:
        for width in widths(picture):
            path = variant_path(picture, width, JPEG)
            if owner.setdefault(path, picture.path) != picture.path:
                clashes.add((owner[path], picture.path))
    return clashes


def publish_images(pictures: Iterable[Picture], content_dir: Path, cache_dir: Path,
                   workers: int = os.cpu_count() or 1) -> PublishedImages:
    """Every variant of `pictures`, from the cache or encoded now (in `workers` processes).
    Raises ContentErrors naming every picture whose copies would share names with another's,
    or whose pixels could not be read (a truncated photo whose header `check` accepted)."""
    pictures = tuple(pictures)
    clashes = _variant_collisions(pictures)
    if clashes:
        raise ContentErrors([ContentError(
            display_path(content_dir / second), None,
            f"Ảnh này và `{first}` cùng tên, chỉ khác phần mở rộng: các bản thu nhỏ sẽ trùng nhau.",
            "Đổi tên một trong hai tệp ảnh.") for first, second in sorted(clashes)])
    folder = cache_dir / _FOLDER
    keys = _Keys(folder / _INDEX)
    planned = [(picture, folder / keys.of(content_dir / picture.path)) for picture in pictures]
    keys.save()
    missing = {done: (content_dir / picture.path, widths(picture)) for picture, done in planned if not done.is_dir()}
    # Forked workers, only from a process without other threads (the preview server has some).
    if len(missing) > 1 and workers > 1 and threading.active_count() == 1:
        with ProcessPoolExecutor(min(workers, len(missing)), mp_context=get_context("fork")) as pool:
            failures = list(pool.map(_encode_into, missing, *zip(*missing.values())))
    else:
        failures = [_encode_into(done, source, sizes) for done, (source, sizes) in missing.items()]
    owners = {done: picture.path for picture, done in planned}
    problems = {owners[done]: failure for done, failure in zip(missing, failures) if failure}
    if problems:
        raise ContentErrors([ContentError(
            display_path(content_dir / path), None, f"Không đọc được ảnh này ({reason}).",
            "Tệp ảnh có thể bị hỏng hoặc chép thiếu: mở ảnh, lưu lại thành JPEG rồi chép lại.")
            for path, reason in sorted(problems.items())])
    files = {}
    for picture, done in planned:
        os.utime(done)  # in use: kept by _forget_unused
        for width in widths(picture):
            for kind in (WEBP, JPEG):
                files[variant_path(picture, width, kind)] = done / f"{width}.{kind}"
    _forget_unused(folder)
    return PublishedImages(files)


class _Keys:
    """The cache key of each image file: the hash of its bytes and SETTINGS, remembered by the
    file's identity (inode, size, modification time) so that an unchanged photo is not read
    again (the same trust the build cache gives published files)."""

    def __init__(self, index: Path):
        self._index, self._known, self._used = index, {}, {}
        try:
            data = json.loads(index.read_text(encoding="utf-8"))
            if data.get("settings") == repr(SETTINGS):
                self._known = data["files"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass

    def of(self, source: Path) -> str:
        stat = source.stat()
        name, identity = str(source.resolve()), [stat.st_ino, stat.st_size, stat.st_mtime_ns]
        known = self._known.get(name)
        key = known[1] if isinstance(known, list) and known[0] == identity else _key(source)
        self._used[name] = [identity, key]
        return key

    def save(self) -> None:
        self._index.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._index.with_name(f"{self._index.name}.{os.getpid()}")
        kept = {name: entry for name, entry in self._known.items() if os.path.exists(name)}
        temporary.write_text(json.dumps({"settings": repr(SETTINGS), "files": {**kept, **self._used}}),
                             encoding="utf-8")
        temporary.replace(self._index)


def _forget_unused(folder: Path) -> None:
    """Variants no build used for UNUSED_DAYS (photos replaced or deleted) are removed."""
    oldest = time.time() - UNUSED_DAYS * 86400
    for entry in folder.iterdir():
        if entry.is_dir() and entry.stat().st_mtime < oldest:
            shutil.rmtree(entry, ignore_errors=True)


def _key(source: Path) -> str:
    digest = hashlib.sha256(repr(SETTINGS).encode())
    with open(source, "rb") as file:
        digest.update(hashlib.file_digest(file, "sha256").digest())
    return digest.hexdigest()


def _encode_into(done: Path, source: Path, sizes: tuple[int, ...]) -> str | None:
    """Encode every variant into a work folder, then give it its final name in one step; or
    say why the pixels could not be read."""
    work = done.with_name(f"{done.name}.{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    try:
        variants = encode(source.read_bytes(), sizes)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        return str(error) or type(error).__name__
    work.mkdir(parents=True)
    for name, data in variants.items():
        (work / name).write_bytes(data)
    try:
        work.rename(done)
    except OSError:  # another build made it meanwhile: the same bytes
        shutil.rmtree(work, ignore_errors=True)
    return None


def encode(data: bytes, sizes: tuple[int, ...]) -> dict[str, bytes]:
    """`{"800.webp": bytes, "800.jpg": bytes, …}` from an image file's bytes: upright, sRGB,
    no metadata."""
    with Image.open(io.BytesIO(data)) as original:
        _decode_no_larger_than(original, max(sizes))
        image = _srgb(ImageOps.exif_transpose(original))
    encoded, source, full_width, full_height = {}, image, image.width, image.height
    for width in sorted(sizes, reverse=True):  # each from the next larger: far less to resample
        height = max(1, round(full_height * width / full_width))
        resized = source if width == source.width else source.resize((width, height), Image.Resampling.LANCZOS,
                                                                      reducing_gap=3.0)
        resized.info = {}  # nothing of the original's metadata travels with the pixels
        encoded[f"{width}.{WEBP}"] = _saved(resized, "WEBP", _ENCODER["webp"])
        encoded[f"{width}.{JPEG}"] = _saved(_opaque(resized), "JPEG", _ENCODER["jpeg"])
        source = resized
    return dict(sorted(encoded.items()))


def _decode_no_larger_than(image: Image.Image, width: int) -> None:
    """Let a JPEG decode at 1/2, 1/4 or 1/8 of its size when still at least `width` wide
    upright (DCT scaling: a 4000-px photo for 1600-px copies decodes several times faster)."""
    upright_width = image.height if image.getexif().get(0x0112) in (5, 6, 7, 8) else image.width
    scale = width / upright_width
    if scale < 1:
        image.draft(image.mode, (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _saved(image: Image.Image, image_format: str, options: dict) -> bytes:
    out = io.BytesIO()
    image.save(out, image_format, **options)
    return out.getvalue()


def _srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA pixels in sRGB: the embedded colour profile applied (Adobe RGB, Display P3
    of recent phones, CMYK), since the published files carry none."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                                  outputMode=mode)
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels as they are
    return image.convert(mode) if image.mode != mode else image


def _opaque(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: transparent parts become white, as on the page."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background
