# Set-up shared by the benchmark scripts: sourced, never run. The script
# that sources it sets SCRIPT (its name, for messages) and ROOT (the
# repository) first.

die() { echo "$SCRIPT: error: $*" >&2; exit 1; }
note() { echo "$SCRIPT: $*" >&2; }

# GNU time at /usr/bin/time (for wall, processor and peak memory), installed
# with apt-get when running as root on Debian.
TIME=/usr/bin/time
need_gnu_time() {
    if [[ ! -x "$TIME" ]]; then
        if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
            note "installing GNU time (apt-get install -y time)"
            apt-get install -y time >/dev/null 2>&1 \
                || { apt-get update >/dev/null && apt-get install -y time >/dev/null; } \
                || die "could not install the 'time' package"
        else
            die "/usr/bin/time is missing: install GNU time (Debian: apt-get install -y time)"
        fi
    fi
    "$TIME" -f '%e %U %S %M' true 2>/dev/null \
        || die "$TIME is not GNU time (needs -f '%e %U %S %M')"
}

# Prints the Hearth binary to measure: HEARTH_BIN, or a release build made
# now. $1 is extra help for when the build fails.
hearth_binary() {
    local hearth="${HEARTH_BIN:-}"
    if [[ -z "$hearth" ]]; then
        note "building Hearth: cargo build --release (in $ROOT)"
        (cd "$ROOT" && cargo build --release >&2) || die "cargo build --release failed${1:+ ($1)}"
        hearth="${CARGO_TARGET_DIR:-$ROOT/target}/release/hearth"
    fi
    [[ -x "$hearth" ]] || die "no Hearth binary at $hearth"
    echo "$hearth"
}

# Makes a benchmark site in DIR (its own folder, wiped first) by running
# gen_site.py with the arguments after DIR, unless DIR already holds one
# made by the current generator with the same arguments.
cached_site() {
    local dir="$1" stamp
    shift
    stamp="$(sha256sum "$BENCH_DIR/gen_site.py" | cut -d' ' -f1) $*"
    if [[ -f "$dir/stamp" && "$(cat "$dir/stamp")" == "$stamp" ]]; then
        note "reusing the cached site in $dir"
        return
    fi
    note "generating a site into $dir (gen_site.py $*)"
    rm -rf "$dir"
    mkdir -p "$dir"
    python3 "$BENCH_DIR/gen_site.py" "$@" || die "gen_site.py failed"
    # Written last: a stamp means the whole site is there.
    echo "$stamp" > "$dir/stamp"
}

# Removes the highlighted code Hearth keeps between builds in the site at
# $1 (.hearth-cache/highlight.bin), so that the next build is timed cold:
# like for like with tools that keep none, and with the figures recorded
# before Hearth kept it. WARM=1 keeps it, to time builds after the first.
forget_highlighting() {
    [[ "${WARM:-0}" == 1 ]] || rm -f "$1/.hearth-cache/highlight.bin"
}
