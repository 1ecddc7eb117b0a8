#!/usr/bin/env bash
# What search indexing adds to `hearth build`: the benchmark site built with
# `search: false` and with `search: true`, in alternation, each into an empty
# folder.
#
#   bench/search.sh [PAGES] [PAIRS]     (defaults: 10000 pages, 6 pairs)
#
# Environment (all optional):
#   HEARTH_BIN=path   use this hearth binary instead of running cargo build --release
#   SEED=n            generator seed (default 1)
#   TMPDIR=dir        where the output goes (default /tmp); /dev/shm keeps a
#                     slow or busy disk out of the figures
#   INSTRUCTIONS=1    also count the instructions of one build of each under
#                     valgrind (slow: under a minute per 1000 pages), a figure
#                     that a busy machine hardly changes
#   VOCABULARY=n      add to each page a paragraph drawn from n made-up words
#                     (gen_site.py --vocabulary), closer to real writing than
#                     the generator's small vocabulary; for example 50000
#   PAGEFIND=cmd      also time Pagefind's own indexer on the search-off
#                     output, once, as an outside reference: the command that
#                     runs it, such as "python3 -m pagefind" after
#                     pip install 'pagefind[bin]', or a pagefind binary
#
# One warm-up pair runs first. Builds alternate (off, on, off, on, ...) so that
# a busy machine slows both alike. Prints the median wall time of each, the
# processor time (user + system), and what search adds, also pair by pair
# (each search-on build against the search-off one just before it, with the
# lowest and highest share, to show how far a busy machine moved it). The
# site is made by bench/run.sh's generator and cached in bench/.cache/. See
# docs/performance.md.
set -euo pipefail

SCRIPT=search.sh
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

case "${1:-}" in
    -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

PAGES="${1:-10000}"
PAIRS="${2:-6}"
SEED="${SEED:-1}"
[[ "$PAGES" =~ ^[1-9][0-9]*$ ]] || die "PAGES must be a positive integer, got '$PAGES'"
[[ "$PAIRS" =~ ^[1-9][0-9]*$ ]] || die "PAIRS must be a positive integer, got '$PAIRS'"

need_gnu_time
command -v python3 >/dev/null || die "python3 is needed (for the generator and the summary)"

HEARTH="$(hearth_binary)"

VOCABULARY="${VOCABULARY:-0}"
[[ "$VOCABULARY" =~ ^[0-9]+$ ]] || die "VOCABULARY must be a number of words, got '$VOCABULARY'"
if (( VOCABULARY == 0 )); then
    # The site bench/run.sh measures (its Hugo side is made too).
    SITE="$BENCH_DIR/.cache/site-$PAGES-seed$SEED"
    cached_site "$SITE" --pages "$PAGES" --seed "$SEED" --out "$SITE/hearth" --hugo "$SITE/hugo"
else
    SITE="$BENCH_DIR/.cache/site-$PAGES-seed$SEED-vocabulary$VOCABULARY"
    cached_site "$SITE" --pages "$PAGES" --seed "$SEED" --vocabulary "$VOCABULARY" \
        --out "$SITE/hearth"
fi
SITE="$SITE/hearth"
[[ -f "$SITE/site.yaml" ]] || die "no benchmark site at $SITE"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hearth-search-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# Two copies of the site, differing only in the search setting.
for mode in off on; do
    mkdir -p "$WORK/$mode"
    ln -s "$SITE/content" "$WORK/$mode/content"
    value=false
    [[ $mode == on ]] && value=true
    sed "s/^search: .*/search: $value/" "$SITE/site.yaml" > "$WORK/$mode/site.yaml"
    grep -q "^search: $value$" "$WORK/$mode/site.yaml" \
        || die "$SITE/site.yaml has no 'search:' line to set"
done
RAW="$WORK/raw.tsv"
: > "$RAW"

run() {
    local mode="$1" measured="$2" out="$WORK/out-$1"
    rm -rf "$out"
    forget_highlighting "$WORK/$mode"
    "$TIME" -f '%e %U %S' -o "$WORK/time" \
        "$HEARTH" build --root "$WORK/$mode" --output "$out" >"$WORK/log" 2>&1 \
        || { tail -n 40 "$WORK/log" >&2; die "the build with search $mode failed"; }
    if [[ $mode == on ]]; then
        [[ -f "$out/pagefind/pagefind-entry.json" ]] || die "search on, but no index was written"
    else
        [[ ! -e "$out/pagefind" ]] || die "search off, but an index was written"
    fi
    local wall user sys
    read -r wall user sys < <(tail -n 1 "$WORK/time")
    if [[ $measured == 1 ]]; then
        printf '%s\t%s\t%s\t%s\n' "$mode" "$wall" "$user" "$sys" >> "$RAW"
    fi
    printf '  search %-3s %6.2f s  (%.2f s processor)%s\n' "$mode" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" \
        "$([[ $measured == 1 ]] || echo ', warm-up')" >&2
}

note "$PAGES pages, $PAIRS measured pair(s) after one warm-up pair, output in $WORK"
for ((i = 0; i <= PAIRS; i++)); do
    measured=1
    (( i == 0 )) && measured=0
    run off $measured
    run on $measured
done

# Pagefind's own indexer on the last search-off output, for comparison:
# what a site builder without built-in search adds by running it after.
if [[ -n "${PAGEFIND:-}" ]]; then
    read -r -a pagefind <<< "$PAGEFIND"
    version="$("${pagefind[@]}" --version 2>/dev/null)" \
        || die "PAGEFIND='$PAGEFIND' does not run (pip install 'pagefind[bin]', then PAGEFIND='python3 -m pagefind')"
    note "timing $version on the search-off output"
    rm -rf "$WORK/pagefind-out"
    "$TIME" -f '%e %U %S' -o "$WORK/time" "${pagefind[@]}" --site "$WORK/out-off" \
        --output-path "$WORK/pagefind-out" >"$WORK/log" 2>&1 \
        || { tail -n 40 "$WORK/log" >&2; die "$version failed"; }
    read -r wall user sys < <(tail -n 1 "$WORK/time")
    printf '%s\t%s\t%s\t%s\n' "$version" "$wall" "$user" "$sys" > "$WORK/pagefind.tsv"
fi

# Instructions, counted by valgrind: within a fraction of a percent for the
# same binary and site, however busy the machine is (only the share of work
# each thread steals varies).
if [[ "${INSTRUCTIONS:-0}" == 1 ]]; then
    command -v valgrind >/dev/null \
        || die "INSTRUCTIONS=1 needs valgrind (Debian: apt-get install -y valgrind)"
    for mode in off on; do
        note "counting the instructions of a build with search $mode"
        rm -rf "$WORK/out-$mode"
        forget_highlighting "$WORK/$mode"
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "$HEARTH" build --root "$WORK/$mode" --output "$WORK/out-$mode" \
            >/dev/null 2>"$WORK/valgrind" \
            || { tail -n 20 "$WORK/valgrind" >&2; die "the counted build with search $mode failed"; }
        count="$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$WORK/valgrind" | tail -n 1)"
        [[ -n "$count" ]] || die "valgrind printed no instruction count"
        printf '%s\t%s\n' "$mode" "$count" >> "$WORK/instructions.tsv"
    done
fi

python3 - "$RAW" "$PAGES" "$(nproc)" "$WORK/instructions.tsv" "$WORK/pagefind.tsv" <<'EOF'
import statistics, sys
raw, pages, cores = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = {"off": [], "on": []}
for line in open(raw):
    mode, wall, user, sys_ = line.split("\t")
    runs[mode].append((float(wall), float(user) + float(sys_)))
print()
print("%d pages, %d pair(s), %s cores" % (pages, len(runs["on"]), cores))
print("%-10s %9s %9s %9s %14s" % ("search", "median s", "min s", "max s", "processor s"))
median = {}
for mode in ("off", "on"):
    walls = [w for w, _ in runs[mode]]
    cpu = statistics.median(c for _, c in runs[mode])
    median[mode] = (statistics.median(walls), cpu)
    print("%-10s %9.2f %9.2f %9.2f %14.2f" % (mode, median[mode][0], min(walls), max(walls), cpu))
wall = 100 * (median["on"][0] / median["off"][0] - 1)
cpu = 100 * (median["on"][1] / median["off"][1] - 1)
print()
print("search adds %+.0f%% to the build time (median), %+.0f%% processor time" % (wall, cpu))
# Each search-on build against the search-off build just before it: the two
# ran under much the same load, so on a busy machine the spread of these
# shows how far to trust the figure above.
shares = sorted(100 * (on[0] / off[0] - 1) for off, on in zip(runs["off"], runs["on"]))
print("pair by pair: median %+.0f%%, from %+.0f%% to %+.0f%%"
      % (statistics.median(shares), shares[0], shares[-1]))
try:
    counts = dict(line.split("\t") for line in open(sys.argv[4]).read().split("\n") if line)
except FileNotFoundError:
    counts = {}
if counts:
    off, on = int(counts["off"]), int(counts["on"])
    print("instructions: search off %.2f G, on %.2f G: search adds %+.0f%%"
          % (off / 1e9, on / 1e9, 100 * (on / off - 1)))
try:
    version, wall_s, user_s, sys_s = open(sys.argv[5]).read().strip().split("\t")
except FileNotFoundError:
    version = None
if version:
    pagefind = float(wall_s)
    print("%s on the search-off output: %.2f s (%.2f s processor): run after"
          " the build, it adds %+.0f%%"
          % (version, pagefind, float(user_s) + float(sys_s),
             100 * pagefind / median["off"][0]))
EOF
