"""Rendering on two cores publishes exactly what rendering on one does."""

from conftest import _builder, config_variant


def _files(site):
    """Every published file, the search index too."""
    return {str(p.relative_to(site.root)): p.read_bytes() for p in site.root.rglob("*") if p.is_file()}


def test_parallel_and_serial_builds_are_byte_identical(column, tmp_path):
    for i in range(30):
        column.article(f"bai-{i:02d}", title=f"Bài số {i}", date=f"2024-{1 + i % 12:02d}-{1 + i:02d}",
                       tags=["Nêu gương", f"Thẻ {i % 4}"], authors=[f"Tác giả {i % 3}"], locality="Huế",
                       subjects=[{"name": f"Chi bộ {i % 5}", "kind": "tap-the"}], featured=i == 3)
    serial_config = config_variant(tmp_path, plugins=[{"site-builder": {"parallel": False}}])
    parallel = _builder(tmp_path / "parallel", preview=False)(column)
    serial = _builder(tmp_path / "serial", preview=False)(column, config=serial_config)
    parallel_files, serial_files = _files(parallel), _files(serial)
    assert sorted(parallel_files) == sorted(serial_files)
    assert [name for name in parallel_files if parallel_files[name] != serial_files[name]] == []
