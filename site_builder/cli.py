"""The command line: `site-builder build | serve | new | check`, every word of it in Vietnamese.

Problems in the content are printed one per line (`path:line: message`), never as a traceback.
"""

import os
import sys
from datetime import datetime
from pathlib import Path

import yaml

from site_builder.check_report import FORMATS
from site_builder.errors import ContentError, ContentErrors
from site_builder.vietnamese import VIETNAM_TZ
from site_builder.vietnamese_argparse import VietnameseArgumentParser
from site_builder.yaml_problems import explain_yaml_error

_KEPT = "Trang đã xuất bản trước đó được giữ nguyên."
CONFIG_NAME = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for `docs_dir` alone, ignoring engine tags such as `!ENV`."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


class _NoColumn(Exception):
    """No configuration found: the message says where it was looked for, in Vietnamese."""


def _config_file(args) -> Path:
    """-f, else the nearest mkdocs.yml in the working folder or a parent (as git finds its
    repository), so commands typed inside `content/` act on the column, not on a new one."""
    if args.config_file:
        if not Path(args.config_file).is_file():
            raise _NoColumn(f"Không tìm thấy tệp cấu hình {args.config_file}.")
        return Path(args.config_file)
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    raise _NoColumn(f"Không tìm thấy {CONFIG_NAME} trong {here} hay thư mục cha nào. "
                    "Chạy lệnh trong thư mục của chuyên trang, hoặc chỉ rõ bằng `-f đường/dẫn/mkdocs.yml`.")


def _content_dir(args) -> Path:
    """--content, else the configuration's `docs_dir` (beside the config file)."""
    if args.content:
        return Path(args.content)
    config_file = _config_file(args)
    return config_file.parent / _docs_dir(config_file)


def _docs_dir(config_file: Path) -> str:
    """The configuration's `docs_dir`, as written."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except yaml.MarkedYAMLError as error:
        line, message, hint = explain_yaml_error(error)
        raise _NoColumn(f"{config_file}:{line}: {message} {hint}") from None
    except (yaml.YAMLError, UnicodeDecodeError):
        raise _NoColumn(f"Không đọc được {config_file}. Lưu tệp bằng mã UTF-8 và kiểm tra các dòng YAML.") from None
    return str(config.get("docs_dir", "docs") if isinstance(config, dict) else "docs")


def _start_reading(args):
    """The articles of the column `build` publishes, read from now on by a second process while
    this one imports and sets up the engine (a third of a second at start, with that core idle
    before). The folder is found as MkDocs finds `docs_dir` (beside the config file as named,
    --content in its place); the build uses this reading only if MkDocs finds the same folder
    and sections. None when the configuration or the sections cannot be read yet: the build
    says what is wrong."""
    from site_builder.build_cache import FrontMatterCache, code_version
    from site_builder.content.reader import ArticleReading
    from site_builder.sections import load_sections

    try:
        config_file = _config_file(args)
        content_dir = Path(os.path.abspath(os.path.join(os.path.dirname(str(config_file)),
                                                        args.content or _docs_dir(config_file))))
        sections = load_sections(content_dir)
    except (_NoColumn, ContentErrors, OSError):
        return None
    front_matter = FrontMatterCache.of_project(config_file.parent, code_version(), args.clean)
    return ArticleReading(content_dir, tuple(section.key for section in sections), front_matter, processes=2)


def _report(errors: tuple[ContentError, ...] | list[ContentError]) -> None:
    for error in errors:
        print(error)


def _build(args) -> int:
    reading = _start_reading(args)
    from site_builder.mkdocs_runner import BuildFailed, build_site

    try:
        published = build_site(str(_config_file(args)), args.content, args.site_dir, verbose=args.verbose,
                               clean=args.clean, reading=reading)
    except ContentErrors as failure:
        _report(failure.errors)
        print(f"Không xuất bản: {len(failure.errors)} lỗi. {_KEPT}", file=sys.stderr)
        return 1
    except BuildFailed as failure:
        print(f"Không xuất bản: {failure} {_KEPT}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"Đã dừng (Ctrl+C), không xuất bản. {_KEPT}", file=sys.stderr)
        return 130
    finally:
        if reading is not None:  # not taken by the build (it failed first, or read another folder)
            reading.cancel()
    print(f"Đã xuất bản vào {published}", file=sys.stderr)
    return 0


def _serve(args) -> int:
    from site_builder.mkdocs_preview import serve_site
    from site_builder.mkdocs_runner import BuildFailed

    try:
        serve_site(str(_config_file(args)), args.content, args.dev_addr)
    except BuildFailed as failure:
        print(f"Không xem trước được: {failure}", file=sys.stderr)
        return 1
    return 0


def _check(args) -> int:
    from site_builder.check_command import run_check

    content_dir = _content_dir(args)
    try:  # the column's mkdocs.yml, beside its build cache, when there is a column around
        config_file = _config_file(args)
    except _NoColumn:
        config_file = None
    return run_check(content_dir, config_file, args.files, args.format)


def _new(args) -> int:
    from site_builder.new_article import NewArticleRefused, create_article
    from site_builder.sections import load_sections

    content_dir = _content_dir(args)
    try:
        path = create_article(content_dir, args.title, args.category, load_sections(content_dir),
                              datetime.now(VIETNAM_TZ))
    except ContentErrors as failure:
        _report(failure.errors)
        return 1
    except NewArticleRefused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(path)
    return 0


def _parser() -> VietnameseArgumentParser:
    parser = VietnameseArgumentParser(prog="site-builder", description="Xây dựng chuyên trang tin tức.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH",
                                     title="các lệnh", description=None)

    def command(name, run, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        sub.add_argument("-f", "--config-file", metavar="TỆP",
                         help="tệp cấu hình (mặc định: mkdocs.yml ở thư mục này hoặc thư mục cha gần nhất)")
        sub.add_argument("--content", metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: docs_dir của mkdocs.yml)")
        sub.set_defaults(run=run)
        return sub

    build = command("build", _build, "xuất bản trang vào thư mục site")
    build.add_argument("--site-dir", metavar="THƯ_MỤC", help="thư mục xuất bản (mặc định: site_dir của mkdocs.yml)")
    build.add_argument("-v", "--verbose", action="store_true", help="in nhật ký của MkDocs")
    build.add_argument("--clean", action="store_true",
                       help="dựng lại mọi trang, không dùng bộ nhớ đệm (.cache/site-builder/)")

    serve = command("serve", _serve, "xem trước trang, tự tải lại khi lưu")
    serve.add_argument("-a", "--dev-addr", metavar="ĐỊA_CHỈ", default="127.0.0.1:8000",
                       help="địa chỉ và cổng xem trước (mặc định: 127.0.0.1:8000; `localhost` hay `8001` cũng được)")

    check = command("check", _check, "kiểm tra bài viết, không xuất bản")
    check.add_argument("files", nargs="*", metavar="TỆP",
                       help="chỉ báo lỗi của các tệp này (vẫn xét trong toàn chuyên trang); mặc định: mọi bài")
    check.add_argument("--format", choices=FORMATS, default="plain",
                       help="plain: mỗi lỗi một dòng (mặc định); github: chú thích cho GitHub Actions; "
                            "gitlab: báo cáo Code Quality (JSON) cho GitLab")

    new = command("new", _new, "tạo tệp bài viết mới")
    new.add_argument("title", metavar="TIÊU_ĐỀ", help="tiêu đề bài viết")
    new.add_argument("--category", metavar="KHÓA", required=True, help="khóa chuyên mục, ví dụ guong-dien-hinh")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except _NoColumn as problem:
        print(problem, file=sys.stderr)
        return 1


def run() -> None:
    """The installed command: `main`, then out at once. A normal exit frees every object the
    build made one by one (1.3 s after a build of 10,000 articles) and has nothing else left
    to do: every file is closed, every child process waited for; only the output is flushed.
    An exit from the argument parser or Ctrl+C goes the normal way."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
