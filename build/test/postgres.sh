# Sourced by ./test.sh: a throwaway PostgreSQL server on a free loopback port, run as a non-root user.
# shellcheck shell=bash

sc_pg_bindir() {
  local d
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

sc_free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Starts the server; sets SC_PG_DIR, SC_PG_PORT and exports SC_TEST_POSTGRES.
sc_postgres_start() {
  local bindir run_as=()
  if ! bindir=$(sc_pg_bindir); then
    echo "installing PostgreSQL (Debian package postgresql)…" >&2
    sc_apt_install postgresql || return 1
    bindir=$(sc_pg_bindir) || { echo "error: PostgreSQL installed but pg_ctl not found" >&2; return 1; }
  fi
  SC_PG_DIR=$(mktemp -d /tmp/sc-postgres.XXXXXX)
  SC_PG_PORT=$(sc_free_port) || { echo "error: no free loopback port for PostgreSQL" >&2; return 1; }
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root.
    id -u sctest >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin sctest
    chown sctest "$SC_PG_DIR"
    run_as=(runuser -u sctest --)
  fi
  SC_PG_RUN_AS=("${run_as[@]}")
  SC_PG_BINDIR=$bindir
  "${run_as[@]}" "$bindir/initdb" -D "$SC_PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 >"$SC_PG_DIR/initdb.log" 2>&1 ||
    { cat "$SC_PG_DIR/initdb.log" >&2; return 1; }
  "${run_as[@]}" "$bindir/pg_ctl" -D "$SC_PG_DIR/data" -l "$SC_PG_DIR/server.log" -w -t 60 \
    -o "-p $SC_PG_PORT -k $SC_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$SC_PG_DIR/server.log" >&2; return 1; }
  export SC_TEST_POSTGRES="Host=127.0.0.1;Port=$SC_PG_PORT;Username=postgres;Database=postgres;Pooling=true"
  # The fault tests start servers of their own (restarted, stopped) with the same binaries and user.
  export SC_TEST_PG_BINDIR="$bindir" SC_TEST_PG_USER="${run_as[2]:-}"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $NF}') on 127.0.0.1:$SC_PG_PORT (data $SC_PG_DIR)" >&2
}

sc_postgres_stop() {
  [ -n "${SC_PG_DIR:-}" ] || return 0
  "${SC_PG_RUN_AS[@]}" "$SC_PG_BINDIR/pg_ctl" -D "$SC_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$SC_PG_DIR"
  SC_PG_DIR=
}
