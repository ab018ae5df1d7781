"""The editors' guide (HUONG-DAN-BIEN-TAP.md) lists the messages the code really prints, and
every one of them: a message added or reworded in the code without the guide fails here."""

import ast
import re

from conftest import REPO

GUIDE = (REPO / "HUONG-DAN-BIEN-TAP.md").read_text(encoding="utf-8")
SOURCES = {path: path.read_text(encoding="utf-8") for path in sorted((REPO / "site_builder").rglob("*.py"))}
# The calls whose argument at this position is a message an editor reads.
MESSAGE_ARGUMENT = {"ContentError": 2, "FieldProblem": 0, "FrontMatterProblem": 1, "RefusedYAML": 1, "NotUTF8": 1,
                    "NewArticleRefused": 0}


def _guide_messages() -> list[str]:
    """The first column of the guide's tables of messages (section 8), each message of a cell."""
    section = GUIDE.split("## 8.", 1)[1].split("## 9.", 1)[0]
    cells = [line.split(" | ")[0].lstrip("| ") for line in section.splitlines()
             if line.startswith("| ") and not line.startswith("| thông báo")]
    return [message.strip() for cell in cells for message in cell.split(" / ")]


def _literal_pieces(node: ast.AST) -> list[str]:
    """The constant text of a message expression (f-string parts between the values)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [part.value for part in node.values if isinstance(part, ast.Constant)]
    return []


def _code_messages() -> list[tuple[str, str]]:
    """(where, longest constant piece) of every message the code gives an editor."""
    found = []
    for path, text in SOURCES.items():
        for node in ast.walk(ast.parse(text)):
            pieces: list[str] = []
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in MESSAGE_ARGUMENT:
                position = MESSAGE_ARGUMENT[node.func.id]
                if len(node.args) > position and not any(isinstance(a, ast.Starred) for a in node.args[:position + 1]):
                    pieces = _literal_pieces(node.args[position])
            elif isinstance(node, ast.Return) and path.name == "body_links.py" and isinstance(node.value, ast.Tuple) \
                    and isinstance(node.value.elts[0], ast.Tuple):
                pieces = _literal_pieces(node.value.elts[0].elts[0])
            elif isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in ("_YAML_PROBLEMS", "ANCHORS_REFUSED"):
                for entry in ast.walk(node.value):
                    if isinstance(entry, ast.Tuple) and len(entry.elts) >= 2 and isinstance(entry.elts[-2], ast.Constant) \
                            and not any(isinstance(item, ast.Starred) for item in entry.elts):
                        pieces.append(entry.elts[-2].value)
            for piece in pieces:
                sentence = piece.split(". ", 1)[0]  # a hint may follow in the same text
                if len(sentence.strip(" `.:(")) > 3:
                    found.append((f"{path.name}:{node.lineno}", sentence))
    return found


def test_every_message_in_the_guide_is_one_the_code_prints():
    code = "\n".join(node.value for text in SOURCES.values() for node in ast.walk(ast.parse(text))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str))  # the texts, unescaped
    yaml_prefix = "Phần khai báo YAML "  # yaml_problems.py: f"Phần khai báo YAML {meaning}."
    messages = [message.removeprefix(yaml_prefix).rstrip(".") if message.startswith(yaml_prefix) and
                message.removeprefix(yaml_prefix).rstrip(".") in code else message for message in _guide_messages()]
    assert len(messages) > 60
    for message in messages:
        message = re.sub(r"^`[a-z_]+` (?=\S)", "", message)  # the field's name, put before its problem
        fragments = [piece for piece in re.split(r"…|\d+", message) if len(piece.strip(" `.:()")) > 3]
        missing = [piece for piece in fragments if piece.strip(" `") not in code]
        assert not missing, (message, missing)


def test_every_message_the_code_prints_is_in_the_guide():
    pieces = _code_messages()
    assert len(pieces) > 50
    missing = [(where, piece) for where, piece in pieces if piece.strip() not in GUIDE]
    assert not missing, missing
