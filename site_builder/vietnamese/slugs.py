"""URL slugs: plain ASCII made by python-slugify with its default settings (đ becomes d)."""

from functools import lru_cache

from slugify import slugify

from site_builder.vietnamese.text import nfc


@lru_cache(maxsize=65536)
def slugify_vi(text: str) -> str:
    """`Sư đoàn Bộ binh 301` -> `su-doan-bo-binh-301`; `Chỉ thị 05` -> `chi-thi-05`.

    Cached: the same tags, authors and places are slugified for every page that links them.
    """
    return slugify(nfc(text))
