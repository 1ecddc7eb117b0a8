#!/usr/bin/env bash
# Reports the length of every function in src/ (test code left out): the
# median, the 90th percentile and the longest, and fails when the median
# is over 12 lines, the 90th percentile over 30, or any function over 80.
# A function runs from its `fn` line to the closing brace at the same
# indent (the code is formatted by rustfmt), both counted.
#
# Options change the limits: --median N, --p90 N, --longest N; and
# --except FILE:NAME (repeatable) leaves one function out of the longest
# limit, such as one being rewritten on another branch.
set -euo pipefail

max_median=12
max_p90=30
max_longest=80
excepted=()
while (($#)); do
  case "$1" in
    --median) max_median=$2; shift 2 ;;
    --p90) max_p90=$2; shift 2 ;;
    --longest) max_longest=$2; shift 2 ;;
    --except) excepted+=("$2"); shift 2 ;;
    *) echo "usage: $0 [--median N] [--p90 N] [--longest N] [--except FILE:NAME]..." >&2; exit 2 ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/../src"

lengths=$(
  find . -name '*.rs' ! -name 'tests.rs' ! -path '*/tests/*' | sort |
    while read -r file; do
      awk -v file="${file#./}" '
        /^#\[cfg\(test\)\]/ { exit }
        !inside && match($0, /^ *((pub(\([a-z]+\))? )?(const )?(async )?(unsafe )?(extern "C" )?)fn [A-Za-z_0-9]+/) {
          indent = $0; sub(/[^ ].*/, "", indent)
          name = $0; sub(/^ *[^f]*fn /, "", name); sub(/[^A-Za-z_0-9].*/, "", name)
          start = NR; open = indent; inside = 1
          if ($0 ~ /;$/ || $0 ~ /}$/) { inside = 0 }
          next
        }
        inside && $0 == open "}" {
          print NR - start + 1, file ":" start, name
          inside = 0
        }
      ' "$file"
    done | sort -n
)

count=$(wc -l <<<"$lengths")
median=$(sed -n "$(((count + 1) / 2))p" <<<"$lengths" | cut -d' ' -f1)
p90=$(sed -n "$(((count * 9 + 9) / 10))p" <<<"$lengths" | cut -d' ' -f1)
longest=$(tail -n 1 <<<"$lengths" | cut -d' ' -f1)
echo "$count functions: median $median lines, 90th percentile $p90, longest $longest"
echo "longest:"
tail -n 10 <<<"$lengths" | sort -rn | sed 's/^/  /'

# Functions over the limit, less those excepted (matched by file and name).
too_long=$(
  awk -v max="$max_longest" -v except="${excepted[*]:-}" '
    BEGIN { n = split(except, list, " "); for (i = 1; i <= n; i++) skip[list[i]] = 1 }
    $1 > max { file = $2; sub(/:[0-9]+$/, "", file); if (!((file ":" $3) in skip)) print }
  ' <<<"$lengths"
)

status=0
((median <= max_median)) || { echo "error: the median is over $max_median lines" >&2; status=1; }
((p90 <= max_p90)) || { echo "error: the 90th percentile is over $max_p90 lines" >&2; status=1; }
[[ -z $too_long ]] || { echo "error: functions over $max_longest lines:" >&2; echo "$too_long" >&2; status=1; }
exit "$status"
