# Sourced by the Wine tests (run-cli.sh, check-installer.sh) after they set
# `here` (this folder) and `root` (the repository): the Wine environment, the
# pass/fail tally, and the private prefix under target/wine-test/prefix, made
# once (the slow part: it is timed) and then reused.
# shellcheck shell=bash
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
work=$root/target/wine-test
prefix=$work/prefix
# Bump when what goes into the prefix changes, so that an older one is made anew.
prefix_version=1
[ -x "$wine" ] || { echo "wine-prefix.sh: no wine64 (apt-get install wine64)" >&2; exit 1; }
mkdir -p "$work"

export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko: the prefix needs neither, and Wine would offer to download them.
export WINEDLLOVERRIDES="mscoree,mshtml="
# Wine reads the Unix command line and file names as UTF-8 under a UTF-8 locale.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DISPLAY WAYLAND_DISPLAY
# Neither side may be steered by the caller's Lectern settings.
unset LECTERN_DATA_DIR LECTERN_FONT_DIRS LECTERN_CACHE_DIR

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() {
  failed=$((failed + 1))
  echo "not ok - $1"
  shift
  for f in "$@"; do [ -f "$f" ] && head -c 3000 "$f" | sed 's/^/    /'; done
}

# --- The prefix: made once (the slow part), then reused -----------------------
if [ "$(cat "$prefix/.lectern-ready" 2>/dev/null)" != "$prefix_version" ]; then
  rm -rf "$prefix"
  mkdir -p "$prefix"
  start=$(date +%s)
  if ! "$wine" wineboot --init >"$work/wineboot.log" 2>&1; then
    echo "wine-prefix.sh: wineboot failed" >&2; cat "$work/wineboot.log" >&2; exit 1
  fi
  "$wineserver" -w
  sys32=$prefix/drive_c/windows/system32
  # Only where this Wine lacks it (Wine 8); a newer Wine keeps its own.
  if [ ! -e "$sys32/bcryptprimitives.dll" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -Wall -o "$sys32/bcryptprimitives.dll" \
      "$here/bcryptprimitives.c" "$here/bcryptprimitives.def" -ladvapi32 || exit 1
    echo "bcryptprimitives.dll shim built into the prefix"
  fi
  # CJK faces, as a Chinese Windows would have them in C:\windows\Fonts:
  # Noto Serif/Sans CJK (fonts-noto-cjk) and AR PL UKai (fonts-arphic-ukai).
  fonts=$prefix/drive_c/windows/Fonts
  for f in /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \
           /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc \
           /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
           /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc \
           /usr/share/fonts/truetype/arphic/ukai.ttc; do
    [ -f "$f" ] || { echo "wine-prefix.sh: $f is missing (make deps installs it)" >&2; exit 1; }
    cp "$f" "$fonts/"
  done
  echo "$prefix_version" >"$prefix/.lectern-ready"
  echo "Wine prefix made in $(( $(date +%s) - start )) s: $prefix ($($wine --version))"
else
  echo "Wine prefix reused: $prefix ($($wine --version))"
fi
# One server for all the runs below, ended on exit.
"$wineserver" -p
trap '"$wineserver" -k 2>/dev/null' EXIT

