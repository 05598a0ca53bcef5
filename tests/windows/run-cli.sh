#!/usr/bin/env bash
# The Windows command line under Wine (`make test-windows`, part of `make test`).
#
# lectern.exe, cross-built for x86_64-pc-windows-gnu, runs under Wine on the
# shared fixtures, and every output is compared with the Linux `lectern`'s on
# the same input: clean, outline and stats (text and JSON), a broken file's
# error, an import into the library at its Windows place
# (%APPDATA%\Lectern\data\library.db) with list, show and search, and a PDF
# export with CJK fonts copied into the prefix's C:\windows\Fonts (the Linux
# side reads that same folder, so both choose the same faces; the PDFs must
# have the same pages, text, fonts and pixels).
#
# Wine runs headless (no X: lectern.exe is a console program) in a private
# prefix under target/wine-test/, made once and then reused. Wine 8 lacks
# bcryptprimitives.dll, which Rust's standard library imports; a tiny shim
# (bcryptprimitives.c beside this file) is built with mingw-w64 and put in
# that prefix only.
#
# Usage: tests/windows/run-cli.sh [WINDOWS_EXE] [LINUX_CLI]
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
win_exe=${1:-$root/target/x86_64-pc-windows-gnu/release/lectern.exe}
linux_cli=${2:-$root/target/release/lectern}
source "$here/wine-prefix.sh"

for f in "$win_exe" "$linux_cli"; do
  [ -f "$f" ] || { echo "run-cli.sh: $f is missing" >&2; exit 1; }
done
# Each side runs in its own folder: the programs by their full paths.
win_exe=$(realpath "$win_exe")
linux_cli=$(realpath "$linux_cli")

# --- Each side works in its own folder, on the same copy of the fixtures -------
rm -rf "$work/data" "$work/linux" "$work/windows" "$work/out"
mkdir -p "$work/linux" "$work/windows" "$work/out"
cp -r "$root/tests/data" "$work/data"
# Fixtures made by a real program: two lectures as .docx and .html (LibreOffice).
# Its own profile, so that a LibreOffice already running elsewhere is not asked instead.
lo=(soffice -env:UserInstallation="file://$work/lo-profile" --headless)
"${lo[@]}" --convert-to docx:"MS Word 2007 XML" --outdir "$work/data/made" \
  "$work/data/library/party-building.txt" >"$work/out/soffice.log" 2>&1 &&
"${lo[@]}" --convert-to html --outdir "$work/data/made" \
  "$work/data/library/rural-revitalization.txt" >>"$work/out/soffice.log" 2>&1 ||
  { echo "run-cli.sh: LibreOffice could not make the .docx/.html fixtures" >&2; cat "$work/out/soffice.log" >&2; exit 1; }

# run SIDE NAME ARGS...: runs one side in its folder; stdout, stderr and the
# exit code go to $work/out/NAME.SIDE.{out,err,rc}. Paths in ARGS are relative
# (../data/...), so that both sides print the same names.
run() {
  local side=$1 name=$2; shift 2
  local o=$work/out/$name.$side
  if [ "$side" = linux ]; then
    (cd "$work/linux" && "$linux_cli" "$@" >"$o.out" 2>"$o.err"; echo $? >"$o.rc")
  else
    (cd "$work/windows" && "$wine" "$win_exe" "$@" >"$o.out" 2>"$o.err"; echo $? >"$o.rc")
  fi
}

# same NAME ARGS...: both sides must exit alike and print the same.
same() {
  local name=$1; shift
  run linux "$name" "$@"
  run windows "$name" "$@"
  local o=$work/out/$name
  if ! cmp -s "$o.linux.rc" "$o.windows.rc"; then
    fail "$name: exit code Linux $(cat "$o.linux.rc") ≠ Windows $(cat "$o.windows.rc")" "$o.windows.err"
  elif [ ! -s "$o.linux.out" ] && [ "$(cat "$o.linux.rc")" = 0 ]; then
    fail "$name: the Linux CLI printed nothing" "$o.linux.err"
  elif ! cmp -s "$o.linux.out" "$o.windows.out"; then
    diff "$o.linux.out" "$o.windows.out" >"$o.diff"
    fail "$name: outputs differ" "$o.diff" "$o.windows.err"
  else
    pass "$name"
  fi
}

# The lines the CLI itself wrote to stderr (Wine adds none with WINEDEBUG=-all,
# but keep to the CLI's own lines all the same).
same_stderr() {
  local name=$1 o=$work/out/$1
  if [ -s "$o.linux.err" ] && cmp -s <(grep -v '^wine' "$o.linux.err") <(grep -v '^wine' "$o.windows.err"); then
    pass "$name: same message on stderr"
  else
    fail "$name: stderr differs" "$o.linux.err" "$o.windows.err"
  fi
}

# --- Text: clean, outline, stats ---------------------------------------------
files=(
  ../data/web-clip-lecture.txt
  ../data/基层党建讲稿-gbk.txt
  ../data/text/gbk-crlf-lecture.txt
  ../data/library/party-building.txt
  ../data/library/rural-revitalization.txt
  ../data/pdf/lecture.txt
  ../data/made/party-building.docx
  ../data/made/rural-revitalization.html
)
for f in "${files[@]}"; do
  n=$(basename "$f")
  same "clean $n" clean "$f"
  same "clean --json $n" clean --json "$f"
  same "outline $n" outline "$f"
  same "outline --json $n" outline --json "$f"
  same "stats $n" stats "$f"
  same "stats --json $n" stats --json "$f"
done

# A broken .docx: exit 1 and the same one-line Chinese message on both.
same "clean 损坏的文件.docx" clean ../data/损坏的文件.docx
same_stderr "clean 损坏的文件.docx"

# --- The library at its Windows place -----------------------------------------
run windows where where
where=$(tr -d '\r' <"$work/out/where.windows.out")
if [[ "$where" =~ ^C:\\users\\[^\\]+\\AppData\\Roaming\\Lectern\\data\\library\.db$ ]]; then
  pass "where: $where"
else
  fail "where: expected C:\\users\\…\\AppData\\Roaming\\Lectern\\data\\library.db, got '$where'" "$work/out/where.windows.err"
fi
win_lib=$("$wine" winepath -u "$where" 2>/dev/null | tr -d '\r')
# A fresh library on both sides: the Windows one in %APPDATA%, the Linux one by --db.
rm -rf "$(dirname "$(dirname "$win_lib")")"
lib=(--db "$work/linux/library.db")
import_files=(../data/library/party-building.txt ../data/library/rural-revitalization.txt ../data/基层党建讲稿-gbk.txt ../data/made/party-building.docx)
run linux import "${lib[@]}" import "${import_files[@]}"
run windows import import "${import_files[@]}"
o=$work/out/import
if cmp -s "$o.linux.out" "$o.windows.out" && cmp -s "$o.linux.rc" "$o.windows.rc" && [ -s "$o.linux.out" ]; then
  pass "import: the same new lectures ($(tr '\n' ' ' <"$o.linux.out"))"
else
  fail "import differs" "$o.linux.out" "$o.windows.out" "$o.windows.err"
fi
# The .docx holds the same text as party-building.txt: both sides call it a duplicate.
same_stderr import
if [ -f "$win_lib" ]; then pass "the library is at %APPDATA%\\Lectern\\data ($win_lib)"; else fail "no library at $win_lib"; fi

for cmd in list "show 1" "show 2" "search 党建" "search --json 乡村 振兴"; do
  # shellcheck disable=SC2086
  run linux "$cmd" "${lib[@]}" $cmd
  # shellcheck disable=SC2086
  run windows "$cmd" $cmd
  o=$work/out/$cmd
  if [ -s "$o.linux.out" ] && cmp -s "$o.linux.out" "$o.windows.out" && cmp -s "$o.linux.rc" "$o.windows.rc"; then
    pass "$cmd"
  else
    diff "$o.linux.out" "$o.windows.out" >"$o.diff"
    fail "$cmd differs" "$o.diff" "$o.windows.err"
  fi
done

run windows backup backup
backup=$(tr -d '\r' <"$work/out/backup.windows.out")
backup_unix=$("$wine" winepath -u "$backup" 2>/dev/null | tr -d '\r')
if [[ "$backup" == *'\AppData\Roaming\Lectern\data\backups\'* ]] && [ -s "$backup_unix" ]; then
  pass "backup beside the library: $backup"
else
  fail "backup: '$backup'" "$work/out/backup.windows.err"
fi

# --- Export with the fonts in C:\windows\Fonts ---------------------------------
# The Linux side reads the same folder, so that both have the same faces to choose from.
win_fonts=$prefix/drive_c/windows/Fonts
export_pdf() { # SIDE NAME ARGS...
  local side=$1 name=$2; shift 2
  if [ "$side" = linux ]; then
    LECTERN_FONT_DIRS=$win_fonts LECTERN_CACHE_DIR=$work/linux/cache run linux "$name" "$@"
  else
    run windows "$name" "$@"
  fi
}
for kind in speaker handout outline; do
  name="export $kind"
  args=(export ../data/library/party-building.txt -o "$kind.pdf" --kind "$kind" --json)
  export_pdf linux "$name" "${args[@]}"
  export_pdf windows "$name" "${args[@]}"
  o=$work/out/$name
  lp=$work/linux/$kind.pdf wp=$work/windows/$kind.pdf
  if [ "$(cat "$o.linux.rc")" != 0 ] || [ "$(cat "$o.windows.rc")" != 0 ] || [ ! -s "$wp" ]; then
    fail "$name: export failed" "$o.linux.err" "$o.windows.err"
    continue
  fi
  # The report: the same faces for every role (their folders differ), the same pages.
  norm='import json,sys,os
r=json.load(open(sys.argv[1])); r.pop("bytes",None)
for f in r.get("fonts",[]): f["file"]=os.path.basename(f["file"].replace("\\","/"))
print(json.dumps(r,ensure_ascii=False,indent=1,sort_keys=True))'
  if ! diff <(python3 -c "$norm" "$o.linux.out") <(python3 -c "$norm" "$o.windows.out") >"$o.diff"; then
    fail "$name: the reports differ" "$o.diff"; continue
  fi
  # The PDFs: same page count, text, embedded fonts, and the same pixels.
  pages=$(pdfinfo "$lp" | awk '/^Pages:/{print $2}')
  if [ "$pages" != "$(pdfinfo "$wp" | awk '/^Pages:/{print $2}')" ]; then
    fail "$name: page counts differ"; continue
  fi
  if ! cmp -s <(pdftotext -layout "$lp" -) <(pdftotext -layout "$wp" -) || [ -z "$(pdftotext "$lp" - | tr -d '[:space:]')" ]; then
    fail "$name: the texts differ (or are empty)"; continue
  fi
  if ! cmp -s <(pdffonts "$lp" | awk 'NR>2{print $1,$2,$3}') <(pdffonts "$wp" | awk 'NR>2{print $1,$2,$3}'); then
    fail "$name: the embedded fonts differ"; continue
  fi
  rm -f "$work/out/$kind".*.ppm
  pdftoppm -r 50 "$lp" "$work/out/$kind.linux" && pdftoppm -r 50 "$wp" "$work/out/$kind.windows"
  same_pixels=1
  for p in "$work/out/$kind".linux*.ppm; do
    cmp -s "$p" "${p/.linux/.windows}" || same_pixels=0
  done
  if [ "$same_pixels" = 1 ]; then
    pass "$name: $pages page(s), the same text, fonts and pixels as on Linux"
  else
    fail "$name: the pages look different"
  fi
done

echo
echo "The Windows CLI under Wine against the Linux CLI:"
echo "wine: $passed passed, $failed failed"
[ "$failed" = 0 ]
