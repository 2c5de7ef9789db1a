#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the PostgreSQL store (--cache postgresql://…).
#
#   pg_cluster.sh start DIR   makes a cluster in DIR and starts it; prints its connection URI
#                             (postgresql://postgres@127.0.0.1:PORT/citecheck), also in DIR/uri
#   pg_cluster.sh stop DIR    stops it at once (pg_ctl stop -m immediate); fine when none runs
#
# The cluster listens on 127.0.0.1 only, on a free TCP port (another is tried when the one
# picked is taken meanwhile), and on a Unix socket in DIR; it trusts every connection, which is
# only possible from this machine. fsync is off and shared_buffers small: the data is thrown
# away. It has a database `citecheck`, owned by the superuser `postgres`. Files in DIR: data/
# (the cluster), postgres.log (the server's log), uri, port, and the socket .s.PGSQL.PORT.
# A cluster left in DIR by an earlier run is stopped and wiped first.
#
# As root (CI), initdb, pg_ctl and so the server run as the system user `postgres`
# (runuser -u postgres --), and DIR is made its owner: PostgreSQL refuses to run as root. DIR's
# parent folders must let it through (a folder made by mktemp -d under /tmp does). As any other
# user they run as that user.
#
# The binaries are those of the newest /usr/lib/postgresql/*/bin (Debian's layout, any major
# version), else the ones on PATH; PG_BINDIR=/path/to/bin picks them. Every wait is bounded
# (pg_ctl -t 30, under timeout). Exit status: 0 done, 1 failed (the reason on standard error),
# 2 usage, 77 PostgreSQL is not installed (the tests that need it can be skipped).
set -uo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action=$1
[ "$action" = start ] || [ "$action" = stop ] || usage
[ -n "$2" ] || usage
if [ "$action" = stop ] && [ ! -d "$2" ]; then
  exit 0 # nothing was made there
fi
mkdir -p "$2" || { echo "pg_cluster: cannot make the folder $2" >&2; exit 1; }
dir=$(realpath "$2")
data="$dir/data"
log="$dir/postgres.log"

die() {
  echo "pg_cluster: $*" >&2
  exit 1
}

# --- the PostgreSQL binaries ----------------------------------------------------------------
bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  # The newest major version first (sort -V: 9.6 < 15 < 16).
  for candidate in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      bindir=$candidate
      break
    fi
  done
fi
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "pg_cluster: PostgreSQL is not installed: no initdb and pg_ctl in /usr/lib/postgresql/*/bin or on PATH" \
    "(Debian: apt-get install -y postgresql; or set PG_BINDIR)" >&2
  exit 77
fi
psql_bin="$bindir/psql"
[ -x "$psql_bin" ] || psql_bin=$(command -v psql || true)

# Connection settings of the environment must not send these commands to another server.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGSERVICEFILE PGPASSFILE PGOPTIONS PGSSLMODE PGDATA

# --- who runs the cluster -------------------------------------------------------------------
as_pg=() # the prefix that runs a command as the cluster's owner
if [ "$(id -u)" -eq 0 ]; then
  id -u postgres >/dev/null 2>&1 || die "running as root, but there is no system user 'postgres' to run the cluster as"
  command -v runuser >/dev/null 2>&1 || die "running as root, but runuser (util-linux) is missing"
  as_pg=(runuser -u postgres --)
fi
# pg CMD...: runs CMD as the cluster's owner, from DIR (not from a folder it may not enter).
pg() { (cd "$dir" && "${as_pg[@]}" "$@"); }

# A running postmaster of DIR: its pid (the first line of postmaster.pid), when alive.
running_pid() {
  local pid
  [ -f "$data/postmaster.pid" ] || return 1
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

stop_cluster() {
  local pid
  pid=$(running_pid) || return 0
  timeout 40 "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" stop -m immediate -w -t 30 >>"$log" 2>&1
  # Still there (pg_ctl hung or failed): the postmaster this folder's cluster runs, by its pid.
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "pg_cluster: the server (pid $pid) did not stop within 30 s: SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  die "the server (pid $pid) of $dir survived SIGKILL"
}

if [ "$action" = stop ]; then
  if [ ! -d "$data" ]; then
    exit 0 # nothing was made here
  fi
  stop_cluster
  exit 0
fi

# --- start ----------------------------------------------------------------------------------
# The socket's path must fit in sun_path (107 bytes).
[ ${#dir} -le 80 ] || die "the folder's path is too long for PostgreSQL's Unix socket (${#dir} bytes, 80 at most): $dir"

# A leftover cluster: stopped, then wiped (only what this script makes).
stop_cluster
rm -rf "$data" "$dir/uri" "$dir/port" "$log" "$dir"/.s.PGSQL.* || die "cannot wipe the earlier cluster in $dir"

if [ ${#as_pg[@]} -gt 0 ]; then
  chown postgres: "$dir" || die "cannot give $dir to the user postgres"
  chmod 0755 "$dir"
  "${as_pg[@]}" test -w "$dir" -a -x "$dir" ||
    die "the user postgres cannot enter $dir: one of its parent folders is closed to it (use a folder under /tmp)"
fi
pg touch "$log" || die "cannot write $log"

initdb_out=$(pg timeout 120 "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync 2>&1) ||
  die "initdb failed: $(printf '%s' "$initdb_out" | tail -n 5)"

# Loopback only: TCP from 127.0.0.1 and the socket in DIR, both trusted.
pg sh -c 'cat >"$1"' _ "$data/pg_hba.conf" <<'EOF' || die "cannot write pg_hba.conf"
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  trust
EOF
echo "include_if_exists = 'citecheck_test.conf'" | pg sh -c 'cat >>"$1"' _ "$data/postgresql.conf" ||
  die "cannot write postgresql.conf"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 40000))
}

started=""
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  pg sh -c 'cat >"$1"' _ "$data/citecheck_test.conf" <<EOF || die "cannot write citecheck_test.conf"
# Written by tests/scripts/pg_cluster.sh: a throwaway test cluster.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 100
shared_buffers = 16MB
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
log_min_messages = warning
log_connections = off
EOF
  mark=$(wc -l <"$log" 2>/dev/null || echo 0)
  if timeout 60 "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 30 start >/dev/null 2>&1 ||
     [ -n "$(running_pid)" ]; then
    if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 5 2>/dev/null; then
      started=1
      break
    fi
  fi
  # Taken meanwhile: another port. Any other failure is final.
  if tail -n +"$((mark + 1))" "$log" | grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets'; then
    stop_cluster
    echo "pg_cluster: port $port was taken (attempt $attempt): another one" >&2
    continue
  fi
  stop_cluster
  die "the server did not start within 30 s: $(tail -n 5 "$log")"
done
[ -n "$started" ] || die "no free port in 5 attempts"

# The database citecheck, over TCP as the URI will reach it (trust: no password).
created=$(timeout 30 "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c 'CREATE DATABASE citecheck' 2>&1) || {
  stop_cluster
  die "cannot create the database citecheck: $created"
}

uri="postgresql://postgres@127.0.0.1:$port/citecheck"
echo "$port" >"$dir/port"
echo "$uri" >"$dir/uri"
echo "$uri"
