#!/usr/bin/env bash
# Renders the PNG icons from the SVGs (needs rsvg-convert from librsvg2-bin; optipng if
# present). 16 px comes from ficshelf-16.svg, drawn on the pixel grid; the rest from
# ficshelf.svg. The PNGs are committed, so only run this after changing an SVG.
set -euo pipefail
cd "$(dirname "$0")"
for n in 16 24 32 48 64 128 256 512; do
  svg=ficshelf.svg
  [ "$n" = 16 ] && svg=ficshelf-16.svg
  mkdir -p "hicolor/${n}x${n}/apps"
  rsvg-convert -w "$n" -h "$n" "$svg" -o "hicolor/${n}x${n}/apps/ficshelf.png"
done
if command -v optipng >/dev/null; then
  optipng -quiet -o7 -strip all hicolor/*/apps/ficshelf.png
fi
