#!/usr/bin/env bash
# A real single-node Apache ZooKeeper server (3.9, from Maven Central jars): the
# coordination service of replicated ClickHouse 18.16 (scripts/cluster.sh starts it
# before the ClickHouse servers). No Docker, no download besides Maven's.
#
# Usage: scripts/zookeeper.sh start|stop|restart|status DIR
#
#   start   resolve the classpath (scripts/zookeeper/pom.xml), pick a free client port
#           (or reuse the one recorded in DIR), start the server in the background and
#           wait until it serves clients ("stat" reports its mode). Prints 127.0.0.1:PORT on stdout. Already
#           running: prints it, exit 0. Data in DIR is kept across stop/start.
#   stop    SIGTERM the recorded PID, SIGKILL after ZOOKEEPER_STOP_TIMEOUT s. Idempotent.
#   restart stop, then start (same port, same data).
#   status  "running pid=N address=HOST:PORT" (exit 0) or "stopped" (exit 3).
#
# Environment (all optional):
#   ZOOKEEPER_PORT            fixed client port (default: recorded in DIR, else free)
#   ZOOKEEPER_HEAP_OPTS       JVM heap options (default -Xms32m -Xmx128m)
#   ZOOKEEPER_START_TIMEOUT   seconds to wait for readiness (default 60)
#   ZOOKEEPER_STOP_TIMEOUT    seconds between SIGTERM and SIGKILL (default 30)
#
# Files in DIR: zookeeper.env (port, address), classpath.txt, zoo.cfg, data/,
# zookeeper.log (+ .prev), zookeeper.pid. The resolved classpath is cached in
# scripts/zookeeper/target/classpath.txt (re-resolved when the POM changes).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ZK_POM="$REPO_ROOT/scripts/zookeeper/pom.xml"
ZK_CACHE="$REPO_ROOT/scripts/zookeeper/target"
START_TIMEOUT="${ZOOKEEPER_START_TIMEOUT:-60}"
STOP_TIMEOUT="${ZOOKEEPER_STOP_TIMEOUT:-30}"
HEAP_OPTS="${ZOOKEEPER_HEAP_OPTS:--Xms32m -Xmx128m}"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

require_java() {
  command -v java >/dev/null 2>&1 ||
    die "java not found on PATH. ZooKeeper 3.9 needs Java 11+ (apt-get install -y openjdk-17-jre-headless)."
}

# classpath_ok FILE: every entry of the recorded classpath still exists.
classpath_ok() {
  local file="$1" jar jars
  [[ -s "$file" ]] || return 1
  IFS=':' read -r -a jars <"$file"
  for jar in "${jars[@]}"; do [[ -f "$jar" ]] || return 1; done
  grep -q 'zookeeper-3\.' "$file" && grep -q 'metrics-core' "$file"
}

# resolve_classpath DIR: write DIR/classpath.txt (lib/common.sh caches Maven's answer in $ZK_CACHE).
resolve_classpath() {
  resolve_maven_classpath "$1" "$ZK_POM" "$ZK_CACHE" "ZooKeeper" classpath_ok
}

write_config() {
  local dir="$1" port="$2"
  mkdir -p "$dir/data"
  cat >"$dir/zoo.cfg" <<CFG
# Written by scripts/zookeeper.sh: a standalone server for local replicated ClickHouse.
tickTime=500
initLimit=10
syncLimit=5
dataDir=$dir/data
clientPort=$port
clientPortAddress=127.0.0.1
maxClientCnxns=200
admin.enableServer=false
4lw.commands.whitelist=ruok,stat,mntr
autopurge.snapRetainCount=3
autopurge.purgeInterval=1
CFG
  cat >"$dir/zookeeper.env" <<ENV
ZOOKEEPER_PORT=$port
ZOOKEEPER_ADDRESS=127.0.0.1:$port
ENV
}

# serving PORT: "stat" reports a mode. ("ruok" answers "imok" as soon as the port listens,
# before the server takes sessions: clients connecting then are closed at the handshake.)
serving() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; printf stat >&3; cat <&3" 2>/dev/null | grep -q '^Mode: '
}

# wait_ready PID PORT: 0 = ready, 1 = process died, 2 = timed out.
wait_ready() {
  local pid="$1" port="$2" deadline
  deadline=$(( $(date +%s) + START_TIMEOUT ))
  while (( $(date +%s) < deadline )); do
    pid_alive "$pid" || return 1
    serving "$port" && return 0
    sleep 0.2
  done
  return 2
}

cmd_start() {
  local dir="$1" pid port auto=false attempt started rc
  pid="$(running_pid "$dir/zookeeper.pid" "$dir/zoo.cfg")"
  if [[ -n "$pid" ]]; then
    log "already running (PID $pid)"
    env_get "$dir/zookeeper.env" ZOOKEEPER_ADDRESS
    return 0
  fi
  rm -f "$dir/zookeeper.pid"
  require_java
  resolve_classpath "$dir"
  port="${ZOOKEEPER_PORT:-$(env_get "$dir/zookeeper.env" ZOOKEEPER_PORT)}"
  [[ -z "$port" ]] && auto=true
  for attempt in 1 2 3; do
    [[ -n "$port" ]] || port="$(pick_free_port)"
    require_free_port "$port" "ZooKeeper client"
    write_config "$dir" "$port"
    log "starting ZooKeeper on 127.0.0.1:$port, data in $dir/data, log $dir/zookeeper.log"
    started="$(now_ms)"
    rotate_log "$dir/zookeeper.log"
    # shellcheck disable=SC2086 # HEAP_OPTS holds several JVM options
    start_background "$dir/zookeeper.pid" "$dir/zookeeper.log" \
      java $HEAP_OPTS -XX:+UseSerialGC -Djava.awt.headless=true -Dzookeeper.jmx.log4j.disable=true \
        -cp "$(cat "$dir/classpath.txt")" org.apache.zookeeper.server.ZooKeeperServerMain "$dir/zoo.cfg"
    rc=0; wait_ready "$STARTED_PID" "$port" || rc=$?
    if (( rc == 0 )); then
      log "ZooKeeper ready in $(( $(now_ms) - started )) ms (PID $STARTED_PID)"
      echo "127.0.0.1:$port"
      return 0
    fi
    if (( rc == 2 )); then
      tail_log "$dir/zookeeper.log"
      stop_pidfile "$dir/zookeeper.pid" "$dir/zoo.cfg" "ZooKeeper" 10 || true
      die "ZooKeeper did not serve clients on port $port within ${START_TIMEOUT}s (see $dir/zookeeper.log)"
    fi
    rm -f "$dir/zookeeper.pid"
    if $auto && grep -q 'Address already in use' "$dir/zookeeper.log"; then
      log "a free port was taken meanwhile (attempt $attempt); retrying on a new port"
      port=""
      continue
    fi
    tail_log "$dir/zookeeper.log"
    die "ZooKeeper exited during start-up (see $dir/zookeeper.log)"
  done
  die "ZooKeeper could not bind a free port after 3 attempts"
}

cmd_stop() {
  stop_pidfile "$1/zookeeper.pid" "$1/zoo.cfg" "ZooKeeper" "$STOP_TIMEOUT"
}

cmd_status() {
  local dir="$1" pid
  pid="$(running_pid "$dir/zookeeper.pid" "$dir/zoo.cfg")"
  if [[ -n "$pid" ]]; then
    echo "running pid=$pid address=$(env_get "$dir/zookeeper.env" ZOOKEEPER_ADDRESS)"
  else
    echo "stopped"
    return 3
  fi
}

main() {
  [[ $# -eq 2 ]] || usage
  local cmd="$1" dir
  case "$cmd" in
    start | stop | restart | status) ;;
    -h | --help | help) usage ;;
    *) log "unknown command '$cmd'"; usage ;;
  esac
  if [[ ! -d "$2" && ( "$cmd" == stop || "$cmd" == status ) ]]; then
    if [[ "$cmd" == status ]]; then echo "stopped"; exit 3; fi
    log "ZooKeeper: not running ($2 does not exist)"
    exit 0
  fi
  dir="$(abs_dir "$2")"
  case "$cmd" in
    start) cmd_start "$dir" ;;
    stop) cmd_stop "$dir" ;;
    restart) cmd_stop "$dir"; cmd_start "$dir" ;;
    status) cmd_status "$dir" ;;
  esac
}

main "$@"
