# Sourced by scripts/build, scripts/test and scripts/bench: make .venv and install the project.
# Usage: ensure_venv [extra]   (extra: "test" adds the test tools)
# Re-installs only when pyproject.toml changed since the last install into this .venv.

ensure_venv() {
  local extra="${1:-}"
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local python="${PYTHON:-python3}"
  if [ ! -x "$root/.venv/bin/python" ]; then
    echo "Tạo môi trường Python .venv…"
    "$python" -m venv "$root/.venv"
    "$root/.venv/bin/python" -m pip install --quiet --upgrade pip
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
