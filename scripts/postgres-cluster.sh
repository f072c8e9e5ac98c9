#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback, for `make bench` (scripts/bench.sh, row 4) and for the pg.* test runs
# (the CTest fixture pg.cluster.start / pg.cluster.stop in tests/CMakeLists.txt).
#
#   scripts/postgres-cluster.sh start DIR [--port N]   initdb a NEW cluster in DIR (DIR must not exist or be empty),
#                                                      start it on 127.0.0.1 (a free port unless --port), wait until
#                                                      pg_isready says yes, print its URL on stdout (one line):
#                                                      postgres://postgres@127.0.0.1:PORT/postgres
#                                                      (also written to DIR/url, where the tests read it)
#   scripts/postgres-cluster.sh stop DIR               pg_ctl stop -m fast, then remove DIR (only a DIR this script
#                                                      made: it carries the marker file .tongban-cluster)
#   scripts/postgres-cluster.sh url DIR                print the URL of the running cluster in DIR
#
# The cluster listens on 127.0.0.1 only (no Unix socket outside DIR), trusts loopback connections (a test cluster:
# no passwords; never use it for data), runs with fsync on (the benchmark compares durable commits). Progress goes
# to stderr, the URL alone to stdout, so `url=$(scripts/postgres-cluster.sh start "$dir")` works.
# As root, the cluster runs as the `postgres` OS user (initdb refuses root): DIR is made owned by it.
# Exit codes: 0 done, 1 failure (the message says what), 2 usage.
set -euo pipefail

PG_BIN=${PG_BIN:-}
if [[ -z $PG_BIN ]]; then
  for candidate in /usr/lib/postgresql/*/bin; do [[ -x $candidate/initdb ]] && PG_BIN=$candidate; done
fi

say() { echo "postgres-cluster: $*" >&2; }
die() {
  say "$*"
  exit 1
}
usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ -n $PG_BIN && -x $PG_BIN/initdb ]] || die "no PostgreSQL server binaries found (set PG_BIN, or apt-get install postgresql)"

# Runs a PostgreSQL binary as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A TCP port nobody listens on now, from the ephemeral range. Checked by trying to bind it (bash /dev/tcp connects,
# so a refused connection means free), then PostgreSQL itself fails clearly if it is taken in between.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

cluster_url() { echo "postgres://postgres@127.0.0.1:$1/postgres"; }

start() {
  local dir=$1 port=${2:-} fixed_port=${2:-}
  [[ -n $dir ]] || usage
  if [[ -e $dir ]]; then
    [[ -d $dir ]] || die "$dir exists and is not a directory"
    [[ -z $(ls -A "$dir") ]] || die "$dir is not empty: refusing to reuse it (stop it, or choose a new directory)"
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [[ -n $port ]] || port=$(free_port)
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' OS user (apt-get install postgresql)"
    chown postgres: "$dir"
    # The owner must be able to reach DIR: every parent needs search permission for it.
    local parent=$dir
    while [[ $parent != / ]]; do
      parent=$(dirname "$parent")
      runuser -u postgres -- test -x "$parent" || die "the postgres user cannot reach $parent (choose a DIR under /tmp)"
    done
  fi
  touch "$dir/.tongban-cluster"
  say "initdb in $dir"
  as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$dir/initdb.log")"
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "include_if_exists = 'port.conf'"
    echo "unix_socket_directories = '$dir'"
    echo "max_connections = 400"
    echo "shared_buffers = 128MB"
    echo "fsync = on"
    echo "synchronous_commit = on"
  } | as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
  echo "host all all 127.0.0.1/32 trust" | as_owner tee "$dir/data/pg_hba.conf" >/dev/null
  echo "local all all trust" | as_owner tee -a "$dir/data/pg_hba.conf" >/dev/null
  # A port chosen here may be taken by someone else between the check and the bind: then try another (5 times).
  local attempt
  for attempt in 1 2 3 4 5; do
    echo "$port" >"$dir/port"
    echo "port = $port" | as_owner tee "$dir/data/port.conf" >/dev/null
    say "starting on 127.0.0.1:$port"
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then break; fi
    if [[ -z $fixed_port && $attempt -lt 5 ]] && grep -q "could not bind\|could not create any TCP/IP sockets" "$dir/server.log"; then
      port=$(free_port)
      continue
    fi
    die "the server did not start: $(tail -5 "$dir/server.log" 2>/dev/null)"
  done

  for _ in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
      cluster_url "$port" >"$dir/url"
      cluster_url "$port"
      return 0
    fi
    sleep 0.5
  done
  die "the server on port $port did not become ready within 30 s: $(tail -5 "$dir/server.log")"
}

stop() {
  local dir=$1
  [[ -n $dir ]] || usage
  [[ -d $dir ]] || {
    say "$dir does not exist: nothing to stop"
    return 0
  }
  [[ -e $dir/.tongban-cluster ]] || die "$dir was not made by this script: not touching it"
  if [[ -f $dir/data/postmaster.pid ]]; then
    say "stopping the cluster in $dir"
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ||
      die "pg_ctl stop failed for $dir (see $dir/server.log)"
  fi
  rm -rf "$dir"
}

url() {
  local dir=$1
  [[ -f $dir/port && -f $dir/data/postmaster.pid ]] || die "no running cluster in $dir"
  cluster_url "$(cat "$dir/port")"
}

command=${1:-}
shift || true
case $command in
  start)
    dir=${1:-}
    shift || true
    port=
    if [[ ${1:-} == --port ]]; then
      port=${2:?--port needs a number}
      [[ $port =~ ^[0-9]+$ ]] || die "--port: not a number: $port"
    fi
    start "$dir" "$port"
    ;;
  stop) stop "${1:-}" ;;
  url) url "${1:-}" ;;
  -h | --help | help) usage ;;
  *) usage ;;
esac
