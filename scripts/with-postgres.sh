#!/usr/bin/env bash
# Runs a command against PostgreSQL. With DATABASE_URL set, uses it as it is; otherwise installs the
# server if missing (apt-get), starts a throwaway cluster on 127.0.0.1 and removes it afterwards.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then exec "$@"; fi

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
PGBIN=$(find_bin)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "Installing PostgreSQL server (apt-get)…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(find_bin)
fi

DIR=$(mktemp -d /tmp/frontdoor-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
RUN=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: use an unprivileged system user.
  id frontdoor-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin frontdoor-pg
  chown frontdoor-pg "$DIR"
  RUN=(runuser -u frontdoor-pg --)
fi
cleanup() {
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${RUN[@]}" "$PGBIN/initdb" -D "$DIR/data" -U frontdoor --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o \
  "-k $DIR -c listen_addresses=127.0.0.1 -p $PORT -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=100" start >/dev/null
"${RUN[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U frontdoor frontdoor
export DATABASE_URL="postgres://frontdoor@127.0.0.1:$PORT/frontdoor"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
"$@"
