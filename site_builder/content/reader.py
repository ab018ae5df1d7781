"""Read every `articles/**/*.md` of a content folder into Article records, collecting problems."""

import difflib
from collections.abc import Callable
import hashlib
import signal
from pathlib import Path

from site_builder.content.body_links import check_body
from site_builder.content.fields import FIELDS, SLUG, FieldProblem, ReadContext
from site_builder.content.frontmatter import FrontMatter, FrontMatterProblem, FrontMatterReader, parse_front_matter
from site_builder.content.images import ImageCheck, ImageInspector, inspect_image
from site_builder.content.lead import plain_text, split_lead
from site_builder.content.model import Article, LeadImage
from site_builder.content.sources import find_article_files
from site_builder.encoding import NotUTF8, decode_utf8
from site_builder.errors import ContentError, display_path
from site_builder.forked import Forked, MessagePipe, SharedBatches
from site_builder.vietnamese import drop_unprintable, nfc, slugify_vi


def _unknown_field(name: str) -> tuple[str, str]:
    guesses = difflib.get_close_matches(name, FIELDS, n=1, cutoff=0.6)
    message = f"Trường `{name}` không được hỗ trợ."
    if guesses:
        return message, f"Có phải ý bạn là `{guesses[0]}`?"
    return message, f"Các trường hợp lệ: {', '.join(FIELDS)}."


def _normalise_fields(front, context: ReadContext, shown: str) -> tuple[dict, list[ContentError]]:
    values: dict = {}
    errors: list[ContentError] = []
    for name, raw in front.fields.items():
        name = str(name)
        line = front.lines.get(name)
        field = FIELDS.get(name)
        if field is None:
            errors.append(ContentError(shown, line, *_unknown_field(name)))
            continue
        if raw is None or raw == "" or raw == []:
            if field.required:
                errors.append(ContentError(
                    shown, line, f"`{name}` không được để trống.", "Điền giá trị vào sau dấu hai chấm."))
            continue
        try:
            values[name] = field.normalise(raw, context)
        except FieldProblem as problem:
            errors.append(ContentError(
                shown, front.lines.get(problem.item, line), f"`{name}` {problem.message}", problem.hint
            ))
    for field in FIELDS.values():
        if field.required and field.name not in front.fields:
            errors.append(ContentError(
                shown, 1, f"Thiếu trường bắt buộc `{field.name}`.",
                f"Thêm dòng `{field.name}: …` vào phần khai báo."))
    if "updated" in values and "date" in values and values["updated"] < values["date"]:
        errors.append(ContentError(
            shown, front.lines["updated"], "`updated` (ngày cập nhật) sớm hơn `date` (ngày đăng).",
            "Ngày cập nhật phải bằng hoặc sau ngày đăng; kiểm tra lại năm, tháng, ngày."))
    for name in ("image_caption", "image_alt"):
        if name in values and front.fields.get("image") in (None, ""):
            errors.append(ContentError(
                shown, front.lines[name], f"Có `{name}` nhưng không có `image`.",
                f"Thêm trường `image` hoặc xóa `{name}`."))
    return values, errors


def _lead_image(values: dict, front, context: ReadContext, shown: str,
                inspect: Callable[[Path], ImageCheck]) -> tuple[LeadImage | None, list[ContentError]]:
    """The lead image with its upright size, once its file is judged an image we publish."""
    path = values.pop("image", None)
    caption, alt = values.pop("image_caption", ""), values.pop("image_alt", "")
    if path is None:
        return None, []
    line = front.lines.get("image")
    checked = inspect(context.content_dir / path)
    problems = [ContentError(shown, line, f"`image` {message}", hint) for message, hint in checked.errors]
    problems += [ContentError(shown, line, f"`image` {message}", hint, warning=True)
                 for message, hint in checked.warnings]
    if not alt:
        problems.append(ContentError(
            shown, line, "`image` không có mô tả ảnh (`image_alt`).",
            'Thêm dòng `image_alt: "…"` tả điều ảnh cho thấy, cho người không xem được ảnh.', warning=True))
    if checked.errors:
        return None, problems
    return LeadImage(path, caption, alt, checked.width, checked.height), problems


def read_article(path: Path, content_dir: Path, section_keys: tuple[str, ...],
                 parse: Callable[[str], FrontMatter] = parse_front_matter,
                 inspect: Callable[[Path], ImageCheck] = inspect_image):
    """Return (Article or None, problems). Never raises for a problem in the file; the
    article is there when the only problems are warnings."""
    return article_of(path, file_bytes(path), content_dir, section_keys, parse, inspect)


def file_bytes(path: Path) -> bytes | ContentError:
    """An article file's bytes, or the problem of reading them."""
    try:
        return path.read_bytes()
    except OSError as error:
        return ContentError(display_path(path), 1, f"Không đọc được tệp ({error.strerror}).",
                            "Kiểm tra quyền đọc của tệp rồi chạy lại.")


def article_of(path: Path, data: bytes | ContentError, content_dir: Path, section_keys: tuple[str, ...],
               parse: Callable[[str], FrontMatter], inspect: Callable[[Path], ImageCheck]):
    """`read_article` of the file's bytes, read already (or the problem of reading them)."""
    if isinstance(data, ContentError):
        return None, [data]
    shown = display_path(path)
    try:
        text = nfc(decode_utf8(data))
    except NotUTF8 as problem:
        return None, [ContentError(shown, problem.line, problem.message, problem.hint)]
    if not text.strip():
        return None, [ContentError(shown, 1, "Tệp trống.", "Xóa tệp hoặc viết bài theo mẫu của `site-builder new`.")]
    try:
        front = parse(text.replace("\r\n", "\n"))
    except FrontMatterProblem as problem:
        return None, [ContentError(shown, problem.line, problem.message, problem.hint)]
    context = ReadContext(content_dir, path, section_keys)
    values, errors = _normalise_fields(front, context, shown)
    if not front.fields.get("slug") and not SLUG.match(path.stem):
        errors.append(ContentError(
            shown, 1, f"Tên tệp `{path.name}` không dùng được làm địa chỉ bài viết.",
            f"Đổi tên tệp thành chữ thường không dấu, chữ số và dấu `-` (ví dụ "
            f"`{slugify_vi(path.stem) or 'ten-bai'}.md`), hoặc thêm trường `slug`."))
    image, image_problems = _lead_image(values, front, context, shown, inspect)
    body_links = check_body(front.body, front.body_line, path, content_dir, inspect)
    errors += image_problems + list(body_links.problems)
    if any(not error.warning for error in errors):
        return None, errors
    body = drop_unprintable(front.body).strip("\n")  # invisible, and refused by the feeds' XML
    summary = values.pop("summary", "")
    if not summary:
        lead, body = split_lead(body)
        summary = plain_text(lead)
    article = Article(
        source_path=path.relative_to(content_dir).as_posix(),
        content_hash=hashlib.sha256(data).hexdigest(),
        slug=values.pop("slug", path.stem),
        summary=summary,
        body=body,
        image=image,
        word_count=len(summary.split()) + len(body.split()),
        body_media=body_links.media,
        body_articles=body_links.articles,
        body_pictures=body_links.pictures,
        **values,
    )
    return article, errors


def read_articles(content_dir: Path, section_keys: tuple[str, ...],
                  front_matter: FrontMatterReader = FrontMatterReader(), processes: int = 1,
                  started: "ArticleReading | None" = None):
    """Every article of the column, in path order, and every problem found (slugs included;
    warnings among them). With `processes=2`, a forked process reads a share of the files.
    `started`: a reading begun earlier, used when it reads the same folder for the same
    sections with `front_matter`, else stopped and begun again."""
    if started is not None and not started.reads(content_dir, section_keys, front_matter):
        started.cancel()
        started = None
    reading = started or ArticleReading(content_dir, section_keys, front_matter, processes)
    articles: list[Article] = []
    first_by_slug: dict[str, Article] = {}
    errors, results = reading.results()
    for article, problems in results:
        errors.extend(problems)
        if article is None:
            continue
        earlier = first_by_slug.setdefault(article.slug, article)
        if earlier is not article:
            errors.append(ContentError(
                display_path(content_dir / article.source_path), 1,
                f"Slug `{article.slug}` đã được dùng cho {display_path(content_dir / earlier.source_path)}.",
                "Đổi tên tệp hoặc đặt trường `slug` khác cho một trong hai bài."))
            continue
        articles.append(article)
    return tuple(articles), tuple(errors)


# Fewer files than this are read in one process: a fork and its answer cost more.
_FILES_WORTH_A_PROCESS = 200
_BATCH = 50  # files taken at a time by either process


class ArticleReading:
    """The article files of a content folder read into (article or None, problems), begun at
    once. Reading is most of a warm build's time before any page is made (about 3 s at 10,000
    articles), and the other core is idle then: with `processes=2`, a forked process starts
    reading as soon as the files are found, each process taking the next batch as it is done
    with its last, while this one goes on with other work (`site-builder build` starts the
    reading before it imports the engine, and takes its share when it needs the column). The
    child sends each batch as it reads it (pickling it counts in how much it takes), this
    process receives them between its own, and at the end what the front matter reader learned."""

    def __init__(self, content_dir: Path, section_keys: tuple[str, ...],
                 front_matter: FrontMatterReader = FrontMatterReader(), processes: int = 1):
        self._content_dir, self._section_keys, self._front_matter = content_dir, section_keys, front_matter
        self._paths, self._problems = find_article_files(content_dir)
        self._inspect = ImageInspector()
        self._batches = SharedBatches(len(self._paths), _BATCH)
        self._child: Forked | None = None
        self._sent: MessagePipe | None = None
        if processes >= 2 and len(self._paths) >= _FILES_WORTH_A_PROCESS:
            self._sent = MessagePipe()
            self._child = Forked(self._read_in_child)
            self._sent.in_parent()

    @property
    def front_matter(self) -> FrontMatterReader:
        return self._front_matter

    def reads(self, content_dir: Path, section_keys: tuple[str, ...], front_matter: FrontMatterReader) -> bool:
        """Whether this reading is the one asked for (the folder named alike: its problems name
        files by it)."""
        return (content_dir == self._content_dir and section_keys == self._section_keys
                and front_matter is self._front_matter)

    def _read(self, batch: range) -> list:
        """The batch's files read from the disk first, then made into articles: read one by one
        between the others, the system calls evicted the parsers' code and data from the
        processor's caches (10,000 articles read in one process: 2.24 s of CPU against 2.04 s,
        medians of ten alternating runs)."""
        paths = self._paths[batch.start:batch.stop]
        contents = [file_bytes(path) for path in paths]
        return [article_of(path, data, self._content_dir, self._section_keys, self._front_matter.parse, self._inspect)
                for path, data in zip(paths, contents)]

    def _read_in_child(self) -> dict:
        self._sent.in_child()
        while batch := self._batches.take():
            self._sent.send((batch.start, batch.stop, self._read(batch)))
        self._sent.end()
        return self._front_matter.learned()

    def results(self) -> tuple[list[ContentError], list]:
        """The problems of the folder's layout, and (article or None, problems) for each file
        in path order: the files not taken yet are read here, the child's batches received
        between them, then the rest of them once it is done."""
        results: list = [None] * len(self._paths)
        child, sent, self._child, self._sent = self._child, self._sent, None, None

        def receive(wait: bool) -> None:
            for start, stop, read in sent.received(wait):
                results[start:stop] = read
        try:
            while batch := self._batches.take():
                results[batch.start:batch.stop] = self._read(batch)
                if sent is not None:
                    receive(wait=False)
            if sent is not None:
                receive(wait=True)
        except BaseException:
            if child is not None:
                child.stop(signal.SIGKILL)
            raise
        finally:
            if sent is not None:
                sent.close()
        if child is not None:
            failure = child.wait()
            if failure is not None:
                raise RuntimeError(f"reading articles in the second process failed:\n{failure}")
            self._front_matter.learn(child.result)
        return list(self._problems), results

    def cancel(self) -> None:
        """Stop the child, if any (the build failed, or asked for another reading)."""
        if self._child is not None:
            self._child.stop(signal.SIGKILL)
            self._child = None
        if self._sent is not None:
            self._sent.close()
            self._sent = None
