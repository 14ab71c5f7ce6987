#!/usr/bin/env bash
# Check that the shared libraries Qt needs are present, and install the missing ones.
#   system-deps.sh run|test PYTHON
# "test" checks what the offscreen platform needs (CI, pytest); "run" also checks the X11 (xcb)
# platform plugin used by a real window. Missing libraries are mapped to Debian/Ubuntu packages and
# installed with apt-get when we are root; otherwise the exact command is printed and we fail.
set -euo pipefail
mode=${1:-test}
python=${2:-.venv/bin/python}
[[ $(uname -s) == Linux ]] || exit 0

qt_dir=$("$python" -c 'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))')
targets=("$qt_dir/lib/libQt6Gui.so.6" "$qt_dir/lib/libQt6Widgets.so.6" "$qt_dir/plugins/platforms/libqoffscreen.so")
if [[ $mode == run ]]; then
  targets+=("$qt_dir/plugins/platforms/libqxcb.so" "$qt_dir/lib/libQt6XcbQpa.so.6")
fi

declare -A pkg_for=(
  [libGL.so.1]=libgl1 [libEGL.so.1]=libegl1 [libOpenGL.so.0]=libopengl0 [libGLX.so.0]=libglx0
  [libfontconfig.so.1]=libfontconfig1 [libfreetype.so.6]=libfreetype6 [libpng16.so.16]=libpng16-16
  [libxkbcommon.so.0]=libxkbcommon0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
  [libglib-2.0.so.0]=libglib2.0-0 [libgthread-2.0.so.0]=libglib2.0-0 [libgobject-2.0.so.0]=libglib2.0-0
  [libdbus-1.so.3]=libdbus-1-3 [libz.so.1]=zlib1g
  [libX11.so.6]=libx11-6 [libX11-xcb.so.1]=libx11-xcb1 [libxcb.so.1]=libxcb1 [libSM.so.6]=libsm6 [libICE.so.6]=libice6
  [libxcb-cursor.so.0]=libxcb-cursor0 [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-image.so.0]=libxcb-image0 [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-randr.so.0]=libxcb-randr0
  [libxcb-shape.so.0]=libxcb-shape0 [libxcb-xfixes.so.0]=libxcb-xfixes0 [libxcb-xinerama.so.0]=libxcb-xinerama0
  [libxcb-xkb.so.1]=libxcb-xkb1 [libxcb-sync.so.1]=libxcb-sync1 [libxcb-shm.so.0]=libxcb-shm0
  [libxcb-render.so.0]=libxcb-render0 [libxcb-util.so.1]=libxcb-util1 [libxcb-glx.so.0]=libxcb-glx0
  [libxcb-xinput.so.0]=libxcb-xinput0
)

missing_libs=()
for target in "${targets[@]}"; do
  [[ -e $target ]] || continue
  while read -r lib; do missing_libs+=("$lib"); done < <(LD_LIBRARY_PATH="$qt_dir/lib" ldd "$target" 2>/dev/null | awk '/not found/ {print $1}')
done

packages=()
unknown=()
for lib in $(printf '%s\n' "${missing_libs[@]}" | sort -u); do
  if [[ -n ${pkg_for[$lib]:-} ]]; then packages+=("${pkg_for[$lib]}"); else unknown+=("$lib"); fi
done
# Vietnamese text needs at least one font with full Latin Extended Additional coverage.
if ! command -v fc-list >/dev/null 2>&1; then
  packages+=(fontconfig fonts-dejavu-core)
elif [[ -z $(fc-list ':charset=1ebf' 2>/dev/null | head -1) ]]; then
  packages+=(fonts-dejavu-core)
fi

if ((${#unknown[@]})); then
  echo "warning: Qt needs libraries this script cannot map to packages: ${unknown[*]}" >&2
fi
if ((${#packages[@]} == 0)); then
  exit 0
fi
packages=($(printf '%s\n' "${packages[@]}" | sort -u))
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system libraries Qt needs: ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system libraries Qt needs: ${packages[*]}"
  sudo -n apt-get update -qq
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
else
  echo "error: Qt needs system libraries that are missing. Install them with:" >&2
  echo "  sudo apt-get install ${packages[*]}" >&2
  exit 1
fi
