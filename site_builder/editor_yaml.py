"""YAML written by editors, read with bounds: no anchors or aliases, a size and a depth limit.

PyYAML expands aliases without limit (a 640-byte front matter with `? *l9` takes gigabytes) and
composes node trees recursively: a deep `[[[[…` ends in RecursionError, and from about 30,000
levels (a 60 KB file) its C composer overflows the C stack and kills the process (measured with
PyYAML 6.0.3 and libyaml). So the tree is composed here, iteratively from the parser's events,
refusing what an editor never writes before it costs anything; the constructor (which recurses
too) only ever sees a small, shallow tree. Every refusal is a MarkedYAMLError with its line.
"""

import yaml
from yaml.composer import ComposerError
from yaml.error import Mark
from yaml.events import (AliasEvent, CollectionStartEvent, DocumentEndEvent, MappingStartEvent,
                         ScalarEvent, StreamEndEvent)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from site_builder.vietnamese import code_point, find_unprintable

MAX_BYTES = 64 * 1024
MAX_DEPTH = 8  # levels of lists and mappings; articles need three (`subjects: - name: …`)

# (meaning, fix): also what PyYAML's complaints about a badly written `&…` or `*…` mean.
ANCHORS_REFUSED = ("có neo `&…` hoặc tham chiếu `*…` không được phép",
                   "Viết thẳng giá trị; nếu giá trị bắt đầu bằng `&` hoặc `*`, đặt nó trong ngoặc kép.")

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


class RefusedYAML(yaml.MarkedYAMLError):
    """Something editors never need, refused where it starts, with a Vietnamese message and fix."""

    def __init__(self, mark: Mark, message: str, hint: str):
        super().__init__(problem=message, problem_mark=mark)
        self.message = message
        self.hint = hint


class EditorLoader(_SafeLoader):
    """The safe loader, leaving dates as text so that the field table can explain bad ones;
    `!!timestamp` has no constructor (it would raise ValueError on `2024-13-45`): an unknown tag."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
    }
    yaml_constructors = {tag: construct for tag, construct in _SafeLoader.yaml_constructors.items()
                         if tag != _TIMESTAMP}


def _readable_number(construct):
    """A number constructor that refuses what Python cannot read (`0x_`, 5,000 digits, an empty
    `!!int`) with its line, instead of raising ValueError or IndexError."""

    def construct_number(loader: EditorLoader, node: ScalarNode):
        try:
            return construct(loader, node)
        except (ValueError, IndexError):
            shown = node.value if len(node.value) <= 20 else node.value[:20] + "…"
            shown = shown or "!!" + node.tag.rpartition(":")[2]  # `!!int` alone: no number at all
            raise RefusedYAML(node.start_mark, f"Phần khai báo YAML có số `{shown}` không đọc được.",
                              "Nếu đó là chữ, đặt cả giá trị trong ngoặc kép.") from None

    return construct_number


for _tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
    EditorLoader.add_constructor(_tag, _readable_number(EditorLoader.yaml_constructors[_tag]))


def load_editor_yaml(text: str) -> tuple[object, Node | None]:
    """The value of a one-document YAML text and its node tree (for line numbers).

    Raises yaml.YAMLError; every refusal of this module is a RefusedYAML with its mark.
    """
    _check_text(text)
    loader = EditorLoader(text)
    try:
        node = _compose(loader)
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _mark(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index)
    return Mark("<yaml>", index, line, index - (text.rfind("\n", 0, index) + 1), None, None)


def _check_text(text: str) -> None:
    """Refuse a text too long to be fields, or holding characters no page can carry."""
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        line = data.count(b"\n", 0, MAX_BYTES)
        raise RefusedYAML(Mark("<yaml>", MAX_BYTES, line, 0, None, None),
                          f"Phần khai báo YAML dài quá {MAX_BYTES // 1024} KB.",
                          "Phần khai báo chỉ gồm các trường; kiểm tra dòng `---` đóng nó "
                          "(nội dung dài thuộc về thân bài).")
    bad = find_unprintable(text)
    if bad:
        raise RefusedYAML(_mark(text, bad.start()),
                          f"Phần khai báo YAML có ký tự không in được ({code_point(bad.group())}).",
                          "Xóa ký tự đó (thường lẫn vào khi sao chép), hoặc gõ lại dòng này.")


def _compose(loader: EditorLoader) -> Node | None:
    """The document's node tree, composed without recursion; None for an empty text."""
    loader.get_event()  # stream start
    if loader.check_event(StreamEndEvent):
        return None
    loader.get_event()  # document start
    root: Node | None = None
    open_nodes: list[Node] = []  # the lists and mappings being filled, innermost last
    pending_keys: list[Node | None] = []  # for each open node: a mapping's key awaiting its value
    while not isinstance(event := loader.get_event(), DocumentEndEvent):
        if not isinstance(event, (AliasEvent, ScalarEvent, CollectionStartEvent)):
            open_nodes.pop().end_mark = event.end_mark  # the end of a list or mapping
            pending_keys.pop()
            continue
        is_key = bool(open_nodes) and isinstance(open_nodes[-1], MappingNode) and pending_keys[-1] is None
        node = _node(loader, event, is_key, len(open_nodes))
        if not open_nodes:
            root = node
        elif isinstance(open_nodes[-1], SequenceNode):
            open_nodes[-1].value.append(node)
        elif is_key:
            pending_keys[-1] = node
        else:
            open_nodes[-1].value.append((pending_keys[-1], node))
            pending_keys[-1] = None
        if not isinstance(node, ScalarNode):
            open_nodes.append(node)
            pending_keys.append(None)
    if not loader.check_event(StreamEndEvent):
        raise ComposerError("expected a single document in the stream",
                            event.start_mark, "but found another document", loader.peek_event().start_mark)
    return root


def _node(loader: EditorLoader, event, is_key: bool, depth: int) -> Node:
    """The node an event opens, refusing anchors, aliases, deep nesting and list or mapping keys."""
    if isinstance(event, AliasEvent) or event.anchor is not None:
        raise RefusedYAML(event.start_mark, f"Phần khai báo YAML {ANCHORS_REFUSED[0]}.", ANCHORS_REFUSED[1])
    if isinstance(event, ScalarEvent):
        tag = event.tag
        if tag in (None, "!"):  # a field name is always text: `true:` is the field `true`
            tag = _STR if is_key else loader.resolve(ScalarNode, event.value, event.implicit)
        return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    if is_key:
        raise RefusedYAML(event.start_mark, "Tên trường phải là một từ, không phải danh sách `[…]` "
                          "hay nhóm `{…}`.", "Viết theo dạng `tên_trường: giá trị`.")
    if depth >= MAX_DEPTH:
        raise RefusedYAML(event.start_mark, f"Phần khai báo YAML lồng nhau quá {MAX_DEPTH} cấp.",
                          "Kiểm tra các dấu ngoặc `[`, `{` và thụt lề; các trường chỉ cần vài cấp.")
    kind = MappingNode if isinstance(event, MappingStartEvent) else SequenceNode
    tag = event.tag
    if tag in (None, "!"):
        tag = loader.resolve(kind, None, event.implicit)
    return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
