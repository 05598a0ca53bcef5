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
#     `lectern-app` finding every library it links.
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
# TODO(issue 17, item 2: one instance): start the installed lectern-app under
# Xvfb with a file and check the lecture arrives in the library; start it again
# with another file and check the first window imported it and the second
# process exited within 3 s. This needs tauri-plugin-single-instance in the app.
echo "skip - starting the installed app with files (needs the single-instance app, issue 17 item 2)"
skipped=$((skipped + 1))

if [ "$installed" = 1 ]; then
  dpkg -r lectern >/dev/null 2>&1
  installed=0
  check "dpkg removes the package again" test ! -e /usr/bin/lectern-app
fi

echo
echo "The .deb:"
echo "package: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
