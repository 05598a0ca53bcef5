#!/usr/bin/env bash
# What `make windows` packed, tried under Wine (headless, the private prefix of
# wine-prefix.sh); run by `make windows` after packing:
#   - the portable zip: its names are UTF-8 (讲稿台\…), it holds the four files,
#     and its lectern.exe runs from the unpacked folder;
#   - the installer, silent (/S): the files in %LOCALAPPDATA%\Programs\讲稿台,
#     the Start-menu entry 讲稿台, the 打开方式 registrations for each type, the
#     entry in Apps & features; the installed lectern.exe runs;
#   - the uninstaller, silent: all of that gone, the library in
#     %APPDATA%\Lectern\data left as it was.
# The window itself cannot start here: Wine has no WebView2.
# Usage: tests/windows/check-installer.sh [target/windows]
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(realpath "${1:-$root/target/windows}")
source "$here/wine-prefix.sh"

zip=$(ls "$out"/Lectern-*-windows-x64.zip 2>/dev/null | head -1)
installer=$(ls "$out"/Lectern-*-windows-x64-installer.exe 2>/dev/null | head -1)
[ -f "$zip" ] && [ -f "$installer" ] || { echo "check-installer.sh: no zip or installer in $out (make windows)" >&2; exit 1; }
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$root/src-tauri/tauri.conf.json")

# reg_has KEY [VALUE]: the key (and value) exist in the prefix's registry.
reg_has() {
  if [ $# = 2 ]; then "$wine" reg query "$1" /v "$2" >/dev/null 2>&1; else "$wine" reg query "$1" >/dev/null 2>&1; fi
}
unix() { "$wine" winepath -u "$1" 2>/dev/null | tr -d '\r'; }
windows_path() { "$wine" winepath -w "$1" 2>/dev/null | tr -d '\r'; }

# --- The portable zip ----------------------------------------------------------
names=$(python3 - "$zip" <<'EOF'
import sys, zipfile
for i in zipfile.ZipFile(sys.argv[1]).infolist():
    # Bit 11: the name is UTF-8, so that Explorer shows it as written.
    print(("utf8 " if i.flag_bits & 0x800 else "cp437 ") + i.filename)
EOF
)
for f in lectern-app.exe lectern.exe WebView2Loader.dll 说明.txt; do
  if grep -qx "utf8 讲稿台/$f" <<<"$names"; then pass "the zip holds 讲稿台/$f, its name marked UTF-8"; else fail "the zip lacks 讲稿台/$f (or its name is not marked UTF-8)"; fi
done
if grep -q 'WebView2' <<<"$(python3 -c 'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read("讲稿台/说明.txt").decode("utf-8-sig"))' "$zip")"; then
  pass "说明.txt names the WebView2 runtime"
else
  fail "说明.txt does not name the WebView2 runtime"
fi
rm -rf "$work/portable" && mkdir -p "$work/portable"
python3 -m zipfile -e "$zip" "$work/portable"
v=$("$wine" "$work/portable/讲稿台/lectern.exe" --version 2>/dev/null | tr -d '\r')
if [ "$v" = "lectern $version" ]; then pass "the unzipped lectern.exe runs: $v"; else fail "the unzipped lectern.exe says '$v'"; fi

# --- A library the uninstaller must leave alone ----------------------------------
appdata_lib=$(unix "$("$wine" "$work/portable/讲稿台/lectern.exe" where 2>/dev/null | tr -d '\r')")
rm -rf "$(dirname "$appdata_lib")"
"$wine" "$work/portable/讲稿台/lectern.exe" import "$(windows_path "$root/tests/data/library/party-building.txt")" >/dev/null 2>&1
if [ -s "$appdata_lib" ]; then pass "a library in %APPDATA%\\Lectern\\data holds a lecture"; else fail "no library at $appdata_lib"; fi
lib_sum=$(md5sum <"$appdata_lib")

# --- The installer, silent -------------------------------------------------------
user_dir=${appdata_lib%/AppData/Roaming/Lectern/data/library.db}
instdir=$user_dir/AppData/Local/Programs/讲稿台
rm -rf "$instdir"
"$wine" "$installer" /S >/dev/null 2>&1
for f in lectern-app.exe lectern.exe WebView2Loader.dll 说明.txt uninstall.exe; do
  if [ -f "$instdir/$f" ]; then pass "installed: %LOCALAPPDATA%\\Programs\\讲稿台\\$f"; else fail "not installed: $instdir/$f"; fi
done
start_menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
if [ -f "$start_menu/讲稿台.lnk" ]; then pass "the Start menu has 讲稿台"; else fail "no 讲稿台.lnk in $start_menu"; fi
v=$("$wine" "$instdir/lectern.exe" --version 2>/dev/null | tr -d '\r')
if [ "$v" = "lectern $version" ]; then pass "the installed lectern.exe runs: $v"; else fail "the installed lectern.exe says '$v'"; fi
open_with_all=1
for ext in .txt .docx .doc .wps .html .pdf; do
  reg_has "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" Lectern.Lecture || { open_with_all=0; fail "打开方式 lacks 讲稿台 for $ext"; }
done
[ "$open_with_all" = 1 ] && pass "打开方式 offers 讲稿台 for .txt .docx .doc .wps .html .pdf"
command=$("$wine" reg query 'HKCU\Software\Classes\Lectern.Lecture\shell\open\command' /ve 2>/dev/null | tr -d '\r')
if grep -q 'lectern-app.exe" "%1"' <<<"$command"; then pass "opening a file runs lectern-app.exe with it"; else fail "the open command is '$command'"; fi
if reg_has 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Lectern' UninstallString; then
  pass "Apps & features lists 讲稿台 with its uninstaller"
else
  fail "no uninstall entry"
fi

# --- The uninstaller, silent, run in place (_?=) so that it is waited for ---------------
win_instdir=$(windows_path "$instdir")
"$wine" "$instdir/uninstall.exe" /S "_?=$win_instdir" >/dev/null 2>&1
gone=1
for f in lectern-app.exe lectern.exe WebView2Loader.dll 说明.txt; do [ -e "$instdir/$f" ] && gone=0; done
if [ "$gone" = 1 ]; then pass "uninstalled: the program's files are gone"; else fail "files left in $instdir"; fi
rm -f "$instdir/uninstall.exe"; rmdir "$instdir" 2>/dev/null
if [ ! -e "$start_menu/讲稿台.lnk" ]; then pass "uninstalled: the Start-menu entry is gone"; else fail "讲稿台.lnk is still there"; fi
left=""
for ext in .txt .docx .pdf; do reg_has "HKCU\\Software\\Classes\\$ext\\OpenWithProgids" Lectern.Lecture && left+=" $ext"; done
reg_has 'HKCU\Software\Classes\Lectern.Lecture' && left+=" Lectern.Lecture"
reg_has 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Lectern' && left+=" uninstall-entry"
if [ -z "$left" ]; then pass "uninstalled: the registrations are gone"; else fail "registrations left:$left"; fi
if [ -f "$appdata_lib" ] && [ "$(md5sum <"$appdata_lib")" = "$lib_sum" ]; then
  pass "uninstalled: the library in %APPDATA%\\Lectern\\data is untouched"
else
  fail "the library was changed or removed by the uninstaller"
fi

echo
echo "The zip and the installer under Wine:"
echo "wine: $passed passed, $failed failed"
[ "$failed" = 0 ]
