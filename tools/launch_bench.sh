#!/usr/bin/env bash
# Launch benchmark: how soon the real window shows a big story, and its peak memory, for
# Ficshelf and (when installed) gedit, side by side in the same run, under a private Xvfb.
#
#   tools/launch_bench.sh [RUNS]          # median of RUNS (default 3) per app and size
#
# Environment (all optional):
#   BIN=target/release/ficshelf   the binary to measure (build it first: cargo build --release)
#   SIZES="5 50"                  story sizes in MB (made by ../shared/tools/gen_library.py;
#                                 "0.02 5 50" adds a 20 KB story: what showing any story costs)
#   GEN=../shared/tools/gen_library.py
#   SCREEN=1280x800
#
# Launch to text: from the start of the process to its window being mapped (xdotool, polled
# every 10 ms). Ficshelf maps its window after drawing its first frame, and opens a story
# named on the command line before that frame, so for it this is launch to story text on
# screen (its --screenshot PNG, kept in the output folder, shows that frame's settled self).
# gedit loads files after mapping its window, so for it this is a lower bound.
# Peak RSS: /usr/bin/time's maximum resident set size over the whole run: for Ficshelf up to
# its --screenshot, taken once the whole story is read; gedit is closed after WAIT_GEDIT
# seconds. "bare" is the same app with no file: a story's cost is the difference.
# Each app runs once first (not counted) in its own profile, so the measured launches are a
# reader's second and later ones (samples copied, collection indexed).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
bin=$(realpath "${BIN:-target/release/ficshelf}")
gen=${GEN:-../shared/tools/gen_library.py}
sizes=${SIZES:-5 50}
screen=${SCREEN:-1280x800}
[ -x "$bin" ] || { echo "no $bin: cargo build --release first" >&2; exit 2; }
for tool in Xvfb xdotool /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
gedit=$(command -v gedit || true)

work=$(mktemp -d)
x_pid=""
cleanup() { [ -n "$x_pid" ] && kill "$x_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for n in $(seq 150 199); do [ -e /tmp/.X$n-lock ] || { disp=:$n; break; }; done
Xvfb "$disp" -screen 0 "${screen}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 &
x_pid=$!
export DISPLAY=$disp
unset WAYLAND_DISPLAY
for _ in $(seq 50); do xdpyinfo -display "$disp" >/dev/null 2>&1 && break; sleep 0.1; done

for mb in $sizes; do
  python3 "$gen" --count 0 --huge-mb "$mb" --out "$work/story-$mb" >/dev/null
done

# run NAME CLASS SECONDS_AFTER_VISIBLE COMMAND...: prints "visible_ms peak_kb"
run() {
  local name=$1 class=$2 linger=$3
  shift 3
  export HOME=$work/home-$name XDG_CONFIG_HOME=$work/home-$name/.config \
    XDG_DATA_HOME=$work/home-$name/.local/share XDG_CACHE_HOME=$work/home-$name/.cache \
    XDG_RUNTIME_DIR=$work/run-$name
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  local start visible="" pid
  start=$(date +%s%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 3000); do
    if xdotool search --onlyvisible --class "$class" >/dev/null 2>&1; then
      visible=$((($(date +%s%N) - start) / 1000000))
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if [ "$linger" = exit ]; then
    for _ in $(seq 1200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  else
    sleep "$linger"
  fi
  pkill -TERM -P "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local kb
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  echo "${visible:-0} ${kb:-0}"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # LABEL NAME CLASS LINGER COMMAND...: runs once to warm up, then RUNS times
  local label=$1
  shift
  run "$@" >/dev/null
  local results=()
  for _ in $(seq "$runs"); do results+=("$(run "$@")"); done
  local ms kb
  ms=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)
  kb=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)
  printf '%-22s %8s ms %8s MB\n' "$label" "$ms" "$((kb / 1024))"
}

echo "median of $runs runs, screen $screen, $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-22s %11s %11s\n' "" "to text" "peak RSS"
out=$(realpath target)/launch-bench
mkdir -p "$out"
measure "ficshelf bare" ficshelf ficshelf exit "$bin" --new-window --screenshot "$out/bare.png"
[ -n "$gedit" ] && measure "gedit bare" gedit gedit 2 "$gedit" --new-window
for mb in $sizes; do
  story=$(ls "$work/story-$mb"/*.txt)
  measure "ficshelf $mb MB" ficshelf ficshelf exit \
    "$bin" --new-window --screenshot "$out/story-$mb.png" "$story"
  # gedit gets a second more per 8 MB to load (whole MB: sizes may be fractions, `0.02`).
  [ -n "$gedit" ] && measure "gedit $mb MB" gedit gedit $((2 + ${mb%.*} / 8)) "$gedit" --new-window "$story"
done
echo "screenshots in $out"
