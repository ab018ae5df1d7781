"""The command line: `site-builder build | serve | new | check`."""

import argparse
import sys
from pathlib import Path

from site_builder.errors import ContentErrors


def _build(args) -> int:
    from site_builder.mkdocs_runner import BuildFailed, build_site

    try:
        published = build_site(args.config_file, args.content, args.site_dir, verbose=args.verbose)
    except ContentErrors as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        print(f"Không xuất bản: {len(failure.errors)} lỗi. Trang đã xuất bản trước đó được giữ nguyên.",
              file=sys.stderr)
        return 1
    except BuildFailed as failure:
        print(f"Không xuất bản: {failure}. Trang đã xuất bản trước đó được giữ nguyên.", file=sys.stderr)
        return 1
    print(f"Đã xuất bản vào {published}")
    return 0


def _serve(args) -> int:
    from site_builder.mkdocs_runner import serve_site

    serve_site(args.config_file, args.content, args.dev_addr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description="Xây dựng chuyên trang tin tức.")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="xuất bản trang vào thư mục site")
    build.add_argument("-f", "--config-file", default="mkdocs.yml")
    build.add_argument("--content", help="thư mục nội dung (mặc định: docs_dir của mkdocs.yml)")
    build.add_argument("--site-dir", help="thư mục xuất bản (mặc định: site_dir của mkdocs.yml)")
    build.add_argument("-v", "--verbose", action="store_true")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="xem trước trang, tự tải lại khi lưu")
    serve.add_argument("-f", "--config-file", default="mkdocs.yml")
    serve.add_argument("--content")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)
