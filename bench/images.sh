#!/usr/bin/env bash
# Image benchmark: what photos cost a build, first and when cached.
#
#   bench/images.sh [PAGES] [PHOTOS] [WIDTH HEIGHT]
#                   (defaults: 100 pages, 200 photos of 4000 x 3000 pixels)
#
# Makes two twin sites with examples/image_site.rs (the same pages, one
# with the photos in the pages' bundles, one without) in
# bench/.cache/images-PAGES-PHOTOS-WIDTHxHEIGHT/, then
#   1. times with GNU time the first build of the site with photos, its
#      image cache empty (wall seconds and peak memory), and the peak
#      memory of a second build;
#   2. times with bench/turns.py, in turns, later builds of both sites,
#      each into its own folder: a second build as an author makes one
#      (the last output still there), and one into an emptied folder.
#      Medians in milliseconds, and each build with photos over its twin
#      without: the second build should take no more than 10% longer;
#   3. bench/image_edit.py: one photo edited while `hearth serve` runs, to
#      its new size served (target: 1 s), on a copy of the site.
# The machine's load (uptime) is printed before and after: on a shared
# machine, say so beside the figures. See docs/performance.md.
#
# Environment: HEARTH_BIN=path uses this binary instead of a release build;
# OUT=folder builds there (default: beside the sites, on their file system);
# RUNS=n rounds of the later builds (default 21); EDITS=n photo edits in
# the preview (default 5).
set -euo pipefail
shopt -s inherit_errexit

SCRIPT=images.sh
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

case "${1:-}" in
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

PAGES="${1:-100}"
PHOTOS="${2:-200}"
WIDTH="${3:-4000}"
HEIGHT="${4:-3000}"
RUNS="${RUNS:-21}"
EDITS="${EDITS:-5}"
for n in "$PAGES" "$PHOTOS" "$WIDTH" "$HEIGHT" "$RUNS" "$EDITS"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "expected positive integers, got '$n'"
done

need_gnu_time
HEARTH="$(hearth_binary)"
SITES="$BENCH_DIR/.cache/images-$PAGES-$PHOTOS-${WIDTH}x$HEIGHT"
if [[ ! -f "$SITES/stamp" ]]; then
    note "making the sites in $SITES"
    rm -rf "$SITES"
    (cd "$ROOT" && cargo run --release --quiet --example image_site -- \
        "$SITES" "$PAGES" "$PHOTOS" "$WIDTH" "$HEIGHT") || die "image_site failed"
    touch "$SITES/stamp"
fi
# Beside the sites, as a site's public/ is beside its .hearth-cache/: on
# the same file system, the cached sizes are hard-linked, not copied
# (set OUT to a folder on another file system to time the copies).
OUT="${OUT:-$SITES/public}"
PLAIN_OUT="$OUT-without"

# Prints "SECONDS PEAK_MIB" of one build of site $1 into an empty folder.
timed_build() {
    rm -rf "$OUT"
    local times
    times="$("$TIME" -f '%e %M' "$HEARTH" build --root "$1" --output "$OUT" 2>&1 >/dev/null | tail -1)" \
        || die "the build of $1 failed"
    awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' <<<"$times"
}

# Prints the peak MiB of a build of site $1 over the output of the last.
peak_of_second() {
    "$TIME" -f '%M' "$HEARTH" build --root "$1" --output "$OUT" 2>&1 >/dev/null | tail -1 \
        | awk '{ printf "%.0f\n", $1 / 1024 }'
}

# Prints "NAME MEDIAN LOWEST HIGHEST" (milliseconds) of each later build.
later_builds() {
    local with without
    with="$(printf '%q ' "$HEARTH" build --root "$SITES/with" --output "$OUT")"
    without="$(printf '%q ' "$HEARTH" build --root "$SITES/without" --output "$PLAIN_OUT")"
    python3 "$BENCH_DIR/turns.py" "$RUNS" \
        second "" "$with" \
        second-plain "" "$without" \
        emptied "rm -rf $(printf '%q' "$OUT")" "$with" \
        emptied-plain "rm -rf $(printf '%q' "$PLAIN_OUT")" "$without"
}

# Command substitutions, not `< <(...)`: a failed build must stop the script.
load_before="$(uptime)"
rm -rf "$SITES/with/.hearth-cache"
first="$(timed_build "$SITES/with")"
second_m="$(peak_of_second "$SITES/with")"
later="$(later_builds)" || die "bench/turns.py failed"
read -r first_s first_m <<<"$first"
megabytes="$(du -sm "$SITES/with/content" | cut -f1)"
edited="$(HEARTH_BIN="$HEARTH" python3 "$BENCH_DIR/image_edit.py" "$SITES/with" "$EDITS" | tail -1)" \
    || die "bench/image_edit.py failed"
rm -rf "$OUT" "$PLAIN_OUT"

# The median of case $1 in $later.
median_of() { awk -v name="$1" '$1 == name { print $2 }' <<<"$later"; }

printf '%s\n' \
    "load before: $load_before" \
    "load after:  $(uptime)" \
    "sites: $PAGES pages, $PHOTOS photos of ${WIDTH}x$HEIGHT ($megabytes MB of content)" \
    "first build, cache empty: $first_s s, peak $first_m MiB; a second build's peak: $second_m MiB" \
    "later builds, $RUNS rounds in turns (median, lowest, highest ms):" \
    "$later" \
    "$(awk -v a="$(median_of second)" -v b="$(median_of second-plain)" \
        'BEGIN { printf "second build over its twin without photos: %.2f (target: at most 1.10)\n", a / b }')" \
    "$(awk -v a="$(median_of emptied)" -v b="$(median_of emptied-plain)" \
        'BEGIN { printf "into an emptied folder, over its twin: %.2f\n", a / b }')" \
    "$edited"
