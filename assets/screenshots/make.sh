#!/usr/bin/env bash
# Remakes the README's screenshots with `ficshelf --screenshot` under Xvfb, each from a
# fresh config and data folder (so the sample collection, default settings).
#   assets/screenshots/make.sh [path/to/ficshelf]     (default: target/release/ficshelf)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/release/ficshelf}
out=assets/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shot NAME WIDTHxHEIGHT SETTINGS-RON [FILE]
shot() {
  local name=$1 size=$2 settings=$3 file=${4:-}
  rm -rf "$work/config" "$work/data"
  mkdir -p "$work/config"
  [ -n "$settings" ] && printf '%s\n' "$settings" > "$work/config/settings.ron"
  timeout 120 xvfb-run -a -s "-screen 0 ${size}x24" \
    "$bin" --config-dir "$work/config" --data-dir "$work/data" \
    --screenshot "$out/$name.png" ${file:+"$file"}
  command -v optipng >/dev/null && optipng -quiet -o2 "$out/$name.png"
  echo "$out/$name.png"
}

story=library/the-false-light.txt
shot library 1280x800 "(theme: Light)"
shot library-small 800x600 "(theme: Light)"
shot reader 1280x800 "(theme: Light)" "$story"
shot reader-small 800x600 "(theme: Light)" "$story"
for theme in Light Sepia Dark Black; do
  lower=$(echo "$theme" | tr '[:upper:]' '[:lower:]')
  shot "theme-$lower" 1280x800 "(theme: $theme)" "$story"
done
shot library-filtered 1280x800 \
  "(theme: Light, filters: (max_rating: mature, excluded: [character_death]))"
