#!/usr/bin/env bash
# A private ClickHouse server (the distro's clickhouse-server, 18.16 on Debian
# bookworm) running from its own directory: no Docker, no systemd, never touches
# /var/lib/clickhouse. Several instances can run side by side in different DIRs.
#
# Usage: scripts/clickhouse.sh start|stop|restart|status|url DIR
#        scripts/clickhouse.sh client DIR [clickhouse-client args...]
#
#   start   install the packages when missing (root + apt only), write DIR/conf,
#           pick free HTTP and TCP ports (or reuse the ones recorded in DIR), start
#           the server in the background and wait until /ping answers "Ok." and its
#           log says "Ready for connections". Prints the HTTP URL on stdout.
#           Already running: prints the URL, exit 0. Data in DIR is kept, so
#           "stop DIR" then "start DIR" brings the same server back on the same ports.
#   stop    SIGTERM the recorded PID, SIGKILL after CLICKHOUSE_STOP_TIMEOUT s. Idempotent.
#   restart stop, then start (same ports, same data).
#   status  "running pid=N url=URL" (exit 0) or "stopped" (exit 3).
#   url     print the URL recorded in DIR (whether running or not).
#   client  run clickhouse-client against the instance (extra args passed on).
#
# Environment (all optional):
#   CLICKHOUSE_HTTP_PORT, CLICKHOUSE_TCP_PORT  fixed ports (default: recorded in DIR, else free)
#   CLICKHOUSE_SERVER_PASSWORD  password of the "default" user (default: none)
#   CLICKHOUSE_START_TIMEOUT    seconds to wait for readiness (default 60)
#   CLICKHOUSE_STOP_TIMEOUT     seconds between SIGTERM and SIGKILL (default 30)
#
# Users: "default" and "progress_headers" (same password; its profile sets
# send_progress_in_http_headers=1, for the consumer's error-answer tests).
#
# Files in DIR: clickhouse.env (ports, URL), conf/config.xml, conf/users.xml,
# data/, tmp/, user_files/, format_schemas/, log/clickhouse-server.log (+ .err.log,
# previous run's as *.prev), clickhouse.out (stdout/stderr), clickhouse.pid.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

SERVER_NAME=ClickHouse
SERVER_PID_FILE=clickhouse.pid
SERVER_MARKER=conf/config.xml
SERVER_COMMANDS="url client"
SERVER_COMMANDS_WITH_ARGS=client
START_TIMEOUT="${CLICKHOUSE_START_TIMEOUT:-60}"
STOP_TIMEOUT="${CLICKHOUSE_STOP_TIMEOUT:-30}"
APT_PACKAGES=(clickhouse-server clickhouse-client clickhouse-tools)

# --- installation ------------------------------------------------------------------

# find_bin NAME: print the first executable NAME on PATH, /usr/sbin or /usr/bin.
# (Not `command -v`: bash falls back to a non-executable file of that name.)
find_bin() {
  local dir
  local IFS=':'
  for dir in $PATH /usr/sbin /usr/bin; do
    if [[ -n "$dir" && -f "$dir/$1" && -x "$dir/$1" ]]; then echo "$dir/$1"; return 0; fi
  done
  return 1
}

# ensure_installed: sets CLICKHOUSE_SERVER_BIN, installing the packages when needed.
ensure_installed() {
  if ! find_bin clickhouse-server >/dev/null || ! find_bin clickhouse-client >/dev/null; then
    log "clickhouse-server/client missing"
    apt_install "clickhouse-server/clickhouse-client not found. Install them: sudo apt-get update && sudo apt-get install -y ${APT_PACKAGES[*]}" \
      "${APT_PACKAGES[@]}"
  fi
  CLICKHOUSE_SERVER_BIN="$(find_bin clickhouse-server)" || die "clickhouse-server still not found after installing ${APT_PACKAGES[*]}"
}

# --- configuration -------------------------------------------------------------------

# user_xml NAME PROFILE PASSWORD: a users.xml user that logs in from this machine only.
user_xml() {
  cat <<EOF
        <$1>
            <password>$3</password>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>$2</profile>
            <quota>default</quota>
        </$1>
EOF
}

write_config() {
  local dir="$1" http_port="$2" tcp_port="$3" password="${CLICKHOUSE_SERVER_PASSWORD:-}"
  [[ "$dir" != *[\&\<\>\"\']* ]] || die "directory '$dir' contains XML special characters; use a plain path"
  [[ "$password" != *[\&\<\>]* ]] || die "CLICKHOUSE_SERVER_PASSWORD must not contain & < >"
  mkdir -p "$dir/conf" "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" "$dir/log"
  cat >"$dir/conf/config.xml" <<EOF
<?xml version="1.0"?>
<!-- Written by scripts/clickhouse.sh: a private local instance. -->
<yandex>
    <logger>
        <level>information</level>
        <log>$dir/log/clickhouse-server.log</log>
        <errorlog>$dir/log/clickhouse-server.err.log</errorlog>
        <size>100M</size>
        <count>3</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$http_port</http_port>
    <tcp_port>$tcp_port</tcp_port>
    <max_connections>1024</max_connections>
    <keep_alive_timeout>3</keep_alive_timeout>
    <max_concurrent_queries>100</max_concurrent_queries>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mark_cache_size>268435456</mark_cache_size>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <user_files_path>$dir/user_files/</user_files_path>
    <format_schema_path>$dir/format_schemas/</format_schema_path>
    <users_config>users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
    <!-- For Kafka engine tables only (scripts/bench-consumer.sh, path d): start a new consumer
         group at the earliest offset, not the latest. ClickHouse 18.16 has no table-level
         setting for it; nothing else here uses the Kafka engine. -->
    <kafka>
        <auto_offset_reset>smallest</auto_offset_reset>
    </kafka>
</yandex>
EOF
  cat >"$dir/conf/users.xml" <<EOF
<?xml version="1.0"?>
<!-- Written by scripts/clickhouse.sh. -->
<yandex>
    <profiles>
        <default>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>random</load_balancing>
        </default>
        <!-- A profile that makes the server send its HTTP 200 early (with progress headers); the
             consumer must still see a late error: it sends send_progress_in_http_headers=0. -->
        <progress_headers>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <send_progress_in_http_headers>1</send_progress_in_http_headers>
            <http_headers_progress_interval_ms>10</http_headers_progress_interval_ms>
        </progress_headers>
    </profiles>
    <users>
$(user_xml default default "$password")
        <!-- For tests: the default user's password and rights, with the progress_headers profile. -->
$(user_xml progress_headers progress_headers "$password")
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
EOF
  cat >"$dir/clickhouse.env" <<EOF
CLICKHOUSE_HTTP_PORT=$http_port
CLICKHOUSE_TCP_PORT=$tcp_port
CLICKHOUSE_URL=http://127.0.0.1:$http_port
EOF
}

# --- start / stop ----------------------------------------------------------------------

ping_ok() {
  [[ "$(curl -sS --max-time 2 "http://127.0.0.1:$1/ping" 2>/dev/null || true)" == "Ok." ]]
}

# The hooks of start_on_ports (scripts/lib/common.sh) for the server in $SERVER_DIR.
clickhouse_prepare() {
  write_config "$SERVER_DIR" "$1" "$2"
  log "starting ClickHouse on http://127.0.0.1:$1 (tcp $2), data and logs in $SERVER_DIR"
}

clickhouse_launch() {
  local dir="$SERVER_DIR"
  rotate_log "$dir/log/clickhouse-server.log"
  rotate_log "$dir/log/clickhouse-server.err.log"
  rotate_log "$dir/clickhouse.out"
  start_background "$dir/clickhouse.pid" "$dir/clickhouse.out" \
    "$CLICKHOUSE_SERVER_BIN" --config-file="$dir/conf/config.xml"
}

# Both checks matter: another server on the port would answer the ping while ours
# died on bind; only our own log proves our server is the one answering.
server_answers() {
  grep -q 'Ready for connections' "$SERVER_DIR/log/clickhouse-server.log" 2>/dev/null && ping_ok "$1"
}

# clickhouse_ready PID HTTP_PORT: 0 = ready, 1 = process died, 2 = timed out.
clickhouse_ready() {
  await_ready "$1" "$START_TIMEOUT" 0.1 server_answers "$2"
}

show_failure_logs() {
  tail_log "$SERVER_DIR/log/clickhouse-server.err.log" 20
  tail_log "$SERVER_DIR/clickhouse.out" 20
}

clickhouse_timed_out() {
  local dir="$SERVER_DIR"
  show_failure_logs
  server_stop "$dir" 10 || true
  die "ClickHouse did not become ready within ${START_TIMEOUT}s (no 'Ready for connections' in $dir/log/clickhouse-server.log, or /ping not answering on port $1)"
}

clickhouse_bind_lost() {
  cat "$SERVER_DIR/log/clickhouse-server.err.log" "$SERVER_DIR/clickhouse.out" 2>/dev/null | grep -q 'Address already in use'
}

clickhouse_retry() { :; }

clickhouse_died() {
  show_failure_logs
  die "clickhouse-server exited during start-up (see $SERVER_DIR/log/clickhouse-server.err.log)"
}

cmd_start() {
  local dir="$1"
  if server_already_running "$dir"; then
    env_get "$dir/clickhouse.env" CLICKHOUSE_URL
    return 0
  fi
  ensure_installed
  start_on_ports clickhouse "$dir" clickhouse.env HTTP CLICKHOUSE_HTTP_PORT TCP CLICKHOUSE_TCP_PORT
  echo "http://127.0.0.1:${STARTED_PORTS[0]}"
}

status_details() {
  echo "url=$(env_get "$1/clickhouse.env" CLICKHOUSE_URL)"
}

cmd_url() {
  local url
  url="$(env_get "$1/clickhouse.env" CLICKHOUSE_URL)"
  [[ -n "$url" ]] || die "no ClickHouse instance recorded in $1 (run: $0 start $1)"
  echo "$url"
}

cmd_client() {
  local dir="$1" tcp_port
  shift
  tcp_port="$(env_get "$dir/clickhouse.env" CLICKHOUSE_TCP_PORT)"
  [[ -n "$tcp_port" ]] || die "no ClickHouse instance recorded in $dir (run: $0 start $dir)"
  local args=(--host 127.0.0.1 --port "$tcp_port")
  [[ -n "${CLICKHOUSE_SERVER_PASSWORD:-}" ]] && args+=(--password "$CLICKHOUSE_SERVER_PASSWORD")
  exec clickhouse-client "${args[@]}" "$@"
}

server_main "$@"
