"""The front-matter field table: one normaliser per field, each explaining what is wrong.

A normaliser takes the raw YAML value and the reading context and returns the clean value,
or raises FieldProblem with a Vietnamese message and a fix.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from site_builder.content.model import Subject, SubjectKind
from site_builder.vietnamese import VIETNAM_TZ, nfc

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    return nfc(str(value).strip())


def _required_text(value: object, context: ReadContext) -> str:
    text = _text(value, context)
    if not text:
        raise FieldProblem("không được để trống.", "Điền nội dung vào sau dấu hai chấm.")
    return text


def _moment(value: object, _context: ReadContext) -> datetime:
    """ISO date or date-time; a date alone is 00:00 and a time without zone is Vietnam's."""
    hint = "Viết theo dạng `2020-06-21` hoặc `2020-06-21T07:32:00+07:00`."
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise FieldProblem(f"`{value}` không phải là ngày giờ hợp lệ.", hint) from None
    else:
        raise FieldProblem("phải là ngày giờ.", hint)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM_TZ)
    return moment


def _text_list(value: object, context: ReadContext) -> tuple[str, ...]:
    """A list of names; a single name is accepted as a list of one. Duplicates are dropped."""
    items = value if isinstance(value, list) else [value]
    names: dict[str, None] = {}
    for index, item in enumerate(items):
        try:
            name = _text(item, context)
        except FieldProblem as problem:
            raise FieldProblem(f"mục thứ {index + 1} {problem.message}", problem.hint) from None
        if name:
            names[name] = None
    return tuple(names)


def _categories(value: object, context: ReadContext) -> tuple[str, ...]:
    keys = _text_list(value, context)
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
    if not SLUG.match(slug):
        raise FieldProblem(
            f"`{slug}` không dùng được trong địa chỉ.",
            "Chỉ dùng chữ thường không dấu, chữ số và dấu `-`, ví dụ `ha-noi-nhan-rong-mo-hinh`.",
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
            name = _required_text(item.get("name"), context)
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
        Field("tags", _text_list),
        Field("authors", _text_list),
        Field("source", _text),
        Field("locality", _text),
        Field("summary", _text),
        Field("image", _image),
        Field("image_caption", _text),
        Field("subjects", _subjects),
        Field("featured", _boolean),
        Field("draft", _boolean),
    )
}
