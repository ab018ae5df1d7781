"""Lighthouse scores and page weights of a built site, as a phone on a slow network sees it.

Serves the site on loopback with gzip (scripts/static_host.py) and runs npm's lighthouse (path in
$LIGHTHOUSE, installed by scripts/lighthouse) with its default mobile preset (simulated slow 4G,
4x CPU slowdown) in Debian's Chromium ($CHROME_PATH) on four kinds of page: home, a section, the
article with the largest lead photo, and a search with results. Prints a Markdown table and the
audits that cost points.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit

from static_host import serving

REPO = Path(__file__).resolve().parents[1]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SEARCH = "/tim-kiem/?q=" + quote("gương điển hình")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
_ARTICLE_PAGE = re.compile(r"^\d{4}/\d{2}/[^/]+/index\.html$")
_OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)"')
_SECTION_LINK = re.compile(r'href="(?:\.\./)*/?(chuyen-muc/[^"/]+/)"')


def _article_with_largest_photo(site: Path) -> str | None:
    """The article page whose lead image (its og:image file) is the largest, else None."""
    best, best_size = None, -1
    for page in site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"):
        match = _OG_IMAGE.search(page.read_text(encoding="utf-8"))
        if not match:
            continue
        image = site / urlsplit(match.group(1)).path.lstrip("/")
        size = image.stat().st_size if image.is_file() else -1
        if size > best_size:
            best, best_size = "/" + page.parent.relative_to(site).as_posix() + "/", size
    return best


def default_pages(site: Path) -> list[str]:
    home = (site / "index.html").read_text(encoding="utf-8")
    section = _SECTION_LINK.search(home)
    article = _article_with_largest_photo(site)
    if article is None:  # no article has a photo: the newest article
        article = "/" + min(site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"),
                            key=lambda page: page.as_posix(), default=site).parent.relative_to(site).as_posix() + "/"
    return ["/", "/" + section.group(1) if section else "/chuyen-muc/", article, SEARCH]


def audit(base: str, path: str, out: Path) -> dict:
    subprocess.run([os.environ["LIGHTHOUSE"], base + path, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _misses(report: dict) -> list[str]:
    """The audits that lose points, with what Lighthouse says they cost."""
    lines = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                lines.append(f"  {key}: {ref['id']} = {result['score']} ({result.get('displayValue', '')})")
    for audit_id in ("unused-css-rules", "unused-javascript", "render-blocking-resources"):
        result = report["audits"].get(audit_id, {})
        if result.get("details", {}).get("overallSavingsMs"):
            lines.append(f"  opportunity: {audit_id}: {result.get('displayValue', '')}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", help="site paths to audit (default: home, section, article, search)")
    parser.add_argument("--site", type=Path, default=REPO / "site", help="the built site (default: site/)")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        if args.site != REPO / "site":
            sys.exit(f"{args.site}: không có trang web đã xây dựng (index.html).")
        subprocess.run([str(REPO / "scripts" / "build")], check=True)
    paths = args.paths or default_pages(args.site)
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp, serving(args.site) as base:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for number, path in enumerate(paths):
            report = audit(base, path, folder / f"report-{number}.json")
            scores = [round(report["categories"][key]["score"] * 100) for key in CATEGORIES]
            audits = report["audits"]
            weight = audits["total-byte-weight"]["numericValue"] / 1024
            requests = len(audits["network-requests"]["details"]["items"])
            lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
            rows.append(f"| `{path}` | {' | '.join(map(str, scores))} | {weight:.0f} KB, {requests} requests "
                        f"| {lcp:.1f} s | {audits['total-blocking-time']['numericValue']:.0f} ms "
                        f"| {audits['cumulative-layout-shift']['numericValue']:.3f} |")
            notes += [f"{path}:"] + _misses(report)
            print(rows[-1], flush=True)
    print("\n| page | performance | accessibility | best practices | SEO | page weight (transferred) "
          "| LCP | TBT | CLS |\n|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print("\n".join(["", "What costs points:"] + notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
