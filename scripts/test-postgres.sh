#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the test run: `start DIR` initialises a cluster in DIR (which must not exist
# yet, or hold a cluster this script made and stopped), starts it on 127.0.0.1 at a free port with trust
# authentication for loopback only, and writes its admin URL to DIR/url; `stop DIR` stops it (fast shutdown) and
# removes DIR. CTest runs them as the fixture of every PostgreSQL test (tests/CMakeLists.txt), so nothing is left
# running. As root, the server runs as the `postgres` system user (initdb refuses root).
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  echo "  start DIR  initialise and start a cluster in DIR (a new folder), write its URL to DIR/url" >&2
  echo "  stop DIR   stop the cluster in DIR and remove DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
command=$1
dir=$2

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "test-postgres: PostgreSQL server binaries not found; installing the Debian package" >&2
  bash "$(dirname "$0")/install-deps.sh" >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$command" in
  start)
    if [ -e "$dir" ]; then
      # A cluster left by an interrupted run: stop it and start afresh.
      [ -f "$dir/data/PG_VERSION" ] || { echo "test-postgres: $dir exists and is not a test cluster" >&2; exit 1; }
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
      rm -rf "$dir"
    fi
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U tongban --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(free_port)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=400 -c shared_buffers=128MB" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://tongban@127.0.0.1:$port/postgres" >"$dir/url.new"
    mv "$dir/url.new" "$dir/url"
    echo "test-postgres: cluster on 127.0.0.1:$port ($dir)"
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    echo "test-postgres: stopped and removed $dir"
    ;;
  *) usage ;;
esac
