#!/usr/bin/env bash
# Times the web interface's main pages (bench/pages.py) on the demo company, on SQLite
# and on PostgreSQL, as the demo sales rep, with the release build; writes the tables
# into docs/BENCHMARKS.md between its `pages` markers.
#
#   bench/pages.sh                 # both backends, 100 requests a page
#   REPEATS=300 BACKENDS=sqlite bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BACKENDS="${BACKENDS:-sqlite postgres}"
REPEATS="${REPEATS:-100}"
ADMIN_URL="${RAPPORT_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
BENCH_URL="${ADMIN_URL%/*}/rapport_bench_pages"
unset RAPPORT_DATABASE_URL RAPPORT_DATA_DIR

cargo build --release -p rapport
BIN="${CARGO_TARGET_DIR:-target}/release/rapport"
work="$(mktemp -d -p "${TMPDIR:-/tmp}" rapport-pages.XXXXXX)"
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
  psql "$ADMIN_URL" -qc 'DROP DATABASE IF EXISTS rapport_bench_pages WITH (FORCE)' >/dev/null 2>&1 || true
}
trap cleanup EXIT

out="$work/pages.md"
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M') UTC at commit \`$(git rev-parse --short HEAD)\`$(git diff --quiet || echo ' (with uncommitted changes)'), release build, $REPEATS requests a page after 5 to warm up, one client, as the demo sales rep (London team: a third of the demo's records). Reproduce with \`REPEATS=$REPEATS BACKENDS=\"$BACKENDS\" bench/pages.sh\`; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} >"$out"
port=18090
for backend in $BACKENDS; do
  case "$backend" in
    sqlite) db=(--data-dir "$work/sqlite") ;;
    postgres)
      psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -qc 'DROP DATABASE IF EXISTS rapport_bench_pages WITH (FORCE)' -c 'CREATE DATABASE rapport_bench_pages'
      db=(--database-url "$BENCH_URL")
      ;;
  esac
  "$BIN" serve --demo --listen "127.0.0.1:$port" "${db[@]}" >"$work/$backend.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    grep -q "is running at" "$work/$backend.log" && break
    sleep 0.5
  done
  password="$(awk '/nikos.georgiou@demo.example/ {print $3}' "$work/$backend.log")"
  {
    echo "### $backend"
    echo
    python3 bench/pages.py "http://127.0.0.1:$port" nikos.georgiou@demo.example "$password" "$REPEATS"
    echo
  } >>"$out"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
  port=$((port + 1))
done
cat "$out"
python3 - "$out" <<'PY'
import re, sys
results = open(sys.argv[1]).read()
path = "docs/BENCHMARKS.md"
text = open(path).read()
begin, end = "<!-- pages:begin -->", "<!-- pages:end -->"
if begin in text:
    text = re.sub(re.escape(begin) + ".*?" + re.escape(end), begin + "\n" + results + end, text, flags=re.S)
else:
    text += "\n## The web interface's pages\n\n" + begin + "\n" + results + end + "\n"
open(path, "w").write(text)
PY
