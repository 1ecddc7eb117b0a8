#!/usr/bin/env bash
# Prints the import graph of src/ by top-level module, one line per edge
# ("from -> to"), and fails when the modules import each other in a circle
# or when a module imports one that comes after it in the pipeline order
# below (docs/architecture.md explains the order).
#
# An import is any `crate::<module>` path outside a comment, in the
# module's file or folder, tests included.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../src"

# The ground first, then the stages in pipeline order, then the commands.
order=(
  cli timing error files yaml html output
  config i18n content markdown images render search audit pipeline build offline
  check init import translate serve
)

rank() {
  local i
  for i in "${!order[@]}"; do
    [[ "${order[$i]}" == "$1" ]] && { echo "$i"; return; }
  done
  echo -1
}

edges=$(
  for entry in *; do
    module=${entry%.rs}
    case "$module" in lib | main) continue ;; esac
    [[ -d "$entry" || "$entry" == *.rs ]] || continue
    grep -rhoE --include='*.rs' '^[^/]*crate::[a-z0-9_]+' "$entry" 2>/dev/null |
      grep -oE 'crate::[a-z0-9_]+' | sed 's/^crate:://' |
      while read -r target; do
        [[ "$target" != "$module" ]] && echo "$module $target"
      done
  done | sort -u
)

status=0
while read -r from to; do
  [[ -z "$from" ]] && continue
  echo "$from -> $to"
  from_rank=$(rank "$from")
  to_rank=$(rank "$to")
  if ((from_rank < 0)); then
    echo "error: module \`$from\` has no place in the order in $0" >&2
    status=1
  elif ((to_rank < 0)); then
    echo "error: module \`$to\` has no place in the order in $0" >&2
    status=1
  elif ((to_rank > from_rank)); then
    echo "error: \`$from\` imports \`$to\`, a later stage" >&2
    status=1
  fi
done <<<"$edges"

if ! loops=$(tsort <<<"$edges" 2>&1 >/dev/null); then
  echo "error: the modules import each other in a circle:" >&2
  echo "$loops" >&2
  status=1
fi
exit "$status"
