"""`site-builder check` where editors look: GitHub annotations, GitLab's Code Quality report,
the problems of named files (a pre-commit hook's staged files), a line for every problem."""

import json
import os
import re
import subprocess
import sys

import jsonschema

from conftest import config_variant

BROKEN = '---\ntitle: "Hỏng"\ndate: sai\ncategories: [tin-hoat-dong]\n---\nThân bài.\n'
GOOD = '---\ntitle: "{title}"\ndate: 2024-01-02\ncategories: [tin-hoat-dong]\n---\nThân bài.\n'


def _check(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "site_builder", "check", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


# GitHub's workflow command syntax (actions/toolkit, command.ts): `::name key=value,…::message`,
# with `%`, CR and LF escaped in the message and also `:` and `,` in property values.
_COMMAND = re.compile(r"^::(?P<name>error|warning|notice) (?P<properties>[^:]*)::(?P<message>[^\r\n]*)$")


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def _annotations(stdout: str) -> list[dict]:
    found = []
    for line in stdout.splitlines():
        match = _COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        properties = dict(item.split("=", 1) for item in match["properties"].split(","))
        assert all(not re.search(r"[:,\r\n]|%(?!25|0D|0A|3A|2C)", value) for value in properties.values())
        assert not re.search(r"%(?!25|0D|0A)", match["message"])
        found.append({"name": match["name"], **{key: _unescape(value) for key, value in properties.items()},
                      "message": _unescape(match["message"])})
    return found


def test_github_format_annotates_each_problem_on_its_line_escaped_as_github_reads_it(tmp_path, column):
    column.write("articles/2024/tot.md", GOOD.format(title="Tốt"))
    column.write("articles/2024/hong.md", BROKEN)
    odd = column.write("articles/2024/50%,a:b.md", GOOD.format(title="Tên tệp lạ"))
    result = _check("--format", "github", "--content", str(column.root), cwd=tmp_path,
                    env={"GITHUB_WORKSPACE": str(tmp_path)})
    assert result.returncode == 1
    annotations = _annotations(result.stdout)
    assert [(a["name"], a["file"], a["line"], a["title"]) for a in annotations] == [
        ("error", "content/articles/2024/50%,a:b.md", "1", "site-builder check"),
        ("error", "content/articles/2024/hong.md", "3", "site-builder check")]
    assert annotations[0]["message"].startswith(f"Tên tệp `{odd.name}` không dùng được làm địa chỉ bài viết.\n")
    assert annotations[1]["message"] == ("`date` `sai` không phải là ngày giờ hợp lệ.\n"
                                         "Viết theo dạng `2020-06-21` hoặc `2020-06-21T07:32:00+07:00`.")
    assert "2 lỗi" in result.stderr  # the summary stays off the annotations


def test_github_paths_are_relative_to_the_workspace_when_run_from_a_subfolder(tmp_path, column):
    config_variant(tmp_path, docs_dir=str(column.root))
    column.write("articles/2024/hong.md", BROKEN)
    result = _check("--format", "github", cwd=column.root / "articles", env={"GITHUB_WORKSPACE": str(tmp_path)})
    assert [a["file"] for a in _annotations(result.stdout)] == ["content/articles/2024/hong.md"]


# GitLab's Code Quality report format (docs: ci/testing/code_quality, "Code Quality report format").
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def test_gitlab_format_is_a_code_quality_report_on_stdout(tmp_path, column):
    column.write("articles/2024/tot.md", GOOD.format(title="Tốt"))
    column.write("articles/2024/hong.md", BROKEN.replace('"Hỏng"', '"Hỏng: \\"ngoặc\\" & <thẻ>"'))
    (column.root / "articles/2024/sai-ma.md").write_bytes(GOOD.format(title="Bai").replace("Thân bài.", "Café")
                                                          .encode("cp1252"))
    result = _check("--format", "gitlab", "--content", str(column.root), cwd=tmp_path,
                    env={"CI_PROJECT_DIR": str(tmp_path)})
    assert result.returncode == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, CODE_QUALITY)
    assert [(issue["location"]["path"], issue["location"]["lines"]["begin"]) for issue in report] == [
        ("content/articles/2024/hong.md", 3), ("content/articles/2024/sai-ma.md", 6)]
    assert report[0]["description"].startswith("`date` `sai` không phải là ngày giờ hợp lệ.")
    assert len({issue["fingerprint"] for issue in report}) == len(report)


def test_gitlab_report_of_a_clean_column_is_an_empty_list(tmp_path, column):
    column.write("articles/2024/tot.md", GOOD.format(title="Tốt"))
    result = _check("--format", "gitlab", "--content", str(column.root), cwd=tmp_path)
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_plain_stays_the_default(tmp_path, column):
    column.write("articles/2024/hong.md", BROKEN)
    result = _check("--content", str(column.root), cwd=tmp_path)
    assert result.stdout == ("content/articles/2024/hong.md:3: `date` `sai` không phải là ngày giờ hợp lệ. "
                             "Viết theo dạng `2020-06-21` hoặc `2020-06-21T07:32:00+07:00`.\n")


def test_named_files_are_judged_in_the_whole_column(tmp_path, column):
    config_variant(tmp_path, docs_dir="content")
    column.write("articles/2024/tot.md", GOOD.format(title="Tốt"))
    column.write("articles/2024/hong.md", BROKEN)
    column.write("articles/2023/trung.md", GOOD.format(title="Bài cũ"))
    column.write("articles/2024/lien-ket.md", GOOD.format(title="Liên kết").replace(
        "Thân bài.", "Xem [bài kia](../2024/khong-co.md)."))

    only_good = _check("content/articles/2024/tot.md", cwd=tmp_path)
    assert (only_good.returncode, only_good.stdout) == (0, "")

    (tmp_path / "README.md").write_text("# Chuyên trang\n", encoding="utf-8")  # outside content: nothing to check
    link = _check("content/articles/2024/lien-ket.md", "README.md", cwd=tmp_path)
    assert link.returncode == 1
    assert link.stdout.startswith("content/articles/2024/lien-ket.md:6: Liên kết tới bài `../2024/khong-co.md`")

    # A new article taking a slug: the problem is reported on the later file, which names it.
    new = column.write("articles/2022/trung.md", GOOD.format(title="Bài mới"))
    taken = _check(str(new.relative_to(tmp_path)), cwd=tmp_path)
    assert taken.returncode == 1
    assert "Slug `trung` đã được dùng cho content/articles/2022/trung.md." in taken.stdout

    everything = _check("mkdocs.yml", cwd=tmp_path)  # the configuration: every article depends on it
    assert {line.split(":", 1)[0] for line in everything.stdout.splitlines()} == {
        "content/articles/2023/trung.md", "content/articles/2024/hong.md", "content/articles/2024/lien-ket.md"}

    missing = _check("content/articles/2024/khong-co.md", cwd=tmp_path)
    assert missing.returncode == 1 and "Không tìm thấy tệp content/articles/2024/khong-co.md." in missing.stderr


def test_every_problem_check_prints_names_a_line(tmp_path, column):
    column.write("sections.yml", 'phong-su: "Phóng sự"\n')
    mistakes = {
        "articles/2024/utf16.md": GOOD.format(title="A").encode("utf-16"),
        "articles/2024/cp1258.md": GOOD.format(title="Bài").encode("utf-8").replace("à".encode(), b"\xe0"),
        "articles/2024/rong.md": b"",
        "articles/2024/khong-dau.md": b"title: x\n",
        "articles/2024/khong-dong.md": b"---\ntitle: x\n",
        "articles/2024/yaml.md": "---\ntitle: Hà Nội: mới\n---\n".encode(),
        "articles/2024/Sai Ten.md": GOOD.format(title="B").encode(),
        "articles/2024/anh.md": GOOD.format(title="C").replace("Thân bài.", "![a](../../media/x.jpg)").encode(),
        "ghi-chu.md": b"# notes\n",
    }
    for relative, data in mistakes.items():
        path = column.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    result = _check("--content", str(column.root), cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert len({line.split(":", 1)[0] for line in lines}) == len(mistakes)
    assert all(re.match(r"^content/[^:]+\.md:[1-9][0-9]*: \S", line) for line in lines), lines


def test_an_image_without_alt_text_is_a_warning_in_every_format(tmp_path, column):
    image = column.image("anh.jpg")
    column.write("articles/2024/anh.md", GOOD.format(title="Ảnh").replace("Thân bài.", f"![]({image})"))
    github = _check("--format", "github", "--content", str(column.root), cwd=tmp_path,
                    env={"GITHUB_WORKSPACE": str(tmp_path)})
    assert github.returncode == 0
    assert [(a["name"], a["file"], a["line"]) for a in _annotations(github.stdout)] == [
        ("warning", "content/articles/2024/anh.md", "6")]
    gitlab = _check("--format", "gitlab", "--content", str(column.root), cwd=tmp_path)
    assert gitlab.returncode == 0
    report = json.loads(gitlab.stdout)
    jsonschema.validate(report, CODE_QUALITY)
    assert [(issue["severity"], issue["location"]["lines"]["begin"]) for issue in report] == [("minor", 6)]
