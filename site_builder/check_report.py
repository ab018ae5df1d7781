"""`site-builder check`'s problems in the form each place where editors look can show them.

- `plain`: one line per problem, `path:line: message fix`, for a terminal.
- `github`: workflow commands (`::error file=…,line=…,title=…::…`), which GitHub Actions turns
  into annotations on the line of the file, in the pull request and the run's summary.
- `gitlab`: a Code Quality report (JSON on standard output), which a merge request shows.

Paths are written relative to the repository root the CI names (`GITHUB_WORKSPACE`,
`CI_PROJECT_DIR`), which is what both services match against the files of the change.
"""

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from site_builder.errors import ContentError

FORMATS = ("plain", "github", "gitlab")
_TITLE = "site-builder check"


def render(errors: Sequence[ContentError], format: str) -> str:
    """The report of `errors` in `format` (one of FORMATS), ending with a newline when not empty."""
    if format == "github":
        lines = [_github_annotation(error) for error in errors]
    elif format == "gitlab":
        return _gitlab_code_quality(errors) + "\n"
    else:
        lines = [str(error) for error in errors]
    return "".join(line + "\n" for line in lines)


def _repository_path(shown: str, root_variable: str) -> str:
    """`shown` (an editor's path, relative to the working folder or absolute) relative to the
    repository root named by `root_variable`, when it is set and holds the file."""
    root = os.environ.get(root_variable)
    absolute = Path(os.path.abspath(shown))
    if root:
        try:
            return absolute.relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            pass
    return Path(shown).as_posix()


def _github_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message (actions/toolkit `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """GitHub's escaping of a workflow command's property value (`escapeProperty`)."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_annotation(error: ContentError) -> str:
    properties = {"file": _repository_path(error.path, "GITHUB_WORKSPACE"), "line": str(error.line or 1),
                  "title": _TITLE}
    written = ",".join(f"{name}={_github_property(value)}" for name, value in properties.items())
    message = f"{error.message}\n{error.hint}" if error.hint else error.message
    return f"::{'warning' if error.warning else 'error'} {written}::{_github_data(message)}"


def _gitlab_code_quality(errors: Sequence[ContentError]) -> str:
    """GitLab's Code Quality report: a JSON array, one issue per problem, each with a
    fingerprint unique in the report (the same problem keeps it from one pipeline to the next)."""
    issues = []
    seen: set[str] = set()
    for error in errors:
        path = _repository_path(error.path, "CI_PROJECT_DIR")
        line = error.line or 1
        description = f"{error.message} {error.hint}" if error.hint else error.message
        fingerprint = hashlib.sha256(f"{path}\0{line}\0{description}".encode("utf-8", "surrogatepass")).hexdigest()
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        issues.append({
            "description": description,
            "check_name": "site-builder-check",
            "fingerprint": fingerprint,
            # An error stops the column from being published; a warning does not.
            "severity": "minor" if error.warning else "blocker",
            "location": {"path": path, "lines": {"begin": line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2)
