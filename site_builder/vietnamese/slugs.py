"""URL slugs: plain ASCII made by python-slugify with its default settings (đ becomes d)."""

from slugify import slugify

from site_builder.vietnamese.text import nfc


def slugify_vi(text: str) -> str:
    """`Sư đoàn Bộ binh 301` -> `su-doan-bo-binh-301`; `Chỉ thị 05` -> `chi-thi-05`."""
    return slugify(nfc(text))
