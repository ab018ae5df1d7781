# Sourced by scripts/build, scripts/test and scripts/bench: make .venv and install the project.
# Usage: ensure_venv [extra]   (extra: "test" adds the test tools)
# Re-installs only when pyproject.toml changed since the last install into this .venv.

# The interpreter that makes .venv: $PYTHON when set, else the distribution's Python 3.11+
# (/usr/bin/python3: Debian builds it with profile-guided and link-time optimisation, and links
# it statically; a cold build of 10,000 articles took 12-15% less CPU with it than with the
# default pyenv build, made without either), else python3 from PATH. Printed as an absolute path.
build_python() {
  if [ -n "${PYTHON:-}" ]; then
    command -v "$PYTHON"
  elif /usr/bin/python3 -c 'import ensurepip, sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo /usr/bin/python3
  else
    command -v python3
  fi
}

ensure_venv() {
  local extra="${1:-}"
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local python made_by
  python="$(build_python)"
  made_by="$(readlink -f "$python")"
  # A .venv made from another interpreter (an earlier default) is made again from this one;
  # .made-by names the one it was made from (read, not asked of the interpreters: every
  # `site-builder` command passes here).
  if [ -x "$root/.venv/bin/python" ] && [ "$(cat "$root/.venv/.made-by" 2>/dev/null)" != "$made_by" ]; then
    echo "Tạo lại .venv bằng $python…"
    rm -rf "$root/.venv"
  fi
  if [ ! -x "$root/.venv/bin/python" ]; then
    echo "Tạo môi trường Python .venv…"
    "$python" -m venv "$root/.venv"
    "$root/.venv/bin/python" -m pip install --quiet --upgrade pip
    echo "$made_by" > "$root/.venv/.made-by"
  fi
  local spec="$root"
  [ -n "$extra" ] && spec="$root[$extra]"
  local stamp="$root/.venv/.installed-${extra:-base}"
  local digest
  digest="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
  # The test tools come with the project: an install with them serves a plain one too.
  if [ -z "$extra" ] && [ -f "$root/.venv/.installed-test" ] \
      && [ "$(cat "$root/.venv/.installed-test")" = "$digest" ]; then
    return 0
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "Cài đặt site_builder${extra:+ [$extra]} vào .venv…"
    if ! "$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec" \
        > "$root/.venv/pip.log" 2>&1; then
      cat "$root/.venv/pip.log" >&2
      return 1
    fi
    echo "$digest" > "$stamp"
  fi
}
