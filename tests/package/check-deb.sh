#!/usr/bin/env bash
# The .deb that `make package` writes, checked as apt and a desktop would see it
# (`make test-package`, part of `make test`):
#   - its control fields: name, version, architecture, a Chinese and an English
#     description, and Depends that cover every library the two binaries link
#     (each library's package on this machine must be in the closure of Depends)
#     plus a CJK font;
#   - its files: both binaries, the desktop entry, icons in five sizes or more;
#   - the desktop entry: desktop-file-validate, and the fields 讲稿台 needs;
#   - installed: with apt as root (then removed again), else unpacked into a
#     scratch root: `lectern --version`, the installed CLI on a fixture, and
#     `lectern-app` finding every library it links;
#   - started (installed or unpacked) under Xvfb on a fresh data folder: with a file, the lecture
#     arrives in the library; a second start with another file hands it to the first window and
#     exits within 3 s.
# Usage: tests/package/check-deb.sh target/package/lectern_VERSION_ARCH.deb
set -uo pipefail
export LC_ALL=C.UTF-8

deb=$(realpath "${1:?usage: check-deb.sh PACKAGE.deb}")
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$root/src-tauri/tauri.conf.json")
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then dpkg -r lectern >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
skipped=0
pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { # NAME COMMAND...: passes when the command succeeds
  local name=$1; shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}
has_han() { grep -qP '\p{Han}' <<<"$1"; }

[ -f "$deb" ] || { echo "check-deb.sh: $deb does not exist" >&2; exit 1; }

# --- Size ------------------------------------------------------------------
size=$(stat -c %s "$deb")
check "the .deb is under 20 MB ($((size / 1024)) KiB)" test "$size" -lt $((20 * 1024 * 1024))

# --- Control fields --------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: lectern" test "$(field Package)" = lectern
check "Version: $version (tauri.conf.json)" test "$(field Version)" = "$version"
check "Architecture: $arch" test "$(field Architecture)" = "$arch"
depends=$(field Depends)
echo "    Depends: $depends"
check "Depends names WebKitGTK 4.1" grep -qE '(^|, )libwebkit2gtk-4\.1-0( |,|$)' <<<"$depends"
check "Depends names GTK 3" grep -qE '(^|, )libgtk-3-0( |,|$)' <<<"$depends"
check "Depends names each package once" test -z "$(sed 's/, /\n/g' <<<"$depends" | sort | uniq -d)"
check "Depends names a CJK font, fonts-noto-cjk or another" \
  grep -qE '(^|, )fonts-noto-cjk( \| fonts-[a-z0-9-]+)+(,|$)' <<<"$depends"
description=$(field Description)
check "the description is in Chinese" has_han "$description"
check "the description is in English" grep -q 'Lectern helps' <<<"$description"

# Every library the binaries link comes from a package that Depends brings in.
mkdir -p "$work/x"
dpkg-deb -x "$deb" "$work/x"
# The packages Depends brings in, with what they depend on in turn.
dep_names=$(sed 's/([^)]*)//g; s/[|,]/\n/g' <<<"$depends" | tr -d ' ' | grep -v '^$')
# shellcheck disable=SC2086
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances $dep_names 2>/dev/null |
  sed -n 's/^ *\(Pre\)\{0,1\}Depends: <\{0,1\}\([^ >:]*\).*/\2/p; s/^\([^ <][^ :]*\).*/\1/p' | sort -u)
uncovered=""
for bin in usr/bin/lectern-app usr/bin/lectern; do
  for so in $(objdump -p "$work/x/$bin" | awk '/NEEDED/{print $2}'); do
    pkg=$(dpkg -S "*/$so" 2>/dev/null | grep -v -- '-dev' | head -1 | cut -d: -f1)
    if [ -z "$pkg" ]; then
      uncovered+=" $so(no-package)"
    elif ! grep -qx "$pkg" <<<"$closure"; then
      uncovered+=" $so($pkg)"
    fi
  done
done
check "Depends covers every library the binaries link${uncovered:+: missing$uncovered}" test -z "$uncovered"

# --- Files -----------------------------------------------------------------
list=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||; s|^|/|')
for f in /usr/bin/lectern-app /usr/bin/lectern /usr/share/applications/Lectern.desktop; do
  check "the package holds $f" grep -qx "$f" <<<"$list"
done
check "/usr/bin/lectern-app and /usr/bin/lectern are executable" \
  test -x "$work/x/usr/bin/lectern-app" -a -x "$work/x/usr/bin/lectern"
sizes=0
for png in "$work"/x/usr/share/icons/hicolor/*/apps/lectern-app.png; do
  [ -f "$png" ] || continue
  dir=$(basename "$(dirname "$(dirname "$png")")")
  real=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$png")
  if [ "$dir" = "$real" ]; then sizes=$((sizes + 1)); else fail "icon in $dir is $real"; fi
done
check "icons in $sizes sizes under hicolor (five or more, each its folder's size)" test "$sizes" -ge 5

# --- The desktop entry -----------------------------------------------------
desktop=$work/x/usr/share/applications/Lectern.desktop
if [ -f "$desktop" ]; then
  check "desktop-file-validate accepts the entry" desktop-file-validate "$desktop"
  entry() { sed -n "s/^$1=//p" "$desktop" | head -1; }
  check "Name=Lectern" test "$(entry Name)" = Lectern
  check "Name[zh_CN]=讲稿台" test "$(entry 'Name\[zh_CN\]')" = 讲稿台
  check "a Chinese Comment[zh_CN]" has_han "$(entry 'Comment\[zh_CN\]')"
  check "Categories=Office;Education;" test "$(entry Categories)" = "Office;Education;"
  check "Keywords[zh_CN]=党课;讲稿;讲义;" test "$(entry 'Keywords\[zh_CN\]')" = "党课;讲稿;讲义;"
  check "Exec passes the files: lectern-app %F" test "$(entry Exec)" = "lectern-app %F"
  icon=$(entry Icon)
  check "Icon=$icon is one of the package's icons" test -f "$work/x/usr/share/icons/hicolor/128x128/apps/$icon.png"
  mime=$(entry MimeType)
  for t in text/plain application/vnd.openxmlformats-officedocument.wordprocessingml.document \
           application/msword application/vnd.ms-works text/html application/pdf; do
    check "MimeType offers 讲稿台 for $t" grep -q "\(^\|;\)$t;" <<<"$mime"
  done
else
  fail "no desktop entry"
fi

# --- Installed ---------------------------------------------------------------
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "# installing with apt (as root; removed again at the end)"
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       -o DPkg::Lock::Timeout=300 "$deb" >"$work/apt.log" 2>&1; then
    installed=1
    pass "apt installs the package with its dependencies"
  else
    fail "apt could not install the package"; sed 's/^/    /' "$work/apt.log" | tail -20
  fi
  prefix=""
  check "dpkg knows lectern $version as installed" \
    test "$(dpkg-query -W -f='${Status} ${Version}' lectern 2>/dev/null)" = "install ok installed $version"
  # desktop-file-utils' trigger lists the entry for each type: 打开方式 offers it.
  if [ -f /usr/share/applications/mimeinfo.cache ]; then
    check "the desktop's MIME cache offers Lectern for .txt, .docx and .pdf" \
      bash -c 'for t in text/plain application/vnd.openxmlformats-officedocument.wordprocessingml.document application/pdf; do
                 grep -q "^$t=.*Lectern\.desktop" /usr/share/applications/mimeinfo.cache || exit 1; done'
  fi
else
  echo "# not root: checking the unpacked files instead of an installation"
  prefix=$work/x
fi
out=$("$prefix/usr/bin/lectern" --version 2>&1)
check "the packaged lectern --version says $version ($out)" test "$out" = "lectern $version"
fixture=$root/tests/data/library/party-building.txt
check "the packaged lectern outlines a lecture as the built one does" \
  cmp -s <("$prefix/usr/bin/lectern" outline "$fixture") <("$root/target/release/lectern" outline "$fixture")
missing=$(ldd "$prefix/usr/bin/lectern-app" 2>&1 | grep 'not found')
check "lectern-app finds every library it links${missing:+: $missing}" test -z "$missing"

# --- Starting the installed app ----------------------------------------------
# Under a display and a D-Bus session of this script's own (Xvfb, dbus-daemon), on a fresh data
# folder: the first start imports the file it is given; a second start with another file (from
# another folder, by a relative name, as a file manager's 打开方式 may) hands it to the first
# window and exits within 3 s, and the first window imports it. Every wait polls with a deadline.
app_pids=()
stop_app() {
  local pid
  # Each app is a process group of its own (setsid): its WebKit processes go with it.
  for pid in "${app_pids[@]}"; do kill -- -"$pid" 2>/dev/null; done
  for pid in "${app_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- -"$pid" 2>/dev/null
  done
  for pid in ${xvfb_pid:-} ${dbus_pid:-}; do kill "$pid" 2>/dev/null; done
  app_pids=(); xvfb_pid=""; dbus_pid=""
}
trap 'stop_app; cleanup' EXIT
# running PID: the process is there and not a zombie (one that exited but was not waited for yet).
running() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${s:0:1}" != Z ]; }
tenths() { echo $(($(date +%s%N) / 100000000)); } # the clock in tenths of a second
# until_ok SECONDS COMMAND...: runs the command every 0.2 s until it succeeds or the time is up.
until_ok() {
  local end=$(($(tenths) + $1 * 10)); shift
  while :; do
    "$@" && return 0
    [ "$(tenths)" -ge "$end" ] && return 1
    sleep 0.2
  done
}
if command -v Xvfb >/dev/null && command -v dbus-daemon >/dev/null; then
  # Xvfb picks a free display and writes its number to fd 3.
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  until_ok 10 test -s "$work/display"
  display=":$(head -1 "$work/display")"
  bus=$(dbus-daemon --session --fork --print-address=1 --print-pid=1 2>/dev/null)
  dbus_pid=$(sed -n 2p <<<"$bus")
  data=$work/data
  mkdir -p "$work/elsewhere"
  cp "$root/tests/data/library/rural-revitalization.txt" "$work/elsewhere/乡村振兴.txt"
  run_app() { # run_app FOLDER FILE: starts the installed app from FOLDER, its pid in $!
    (cd "$1" && exec setsid env DISPLAY="$display" DBUS_SESSION_BUS_ADDRESS="$(head -1 <<<"$bus")" \
       LECTERN_DATA_DIR="$data" WEBKIT_DISABLE_COMPOSITING_MODE=1 \
       "$prefix/usr/bin/lectern-app" "$2") >>"$work/app.log" 2>&1 &
  }
  listed() { # listed TITLE: the installed CLI lists TITLE in the app's library
    [ -f "$data/library.db" ] && "$prefix/usr/bin/lectern" --db "$data/library.db" list 2>/dev/null | grep -qF "$1"
  }
  first_title=以高质量党建引领基层治理
  second_title=全面推进乡村振兴
  if [ -n "$dbus_pid" ] && [ "$display" != ":" ]; then
    run_app "$work" "$root/tests/data/library/party-building.txt"
    first=$!; app_pids+=("$first")
    check "the installed app, started with a file, imports it (the CLI lists $first_title)" \
      until_ok 60 listed "$first_title"
    started=$(tenths)
    run_app "$work/elsewhere" 乡村振兴.txt
    second=$!; app_pids+=("$second")
    while running "$second" && [ $(($(tenths) - started)) -lt 30 ]; do sleep 0.1; done
    took=$(($(tenths) - started))
    if running "$second"; then
      fail "a second start exits within 3 s (still running after 3 s)"
    else
      wait "$second"; rc=$?
      check "a second start exits within 3 s, successfully (after about ${took}00 ms, status $rc)" test "$rc" = 0
    fi
    check "the first window imports the second start's file (the CLI lists $second_title)" \
      until_ok 30 listed "$second_title"
    check "the first window is still running: the file went to it, not to a new one" running "$first"
    check "the library holds the demo and the two files, once each" \
      test "$("$prefix/usr/bin/lectern" --db "$data/library.db" list 2>/dev/null | wc -l)" = 3
  else
    fail "no Xvfb display or D-Bus session to start the app in"; sed 's/^/    /' "$work/xvfb.log"
  fi
  stop_app
  if [ "$failed" != 0 ] && [ -s "$work/app.log" ]; then sed 's/^/    app: /' "$work/app.log" | tail -20; fi
else
  fail "Xvfb and dbus-daemon are needed to start the app (make apt-test installs them)"
fi

if [ "$installed" = 1 ]; then
  dpkg -r lectern >/dev/null 2>&1
  installed=0
  check "dpkg removes the package again" test ! -e /usr/bin/lectern-app
fi

echo
echo "The .deb:"
echo "package: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
