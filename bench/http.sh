#!/usr/bin/env bash
# The HTTP benchmark (bench/README.md, "Over HTTP"), the one command behind
# docs/BENCHMARKS.md's "Over HTTP: the full run": builds the release binaries; for each
# size and backend seeds a fresh database (SQLite in a temporary data directory,
# PostgreSQL in a fresh database `rapport_http_<size>` beside RAPPORT_BENCH_POSTGRES_URL);
# once all are seeded, runs `rapport-bench http` on each in turn (`rapport serve` and
# the ceiling server, every scenario), then draws the charts (docs/benchmarks/http-*.svg) and writes the tables
# between BENCHMARKS.md's `http` markers.
#
#   bench/http.sh                                  # 10,000, 100,000 and 1,000,000 people, both backends
#   SIZES=100000 BACKENDS=sqlite bench/http.sh     # one size, one backend
#
# Settings (environment): SIZES ("10000 100000 1000000"), BACKENDS ("sqlite postgres"),
# CONNECTIONS (1,8,32), BENCH_SECONDS (10 per scenario, server and load),
# RAPPORT_BENCH_POSTGRES_URL (an admin URL, default
# postgres://postgres@127.0.0.1:5432/postgres), KEEP=1 to keep the databases,
# BEFORE_MEASURING (a command run once all are seeded, before the first measurement:
# one that waits for other work on the machine to end).
# At all three sizes on both backends it takes a little over an hour on two cores with
# BENCH_SECONDS=4 (about 20 minutes of seeding, 5½ minutes of measuring per database).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-10000 100000 1000000}"
BACKENDS="${BACKENDS:-sqlite postgres}"
CONNECTIONS="${CONNECTIONS:-1,8,32}"
BENCH_SECONDS="${BENCH_SECONDS:-10}"
ADMIN_URL="${RAPPORT_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
unset RAPPORT_DATABASE_URL RAPPORT_DATA_DIR

cargo build --release --locked -p rapport -p rapport-bench
BIN="${CARGO_TARGET_DIR:-target}/release/rapport-bench"

work="$(mktemp -d -p "${TMPDIR:-/tmp}" rapport-http.XXXXXX)"
# One PostgreSQL database per size, beside the admin URL's.
pg_database() { echo "rapport_http_$1"; }
cleanup() {
  if [[ "${KEEP:-0}" == 1 ]]; then
    echo "kept $work and the databases rapport_http_*"
    return
  fi
  rm -rf "$work"
  for people in $SIZES; do
    psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $(pg_database "$people") WITH (FORCE)" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

# Where size $2 on backend $1 lives, as `rapport-bench` options.
place() {
  case "$1" in
    sqlite) db=(--data-dir "$work/sqlite-$2") ;;
    postgres) db=(--database-url "${ADMIN_URL%/*}/$(pg_database "$2")") ;;
    *)
      echo "unknown backend $1 (sqlite or postgres)" >&2
      exit 2
      ;;
  esac
}

results="$work/results.jsonl"
tables="$work/tables.md"
: >"$results"
: >"$tables"
# Every database is seeded first, then each is measured in turn: the seeds may share
# the machine with other work (a build, a CI run), the measurements need it quiet.
for people in $SIZES; do
  for backend in $BACKENDS; do
    place "$backend" "$people"
    case "$backend" in
      sqlite) rm -rf "$work/sqlite-$people" ;;
      postgres)
        psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $(pg_database "$people") WITH (FORCE)" \
          -c "CREATE DATABASE $(pg_database "$people")"
        ;;
    esac
    echo "== $backend, $people people: seed ($(date -u '+%H:%M:%S UTC'))"
    "$BIN" seed --people "$people" "${db[@]}" --markdown "$work/seed-$backend-$people.md"
  done
done
echo "== every database seeded; measuring from here on needs a quiet machine ($(date -u '+%H:%M:%S UTC'))"
if [[ -n "${BEFORE_MEASURING:-}" ]]; then
  bash -c "$BEFORE_MEASURING"
  echo "== BEFORE_MEASURING done ($(date -u '+%H:%M:%S UTC'))"
fi
for people in $SIZES; do
  for backend in $BACKENDS; do
    place "$backend" "$people"
    cat "$work/seed-$backend-$people.md" >>"$tables"
    echo "== $backend, $people people: measure ($(date -u '+%H:%M:%S UTC'))"
    "$BIN" http --connections "$CONNECTIONS" --seconds "$BENCH_SECONDS" "${db[@]}" --markdown "$tables" --json "$results"
  done
done
echo "== measured ($(date -u '+%H:%M:%S UTC'))"

across="$work/across.md"
"$BIN" chart --input "$results" --out-dir docs/benchmarks --markdown "$across"
cp "$results" docs/benchmarks/http-results.jsonl

section="$work/section.md"
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), \`$(rustc --version)\`, release build, on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load generator and both servers on the same machine."
  echo
  echo "Reproduce with \`SIZES=\"$SIZES\" BACKENDS=\"$BACKENDS\" CONNECTIONS=$CONNECTIONS BENCH_SECONDS=$BENCH_SECONDS bench/http.sh\`."
  echo
  echo "![Rapport ÷ ceiling](benchmarks/http-ratio.svg)"
  echo
  echo "![Open-loop p99 by size](benchmarks/http-p99.svg)"
  echo
  echo "### Across sizes: busiest closed-loop rate (÷ ceiling where it answers), open-loop p99"
  echo
  cat "$across"
  echo
  echo "### Each run"
  echo
  cat "$tables"
} >"$section"
# shellcheck source=bench/section.sh
source bench/section.sh
replace_section http "$section"
