"""The column's sections (chuyên mục): six defaults, extended by `content/sections.yml`."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from site_builder.editor_yaml import load_editor_yaml
from site_builder.encoding import NotUTF8, decode_utf8
from site_builder.errors import ContentError, ContentErrors, display_path
from site_builder.vietnamese import find_unprintable, nfc, slugify_vi
from site_builder.yaml_problems import explain_yaml_error

SECTIONS_FILE = "sections.yml"


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the column: its URL key and the name readers see."""

    key: str
    name: str


DEFAULT_SECTIONS = (
    Section("tin-hoat-dong", "Tin hoạt động"),
    Section("guong-dien-hinh", "Gương điển hình"),
    Section("mo-hinh-hay", "Mô hình hay, cách làm sáng tạo"),
    Section("van-ban-chi-dao", "Văn bản chỉ đạo"),
    Section("sinh-hoat-chuyen-de", "Sinh hoạt chuyên đề"),
    Section("binh-luan", "Bình luận"),
)


def load_sections(content_dir: Path) -> tuple[Section, ...]:
    """The defaults, then the column's own `sections.yml` (`key: "Name"`), which may rename them."""
    path = content_dir / SECTIONS_FILE
    if not path.is_file():
        return DEFAULT_SECTIONS
    shown = display_path(path)
    try:
        extra, node = load_editor_yaml(decode_utf8(path.read_bytes()))
    except NotUTF8 as problem:
        raise ContentErrors([ContentError(shown, problem.line, problem.message, problem.hint)]) from None
    except yaml.MarkedYAMLError as error:
        raise ContentErrors([ContentError(shown, *explain_yaml_error(error))]) from None
    except (yaml.YAMLError, OSError):
        raise ContentErrors([ContentError(
            shown, 1, "Không đọc được danh sách chuyên mục.",
            "Lưu tệp bằng mã UTF-8, mỗi dòng `khoa: \"Tên chuyên mục\"`.")]) from None
    if node is None:
        return DEFAULT_SECTIONS
    if not isinstance(node, yaml.MappingNode):
        raise ContentErrors([ContentError(
            shown, node.start_mark.line + 1, "Danh sách chuyên mục phải là các dòng `khoa: \"Tên chuyên mục\"`.",
            "Ví dụ: `phong-su: \"Phóng sự\"`.")])
    sections = {section.key: section for section in DEFAULT_SECTIONS}
    problems = []
    for key_node, _ in node.value:  # keys are text (site_builder.editor_yaml), with their lines
        key, name = key_node.value, extra[key_node.value]
        if not _is_valid(key, name):
            problems.append(ContentError(
                shown, key_node.start_mark.line + 1, f"Chuyên mục `{key}` không hợp lệ.",
                f"Khóa viết thường không dấu, nối bằng `-` (ví dụ `{slugify_vi(key) or 'phong-su'}`), "
                "tên là một chuỗi không rỗng."))
            continue
        sections[key] = Section(key, nfc(name.strip()))
    if problems:
        raise ContentErrors(problems)
    return tuple(sections.values())


def _is_valid(key: str, name: object) -> bool:
    """A key usable in addresses; a name that pages and feeds can show."""
    return (slugify_vi(key) == key and isinstance(name, str) and bool(name.strip())
            and find_unprintable(name) is None)
