"""Side-by-side build benchmark: site_builder against mkdocs-material's blog plugin.

Both build the same N synthetic articles from ../shared/bench/corpus.py, each in a fresh
process; wall time and peak memory of that process are measured.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "bench" / "corpus.py"
BIN = Path(sys.executable).parent

MATERIAL_CONFIG = """\
site_name: Bench
theme:
  name: material
  language: vi
  font: false
plugins:
  - {plugin}
"""


def material_project(project: Path, count: int, articles: str, plugin: str) -> None:
    """A Material project with N synthetic articles under docs/<articles>, and `plugin` on."""
    _generate(count, project / "docs" / articles, "material")
    (project / "docs" / "index.md").write_text("# Bench\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(MATERIAL_CONFIG.format(plugin=plugin), encoding="utf-8")


def _generate(count: int, folder: Path, dialect: str) -> None:
    subprocess.run([sys.executable, str(CORPUS), str(count), str(folder), "--dialect", dialect], check=True)


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one child process."""
    start = time.perf_counter()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(command, cwd=cwd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return seconds, _peak_child_mb()


def _peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bench_ours(count: int, work: Path) -> tuple[float, float]:
    content = work / "ours" / "content"
    _generate(count, content / "articles", "yaml")
    return _timed([str(BIN / "site-builder"), "build", "-f", str(REPO / "mkdocs.yml"),
                   "--content", str(content), "--site-dir", str(work / "ours" / "site")], REPO)


def bench_material_blog(count: int, work: Path) -> tuple[float, float]:
    project = work / "material"
    material_project(project, count, "blog/posts", "blog")
    (project / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    return _timed([str(BIN / "mkdocs"), "build", "-q"], project)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--only-ours", action="store_true", help="skip the (slow) blog plugin")
    args = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"corpus generator not found: {CORPUS}")
    for count in args.counts:
        # Peak memory of children is a high-water mark: measure each tool in its own process tree.
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            ours = _in_child(bench_ours, count, Path(tmp))
            blog = None if args.only_ours else _in_child(bench_material_blog, count, Path(tmp))
        _print_row(count, ours, blog)
    return 0


def _in_child(function, count: int, work: Path) -> tuple[float, float]:
    """Run `function` in a forked process so each tool's peak memory is its own."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        seconds, megabytes = function(count, work)
        os.write(write, f"{seconds} {megabytes}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        sys.exit(f"benchmark failed for {function.__name__} at N={count}")
    seconds, megabytes = map(float, data.split())
    return seconds, megabytes


def _print_row(count, ours, blog) -> None:
    line = f"N={count:>6}  site_builder {ours[0]:7.2f} s {ours[1]:6.0f} MB"
    if blog:
        line += f"  | material blog {blog[0]:7.2f} s {blog[1]:6.0f} MB  | ratio {blog[0] / ours[0]:5.1f}x faster"
    print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
