"""Split an article file into YAML front matter and Markdown body, keeping line numbers.

The YAML is read with the safe loader only, within bounds (site_builder.editor_yaml): no tag can
build an object or run code, and no front matter can exhaust memory, time or the stack.
"""

from collections.abc import Callable
from dataclasses import dataclass

import yaml

from site_builder.editor_yaml import load_editor_yaml
from site_builder.yaml_problems import explain_yaml_error

_FENCE = "---"
_CLOSERS = ("---", "...")


class FrontMatterProblem(Exception):
    """The front matter cannot be read at all; `line` is 1-based in the file."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The fields as YAML gave them, the file line of each field, and the body after it."""

    fields: dict
    lines: dict[str, int]
    body: str
    body_line: int


def _split(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_first_line)."""
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        raise FrontMatterProblem(
            1,
            "Tệp không mở đầu bằng phần khai báo (front matter).",
            "Thêm dòng `---` ở dòng 1, các trường title, date, categories, rồi một dòng `---`.",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise FrontMatterProblem(
        1,
        "Phần khai báo (front matter) mở bằng `---` ở dòng 1 nhưng không được đóng lại.",
        "Thêm một dòng chỉ có `---` sau trường cuối cùng.",
    )


def _key_lines(node: yaml.MappingNode, offset: int) -> dict[str, int]:
    """File line of each top-level key, and of each list item under it (`subjects[1]`).

    A key written twice is refused: YAML would silently keep only the last value.
    """
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1 + offset
        if key in lines:
            raise FrontMatterProblem(
                line,
                f"Trường `{key}` được khai báo hai lần (dòng {lines[key]} và dòng {line}).",
                "Giữ lại một dòng và xóa dòng kia.",
            )
        lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                lines[f"{key}[{index}]"] = item.start_mark.line + 1 + offset
    return lines


def read_fields(yaml_text: str) -> tuple[dict, dict[str, int]]:
    """The fields of a front matter's YAML text and the file line of each, or FrontMatterProblem.

    A pure function of the text, so the build cache may remember its results.
    """
    offset = 1  # the YAML text starts on line 2 of the file
    try:
        fields, node = load_editor_yaml(yaml_text)
    except yaml.MarkedYAMLError as error:
        raise FrontMatterProblem(*explain_yaml_error(error, offset)) from None
    except yaml.YAMLError as error:
        raise FrontMatterProblem(1, f"Phần khai báo YAML không hợp lệ ({error}).") from None
    if node is None:
        raise FrontMatterProblem(
            1, "Phần khai báo (front matter) trống.", "Thêm ít nhất title, date và categories."
        )
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterProblem(
            node.start_mark.line + 1 + offset,
            "Phần khai báo phải là các dòng `tên_trường: giá trị`.",
            'Ví dụ: `title: "Tiêu đề bài viết"`.',
        )
    return fields, _key_lines(node, offset)


def parse_front_matter(text: str, read: Callable[[str], tuple[dict, dict[str, int]]] = read_fields) -> FrontMatter:
    """Parse `text` (a whole article file) or raise FrontMatterProblem with its line."""
    yaml_text, body, body_line = _split(text)
    fields, lines = read(yaml_text)
    return FrontMatter(fields=fields, lines=lines, body=body, body_line=body_line)


class FrontMatterReader:
    """How a build reads front matter (`parse`: a whole article's text). A reader that learns
    as it reads (the build cache) hands what it learned in one process to another (`learned`,
    `learn`): the column is read in two processes."""

    def parse(self, text: str) -> FrontMatter:
        return parse_front_matter(text)

    def learned(self) -> dict:
        return {}

    def learn(self, learned: dict) -> None:
        pass
