#!/usr/bin/env bash
# The "heavy" scenario: what site-wide data on every page costs a build.
#
#   bench/heavy.sh [PAGES] [RUNS]        (defaults: 10000 pages, 5 runs)
#
# Makes the generated benchmark site (gen_site.py) twice, in
# bench/.cache/heavy-PAGES/: both with a page template of their own that
# shows breadcrumbs and previous and next links; the "heavy" one adds to
# every page a sidebar with the site's ten newest pages (newest_pages) and
# a cloud of every topic with its page count (get_taxonomy). Builds each in
# turn with GNU time and prints the median wall time of each and how much
# more the heavy build takes. Target: at most 15% more. See
# docs/performance.md.
#
# Environment: HEARTH_BIN=path uses this binary instead of a release build;
# TMPDIR=dir is where the output goes (default /tmp).
set -euo pipefail

SCRIPT=heavy.sh
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

case "${1:-}" in
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

PAGES="${1:-10000}"
RUNS="${2:-5}"
for n in "$PAGES" "$RUNS"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "expected positive integers, got '$n'"
done

need_gnu_time
HEARTH="$(hearth_binary)"
SITES="$BENCH_DIR/.cache/heavy-$PAGES"
cached_site "$SITES/generated" --pages "$PAGES" --out "$SITES/generated/site"

# The page template, with the sidebar ($1 = 1) or without.
page_template() {
    cat <<'HTML'
<!doctype html>
<html lang="{{ site.language }}">
<head><meta charset="utf-8"><title>{{ page.title }} | {{ site.title }}</title></head>
<body>
<nav aria-label="Breadcrumbs"><ol>{% for link in ancestors %}<li><a href="{{ link.url }}">{{ link.title }}</a></li>{% endfor %}<li>{{ page.title }}</li></ol></nav>
<main><h1>{{ page.title }}</h1>{{ page.content | safe }}</main>
<nav aria-label="Previous and next">{% if previous %}<a rel="prev" href="{{ previous.url }}">{{ previous.title }}</a>{% endif %} {% if next %}<a rel="next" href="{{ next.url }}">{{ next.title }}</a>{% endif %}</nav>
HTML
    if [[ "$1" == 1 ]]; then
        cat <<'HTML'
<aside>
<h2>Newest pages</h2>
<ul>{% for item in newest_pages(limit=10) %}<li><a href="{{ item.url }}">{{ item.title }}</a> <time datetime="{{ item.date }}">{{ item.date_display }}</time></li>{% endfor %}</ul>
<h2>Topics</h2>
{% set topics = get_taxonomy(name="topics") %}
<ul>{% for term in topics.terms %}<li><a href="{{ term.url }}">{{ term.name }} ({{ term.page_count }})</a></li>{% endfor %}</ul>
</aside>
HTML
    fi
    echo '</body></html>'
}

for variant in plain heavy; do
    dir="$SITES/$variant"
    if [[ ! -f "$dir/stamp" || "$(cat "$dir/stamp")" != "$(cat "$SITES/generated/stamp")" ]]; then
        rm -rf "$dir"
        cp -r "$SITES/generated/site" "$dir"
        mkdir -p "$dir/templates"
        page_template "$([[ $variant == heavy ]] && echo 1 || echo 0)" > "$dir/templates/page.html"
        cp "$SITES/generated/stamp" "$dir/stamp"
    fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hearth-heavy.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# build VARIANT: one build into an empty folder; prints its wall seconds.
build() {
    rm -rf "$WORK/out"
    forget_highlighting "$SITES/$1"
    "$TIME" -f '%e' -o "$WORK/time" "$HEARTH" build --root "$SITES/$1" --output "$WORK/out" \
        >"$WORK/log" 2>&1 || { tail -n 40 "$WORK/log" >&2; die "the $1 build failed"; }
    tail -n 1 "$WORK/time"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

note "$PAGES pages, $RUNS runs of each build in turn (one warm-up each), output in $WORK"
# The warm-up builds also check that the sidebar is where it should be.
for variant in plain heavy; do
    build $variant >/dev/null
    shown="$({ grep -rl --include=index.html 'Newest pages' "$WORK/out" || true; } | wc -l)"
    if [[ $variant == plain && $shown != 0 ]] || [[ $variant == heavy && $shown -lt $PAGES ]]; then
        die "the $variant build shows the sidebar on $shown pages"
    fi
done
: > "$WORK/plain"; : > "$WORK/heavy"
for ((i = 0; i < RUNS; i++)); do
    for variant in plain heavy; do
        secs="$(build $variant)"
        echo "$secs" >> "$WORK/$variant"
        printf '  %-6s %7.2f s\n' "$variant" "$secs" >&2
    done
done
plain="$(median < "$WORK/plain")"
heavy="$(median < "$WORK/heavy")"
awk -v p="$plain" -v h="$heavy" 'BEGIN {
    printf "without the sidebar: %.2f s (median)\nwith the sidebar:    %.2f s (median)\ncost of the sidebar: %+.1f%%\n", p, h, (h / p - 1) * 100
}'
