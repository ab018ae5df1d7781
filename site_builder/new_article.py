"""`site-builder new`: start an article file with its front matter filled in."""

import json
from datetime import datetime
from pathlib import Path

from site_builder.content.sources import ARTICLES_DIR
from site_builder.sections import Section
from site_builder.vietnamese import VIETNAM_TZ, nfc, slugify_vi


class NewArticleRefused(Exception):
    """The article cannot be created; the message says why, in Vietnamese."""


def _quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar: quotes and backslashes stay safe.
    return json.dumps(text, ensure_ascii=False)


def article_text(title: str, category: str, now: datetime) -> str:
    """The new file's text: required fields filled, optional ones ready to fill, kept as a draft."""
    moment = now.astimezone(VIETNAM_TZ).replace(microsecond=0)
    return (
        "---\n"
        f"title: {_quoted(title)}\n"
        f"date: {moment.isoformat()}\n"
        f"categories: [{category}]\n"
        "tags: []\n"
        "authors: []\n"
        'source: ""\n'
        'locality: ""\n'
        'summary: ""          # lời dẫn (sapo); để trống thì lấy đoạn đầu của bài\n'
        "draft: true          # xóa dòng này khi bài sẵn sàng xuất bản\n"
        "---\n\n"
        "Đoạn mở đầu của bài viết.\n"
    )


def create_article(
    content_dir: Path, title: str, category: str, sections: tuple[Section, ...], now: datetime
) -> Path:
    """Write `articles/<yyyy>/<slug>.md` and return its path; never overwrite a file."""
    title = nfc(title.strip())
    keys = [section.key for section in sections]
    if category not in keys:
        raise NewArticleRefused(
            f"Không có chuyên mục `{category}`. Các khóa hợp lệ: {', '.join(keys)}.")
    slug = slugify_vi(title)
    if not slug:
        raise NewArticleRefused("Tiêu đề cần có ít nhất một chữ hoặc chữ số để làm địa chỉ bài viết.")
    year = now.astimezone(VIETNAM_TZ).year
    path = content_dir / ARTICLES_DIR / f"{year:04d}" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(article_text(title, category, now))
    except FileExistsError:
        raise NewArticleRefused(
            f"Tệp {path} đã có, không ghi đè. Đặt tiêu đề khác hoặc sửa tệp đang có.") from None
    return path
