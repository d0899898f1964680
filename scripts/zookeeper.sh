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

SERVER_NAME=ZooKeeper
SERVER_PID_FILE=zookeeper.pid
SERVER_MARKER=zoo.cfg
ZK_POM="$REPO_ROOT/scripts/zookeeper/pom.xml"
ZK_CACHE="$REPO_ROOT/scripts/zookeeper/target"
START_TIMEOUT="${ZOOKEEPER_START_TIMEOUT:-60}"
STOP_TIMEOUT="${ZOOKEEPER_STOP_TIMEOUT:-30}"
HEAP_OPTS="${ZOOKEEPER_HEAP_OPTS:--Xms32m -Xmx128m}"

# resolve_classpath DIR: write DIR/classpath.txt (lib/common.sh caches Maven's answer in $ZK_CACHE).
resolve_classpath() {
  resolve_maven_classpath "$1" "$ZK_POM" "$ZK_CACHE" "ZooKeeper" 'zookeeper-3\.' 'metrics-core'
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

# The hooks of start_on_ports (scripts/lib/common.sh) for the server in $SERVER_DIR.
zookeeper_prepare() {
  write_config "$SERVER_DIR" "$1"
  log "starting ZooKeeper on 127.0.0.1:$1, data in $SERVER_DIR/data, log $SERVER_DIR/zookeeper.log"
}

zookeeper_launch() {
  rotate_log "$SERVER_DIR/zookeeper.log"
  # shellcheck disable=SC2086 # HEAP_OPTS holds several JVM options
  start_background "$SERVER_DIR/zookeeper.pid" "$SERVER_DIR/zookeeper.log" \
    java $HEAP_OPTS -XX:+UseSerialGC -Djava.awt.headless=true -Dzookeeper.jmx.log4j.disable=true \
      -cp "$(cat "$SERVER_DIR/classpath.txt")" org.apache.zookeeper.server.ZooKeeperServerMain "$SERVER_DIR/zoo.cfg"
}

# zookeeper_ready PID PORT: 0 = ready, 1 = process died, 2 = timed out.
zookeeper_ready() {
  await_ready "$1" "$START_TIMEOUT" 0.2 serving "$2"
}

zookeeper_timed_out() {
  tail_log "$SERVER_DIR/zookeeper.log"
  server_stop "$SERVER_DIR" 10 || true
  die "ZooKeeper did not serve clients on port $1 within ${START_TIMEOUT}s (see $SERVER_DIR/zookeeper.log)"
}

zookeeper_bind_lost() {
  grep -q 'Address already in use' "$SERVER_DIR/zookeeper.log"
}

zookeeper_retry() { :; }

zookeeper_died() {
  tail_log "$SERVER_DIR/zookeeper.log"
  die "ZooKeeper exited during start-up (see $SERVER_DIR/zookeeper.log)"
}

cmd_start() {
  local dir="$1"
  if server_already_running "$dir"; then
    env_get "$dir/zookeeper.env" ZOOKEEPER_ADDRESS
    return 0
  fi
  require_java 11 "ZooKeeper 3.9"
  resolve_classpath "$dir"
  start_on_ports zookeeper "$dir" zookeeper.env client ZOOKEEPER_PORT
  echo "127.0.0.1:${STARTED_PORTS[0]}"
}

status_details() {
  echo "address=$(env_get "$1/zookeeper.env" ZOOKEEPER_ADDRESS)"
}

server_main "$@"
