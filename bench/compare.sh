#!/usr/bin/env bash
# Before and after (bench/README.md): measures a base revision and the current tree one
# after the other, on the same machine with the same settings, and writes the two side
# by side into docs/BENCHMARKS.md, between its `compare` markers. Figures from two runs
# on different days cannot be compared on a shared machine; figures from one run can.
#
#   bench/compare.sh                  # base c5f8680 (main before issue 20), 100,000 people
#   PEOPLE=20000 BACKENDS=sqlite BENCH_SECONDS=5 bench/compare.sh <base-revision>
#
# The base revision is built from a temporary `git worktree` (in its own target
# directory, kept between runs so a second run builds incrementally); the current tree
# as it is, uncommitted changes included. A base from before issue 20 has the commands
# inside the product binary (`rapport bench seed|run`), a later one in `rapport-bench`;
# the flags and the output are the same. For each backend, each revision gets a fresh
# database, seeded and then measured, the base first.
#
# Settings (environment): PEOPLE (100000), BACKENDS ("sqlite postgres"), CLIENTS (32),
# BENCH_SECONDS (20), PAGES (2000), BULK (100000), RAPPORT_BENCH_POSTGRES_URL (an admin
# URL, default postgres://postgres@127.0.0.1:5432/postgres; the bench database
# `rapport_bench` is made beside it), TITLE (the section's heading, "Before and after
# issue 20"), COMPARE_TARGET_DIR (where the base is built).
set -euo pipefail
cd "$(dirname "$0")/.."

BASE="${1:-c5f8680}"
PEOPLE="${PEOPLE:-100000}"
BACKENDS="${BACKENDS:-sqlite postgres}"
CLIENTS="${CLIENTS:-32}"
BENCH_SECONDS="${BENCH_SECONDS:-20}"
PAGES="${PAGES:-2000}"
BULK="${BULK:-100000}"
TITLE="${TITLE:-Before and after issue 20}"
ADMIN_URL="${RAPPORT_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
BENCH_URL="${ADMIN_URL%/*}/rapport_bench"
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
BASE_TARGET="${COMPARE_TARGET_DIR:-$TARGET/compare-base}"
# Flags choose the database below; a URL in the environment must not override them.
unset RAPPORT_DATABASE_URL RAPPORT_DATA_DIR

base_rev="$(git rev-parse --verify --quiet "$BASE^{commit}")" || {
  echo "unknown base revision $BASE" >&2
  exit 2
}
base_short="$(git rev-parse --short "$base_rev")"
head_short="$(git rev-parse --short HEAD)"
dirty=""
git diff --quiet HEAD 2>/dev/null || dirty=" (with uncommitted changes)"
for backend in $BACKENDS; do
  [[ "$backend" == sqlite || "$backend" == postgres ]] || {
    echo "unknown backend $backend (sqlite or postgres)" >&2
    exit 2
  }
done

work="$(mktemp -d -p "${TMPDIR:-/tmp}" rapport-compare.XXXXXX)"
tree="$work/base-tree"
cleanup() {
  if [[ -d "$tree" ]]; then
    git worktree remove --force "$tree" >/dev/null 2>&1 || true
  fi
  git worktree prune >/dev/null 2>&1 || true
  rm -rf "$work"
  if [[ " $BACKENDS " == *" postgres "* ]]; then
    psql "$ADMIN_URL" -qc 'DROP DATABASE IF EXISTS rapport_bench WITH (FORCE)' >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# How a revision is built and called: the package, and the words before `seed`/`run`.
layout() {
  if git cat-file -e "$1:crates/bench/Cargo.toml" 2>/dev/null; then
    echo "rapport-bench rapport-bench"
  else
    echo "rapport rapport bench"
  fi
}

echo "== building the base $base_short in a temporary worktree ($BASE_TARGET)"
git worktree add --detach --quiet "$tree" "$base_rev"
read -r base_package base_command <<<"$(layout "$base_rev")"
(cd "$tree" && CARGO_TARGET_DIR="$BASE_TARGET" cargo build --release -p "$base_package")
cp "$BASE_TARGET/release/$base_package" "$work/base-bin"

echo "== building the current tree ($head_short$dirty)"
head_package=rapport-bench
head_command=(rapport-bench)
if [[ ! -f crates/bench/Cargo.toml ]]; then
  head_package=rapport
  head_command=(rapport bench)
fi
cargo build --release -p "$head_package"
cp "$TARGET/release/$head_package" "$work/head-bin"

# The base's words: "rapport bench" or "rapport-bench", as an array.
read -r -a base_words <<<"$base_command"
base_sub=("${base_words[@]:1}")
head_sub=("${head_command[@]:1}")

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
run_args=(--clients "$CLIENTS" --seconds "$BENCH_SECONDS" --pages "$PAGES" --bulk "$BULK")
commands=()
for backend in $BACKENDS; do
  for side in base head; do
    if [[ "$side" == base ]]; then
      bin="$work/base-bin"
      sub=("${base_sub[@]}")
      shown="${base_command}"
    else
      bin="$work/head-bin"
      sub=("${head_sub[@]}")
      shown="${head_command[*]}"
    fi
    case "$backend" in
      sqlite)
        rm -rf "$work/sqlite"
        db=(--data-dir "$work/sqlite")
        db_shown=(--data-dir /tmp/rapport-bench-sqlite)
        ;;
      postgres)
        psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -qc 'DROP DATABASE IF EXISTS rapport_bench WITH (FORCE)' -c 'CREATE DATABASE rapport_bench'
        db=(--database-url "$BENCH_URL")
        db_shown=(--database-url "$BENCH_URL")
        ;;
    esac
    echo "== $backend, $side: seed $PEOPLE people"
    "$bin" "${sub[@]}" seed --people "$PEOPLE" "${db[@]}" --markdown "$work/$side-$backend-seed.md"
    echo "== $backend, $side: measure"
    "$bin" "${sub[@]}" run "${run_args[@]}" "${db[@]}" --markdown "$work/$side-$backend-run.md"
    commands+=("$shown seed --people $PEOPLE ${db_shown[*]}   # $side")
    commands+=("$shown run ${run_args[*]} ${db_shown[*]}   # $side")
    rm -rf "$work/sqlite"
  done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# One cell of a run's markdown table: the row whose label starts with $2, column $3
# (1: the label).
cell() {
  awk -F' \\| ' -v label="$2" -v col="$3" '
    index($0, "| " label) == 1 { sub(/^\| /, ""); sub(/ \|$/, ""); split($0, c, / \| /); print c[col]; exit }
  ' "$1"
}
# The leading number of a cell ("2,719 creates/s (…)" → 2719, "1.15 ms" → 1.15).
number() { sed -E 's/^([0-9][0-9,.]*).*/\1/; s/,//g' <<<"$1"; }
# after ÷ before, or — when either is missing.
ratio() {
  awk -v a="$(number "$1")" -v b="$(number "$2")" \
    'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f×", b / a; else printf "—" }'
}
# 100000 → 100,000
thousands() { sed -E ':a; s/([0-9])([0-9]{3})($|[^0-9])/\1,\2\3/; ta' <<<"$1"; }
seed_rate() { sed -nE 's/.*\*\*([0-9,]+) people\/s\*\*.*/\1 people\/s/p' "$1" | head -1; }

section="$work/section.md"
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'): base \`$base_short\` ($(git log -1 --format=%s "$base_rev" | cut -c1-80)…) against \`$head_short\`$dirty, built and measured one after the other on the same machine with the same settings, \`$(rustc --version)\`, release builds. Load average $load_start at the start, $load_end at the end."
  echo
  echo "Reproduce with \`PEOPLE=$PEOPLE BACKENDS=\"$BACKENDS\" CLIENTS=$CLIENTS BENCH_SECONDS=$BENCH_SECONDS PAGES=$PAGES BULK=$BULK bench/compare.sh $BASE\`, which builds the base in a temporary worktree (\`cargo build --release -p $base_package\`) and the current tree (\`cargo build --release -p $head_package\`), then for each backend and each revision seeds a fresh database and measures it:"
  echo
  echo '```sh'
  for c in "${commands[@]}"; do echo "target/release/$c"; done
  echo '```'
  for backend in $BACKENDS; do
    b="$work/base-$backend-run.md"
    h="$work/head-$backend-run.md"
    heading="$(sed -n 's/^### //p' "$h" | head -1)"
    echo
    echo "### $heading"
    echo
    sed -n 's/^Machine: /Machine (current tree'"'"'s run): /p' "$h" | head -1
    echo
    echo "| measurement | before (\`$base_short\`) | after (\`$head_short\`) | after ÷ before |"
    echo "|---|---|---|---|"
    for p in p50 p99; do
      label="50-row keyset page by name, $p"
      rb="$(cell "$b" "$label" 2)"
      rh="$(cell "$h" "$label" 2)"
      echo "| $label, Rapport | $rb | $rh | $(ratio "$rb" "$rh") |"
      echo "| $label, plain statement | $(cell "$b" "$label" 3) | $(cell "$h" "$label" 3) | $(ratio "$(cell "$b" "$label" 3)" "$(cell "$h" "$label" 3)") |"
      echo "| $label, Rapport ÷ plain statement | $(cell "$b" "$label" 4) | $(cell "$h" "$label" 4) | — |"
    done
    cb="$(cell "$b" "single creates" 2)"
    ch="$(cell "$h" "single creates" 2)"
    echo "| single creates, $CLIENTS concurrent clients | ${cb%% (*} | ${ch%% (*} | $(ratio "$cb" "$ch") |"
    bb="$(cell "$b" "bulk create" 2)"
    bh="$(cell "$h" "bulk create" 2)"
    echo "| bulk create of $(thousands "$BULK") people | $bb | $bh | $(ratio "$bb" "$bh") |"
    sb="$(seed_rate "$work/base-$backend-seed.md")"
    sh="$(seed_rate "$work/head-$backend-seed.md")"
    echo "| seed of $(thousands "$PEOPLE") people (bulk, generation overlapped) | $sb | $sh | $(ratio "$sb" "$sh") |"
  done
  echo
  echo "Times (ms) are better lower, rates better higher; \"after ÷ before\" is the plain quotient either way."
} >"$section"

doc=docs/BENCHMARKS.md
if ! grep -q '<!-- compare:begin -->' "$doc" 2>/dev/null; then
  printf '\n## %s\n\n<!-- compare:begin -->\n<!-- compare:end -->\n' "$TITLE" >>"$doc"
fi
awk -v section="$section" '
  /<!-- compare:begin -->/ { print; while ((getline line < section) > 0) print line; skip = 1; next }
  /<!-- compare:end -->/ { skip = 0 }
  !skip
' "$doc" >"$doc.tmp"
mv "$doc.tmp" "$doc"
echo "== wrote $doc"
