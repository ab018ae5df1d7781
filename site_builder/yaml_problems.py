"""What PyYAML's English complaints mean for an editor, with the line and the fix."""

import yaml

from site_builder.editor_yaml import ANCHORS_REFUSED, RefusedYAML

# What PyYAML's English complaints usually mean for an editor, in Vietnamese.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "có dấu hai chấm không đúng chỗ",
     'Nếu giá trị có chứa dấu hai chấm, đặt cả giá trị trong ngoặc kép: `title: "Hà Nội: …"`.'),
    ("cannot start any token", "có ký tự không được phép ở đầu giá trị (thường là phím Tab)",
     "Thụt lề bằng dấu cách, không dùng Tab; đặt giá trị có ký tự đặc biệt trong ngoặc kép."),
    ("could not find expected ':'", "thiếu dấu hai chấm sau tên trường",
     "Viết theo dạng `tên_trường: giá trị`."),
    ("while scanning a quoted scalar", "thiếu dấu ngoặc kép đóng",
     "Kiểm tra mỗi giá trị mở bằng `\"` đều được đóng bằng `\"`."),
    ("expected <block end>", "thụt lề không đều", "Các trường cùng cấp phải thẳng cột với nhau."),
    ("could not determine a constructor", "có thẻ YAML `!…` không được phép",
     "Xóa phần bắt đầu bằng `!` hoặc đặt giá trị trong ngoặc kép."),
    ("while scanning an alias", *ANCHORS_REFUSED),
    ("while scanning an anchor", *ANCHORS_REFUSED),
    ("did not find expected key", "có dòng không theo dạng `tên_trường: giá trị`",
     "Viết tên trường trước dấu hai chấm; các trường cùng cấp phải thẳng cột với nhau."),
    ("invalid Unicode character escape code", "có mã thoát `\\u…` không phải là một ký tự",
     "Xóa mã thoát đó hoặc gõ thẳng ký tự cần viết."),
    ("expected a single document", "có dòng bắt đầu bằng `---` thừa",
     "Phần khai báo chỉ có một dòng `---` mở đầu và một dòng `---` đóng lại."),
)


# Problems best shown where the construct began (the opening quote), not where YAML gave up.
_SHOWN_AT_START = ("while scanning a quoted scalar",)


def explain_yaml_error(error: yaml.MarkedYAMLError, offset: int = 0) -> tuple[int, str, str]:
    """(file line, Vietnamese message, fix); `offset` is the file line before the YAML text."""
    detail = " ".join(str(part) for part in (error.context, error.problem) if part)
    at_start = any(clue in detail for clue in _SHOWN_AT_START)
    mark = (error.context_mark if at_start else None) or error.problem_mark or error.context_mark
    line = mark.line + 1 + offset if mark else 1
    if isinstance(error, RefusedYAML):
        return line, error.message, error.hint
    for clue, meaning, hint in _YAML_PROBLEMS:
        if clue in detail:
            return line, f"Phần khai báo YAML {meaning}.", hint
    return (line, f"Phần khai báo YAML không hợp lệ ({detail}).",
            "Kiểm tra dấu hai chấm, dấu ngoặc kép và thụt lề ở dòng này.")
