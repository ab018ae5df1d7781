"""Side-by-side build benchmark: site_builder against Hugo and mkdocs-material's blog plugin.

For each N, the same synthetic articles (../shared/bench/corpus.py) are built by:
- site_builder: a cold build as from a fresh clone (no site, no cache: the last run's are moved
  aside, as anchors.sh moves Hugo's output aside), a cold build with `--clean` over the published
  site (which it replaces and removes), a rebuild with nothing changed, and a rebuild after one
  article's title was edited (the search index included; another article each run), each in a
  fresh process; then `serve`: seconds from saving an article to the preview serving the edit
  (median of three);
- Hugo (minimal layouts), through ../shared/bench/anchors.sh as it is (ANCHORS_ROOT), one run
  right before each of site_builder's fresh-clone builds, so that both meet the same hour of
  this machine (whose speed drifts by a third);
- at N <= 1,000, mkdocs-material's blog plugin (minutes beyond that).
Each build is timed `--runs` times (3) and the fastest run is shown, for every tool alike: the
machine's noise only ever slows a run down. Wall seconds and the peak memory of the largest
process (the largest over the runs) are printed as a Markdown table.
"""

import argparse
import csv
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "bench"
CORPUS = SHARED / "corpus.py"
ANCHORS = SHARED / "anchors.sh"
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


def _measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of `command`, run from a fresh forked process so that
    the peak is this command's own (the largest of its processes)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        start = time.perf_counter()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        code = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        os.write(write, f"{seconds} {peak}".encode())
        os._exit(code)
    os.close(write)
    with os.fdopen(read) as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}")
    seconds, peak = map(float, data.split())
    return seconds, peak


def _fastest(runs: int, measure) -> tuple[float, float]:
    """The fastest of `runs` calls of `measure(run)` and the largest peak memory among them."""
    results = [measure(run) for run in range(runs)]
    return min(seconds for seconds, _ in results), max(peak for _, peak in results)


# What a fresh clone does not have: the published site, the spare folder, the build cache.
_BUILD_OUTPUTS = ("site", ".site.spare", ".cache")


def _settle() -> None:
    """Let the disk write back what the last run left, as anchors.sh does before its runs."""
    os.sync()
    time.sleep(5)


def bench_ours(count: int, work: Path, runs: int, before_each_cold=lambda: None) -> dict[str, tuple[float, float]]:
    """site_builder's rows; `before_each_cold()` runs before each fresh-clone build (Hugo's)."""
    project = work / "ours"
    _generate(count, project / "content" / "articles", "yaml")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "custom_dir: themes/chuyen-trang", f"custom_dir: {REPO / 'themes' / 'chuyen-trang'}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    build = [str(BIN / "site-builder"), "build"]
    trash = work / "trash"
    trash.mkdir()

    def fresh_clone(run: int) -> tuple[float, float]:
        before_each_cold()
        for name in _BUILD_OUTPUTS:  # moved, not removed: removing them slows the next build's writes
            if (project / name).exists():
                os.rename(project / name, trash / f"{run}-{name}")
        _settle()
        return _measure(build, project)

    def clean(run: int) -> tuple[float, float]:
        _settle()
        return _measure(build + ["--clean"], project)

    rows = {"cold build (fresh clone)": _fastest(runs, fresh_clone)}  # the moved outputs go with `work`
    rows["cold build (`--clean`, replacing the site)"] = _fastest(runs, clean)
    rows["rebuild, nothing changed"] = _fastest(runs, lambda run: _measure(build, project))
    articles = sorted((project / "content" / "articles").rglob("*.md"))

    def edit_one_title(run: int) -> tuple[float, float]:
        edited = articles[count // 2 + run]
        edited.write_text(edited.read_text(encoding="utf-8").replace('title: "', 'title: "Sửa - ', 1), encoding="utf-8")
        return _measure(build, project)

    rows["rebuild after editing one title"] = _fastest(runs, edit_one_title)
    rows["output files"] = (sum(1 for path in (project / "site").rglob("*") if path.is_file()), 0.0)
    rows["serve: save → page shows the edit"] = (_serve_save_to_page(project, count), 0.0)
    return rows


def _serve_save_to_page(project: Path, count: int) -> float:
    """Median seconds from saving an article's new title to the preview serving it (3 saves)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BIN / "site-builder"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # even from a background job
    edited = sorted((project / "content" / "articles").rglob("*.md"))[count // 3]
    text = edited.read_text(encoding="utf-8")
    year, month = re.search(r"^date: (\d{4})-(\d{2})", text, re.MULTILINE).groups()
    url = f"http://127.0.0.1:{port}/{year}/{month}/{edited.stem}/"
    try:
        _wait_for(url, "<h1", 1800)  # the first preview is a cold build
        seconds = []
        for save in range(3):
            marker = f"Lưu lần {save}"
            edited.write_text(text.replace('title: "', f'title: "{marker} ', 1), encoding="utf-8")
            started = time.perf_counter()
            _wait_for(url, marker, 120)
            seconds.append(time.perf_counter() - started)
            time.sleep(2)
        return statistics.median(seconds)
    finally:
        edited.write_text(text, encoding="utf-8")
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)


def _wait_for(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    sys.exit(f"the preview never showed {text!r} at {url}")


class HugoRuns:
    """Hugo's full builds as anchors.sh measures them (2 cores), one run per call.

    anchors.sh moves Hugo's last output into its trash folder before each timed run and empties
    that folder when a run of it starts, meaning to delete only once timing is done: called once
    per Hugo run, it removed the last run's 16,000 files right before timing Hugo, and on this
    machine's ext4 creating files just after many were removed costs several times the system
    time (Hugo's full build at 10,000: 10.5-12.5 s, 9.6-11.6 s of it in the kernel, against
    6.6-7.3 s and 2.4-2.7 s with nothing removed). So its trash folder is renamed aside, out of
    its reach, before each call and removed with `work` once every build of this N is timed."""

    def __init__(self, count: int, anchors_root: Path, work: Path):
        self._count, self._env = count, dict(os.environ, ANCHORS_ROOT=str(anchors_root))
        self._results = anchors_root / f"results-{count}-hugo.tsv"
        self._trash, self._aside = anchors_root / f"trash-{count}", work / "hugo-trash"
        self.runs: list[tuple[float, float]] = []
        if not (anchors_root / "venv" / "bin" / "python").exists():
            subprocess.run(["bash", str(ANCHORS), "setup"], env=self._env, check=True, stdout=subprocess.DEVNULL)

    def __call__(self) -> None:
        if self._trash.exists():
            self._aside.mkdir(exist_ok=True)
            os.rename(self._trash, self._aside / str(len(self.runs)))
        subprocess.run(["bash", str(ANCHORS), "run", str(self._count), "1", "hugo"], env=self._env, check=True,
                       stdout=subprocess.DEVNULL)
        with self._results.open(encoding="utf-8") as table:
            for row in csv.reader(table, delimiter="\t"):
                if row[0] == "hugo (2 cores)":
                    self.runs.append((float(row[3]), float(row[6])))

    def fastest(self) -> tuple[float, float] | None:
        return min(self.runs) if self.runs else None


def bench_material_blog(count: int, work: Path, runs: int) -> tuple[float, float]:
    project = work / "material"
    material_project(project, count, "blog/posts", "blog")
    (project / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    return _fastest(runs, lambda run: _measure([str(BIN / "mkdocs"), "build", "-q"], project))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--only-ours", action="store_true", help="skip Hugo and the blog plugin")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build; the fastest is shown")
    parser.add_argument("--anchors-root", type=Path, default=REPO / "bench-results" / "anchors",
                        help="ANCHORS_ROOT for anchors.sh (its tools and corpora go there)")
    args = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"corpus generator not found: {CORPUS}")
    args.anchors_root.mkdir(parents=True, exist_ok=True)
    print(f"Benchmark {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, fastest of {args.runs} runs\n")
    print("| N | measure | site_builder | Hugo | ratio to Hugo | Material blog | Material / ours |")
    print("|---|---|---|---|---|---|---|")
    for count in args.counts:
        # Beside the anchors, on their file system: Hugo's set-aside outputs are renamed into it.
        with tempfile.TemporaryDirectory(prefix="bench-", dir=args.anchors_root) as tmp:
            hugo = None if args.only_ours else HugoRuns(count, args.anchors_root, Path(tmp))
            ours = bench_ours(count, Path(tmp), args.runs, hugo or (lambda: None))
            blog = None if args.only_ours or count > 1000 else bench_material_blog(count, Path(tmp), args.runs)
        _print_rows(count, ours, hugo.fastest() if hugo else None, blog)
    return 0


def _print_rows(count: int, ours: dict, hugo, blog) -> None:
    cold = ours["cold build (fresh clone)"][0]
    for name, (seconds, peak) in ours.items():
        if name == "output files":
            print(f"| {count:,} | output files | {seconds:,.0f} | | | | |")
            continue
        if name.startswith("serve"):
            print(f"| {count:,} | {name} | {seconds:.2f} s | | | | |")
            continue
        hugo_cell = f"{hugo[0]:.2f} s (full build)" if hugo else ""
        ratio = f"{seconds / hugo[0]:.1f}×" if hugo else ""
        first = name == "cold build (fresh clone)"
        blog_cell = f"{blog[0]:.2f} s, {blog[1]:.0f} MB" if blog and first else ""
        blog_ratio = f"{blog[0] / cold:.1f}× slower" if blog and first else ""
        print(f"| {count:,} | {name} | {seconds:.2f} s, {peak:.0f} MB | {hugo_cell} | {ratio} | {blog_cell} | {blog_ratio} |",
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
