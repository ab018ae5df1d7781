"""Links and images in an article body, checked where the editor wrote them.

MkDocs would publish a broken link with an English warning and no line, and the Markdown
extension turns a forbidden URL into text without a word: editors get neither. One scan of the
body finds inline links and images, reference definitions (`[x]: url`) and autolinks (`<url>`)
with their file line, outside code, reading them with Python-Markdown's own patterns (a URL
may hold spaces: `[a](java script:x)`); it reports each problem and lists the media files the
body uses, so that only those need publishing. An image follows the rules of the `image:`
field (a file Pillow opens, not too large) and should say what it shows (its alt text).
"""

import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown.blockprocessors import ReferenceProcessor
from markdown.inlinepatterns import AUTOLINK_RE, LINK_RE, LinkInlineProcessor

from site_builder.content.images import ImageCheck, inspect_image
from site_builder.content.model import Picture
from site_builder.errors import ContentError, display_path
from site_builder.url_safety import browser_form, is_allowed_url, url_scheme

_LIST_ITEM = re.compile(r" {0,3}(?:[*+-]|\d+[.)])[ \t]")
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)")
_ESCAPED = re.compile(r"\\[\\`\[\]!<()]")
_IMAGE_REFERENCE = re.compile(r"!\[([^\[\]]*)\](?:[ \t]?\[([^\[\]]*)\]|(?!\())")
# Markdown's autolinks (`<https://…>`), and any `<scheme:…>`, which other engines would link.
_AUTOLINK = re.compile(AUTOLINK_RE + r"|<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_BLOCK = re.compile(r"(?:^[ \t]*\S.*(?:\n|\Z))+", re.M)
_OTHER_HOST = re.compile(r"[/\\]{2}")  # `//host/x`; browsers read `\` as `/` in web URLs
_MASK = "\x00"
# A link to a photo publishes the photo too: it goes through the image pipeline (its largest
# copy, without metadata), never as it is.
_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".tif", ".tiff"}  # stands for code and escapes: keeps offsets, matches no Markdown syntax

_IMAGE_HINT = "Đặt ảnh trong `content/media/` và ghi đường dẫn như `../../media/anh.jpg`."
_ALT_HINT = "Viết mô tả ảnh trong ngoặc vuông cho người không xem được ảnh: `![Mô tả ảnh](../../media/anh.jpg)`."
_LINK_HINT = ("Chỉ dùng địa chỉ trang web (`https://…`), `mailto:`, `tel:` hoặc đường dẫn tới tệp .md "
              "của bài khác, ví dụ `../2025/ten-bai.md`.")


@dataclass(frozen=True, slots=True)
class BodyLinks:
    """What a body's links and images give: problems, media used and articles linked to (their
    files, relative to content/: the body's HTML holds their addresses)."""

    problems: tuple[ContentError, ...]  # warnings among them
    media: tuple[str, ...]
    articles: tuple[str, ...] = ()
    pictures: tuple[Picture, ...] = ()  # images shown or linked to (also in media)


class _LinkParser(LinkInlineProcessor):
    """Python-Markdown's reading of `(url "title")`, on source text (no placeholders to restore)."""

    def unescape(self, text: str) -> str:
        return text


_LINK_PARSER = _LinkParser(LINK_RE)  # holds no state: only its parsing method is used


@dataclass(frozen=True, slots=True)
class _Target:
    url: str
    line: int
    is_image: bool
    alt: str | None = None  # an inline image's alt text (a reference's is written elsewhere)


def check_body(body: str, first_line: int, article_path: Path, content_dir: Path,
               inspect: Callable[[Path], ImageCheck] = inspect_image) -> BodyLinks:
    """Check every link and image of `body`, whose first line is line `first_line` of the file;
    `inspect` judges image files (once per file in a whole run)."""
    targets = _targets(body, first_line)
    if not targets:
        return BodyLinks((), ())
    shown = display_path(article_path)
    problems: dict[tuple[int, str], ContentError] = {}
    used: dict[str, None] = {}
    pictures: dict[str, Picture] = {}
    base = article_path.parent.relative_to(content_dir).as_posix()
    root = os.path.realpath(content_dir)
    for target in targets:
        problem, file = _judge(target, base, root)
        if problem:
            problems.setdefault((target.line, problem[0]), ContentError(shown, target.line, *problem))
        if file and (target.is_image or PurePosixPath(file).suffix.lower() in _IMAGE_SUFFIXES):
            checked = inspect(content_dir / file)
            for (message, hint), warning in [(p, False) for p in checked.errors] + [(p, True) for p in checked.warnings]:
                problems.setdefault((target.line, message), ContentError(shown, target.line, message, hint, warning))
            if checked.errors:
                continue
            pictures.setdefault(file, Picture(file, checked.width, checked.height))
            if target.alt is not None and not target.alt.strip():
                message = f"Ảnh `{_shown(target.url)}` không có mô tả (alt)."
                problems.setdefault((target.line, message), ContentError(shown, target.line, message, _ALT_HINT, True))
        if file:
            used.setdefault(file)
    return BodyLinks(tuple(problems.values()), tuple(path for path in used if not path.endswith(".md")),
                     tuple(path for path in used if path.endswith(".md")), tuple(pictures.values()))


def _targets(body: str, first_line: int) -> list[_Target]:
    """Every URL Markdown would make a link or an image of, in the order written."""
    if "[" not in body and "<" not in body:
        return []  # most bodies: no work
    text = _masked(body)

    def target(start: int, end: int, is_image: bool, alt: str | None = None) -> _Target:
        return _Target(body[start:end], first_line + body.count("\n", 0, start), is_image, alt)

    image_ids = {_reference_id(m[2] or m[1]) for m in _IMAGE_REFERENCE.finditer(text)}
    found = []
    for match in ReferenceProcessor.RE.finditer(text):
        start, end = match.span(2)
        start, end = start + text.startswith("<", start), end - text.endswith(">", start, end)
        found.append(target(start, end, _reference_id(match[1]) in image_ids))
    for block in _BLOCK.finditer(text):
        if "](" not in block[0]:
            continue
        for opening, closing in _bracket_pairs(block[0]):
            span = _inline_url(block[0], closing)
            if span:
                is_image = opening > 0 and block[0][opening - 1] == "!"
                alt = body[block.start() + opening + 1:block.start() + closing] if is_image else None
                found.append(target(block.start() + span[0], block.start() + span[1], is_image, alt))
    for match in _AUTOLINK.finditer(text):
        group = 1 if match[1] else 2
        found.append(target(*match.span(group), False))
    return sorted(found, key=lambda t: t.line)


def _masked(body: str) -> str:
    """The body with indented code blocks, code spans and backslash escapes masked."""
    text = body
    if body.startswith(("    ", "\t")) or "\n    " in body or "\n\t" in body:
        lines = body.split("\n")
        for index in _indented_code_lines(lines):
            lines[index] = _MASK * len(lines[index])
        text = "\n".join(lines)
    text = _ESCAPED.sub(_mask, text) if "\\" in text else text
    return _CODE_SPAN.sub(_mask, text) if "`" in text else text


def _mask(match: re.Match) -> str:
    return re.sub(r"[^\n]", _MASK, match[0])


def _indented_code_lines(lines: list[str]) -> list[int]:
    """Lines of indented code blocks: indented four spaces after a blank line, outside a list."""
    code, in_code, in_list, after_blank = [], False, False, True
    for index, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        in_code = indented and (in_code or (after_blank and not in_list))
        if in_code:
            code.append(index)
        elif _LIST_ITEM.match(line):
            in_list = True
        elif after_blank and not indented:
            in_list = False
        after_blank = False
    return code


def _bracket_pairs(paragraph: str) -> list[tuple[int, int]]:
    """Offsets of matching `[` and `]` (one pass: hostile text stays linear)."""
    pairs, open_brackets = [], []
    for match in re.finditer(r"[\[\]]", paragraph):
        if match[0] == "[":
            open_brackets.append(match.start())
        elif open_brackets:
            pairs.append((open_brackets.pop(), match.start()))
    return pairs


def _inline_url(paragraph: str, closing: int) -> tuple[int, int] | None:
    """Offsets of the URL when the `]` at `closing` is followed by `(url "title")`."""
    if not paragraph.startswith("(", closing + 1):
        return None
    href, _title, _end, handled = _LINK_PARSER.getLink(paragraph, closing + 1)
    if not handled or not href:
        return None
    start = paragraph.find(href, closing + 2)
    return start, start + len(href)


def _reference_id(text: str) -> str:
    return " ".join(text.lower().split())


def _judge(target: _Target, base: str, root: str) -> tuple[tuple[str, str] | None, str | None]:
    """(message and hint, or None; the file of the column used, or None) for one link or image."""
    url, what = target.url, ("Ảnh" if target.is_image else "Liên kết")
    if not is_allowed_url(url):
        return (f"{what} `{_shown(url)}` có địa chỉ không được phép.",
                _IMAGE_HINT if target.is_image else _LINK_HINT), None
    cleaned = browser_form(url)
    if url_scheme(url) or _OTHER_HOST.match(cleaned):
        if not target.is_image:
            return None, None
        return (f"Ảnh `{_shown(url)}` phải là tệp trong thư mục content, không phải địa chỉ trên mạng.",
                "Tải ảnh về `content/media/` và ghi đường dẫn như `../../media/anh.jpg`: "
                "trang không tải gì từ máy chủ khác."), None
    path = unquote(urlsplit(cleaned).path)
    if not target.is_image and (not PurePosixPath(path).suffix or path.endswith("/")):
        return None, None  # `#anchor`, or a page the site makes (`/the/`): not a file
    return _judge_file(url, path, target.is_image, base, root)


def _judge_file(url: str, path: str, is_image: bool, base: str, root: str):
    """A file the body points at must be inside the content folder (symlinks followed) and exist."""
    relative = posixpath.normpath(posixpath.join("" if path.startswith("/") else base, path.lstrip("/")))
    what = "Ảnh" if is_image else "Liên kết"
    resolved = _resolved(os.path.join(root, relative))
    if relative.split("/")[0] == ".." or (resolved and not (resolved + os.sep).startswith(root + os.sep)):
        return (f"{what} `{_shown(url)}` trỏ ra ngoài thư mục content.",
                "Chép tệp vào `content/media/` và ghi đường dẫn như `../../media/anh.jpg`."), None
    if resolved is None or not os.path.isfile(resolved):
        if is_image:
            return (f"Không tìm thấy tệp ảnh `{_shown(url)}`.", _IMAGE_HINT), None
        if path.endswith(".md"):
            return (f"Liên kết tới bài `{_shown(url)}` nhưng không có tệp bài viết này.",
                    "Kiểm tra tên tệp; liên kết tới bài khác là đường dẫn tới tệp .md của bài, "
                    "ví dụ `../2025/ten-bai.md`."), None
        return (f"Liên kết tới tệp `{_shown(url)}` nhưng không tìm thấy tệp này.",
                "Đặt tệp trong `content/media/` và kiểm tra đường dẫn."), None
    return None, relative


def _resolved(path: str) -> str | None:
    """The real path (symlinks followed), or None when there can be none (a NUL, a name too long)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return None


def _shown(url: str, limit: int = 80) -> str:
    """The URL as a message line can show it: control characters escaped, long ones cut."""
    printable = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in url)
    return printable if len(printable) <= limit else printable[:limit] + "…"
