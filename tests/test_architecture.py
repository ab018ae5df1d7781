"""The core must stay free of the rendering engine, so that the engine can be swapped."""

import subprocess
import sys

CORE_MODULES = [
    "site_builder.content", "site_builder.column", "site_builder.indexes", "site_builder.feeds",
    "site_builder.listings", "site_builder.pagination", "site_builder.sections",
    "site_builder.urls", "site_builder.vietnamese", "site_builder.settings", "site_builder.cli",
    "site_builder.page_data", "site_builder.build_cache", "site_builder.publishing", "site_builder.search", "site_builder.search_index", "site_builder.pagefind_index", "site_builder.forked", "site_builder.search_text",
    "site_builder.url_safety", "site_builder.editor_yaml", "site_builder.encoding",
    "site_builder.content.sources", "site_builder.content.body_links", "site_builder.check_report",
    "site_builder.check_command", "site_builder.preview_address", "site_builder.vietnamese_argparse",
    "site_builder.content.images", "site_builder.images", "site_builder.markdown_pictures",
    "site_builder.feed_content",
]


def test_core_never_imports_mkdocs():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_mkdocs_plugin_is_registered_as_an_entry_point():
    from importlib.metadata import entry_points

    plugins = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert plugins["site-builder"] == "site_builder.mkdocs_plugin:ColumnPlugin"
