#!/usr/bin/env bash
# Makes the app's icons from the one drawn source, src-tauri/icons/icon.png
# (256 × 256), with ImageMagick 6 (Debian's `imagemagick`):
#   - PNGs in the hicolor sizes the .deb installs (16 … 128; the source is the 256);
#   - icon.ico for Windows (the executable's resource and the installer), with
#     the 16, 24, 32, 48, 64 and 256 layers Windows picks from.
# Their output is committed; run this again only when icon.png changes:
#   bash packaging/icons/make-icons.sh
set -euo pipefail
cd "$(dirname "$0")/../../src-tauri/icons"
command -v convert >/dev/null && convert -version | grep -q ImageMagick || {
  echo "需要 ImageMagick：apt-get install imagemagick / ImageMagick is needed" >&2; exit 1; }
# RGBA PNGs (as the source), and no time stamps in the files, so that running
# this again changes nothing.
strip=(-strip -define png:exclude-chunks=date,time)
for s in 16 24 32 48 64 128; do
  convert icon.png -filter Lanczos -resize "${s}x${s}" "${strip[@]}" "PNG32:${s}x${s}.png"
done
convert icon.png -strip -define icon:auto-resize=256,64,48,32,24,16 icon.ico
