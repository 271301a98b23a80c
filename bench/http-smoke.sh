#!/usr/bin/env bash
# A smoke run of the HTTP benchmark (bench/README.md, "Over HTTP"), so that it never
# rots: 10,000 people on SQLite and, when RAPPORT_TEST_POSTGRES_URL is set, on
# PostgreSQL, a second per scenario, debug builds. It measures nothing worth reading;
# it fails when the benchmark cannot seed, start both servers, or get answers from
# them (a failed request stops it). Part of scripts/test's whole run.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE="${PEOPLE:-10000}"
export RAPPORT_LOG="${RAPPORT_LOG:-warn}"
cargo build --locked -q -p rapport -p rapport-bench
bin="${CARGO_TARGET_DIR:-target}/debug/rapport-bench"
work="$(mktemp -d)"
pg_url="${RAPPORT_TEST_POSTGRES_URL:-}"
cleanup() {
  rm -rf "$work"
  if [ -n "$pg_url" ]; then
    psql "$pg_url" -qc 'DROP DATABASE IF EXISTS rapport_http_smoke WITH (FORCE)' >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
run() {
  echo "== HTTP benchmark smoke run on $1 ($PEOPLE people)"
  shift
  "$bin" seed --people "$PEOPLE" "$@" >/dev/null
  "$bin" http --seconds 1 --connections 1,8 "$@"
}
run sqlite --data-dir "$work/sqlite"
if [ -n "$pg_url" ]; then
  psql "$pg_url" -v ON_ERROR_STOP=1 -qc 'DROP DATABASE IF EXISTS rapport_http_smoke WITH (FORCE)' -c 'CREATE DATABASE rapport_http_smoke'
  run postgresql --database-url "${pg_url%/*}/rapport_http_smoke"
fi
