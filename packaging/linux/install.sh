#!/usr/bin/env bash
# Add Rusus Desktop (this unpacked build) to your desktop's application menu, for you only.
#
#   ./install.sh              menu entry, icons and AppStream data under ~/.local/share, and a
#                             `rusus-desktop` command in ~/.local/bin
#   ./install.sh --uninstall  remove them again (the build folder and your projects stay)
#
# Nothing is copied out of this folder except those small files; keep the folder where it is (or
# run this again after moving it). Your projects, settings and logs live in the standard user
# folders (~/.local/share/rusus-desktop, ~/.config/Rusus, ~/.local/state/rusus-desktop/log).
set -euo pipefail

APP_ID=io.github.rusus.RususDesktop
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exe="$here/rusus-desktop"
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
bin_dir=${RUSUS_BIN_DIR:-$HOME/.local/bin}
sizes=(16 24 32 48 64 128 256 512)

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
}

if [[ ${1:-} == --uninstall ]]; then
  rm -f "$data_home/applications/$APP_ID.desktop" "$data_home/metainfo/$APP_ID.metainfo.xml"
  for size in "${sizes[@]}"; do rm -f "$data_home/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
  if [[ -L $bin_dir/rusus-desktop && $(readlink "$bin_dir/rusus-desktop") == "$exe" ]]; then
    rm -f "$bin_dir/rusus-desktop"
  fi
  refresh
  echo "Rusus Desktop removed from the application menu."
  exit 0
fi

[[ -x $exe && -d $here/share ]] || { echo "install.sh: run it from the unpacked rusus-desktop folder" >&2; exit 1; }

mkdir -p "$data_home/applications" "$data_home/metainfo" "$bin_dir"
# The menu entry starts this build by its full path, so it works without ~/.local/bin on PATH.
sed -e "s|^Exec=rusus-desktop|Exec=\"$exe\"|" -e "s|^TryExec=rusus-desktop|TryExec=$exe|" \
  "$here/share/applications/$APP_ID.desktop" > "$data_home/applications/$APP_ID.desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$data_home/metainfo/"
for size in "${sizes[@]}"; do
  mkdir -p "$data_home/icons/hicolor/${size}x${size}/apps"
  cp "$here/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png" "$data_home/icons/hicolor/${size}x${size}/apps/"
done
ln -sfn "$exe" "$bin_dir/rusus-desktop"
refresh
echo "Rusus Desktop is in your application menu; \`rusus-desktop\` is in $bin_dir."
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "(Add $bin_dir to your PATH to use the command from a terminal.)" ;; esac
