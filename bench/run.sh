#!/usr/bin/env bash
# The first benchmark (bench/README.md): builds the release binary, seeds PEOPLE people
# on SQLite (in a temporary data directory) and on PostgreSQL (a fresh database
# `rapport_bench`), runs `rapport-bench run` on each and writes the results into
# docs/BENCHMARKS.md, between its `results` markers.
#
#   bench/run.sh                      # 1,000,000 people, both backends
#   PEOPLE=100000 BACKENDS=sqlite bench/run.sh
#
# Settings (environment): PEOPLE (1000000), BACKENDS ("sqlite postgres"), CLIENTS (32),
# BENCH_SECONDS (20), PAGES (2000), BULK (100000), RAPPORT_BENCH_POSTGRES_URL (an admin
# URL, default postgres://postgres@127.0.0.1:5432/postgres; the bench database is made
# beside it), KEEP=1 to keep the databases afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

PEOPLE="${PEOPLE:-1000000}"
BACKENDS="${BACKENDS:-sqlite postgres}"
CLIENTS="${CLIENTS:-32}"
BENCH_SECONDS="${BENCH_SECONDS:-20}"
PAGES="${PAGES:-2000}"
BULK="${BULK:-100000}"
ADMIN_URL="${RAPPORT_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
BENCH_URL="${ADMIN_URL%/*}/rapport_bench"
# Flags choose the database below; a URL in the environment must not override them.
unset RAPPORT_DATABASE_URL RAPPORT_DATA_DIR

cargo build --release -p rapport-bench
BIN="${CARGO_TARGET_DIR:-target}/release/rapport-bench"

work="$(mktemp -d -p "${TMPDIR:-/tmp}" rapport-bench.XXXXXX)"
cleanup() {
  if [[ "${KEEP:-0}" == 1 ]]; then
    echo "kept $work and the database rapport_bench"
    return
  fi
  rm -rf "$work"
  if [[ " $BACKENDS " == *" postgres "* ]]; then
    psql "$ADMIN_URL" -qc 'DROP DATABASE IF EXISTS rapport_bench WITH (FORCE)' >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

seeds="$work/seeds.md"
runs="$work/runs.md"
: >"$seeds"
: >"$runs"
commands=()
for backend in $BACKENDS; do
  case "$backend" in
    sqlite)
      db=(--data-dir "$work/sqlite")
      shown=(--data-dir /tmp/rapport-bench-sqlite)
      ;;
    postgres)
      psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -qc 'DROP DATABASE IF EXISTS rapport_bench WITH (FORCE)' -c 'CREATE DATABASE rapport_bench'
      db=(--database-url "$BENCH_URL")
      shown=(--database-url "$BENCH_URL")
      ;;
    *)
      echo "unknown backend $backend (sqlite or postgres)" >&2
      exit 2
      ;;
  esac
  run=(--clients "$CLIENTS" --seconds "$BENCH_SECONDS" --pages "$PAGES" --bulk "$BULK")
  echo "== $backend: seed $PEOPLE people"
  "$BIN" seed --people "$PEOPLE" "${db[@]}" --markdown "$seeds"
  echo "== $backend: measure"
  "$BIN" run "${run[@]}" "${db[@]}" --markdown "$runs"
  commands+=("target/release/rapport-bench seed --people $PEOPLE ${shown[*]}")
  commands+=("target/release/rapport-bench run ${run[*]} ${shown[*]}")
done

section="$work/section.md"
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), \`$(rustc --version)\`, release build."
  echo
  echo "Reproduce with \`PEOPLE=$PEOPLE BACKENDS=\"$BACKENDS\" CLIENTS=$CLIENTS BENCH_SECONDS=$BENCH_SECONDS PAGES=$PAGES BULK=$BULK bench/run.sh\`, which runs:"
  echo
  echo '```sh'
  echo 'cargo build --release -p rapport-bench'
  for c in "${commands[@]}"; do echo "$c"; done
  echo '```'
  echo
  echo "### Seeding"
  echo
  cat "$seeds"
  cat "$runs"
} >"$section"

# shellcheck source=bench/section.sh
source bench/section.sh
replace_section results "$section"
