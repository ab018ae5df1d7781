"""The front-matter field table: one normaliser per field, each explaining what is wrong.

A normaliser takes the raw YAML value and the reading context and returns the clean value,
or raises FieldProblem with a Vietnamese message and a fix.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from site_builder.content.model import Subject, SubjectKind
from site_builder.vietnamese import VIETNAM_TZ, code_point, find_unprintable, nfc, slugify_vi

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 100  # page addresses are folder names: far below the file systems' 255 bytes
# A news column's years; every date conversion (zones, timestamps) stays far from Python's limits.
FIRST_YEAR, LAST_YEAR = 1945, 2100


class FieldProblem(Exception):
    """A field's value is wrong; `item` names a list item (`subjects[1]`) for its line."""

    def __init__(self, message: str, hint: str = "", item: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.item = item


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a normaliser may need to know besides the value."""

    content_dir: Path
    article_path: Path
    section_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    normalise: Callable[[object, ReadContext], object]
    required: bool = False


def _text(value: object, _context: ReadContext | None = None) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FieldProblem("phải là một đoạn chữ.", 'Viết giá trị trong dấu ngoặc kép: `"…"`.')
    text = nfc(str(value).strip())
    unprintable = find_unprintable(text)
    if unprintable:
        raise FieldProblem(f"có ký tự không in được ({code_point(unprintable.group())}).",
                           "Xóa ký tự đó (thường lẫn vào khi sao chép, hoặc do mã thoát `\\x…`).")
    return text


def _required(normalise: Callable[[object, ReadContext], str]) -> Callable[[object, ReadContext], str]:
    def required(value: object, context: ReadContext) -> str:
        text = normalise(value, context)
        if not text:
            raise FieldProblem("không được để trống.", "Điền nội dung vào sau dấu hai chấm.")
        return text

    return required


_required_text = _required(_text)


def _name(value: object, context: ReadContext) -> str:
    """A tag, author, locality or subject name: each has a page whose address is its slug."""
    name = _text(value, context)
    slug = slugify_vi(name) if name else ""
    if name and not slug:
        raise FieldProblem(f"`{name}` không có chữ cái hay chữ số nào để làm địa chỉ trang.",
                           "Viết tên bằng chữ hoặc số, ví dụ `Chỉ thị 05`.")
    if len(slug) > MAX_SLUG_LENGTH:
        raise FieldProblem(f"dài quá {MAX_SLUG_LENGTH} ký tự.", "Viết tên ngắn gọn hơn.")
    return name


_required_name = _required(_name)


def _moment(value: object, _context: ReadContext) -> datetime:
    """ISO date or date-time in the column's years; a date alone is 00:00, a time without zone
    is Vietnam's. The years keep every later conversion (zones, timestamps) from overflowing."""
    hint = "Viết theo dạng `2020-06-21` hoặc `2020-06-21T07:32:00+07:00`."
    if not isinstance(value, str):
        raise FieldProblem("phải là ngày giờ.", hint)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise FieldProblem(f"`{value}` không phải là ngày giờ hợp lệ.", hint) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise FieldProblem(f"`{value}` nằm ngoài các năm {FIRST_YEAR}–{LAST_YEAR}.",
                           f"Kiểm tra lại năm: ngày phải từ năm {FIRST_YEAR} đến năm {LAST_YEAR}.")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM_TZ)
    return moment


def _list_of(normalise: Callable[[object, ReadContext], str]) -> Callable[[object, ReadContext], tuple[str, ...]]:
    """A list of texts; a single one is accepted as a list of one. Duplicates are dropped."""

    def normalise_list(value: object, context: ReadContext) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        texts: dict[str, None] = {}
        for index, item in enumerate(items):
            try:
                text = normalise(item, context)
            except FieldProblem as problem:
                raise FieldProblem(f"mục thứ {index + 1} {problem.message}", problem.hint) from None
            if text:
                texts[text] = None
        return tuple(texts)

    return normalise_list


_texts = _list_of(_text)
_names = _list_of(_name)


def _categories(value: object, context: ReadContext) -> tuple[str, ...]:
    keys = _texts(value, context)
    valid = ", ".join(context.section_keys)
    if not keys:
        raise FieldProblem("cần ít nhất một chuyên mục.", f"Các khóa hợp lệ: {valid}.")
    for key in keys:
        if key not in context.section_keys:
            raise FieldProblem(f"không có chuyên mục `{key}`.", f"Các khóa hợp lệ: {valid}.")
    return keys


def _boolean(value: object, _context: ReadContext) -> bool:
    if not isinstance(value, bool):
        raise FieldProblem("phải là `true` hoặc `false`.", "Viết `true` hoặc `false`, không có ngoặc kép.")
    return value


def _slug(value: object, context: ReadContext) -> str:
    slug = _required_text(value, context)
    if not SLUG.match(slug) or len(slug) > MAX_SLUG_LENGTH:
        raise FieldProblem(
            f"`{slug}` không dùng được trong địa chỉ.",
            f"Chỉ dùng chữ thường không dấu, chữ số và dấu `-` (tối đa {MAX_SLUG_LENGTH} ký tự), "
            "ví dụ `ha-noi-nhan-rong-mo-hinh`.",
        )
    return slug


def _image(value: object, context: ReadContext) -> str:
    """A file inside the content folder; returned relative to it (`media/x.jpg`)."""
    reference = _required_text(value, context)
    hint = "Đặt ảnh trong `content/media/` và ghi đường dẫn như `../../media/anh.jpg`."
    if "://" in reference or reference.startswith("//"):
        raise FieldProblem("phải là tệp ảnh trong thư mục content, không phải địa chỉ trên mạng.", hint)
    root = context.content_dir.resolve()
    base = root if reference.startswith("/") else context.article_path.parent
    target = (base / reference.lstrip("/")).resolve()
    if not target.is_relative_to(root):
        raise FieldProblem(f"`{reference}` nằm ngoài thư mục content.", hint)
    if not target.is_file():
        raise FieldProblem(f"không tìm thấy tệp ảnh `{reference}`.", hint)
    return target.relative_to(root).as_posix()


def _subjects(value: object, context: ReadContext) -> tuple[Subject, ...]:
    kinds = ", ".join(f"`{kind.value}`" for kind in SubjectKind)
    hint = f"Mỗi mục gồm `name: \"Tên\"` và `kind:` là một trong {kinds}."
    if not isinstance(value, list):
        raise FieldProblem("phải là một danh sách các mục `- name: …`.", hint)
    subjects: dict[str, Subject] = {}
    for index, item in enumerate(value):
        where = f"subjects[{index}]"
        if not isinstance(item, dict):
            raise FieldProblem(f"mục thứ {index + 1} phải có `name` và `kind`.", hint, where)
        try:
            name = _required_name(item.get("name"), context)
        except FieldProblem as problem:
            raise FieldProblem(f"mục thứ {index + 1}: `name` {problem.message}", hint, where) from None
        try:
            kind = SubjectKind(item.get("kind"))
        except ValueError:
            raise FieldProblem(
                f"mục thứ {index + 1}: `kind` phải là một trong {kinds}.", hint, where
            ) from None
        subjects.setdefault(name, Subject(name, kind))
    return tuple(subjects.values())


FIELDS: dict[str, Field] = {
    field.name: field
    for field in (
        Field("title", _required_text, required=True),
        Field("date", _moment, required=True),
        Field("categories", _categories, required=True),
        Field("updated", _moment),
        Field("slug", _slug),
        Field("tags", _names),
        Field("authors", _names),
        Field("source", _text),
        Field("locality", _name),
        Field("summary", _text),
        Field("image", _image),
        Field("image_caption", _text),
        Field("image_alt", _text),
        Field("subjects", _subjects),
        Field("featured", _boolean),
        Field("draft", _boolean),
    )
}
