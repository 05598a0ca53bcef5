#!/usr/bin/env bash
# Packs the cross-built Windows executables (make windows builds them first)
# into target/windows/:
#   Lectern-VERSION-windows-x64.zip           the portable folder 讲稿台\
#   Lectern-VERSION-windows-x64-installer.exe made by makensis from lectern.nsi
# Usage: packaging/windows/pack.sh [RELEASE_DIR] (default target/x86_64-pc-windows-gnu/release)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rel=${1:-target/x86_64-pc-windows-gnu/release}
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json)
[ -n "$version" ] || { echo "pack.sh: no version in src-tauri/tauri.conf.json" >&2; exit 1; }
out=target/windows
name=Lectern-$version-windows-x64
dir=$out/讲稿台

for f in lectern-app.exe lectern.exe WebView2Loader.dll; do
  [ -f "$rel/$f" ] || { echo "pack.sh: $rel/$f is missing (make windows builds it)" >&2; exit 1; }
done

# The folder must be complete: the executables may import only Windows' own DLLs
# and WebView2Loader.dll, not the mingw runtime (libgcc_s, libwinpthread …).
for f in lectern-app.exe lectern.exe; do
  extra=$(x86_64-w64-mingw32-objdump -p "$rel/$f" | sed -n 's/^\s*DLL Name: //p' | grep -iE '^lib|^(msvcp|vcruntime)' || true)
  [ -z "$extra" ] || { echo "pack.sh: $f needs DLLs that Windows does not have: $extra" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$dir"
# The executables, stripped of their symbols (the mingw toolchain's strip).
x86_64-w64-mingw32-strip -o "$dir/lectern-app.exe" "$rel/lectern-app.exe"
x86_64-w64-mingw32-strip -o "$dir/lectern.exe" "$rel/lectern.exe"
cp "$rel/WebView2Loader.dll" "$dir/"
# 说明.txt with Windows line ends and a BOM, so that every Notepad reads it as UTF-8.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' packaging/windows/说明.txt; } > "$dir/说明.txt"

# (a) The portable zip. Python's zipfile marks the names as UTF-8 (flag bit 11),
# so that Explorer shows 讲稿台 and 说明.txt rather than mojibake.
(cd "$out" && python3 -m zipfile -c "$name.zip" 讲稿台)

# (b) The installer: the same files, plus the icon for the shortcut and 打开方式.
cp src-tauri/icons/icon.ico "$dir/"
makensis -V2 -WX -DVERSION="$version" -DSRC="$root/$dir" -DOUT="$root/$out/$name-installer.exe" \
  packaging/windows/lectern.nsi
rm "$dir/icon.ico"

ls -l "$out/$name.zip" "$out/$name-installer.exe"
