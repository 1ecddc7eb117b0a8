#!/usr/bin/env bash
# Reports the length of every function in src/ (test code left out): the
# median, the 90th percentile and the longest, and fails when the median
# is over 12 lines, the 90th percentile over 30, or any function over 80.
# A function runs from its `fn` line to the closing brace at the same
# indent (the code is formatted by rustfmt), both counted.
set -euo pipefail
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

status=0
((median <= 12)) || { echo "error: the median is over 12 lines" >&2; status=1; }
((p90 <= 30)) || { echo "error: the 90th percentile is over 30 lines" >&2; status=1; }
((longest <= 80)) || { echo "error: functions over 80 lines:" >&2; awk '$1 > 80' <<<"$lengths" >&2; status=1; }
exit "$status"
