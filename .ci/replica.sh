#!/usr/bin/env bash
# A PostgreSQL streaming replica of the local cluster (127.0.0.1:5432) on 127.0.0.1:5433, for `npm run test:replica`
# (issue 15: dashboards, exports and public lists read from a replica). Run as root on Debian with the primary
# running and trusting loopback.
#
#   .ci/replica.sh [start] [database]   start it (or reuse the running one); prints its URL, alone, on stdout
#   .ci/replica.sh stop                 stop it and remove its data directory
#
# Everything else goes to stderr, so `url=$(.ci/replica.sh start mydb)` takes the URL.
set -euo pipefail

action=${1:-start}
database=${2:-postgres}
version=${HUANXIN_PG_VERSION:-$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)}
version=${version:-15}
bin=/usr/lib/postgresql/$version/bin
port=${HUANXIN_REPLICA_PORT:-5433}
dir=${HUANXIN_REPLICA_DIR:-/tmp/huanxin-replica-$port}
log=$dir.log
me=$(id -un)

say() { echo "replica: $*" >&2; }
as_postgres() { runuser -u postgres -- "$@"; }
primary_sql() { psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -tAc "$1"; }
replica_sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "$1"; }
running() { pg_isready -h 127.0.0.1 -p "$port" -q; }

stop() {
  if [ -f "$dir/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir" "$log"
  say "stopped, $dir removed"
}

start() {
  if running && [ "$(replica_sql 'select pg_is_in_recovery()' 2>/dev/null)" = t ]; then
    say "already running on 127.0.0.1:$port ($dir)"
    echo "postgres://$me@127.0.0.1:$port/$database"
    return
  fi
  if running; then
    say "something that is not a standby listens on $port; stop it first"
    exit 1
  fi
  pg_isready -h 127.0.0.1 -p 5432 -q || { say "the primary on 127.0.0.1:5432 is not running"; exit 1; }

  # Replication connections match only lines naming `replication` ("all" does not cover them).
  hba=$(primary_sql 'show hba_file')
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    say "allowing replication from 127.0.0.1 in $hba"
    printf '\n# Added by huanxin .ci/replica.sh: the streaming replica on 127.0.0.1:%s\nhost replication all 127.0.0.1/32 trust\n' "$port" >>"$hba"
    primary_sql 'select pg_reload_conf()' >/dev/null
  fi
  [ "$(primary_sql 'show wal_level')" != minimal ] || { say "the primary's wal_level is minimal: no streaming"; exit 1; }

  # A stopped replica's copy may be too far behind for the primary's WAL: a fresh base backup each time.
  if [ -f "$dir/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" -D "$dir" -m immediate stop >&2 || true; fi
  rm -rf "$dir" "$log"
  install -d -o postgres -g postgres -m 700 "$dir"
  say "base backup of 127.0.0.1:5432 into $dir"
  # -R writes standby.signal and primary_conninfo (postgresql.auto.conf); -X stream copies the WAL of the backup.
  # -c fast: an immediate checkpoint, not a spread one that waits minutes for the next. A backup cut short (seen
  # once while another client forced checkpoints) is taken again.
  for attempt in 1 2 3; do
    as_postgres "$bin/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$dir" -R -X stream -c fast >&2 && break
    [ "$attempt" = 3 ] && { say "base backup failed three times"; exit 1; }
    say "base backup failed; again"
    rm -rf "$dir" && install -d -o postgres -g postgres -m 700 "$dir"
    sleep 2
  done

  # Debian keeps the cluster's postgresql.conf and pg_hba.conf in /etc/postgresql, outside the data directory, so
  # the copy has none: without them it would not start (no pg_hba.conf), or would take the primary's port and
  # paths if it borrowed its file.
  as_postgres tee "$dir/postgresql.conf" >/dev/null <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
hot_standby = on
# Tells the primary what the replica's queries still read, so vacuum there does not cancel them here.
hot_standby_feedback = on
max_connections = 100
shared_buffers = 32MB
logging_collector = off
EOF
  as_postgres tee "$dir/pg_hba.conf" >/dev/null <<'EOF'
local all all trust
host all all 127.0.0.1/32 trust
EOF
  as_postgres touch "$dir/pg_ident.conf"
  install -o postgres -g postgres -m 600 /dev/null "$log"
  as_postgres "$bin/pg_ctl" -D "$dir" -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp" -l "$log" start >&2

  for _ in $(seq 1 60); do running && break; sleep 0.5; done
  running || { say "did not start; its log:"; cat "$log" >&2; exit 1; }
  # Accepting connections is not yet following the primary: wait for the WAL receiver.
  for _ in $(seq 1 60); do
    [ "$(replica_sql 'select exists (select 1 from pg_stat_wal_receiver)')" = t ] && break
    sleep 0.5
  done
  [ "$(replica_sql 'select exists (select 1 from pg_stat_wal_receiver)')" = t ] || { say "not streaming; its log:"; cat "$log" >&2; exit 1; }
  say "streaming from 127.0.0.1:5432 on 127.0.0.1:$port ($dir, log $log)"
  echo "postgres://$me@127.0.0.1:$port/$database"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 [start [database] | stop]" >&2
    exit 2
    ;;
esac
