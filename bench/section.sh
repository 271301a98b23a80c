#!/usr/bin/env bash
# replace_section NAME FILE: puts FILE's text between docs/BENCHMARKS.md's
# `<!-- NAME:begin -->` and `<!-- NAME:end -->` markers (appending both when missing).
# Sourced by bench/run.sh and bench/http.sh.
replace_section() {
  local name="$1" section="$2" doc=docs/BENCHMARKS.md
  if ! grep -q "<!-- $name:begin -->" "$doc" 2>/dev/null; then
    printf '\n<!-- %s:begin -->\n<!-- %s:end -->\n' "$name" "$name" >>"$doc"
  fi
  awk -v section="$section" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
    index($0, begin) { print; while ((getline line < section) > 0) print line; skip = 1; next }
    index($0, end) { skip = 0 }
    !skip
  ' "$doc" >"$doc.tmp"
  mv "$doc.tmp" "$doc"
  echo "== wrote $doc"
}
