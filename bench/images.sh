#!/usr/bin/env bash
# Image benchmark: what photos cost a build, first and when cached.
#
#   bench/images.sh [PAGES] [PHOTOS] [WIDTH HEIGHT]
#                   (defaults: 100 pages, 200 photos of 4000 x 3000 pixels)
#
# Makes two twin sites with examples/image_site.rs (the same pages, one
# with the photos in the pages' bundles, one without) in
# bench/.cache/images-PAGES-PHOTOS-WIDTHxHEIGHT/, then times with GNU time:
#   1. the first build of the site with photos, its image cache empty;
#   2. a second build of it, every image cached (the output folder emptied);
#   3. a build of the twin without photos.
# Each prints wall seconds and peak memory. The second build should take no
# more than 10% longer than the twin without photos. Then
#   4. bench/image_edit.py: one photo edited while `hearth serve` runs, to
#      its new size served (target: 1 s), on a copy of the site.
# The machine's load (uptime) is printed before and after: on a shared
# machine, say so beside the figures. See docs/performance.md.
#
# Environment: HEARTH_BIN=path uses this binary instead of a release build;
# OUT=folder builds there (default: beside the sites, on their file system);
# RUNS=n times the cached and the no-photo builds n times (default 3) and
# prints the median; EDITS=n photo edits in the preview (default 5).
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
RUNS="${RUNS:-3}"
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

# Prints "SECONDS PEAK_MIB" of one build of site $1 into an empty folder.
timed_build() {
    rm -rf "$OUT"
    local times
    times="$("$TIME" -f '%e %M' "$HEARTH" build --root "$1" --output "$OUT" 2>&1 >/dev/null | tail -1)" \
        || die "the build of $1 failed"
    awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' <<<"$times"
}

# Prints the median "SECONDS PEAK_MIB" of RUNS builds of site $1.
median_build() {
    local runs=()
    for _ in $(seq "$RUNS"); do runs+=("$(timed_build "$1")"); done
    printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

# Command substitutions, not `< <(...)`: a failed build must stop the script.
load_before="$(uptime)"
rm -rf "$SITES/with/.hearth-cache"
first="$(timed_build "$SITES/with")"
cached="$(median_build "$SITES/with")"
plain="$(median_build "$SITES/without")"
read -r first_s first_m <<<"$first"
read -r cached_s cached_m <<<"$cached"
read -r plain_s plain_m <<<"$plain"
megabytes="$(du -sm "$SITES/with/content" | cut -f1)"
edited="$(HEARTH_BIN="$HEARTH" python3 "$BENCH_DIR/image_edit.py" "$SITES/with" "$EDITS" | tail -1)" \
    || die "bench/image_edit.py failed"
rm -rf "$OUT"

printf '%s\n' \
    "load before: $load_before" \
    "load after:  $(uptime)" \
    "sites: $PAGES pages, $PHOTOS photos of ${WIDTH}x$HEIGHT ($megabytes MB of content)" \
    "build                          seconds  peak MiB" \
    "$(printf 'first, cache empty          %10s %9s' "$first_s" "$first_m")" \
    "$(printf 'second, every image cached  %10s %9s' "$cached_s" "$cached_m")" \
    "$(printf 'the same pages, no images   %10s %9s' "$plain_s" "$plain_m")" \
    "$(awk -v a="$cached_s" -v b="$plain_s" 'BEGIN { if (b > 0) printf "cached / no images: %.2f\n", a / b }')" \
    "$edited"
