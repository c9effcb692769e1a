#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start DIR` creates and starts one in DIR (listening
# only on a Unix socket in DIR) and prints its URL; `stop DIR` stops it and removes DIR.
# initdb refuses root, so as root the cluster belongs to the unprivileged `postgres` user.
#
#   url=$(scripts/postgres-cluster.sh start /tmp/stocktake-pg) && export STOCKTAKE_TEST_POSTGRES_URL="$url"
#   scripts/postgres-cluster.sh stop /tmp/stocktake-pg
set -euo pipefail

command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 64
fi

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ]; then bin="$candidate"; fi
done
if [ -z "$bin" ] && command -v initdb > /dev/null; then bin="$(dirname "$(command -v initdb)")"; fi
if [ -z "$bin" ]; then
    echo "error: no initdb found; install PostgreSQL (apt-get install -y postgresql)" >&2
    exit 69
fi

# Runs a command as the cluster's owner: `postgres` when this is root, else this user.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/sh -c "cd / && $*"
    else
        sh -c "$*"
    fi
}

case "$command" in
start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    chmod 0700 "$dir"
    as_owner "'$bin/initdb' -D '$dir/data' -U stocktake --auth=trust --encoding=UTF8 --locale=C.UTF-8 > '$dir/initdb.log' 2>&1" || {
        echo "error: initdb failed; see $dir/initdb.log" >&2
        cat "$dir/initdb.log" >&2
        exit 70
    }
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off\" start > /dev/null" || {
        echo "error: the cluster did not start; see $dir/server.log" >&2
        cat "$dir/server.log" >&2
        exit 70
    }
    as_owner "'$bin/createdb' -h '$dir' -U stocktake stocktake_test"
    echo "postgresql://stocktake@/stocktake_test?host=$dir"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate stop > /dev/null 2>&1" || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 64
    ;;
esac
