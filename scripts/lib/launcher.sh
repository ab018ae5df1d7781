# Sourced by scripts/build: puts a small `site-builder` command in ~/.local/bin (or $XDG_BIN_HOME)
# when that folder is on PATH, so editors type `site-builder new …` as the README shows, in any
# folder of a column. The launcher runs the scripts/site-builder of the nearest column above
# the working folder (its own .venv), else this one's. A `site-builder` there that is not ours
# is left alone.

_LAUNCHER_MARK="# site-builder launcher (installed by scripts/build)"

install_launcher() {
  local root bin target
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  bin="${XDG_BIN_HOME:-$HOME/.local/bin}"
  target="$bin/site-builder"
  case ":$PATH:" in
    *":$bin:"*) ;;
    *)
      if [ ! -f "$root/.venv/.launcher-hint" ]; then
        echo "Gợi ý: thêm $bin vào PATH rồi chạy lại scripts/build để gõ \`site-builder …\` ở mọi thư mục;" \
             "trong lúc chờ, gõ \`scripts/site-builder …\` (hoặc \`.venv/bin/site-builder …\`)." >&2
        touch "$root/.venv/.launcher-hint"
      fi
      return 0 ;;
  esac
  if [ -e "$target" ] && ! grep -qF "$_LAUNCHER_MARK" "$target" 2>/dev/null; then
    return 0
  fi
  mkdir -p "$bin"
  cat > "$target.tmp" <<LAUNCHER
#!/bin/sh
$_LAUNCHER_MARK
# Runs scripts/site-builder of the nearest column (a folder with mkdocs.yml and scripts/site-builder)
# above the working folder, else that of $root.
dir=\$(pwd)
while :; do
  if [ -f "\$dir/mkdocs.yml" ] && [ -x "\$dir/scripts/site-builder" ]; then
    exec "\$dir/scripts/site-builder" "\$@"
  fi
  [ "\$dir" = / ] && break
  dir=\$(dirname "\$dir")
done
if [ -x "$root/scripts/site-builder" ]; then
  exec "$root/scripts/site-builder" "\$@"
fi
echo "Không tìm thấy chuyên trang: chạy lệnh trong thư mục của chuyên trang (có mkdocs.yml), rồi chạy scripts/build một lần." >&2
exit 1
LAUNCHER
  chmod +x "$target.tmp"
  mv "$target.tmp" "$target"
}
