#!/usr/bin/env bash
# `make bench`: one command, one table. Every row measures tongban and its baseline side by side, in the same run,
# on the same machine, and prints the ratio; the table and the machine's description go into docs/performance.md
# between the markers (the prose around them explains each row).
#
#   scripts/bench.sh [--rows 1,2,...] [--seconds N] [--build DIR] [--no-doc | --doc] [--help]
#
#   --rows      which rows to run (default: all, 1-6)
#                 1 durable case submissions/s over HTTP vs SQLite's per-transaction limit (bench_sqlite_tx_baseline)
#                 2 GET /api/v1/items/{code} vs nginx serving the same bytes as a static file
#                 3 catalog search over 10,000 items: in-process p99 and HTTP queries/s
#                 4 case submissions/s on the PostgreSQL store vs pgbench -N (needs `serve --store`)
#                 5 growth: submissions/s and p99 with 0, 100k and 1M cases stored; peak RSS
#                 6 cross-border forwards/s vs local intake (bench_federation_forward)
#   --seconds   duration of each load run (wrk, pgbench, baselines), default 10
#   --build     the build directory (default build/default; `make bench` builds it first)
#   --no-doc    print the table only; docs/performance.md is written only when every row ran (or with --doc)
#   --doc       write docs/performance.md even for a subset of rows
#   Environment: BENCH_GROWTH_SIZES (row 5's stored-case counts, default "0 100000 1000000"), BENCH_HANDLER_THREADS
#   (serve --handler-threads, default 32 as serve's own default). The figures of a run with either changed are not
#   the documented ones: say so when you quote them.
#
# Pinning (2 cores): every server (tongban, nginx, PostgreSQL, the SQLite baseline, the in-process search loop) runs
# on CPU 0, every load generator (wrk, pgbench) on CPU 1, so the two never compete for a core and each baseline gets
# the same single core as tongban. On a machine with one core nothing is pinned (and the table says so).
# Everything runs on 127.0.0.1 from a temporary directory; every process started here is stopped on exit (trap).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build/default
ROWS=1,2,3,4,5,6
SECONDS_PER_RUN=10
WRITE_DOC=auto
CLIENTS=64
HANDLER_THREADS=${BENCH_HANDLER_THREADS:-32}  # serve --handler-threads (its default; 64 measured no better)
SEARCH_ITEMS=10000
GROWTH_SIZES=${BENCH_GROWTH_SIZES:-"0 100000 1000000"}  # row 5; override for a quick try

usage() {
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit "${1:-0}"
}
while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) ROWS=${2:?--rows needs a list}; shift 2 ;;
    --seconds) SECONDS_PER_RUN=${2:?--seconds needs a number}; shift 2 ;;
    --build) BUILD=$(cd "${2:?--build needs a directory}" && pwd); shift 2 ;;
    --no-doc) WRITE_DOC=no; shift ;;
    --doc) WRITE_DOC=yes; shift ;;
    -h | --help) usage 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; usage 2 >&2 ;;
  esac
done
[[ $SECONDS_PER_RUN =~ ^[0-9]+$ && $SECONDS_PER_RUN -ge 1 ]] || { echo "bench.sh: --seconds must be a whole number >= 1" >&2; exit 2; }
[[ $ROWS =~ ^[1-6](,[1-6])*$ ]] || { echo "bench.sh: --rows takes numbers 1-6 separated by commas" >&2; exit 2; }
if [[ $WRITE_DOC == auto ]]; then
  if [[ $ROWS == 1,2,3,4,5,6 ]]; then WRITE_DOC=yes; else WRITE_DOC=no; fi
fi
wants() { [[ ",$ROWS," == *",$1,"* ]]; }

TONGBAN=$BUILD/src/cli/tongban
BENCH_BIN=$BUILD/bench
for tool in curl wrk taskset; do
  command -v "$tool" >/dev/null || { echo "bench.sh: '$tool' is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
for binary in "$TONGBAN" "$BENCH_BIN/bench_sqlite_tx_baseline" "$BENCH_BIN/bench_catalog_expand" \
  "$BENCH_BIN/bench_search_latency" "$BENCH_BIN/bench_preload_cases" "$BENCH_BIN/bench_federation_forward"; do
  [[ -x $binary ]] || { echo "bench.sh: $binary is not built (run: make bench)" >&2; exit 1; }
done

if [[ $(nproc) -ge 2 ]]; then
  SERVER_CPU=(taskset -c 0)
  CLIENT_CPU=(taskset -c 1)
  PINNING="servers and baselines on CPU 0, load generators (wrk, pgbench) on CPU 1"
else
  SERVER_CPU=()
  CLIENT_CPU=()
  PINNING="not pinned (one CPU)"
fi

WORK=$(mktemp -d /tmp/tongban-bench.XXXXXX)
chmod 755 "$WORK"  # the postgres OS user must reach the cluster directory inside it
TABLE=$WORK/table.txt
: >"$TABLE"
# Each row runs in a subshell of its own (so `set -e` stops the row at its first failure and the next row still
# runs); the subshell stops what it started on its way out, the main shell removes the temporary directory.
STARTED_PIDS=()
PG_DIR=
stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  STARTED_PIDS=()
  if [[ -n $PG_DIR && -d $PG_DIR ]]; then "$ROOT/scripts/postgres-cluster.sh" stop "$PG_DIR" || true; fi
  PG_DIR=
}
trap 'stop_started; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

say() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# ---- The table --------------------------------------------------------------------------------------------------
# One line per measure in $TABLE: measure|tongban|baseline|ratio|target|met
add_row() { echo "$1|$2|$3|$4|$5|$6" >>"$TABLE"; }
# ratio A B: A/B with two decimals ("-" when B is 0 or either is not a number).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 == a && b + 0 == b && b > 0) printf "%.2f", a / b; else print "-" }'; }
# at_least X Y / at_most X Y: "yes" or "no".
at_least() { awk -v x="$1" -v y="$2" 'BEGIN { print (x + 0 == x && x >= y) ? "yes" : "no" }'; }
at_most() { awk -v x="$1" -v y="$2" 'BEGIN { print (x + 0 == x && x <= y) ? "yes" : "no" }'; }
both() { [[ $1 == yes && $2 == yes ]] && echo yes || echo no; }

# ---- wrk ----------------------------------------------------------------------------------------------------------
# run_wrk NAME URL [LUA]: wrk -t1 -c$CLIENTS -d$SECONDS_PER_RUN --latency on the client CPU; output in $WORK/NAME.wrk.
run_wrk() {
  local name=$1 url=$2 script=${3:-}
  local args=(-t1 -c"$CLIENTS" -d"${SECONDS_PER_RUN}s" --latency --timeout 10s)
  [[ -n $script ]] && args+=(-s "$script")
  "${CLIENT_CPU[@]}" wrk "${args[@]}" "$url" >"$WORK/$name.wrk" 2>&1 || { cat "$WORK/$name.wrk" >&2; return 1; }
}
# wrk_value NAME rps|p50|p99|errors: requests/s, latency percentiles in ms, non-2xx answers plus socket errors.
wrk_value() {
  local file=$WORK/$1.wrk
  case $2 in
    rps) awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$file" ;;
    p50 | p99)
      local pct=${2#p}
      awk -v pct="$pct%" '$1 == pct {
        v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
        f = unit == "us" ? 0.001 : unit == "s" ? 1000 : unit == "m" ? 60000 : 1;
        printf "%.2f", v * f }' "$file" ;;
    errors)
      awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
           END { print n + 0 }' "$file" ;;
  esac
}

# ---- A tongban node ---------------------------------------------------------------------------------------------
NODE_PID=
NODE_URL=
# start_node DATA_DIR [SEED_DIR] [extra serve options…]: serve on a free loopback port, pinned to the server CPU.
start_node() {
  local data_dir=$1 seed_dir=${2:-$ROOT/data}
  shift 2 || shift $#
  local log=$WORK/node.$RANDOM.log
  : >"$log"  # exists before the background job opens it: the wait below reads it at once
  "${SERVER_CPU[@]}" "$TONGBAN" serve --init --data-dir "$data_dir" --seed-dir "$seed_dir" --listen 127.0.0.1:0 \
    --rate 0 --handler-threads "$HANDLER_THREADS" --max-connections-per-client 1024 "$@" >"$log" 2>&1 &
  NODE_PID=$!
  STARTED_PIDS+=("$NODE_PID")

  for _ in $(seq 1 1200); do
    NODE_URL=$(sed -n 's/.* listening on \(http:[^ ]*\).*/\1/p' "$log" | head -1)
    [[ -n $NODE_URL ]] && return 0
    kill -0 "$NODE_PID" 2>/dev/null || { say "the node exited: $(tail -5 "$log")"; return 1; }
    sleep 0.1
  done
  say "the node did not start within 120 s: $(tail -5 "$log")"
  return 1
}
stop_node() {
  [[ -n $NODE_PID ]] || return 0
  kill -TERM "$NODE_PID" 2>/dev/null || true
  wait "$NODE_PID" 2>/dev/null || true
  NODE_PID=
}
# metric NAME: the value of a /metrics line of the running node (0 if absent).
metric() { curl -sS "$NODE_URL/metrics" | awk -v name="$1" '$1 == name { v = $2 } END { print v + 0 }'; }
# Peak resident memory of the node (VmHWM), in MB.
node_peak_rss_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$NODE_PID/status"; }

# A seeded data directory made once (the shipped catalog and calendars imported), copied for every row that needs
# a fresh node, so no row pays for seeding and all start from the same state.
TEMPLATE=$WORK/template
make_template() {
  [[ -d $TEMPLATE ]] && return 0
  say "seeding a template data directory from data/"
  start_node "$TEMPLATE" "$ROOT/data"
  stop_node
}
fresh_data_dir() {
  make_template
  rm -rf "$1"
  cp -a "$TEMPLATE" "$1"
}

# ---- An applicant and the submission script ---------------------------------------------------------------------
# A valid CN_RIC (Resident Identity Card number) with its check digit, from a serial (like tests/api's valid_cn_ric).
cn_ric() {
  local first17 weights=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) check=10X98765432 sum=0 i
  first17=$(printf "4407031970%04d%03d" 101 "$(($1 % 1000))")
  for i in $(seq 0 16); do sum=$((sum + ${first17:i:1} * weights[i])); done
  echo "$first17${check:sum%11:1}"
}
api() { # api METHOD PATH [BODY] [curl options…]: the answer's body; fails unless 2xx.
  local method=$1 path=$2 body=${3:-}
  shift 3 || shift $#
  curl -sS --fail-with-body -X "$method" "$NODE_URL$path" "$@" ${body:+--data-binary "$body"}
}
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

# make_submission_script LUA: registers an applicant on the running node, signs in, uploads the three materials of
# JM-CA-006, and writes a wrk script that POSTs a complete application with a unique Idempotency-Key each time.
make_submission_script() {
  local lua=$1 serial=$((RANDOM % 1000)) number token id_card authorisation bank_card
  number=$(cn_ric "$serial")
  api POST /api/v1/accounts "{\"kind\":\"natural_person\",\"login\":\"bench$serial@example.cn\",\"password\":\"bench-password-1\",\"display_name\":\"Bench Applicant\",\"id_document\":{\"type\":\"CN_RIC\",\"number\":\"$number\"}}" \
    -H 'Content-Type: application/json' >/dev/null
  token=$(api POST /api/v1/sessions "{\"login\":\"bench$serial@example.cn\",\"password\":\"bench-password-1\"}" \
    -H 'Content-Type: application/json' | json_field token)
  [[ -n $token ]] || { say "sign-in failed"; return 1; }
  upload() { printf '%b' "$1" | curl -sS --fail-with-body -X POST "$NODE_URL/api/v1/blobs" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/octet-stream' --data-binary @- | json_field sha256; }
  id_card=$(upload '%PDF-1.4\n% bench id card\n%%EOF\n')
  authorisation=$(upload '%PDF-1.4\n% bench authorisation\n%%EOF\n')
  bank_card=$(upload '\x89PNG\r\n\x1a\nIHDR bench bank card')
  local body
  body="{\"item_code\":\"JM-CA-006\",\"form\":{\"applicant_name\":\"陈大文\",\"id_number\":{\"type\":\"CN_RIC\",\"number\":\"$number\"},\"phone\":\"+8613812345678\",\"purpose\":\"employment\",\"consent_transfer\":true},\"materials\":[{\"material_id\":\"id_card\",\"blob\":\"$id_card\"},{\"material_id\":\"finance_authorisation\",\"blob\":\"$authorisation\"},{\"material_id\":\"bank_card\",\"blob\":\"$bank_card\"}],\"delivery_method\":\"electronic\"}"
  # One check before the load: the body must open a case (201), else every wrk request would be a refusal.
  api POST /api/v1/cases "$body" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -H "Idempotency-Key: bench-check-$serial" >/dev/null || { say "the application body was refused"; return 1; }
  cat >"$lua" <<EOF
-- Generated by scripts/bench.sh: POST /api/v1/cases, each request with its own Idempotency-Key.
local body = [[$body]]
local token = "$token"
local run = "$RANDOM$RANDOM"
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/cases", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = "bench-" .. run .. "-" .. counter,
  }, body)
end
EOF
}

# submission_run NAME: wrk of the submission script against the running node; sets SUB_RPS SUB_P50 SUB_P99 SUB_ERR.
submission_run() {
  local name=$1
  make_submission_script "$WORK/$name.lua"
  local jobs_before commits_before
  jobs_before=$(metric tongban_store_jobs_total)
  commits_before=$(metric tongban_store_commits_total)
  say "  wrk: POST /api/v1/cases, $CLIENTS clients, ${SECONDS_PER_RUN}s"
  run_wrk "$name" "$NODE_URL" "$WORK/$name.lua"
  local jobs commits
  jobs=$(($(metric tongban_store_jobs_total) - jobs_before))
  commits=$(($(metric tongban_store_commits_total) - commits_before))
  SUB_BATCH=$(ratio "$jobs" "$commits")
  say "  group commit: $jobs write jobs in $commits commits ($SUB_BATCH per fsync, largest $(metric tongban_store_largest_batch))"
  SUB_RPS=$(wrk_value "$name" rps)
  SUB_P50=$(wrk_value "$name" p50)
  SUB_P99=$(wrk_value "$name" p99)
  SUB_ERR=$(wrk_value "$name" errors)
  say "  $SUB_RPS submissions/s, p50 $SUB_P50 ms, p99 $SUB_P99 ms, $SUB_ERR refused or failed"
  if [[ $SUB_ERR != 0 ]]; then
    say "  WARNING: $SUB_ERR answers were not 2xx; the rate counts only what wrk saw"
  fi
}

# ---- Row 1 ------------------------------------------------------------------------------------------------------
row1() {
  say "row 1: durable case submissions over HTTP vs SQLite one transaction per case"
  fresh_data_dir "$WORK/row1"
  start_node "$WORK/row1"
  submission_run row1
  stop_node
  say "  baseline: bench_sqlite_tx_baseline, ${SECONDS_PER_RUN}s, one thread"
  mkdir -p "$WORK/row1-baseline"
  local line tx p50 p99
  line=$("${SERVER_CPU[@]}" "$BENCH_BIN/bench_sqlite_tx_baseline" "$WORK/row1-baseline" "$SECONDS_PER_RUN")
  say "  $line"
  tx=$(sed -n 's/.*tx_per_s=\([0-9.]*\).*/\1/p' <<<"$line")
  p50=$(printf '%.2f' "$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' <<<"$line")")
  p99=$(printf '%.2f' "$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")")
  local r
  r=$(ratio "$SUB_RPS" "$tx")
  add_row "1. durable case submissions/s, HTTP, $CLIENTS clients" "$SUB_RPS/s" "$(printf '%.0f' "$tx")/s (SQLite 1 tx/case)" \
    "$r" "≥1.5×" "$(at_least "$r" 1.5)"
  add_row "1. submissions per group commit (fsync)" "$SUB_BATCH" "1" "-" "-" "-"
  add_row "1. submission latency p50 / p99" "$SUB_P50 / $SUB_P99 ms" "$p50 / $p99 ms (1 tx)" "-" "p99 ≤10 ms" \
    "$(at_most "$SUB_P99" 10)"
}

# ---- Row 2 ------------------------------------------------------------------------------------------------------
row2() {
  local code=JM-CA-005
  say "row 2: GET /api/v1/items/$code vs nginx (1 worker) serving the same bytes"
  fresh_data_dir "$WORK/row2"
  start_node "$WORK/row2"
  local root=$WORK/nginx
  mkdir -p "$root/html/api/v1/items" "$root/logs"
  curl -sS --fail "$NODE_URL/api/v1/items/$code" -o "$root/html/api/v1/items/$code"
  say "  wrk: tongban, $(stat -c %s "$root/html/api/v1/items/$code") bytes"
  run_wrk row2-tongban "$NODE_URL/api/v1/items/$code"
  stop_node
  local port
  port=$(free_port)
  cat >"$root/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $root/nginx.pid;
error_log $root/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $root/logs/access.log;  # tongban logs every request too (spdlog, one line each)
  default_type application/json;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  client_body_temp_path $root/tmp/body;
  proxy_temp_path $root/tmp/proxy;
  fastcgi_temp_path $root/tmp/fastcgi;
  uwsgi_temp_path $root/tmp/uwsgi;
  scgi_temp_path $root/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $root/html;
    location / { add_header Cache-Control no-store; }
  }
}
EOF
  mkdir -p "$root/tmp"
  "${SERVER_CPU[@]}" /usr/sbin/nginx -p "$root" -c "$root/nginx.conf" -e "$root/logs/error.log" &
  local nginx_pid=$!
  STARTED_PIDS+=("$nginx_pid")
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/items/$code" -o /dev/null && break; sleep 0.1; done
  cmp -s <(curl -sS "http://127.0.0.1:$port/api/v1/items/$code") "$root/html/api/v1/items/$code" ||
    { say "nginx does not serve the same bytes"; return 1; }
  say "  wrk: nginx"
  run_wrk row2-nginx "http://127.0.0.1:$port/api/v1/items/$code"
  kill -TERM "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  local t n r
  t=$(wrk_value row2-tongban rps)
  n=$(wrk_value row2-nginx rps)
  r=$(ratio "$t" "$n")
  say "  tongban $t/s (p99 $(wrk_value row2-tongban p99) ms), nginx $n/s (p99 $(wrk_value row2-nginx p99) ms)"
  add_row "2. GET /api/v1/items/$code, req/s" "$t/s" "$n/s (nginx static)" "$r" "≥0.8×" "$(at_least "$r" 0.8)"
  add_row "2. item read p99" "$(wrk_value row2-tongban p99) ms" "$(wrk_value row2-nginx p99) ms" \
    "$(ratio "$(wrk_value row2-tongban p99)" "$(wrk_value row2-nginx p99)")" "-" "-"
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

# ---- Row 3 ------------------------------------------------------------------------------------------------------
row3() {
  say "row 3: catalog search over $SEARCH_ITEMS items"
  local seed=$WORK/seed-large
  mkdir -p "$seed"
  cp -a "$ROOT/data/calendars" "$seed/calendars"
  "$BENCH_BIN/bench_catalog_expand" "$ROOT/data/catalog" "$seed/catalog" "$SEARCH_ITEMS" >&2
  say "  in-process: bench_search_latency, ${SECONDS_PER_RUN}s, one thread"
  local line
  line=$("${SERVER_CPU[@]}" "$BENCH_BIN/bench_search_latency" "$seed/catalog" "$SECONDS_PER_RUN" 2>"$WORK/row3-queries.txt")
  cat "$WORK/row3-queries.txt" >&2
  say "  $line"
  local p99_us qps_inproc
  p99_us=$(sed -n 's/.*p99_us=\([0-9.]*\).*/\1/p' <<<"$line")
  qps_inproc=$(sed -n 's/.*q_per_s=\([0-9.]*\).*/\1/p' <<<"$line")
  local p99_ms
  p99_ms=$(awk -v u="$p99_us" 'BEGIN { printf "%.2f", u / 1000 }')
  add_row "3. search p99, in-process, $SEARCH_ITEMS items" "$p99_ms ms" "-" "-" "≤1 ms" "$(at_most "$p99_ms" 1)"
  say "  starting a node seeded with the large catalog"
  start_node "$WORK/row3" "$seed"
  cat >"$WORK/search.lua" <<'EOF'
-- Generated by scripts/bench.sh: the query mix of bench/search_latency.cc, round-robin.
local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local texts = { "身份证", "身份證", "shenfenzheng", "sfz", "certidao", "marriage registration", "结婚登记",
  "passport", "营业执照", "renewal", "bilhete de identidade", "社保", "JM-CA-006", "补办", "birth certificate",
  "xinhui", "licença", "驾驶证", "hksfz" }
local paths = {}
for _, t in ipairs(texts) do paths[#paths + 1] = "/api/v1/items?q=" .. encode(t) end
paths[#paths + 1] = "/api/v1/items"
paths[#paths + 1] = "/api/v1/items?q=registo&jurisdiction=MO"
paths[#paths + 1] = "/api/v1/items?life_event=retirement"
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
EOF
  say "  wrk: GET /api/v1/items?q=…, the same mix"
  run_wrk row3 "$NODE_URL" "$WORK/search.lua"
  stop_node
  local rps
  rps=$(wrk_value row3 rps)
  say "  $rps queries/s over HTTP, p99 $(wrk_value row3 p99) ms, $(wrk_value row3 errors) not 2xx"
  add_row "3. search queries/s over HTTP" "$rps/s" "$qps_inproc/s (in-process, 1 thread)" \
    "$(ratio "$rps" "$qps_inproc")" "≥30k/s" "$(at_least "$rps" 30000)"
}

# ---- Row 4 ------------------------------------------------------------------------------------------------------
row4() {
  say "row 4: case submissions on the PostgreSQL store vs pgbench -N, $CLIENTS clients"
  PG_DIR=$WORK/pg
  local url
  url=$("${SERVER_CPU[@]}" "$ROOT/scripts/postgres-cluster.sh" start "$PG_DIR")
  local pg_bin
  pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)")
  say "  pgbench -i -s 10"
  "$pg_bin/pgbench" -i -q -s 10 "$url" >"$WORK/pgbench-init.log" 2>&1 || { cat "$WORK/pgbench-init.log" >&2; return 1; }
  say "  pgbench -N -c $CLIENTS -j 1 -T $SECONDS_PER_RUN"
  "${CLIENT_CPU[@]}" "$pg_bin/pgbench" -N -c "$CLIENTS" -j 1 -T "$SECONDS_PER_RUN" -P 5 "$url" >"$WORK/pgbench.log" 2>&1 ||
    { cat "$WORK/pgbench.log" >&2; return 1; }
  local tps latency
  tps=$(awk '/^tps = / { printf "%.0f", $3; exit }' "$WORK/pgbench.log")
  latency=$(awk '/^latency average = / { print $4; exit }' "$WORK/pgbench.log")
  say "  pgbench: $tps tps, latency average $latency ms"
  if "$TONGBAN" serve --help 2>&1 | grep -q -- '--store'; then
    # An empty data directory: the node seeds the PostgreSQL store itself (catalog version, calendars).
    start_node "$WORK/row4" "$ROOT/data" --store "$url"
    submission_run row4
    stop_node
    local r
    r=$(ratio "$SUB_RPS" "$tps")
    add_row "4. case submissions/s, PostgreSQL store, $CLIENTS clients" "$SUB_RPS/s" "$tps/s (pgbench -N)" "$r" \
      "≥0.5×" "$(at_least "$r" 0.5)"
  else
    say "  not run: no PostgreSQL store in this build (tongban serve has no --store)"
    add_row "4. case submissions/s, PostgreSQL store" "not run: no PostgreSQL store in this build" \
      "$tps/s (pgbench -N)" "-" "-" "-"
  fi
  "$ROOT/scripts/postgres-cluster.sh" stop "$PG_DIR"
  PG_DIR=
}

# ---- Row 5 ------------------------------------------------------------------------------------------------------
row5() {
  say "row 5: growth, submissions with $GROWTH_SIZES cases stored"
  # Every data directory is preloaded first, then the load runs follow one another, so the machine's load drifts as
  # little as possible between the empty node and the full ones.
  local size
  for size in $GROWTH_SIZES; do
    fresh_data_dir "$WORK/row5-$size"
    [[ $size -gt 0 ]] || continue
    say "  preloading $size cases (bench_preload_cases)"
    "$BENCH_BIN/bench_preload_cases" "$WORK/row5-$size" "$size" >"$WORK/preload-$size.txt"
    say "  $(cat "$WORK/preload-$size.txt"), data directory $(du -sm "$WORK/row5-$size" | cut -f1) MB"
  done
  local empty_rps='' empty_p99='' empty_label='' rss='' label=''
  for size in $GROWTH_SIZES; do
    say "  node with $size cases stored"
    start_node "$WORK/row5-$size"
    submission_run "row5-$size"
    rss=$(node_peak_rss_mb)
    say "  peak RSS (VmHWM) $rss MB"
    stop_node
    rm -rf "$WORK/row5-$size"
    label=$(awk -v n="$size" 'BEGIN { if (n >= 1000000) printf "%gM", n / 1e6; else if (n >= 1000) printf "%gk", n / 1e3; else print n }')
    if [[ -z $empty_rps ]]; then
      empty_rps=$SUB_RPS
      empty_p99=$SUB_P99
      empty_label=$label
      add_row "5. submissions/s, $label cases stored" "$SUB_RPS/s, p99 $SUB_P99 ms" "-" "-" "-" "-"
    else
      local r
      r=$(ratio "$SUB_RPS" "$empty_rps")
      add_row "5. submissions/s, $label cases stored" "$SUB_RPS/s, p99 $SUB_P99 ms" \
        "$empty_rps/s, p99 $empty_p99 ms ($empty_label stored)" "$r" "≥0.8×" "$(at_least "$r" 0.8)"
    fi
  done
  add_row "5. peak RSS (VmHWM) at $label cases" "$rss MB" "-" "-" "≤200 MB" "$(at_most "$rss" 200)"
}

# ---- Row 6 ------------------------------------------------------------------------------------------------------
row6() {
  say "row 6: cross-border forwards (bench_federation_forward, two nodes in one process)"
  "${SERVER_CPU[@]}" "$BENCH_BIN/bench_federation_forward" >"$WORK/row6.txt" 2>&1 || { cat "$WORK/row6.txt" >&2; return 1; }
  grep -v '^\[20' "$WORK/row6.txt" >&2 || true  # its summary, without the nodes' request log
  local local_rate forward_rate r
  local_rate=$(awk '/no forward \(baseline\)/ { sub("/s", "", $(NF-1)); print $(NF-1) }' "$WORK/row6.txt")
  forward_rate=$(awk '/cross-border forwards, applied at Macao/ { sub("/s", "", $(NF-1)); print $(NF-1) }' "$WORK/row6.txt")
  r=$(ratio "$forward_rate" "$local_rate")
  add_row "6. cross-border forwards/s, applied at Macao" "$forward_rate/s" "$local_rate/s (intake, no forward)" "$r" \
    "-" "-"
  local hop healthz
  hop=$(awk '/status hop Macao -> Jiangmen p99/ { print $(NF-2) }' "$WORK/row6.txt")
  healthz=$(awk '/GET \/healthz p99, baseline/ { print $(NF-2) }' "$WORK/row6.txt")
  add_row "6. status hop Macao → Jiangmen p99" "$hop ms" "$healthz ms (GET /healthz, fresh connection)" \
    "$(ratio "$hop" "$healthz")" "-" "-"
}

# ---- Run --------------------------------------------------------------------------------------------------------
machine_description() {
  local cpu cores ram kernel fs compiler build_type
  cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
  cores=$(nproc)
  ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  kernel=$(uname -sr)
  fs=$(df -PT "$WORK" | awk 'NR == 2 { print $2 " on " $1 }')
  compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[^=]*=//p' "$BUILD/CMakeCache.txt" | head -1)
  compiler="$("$compiler" --version | head -1)"
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[^=]*=//p' "$BUILD/CMakeCache.txt")
  echo "- CPU: $cpu, $cores cores ($PINNING)"
  echo "- RAM: $ram; kernel: $kernel"
  echo "- disk: $fs (the temporary directory of the run; its fsync time is row 1's baseline p50)"
  echo "- compiler: $compiler; build type: $build_type"
  echo "- load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start of the run; the machine is shared"
  echo "- tools: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $(/usr/sbin/nginx -v 2>&1 | cut -d' ' -f3), $(ls -d /usr/lib/postgresql/*/ 2>/dev/null | tail -1 | awk -F/ '{ print "PostgreSQL " $(NF-1) }'), SQLite $(sqlite_version)"
  echo "- settings: $CLIENTS keep-alive clients (wrk -t1), ${SECONDS_PER_RUN} s per load run, tongban serve --rate 0 --handler-threads $HANDLER_THREADS"
}
sqlite_version() {
  local header=/usr/include/sqlite3.h
  [[ -f $header ]] && sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$header" || echo "?"
}

print_table() {
  local line
  echo "| measure | tongban | baseline | ratio | target | met? |"
  echo "|---|---|---|---|---|---|"
  while IFS= read -r line; do echo "| ${line//|/ | } |"; done <"$TABLE"
}

write_doc() {
  local doc=$ROOT/docs/performance.md begin='<!-- bench:begin (generated by scripts/bench.sh; do not edit by hand) -->'
  local end='<!-- bench:end -->'
  [[ -f $doc ]] || { printf '# Performance\n\n%s\n%s\n' "$begin" "$end" >"$doc"; }
  grep -qF "$begin" "$doc" && grep -qF "$end" "$doc" || { say "docs/performance.md lacks the markers; not written"; return 1; }
  local generated=$WORK/generated.md
  {
    echo "$begin"
    echo
    echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), rows $ROWS:"
    echo
    print_table
    echo
    echo "$MACHINE"
    echo "- load: $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run, which took $(($(date +%s) - STARTED_AT)) s"
    echo
    echo "$end"
  } >"$generated"
  awk -v begin="$begin" -v end="$end" -v generated="$generated" '
    $0 == begin { while ((getline line < generated) > 0) print line; skipping = 1; next }
    $0 == end { skipping = 0; next }
    !skipping { print }' "$doc" >"$doc.new"
  mv "$doc.new" "$doc"
  say "wrote the table into docs/performance.md"
}

MACHINE=$(machine_description)
say "machine:"
echo "$MACHINE" >&2
STARTED_AT=$(date +%s)
for row in 1 2 3 4 5 6; do
  wants "$row" || continue
  set +e
  (
    set -e
    trap stop_started EXIT
    trap 'exit 130' INT TERM
    "row$row"
  )
  status=$?
  set -e
  if [[ $status -ne 0 ]]; then
    say "row $row FAILED (exit $status, see above)"
    add_row "$row. failed (see the run's log)" "-" "-" "-" "-" "no"
  fi
done
say "done in $(($(date +%s) - STARTED_AT)) s"
echo
print_table
echo
if [[ $WRITE_DOC == yes ]]; then write_doc; fi
