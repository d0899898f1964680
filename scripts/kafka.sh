#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft, broker+controller in one JVM),
# run from Maven Central jars: no Docker, no Kafka download.
#
# Usage: scripts/kafka.sh start|stop|restart|status|topics DIR
#
#   start   resolve the broker classpath (scripts/kafka-broker/pom.xml), pick free
#           ports (or reuse the ones recorded in DIR), format storage once, start the
#           broker in the background and wait until it is ready. Prints the bootstrap
#           address (127.0.0.1:PORT) on stdout. Already running: prints it, exit 0.
#   stop    SIGTERM the recorded PID, SIGKILL after KAFKA_STOP_TIMEOUT s. Idempotent.
#   restart stop, then start on the same ports with the same data.
#   status  "running pid=N bootstrap=HOST:PORT" (exit 0) or "stopped" (exit 3).
#   topics  the broker's topic names, one per line, as Kafka answers them
#           (scripts/kafka-broker/ListTopics.java); fails when the broker does not answer.
#
# Environment (all optional):
#   KAFKA_PORT, KAFKA_CONTROLLER_PORT  fixed ports (default: recorded in DIR, else free ones)
#   KAFKA_HEAP_OPTS                    JVM heap options (default -Xms128m -Xmx512m)
#   KAFKA_START_TIMEOUT                seconds to wait for readiness (default 60)
#   KAFKA_STOP_TIMEOUT                 seconds between SIGTERM and SIGKILL (default 30)
#
# Files in DIR: kafka.env (ports, bootstrap address, version, cluster id),
# classpath.txt, server.properties, log4j2.properties, kraft-logs/ (data),
# kafka.log (+ kafka.log.prev), format.log, kafka.pid. The resolved classpath is
# cached in scripts/kafka-broker/target/classpath.txt (re-resolved when the POM changes).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

SERVER_NAME=Kafka
SERVER_PID_FILE=kafka.pid
SERVER_MARKER=server.properties
SERVER_COMMANDS=topics
KAFKA_POM="$REPO_ROOT/scripts/kafka-broker/pom.xml"
KAFKA_CACHE="$REPO_ROOT/scripts/kafka-broker/target"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"

# --- prerequisites -------------------------------------------------------------

# resolve_classpath DIR: write DIR/classpath.txt (lib/common.sh caches Maven's answer in $KAFKA_CACHE).
resolve_classpath() {
  resolve_maven_classpath "$1" "$KAFKA_POM" "$KAFKA_CACHE" "Kafka broker" 'kafka_2\.13-'
}

kafka_version_of() {
  sed -n 's/.*kafka_2\.13-\([0-9][0-9A-Za-z.-]*\)\.jar.*/\1/p' "$1" | head -n1
}

# A random Kafka UUID (URL-safe base64 of 16 bytes). Like Kafka's own Uuid.randomUuid(), never one that
# starts with '-': kafka-storage's argument parser would take "-t -abc…" for an option (seen: 1 run in 64).
new_cluster_id() {
  local id
  while :; do
    id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    [[ "$id" != -* ]] && break
  done
  printf '%s\n' "$id"
}

# --- configuration ---------------------------------------------------------------

# combined_node_properties NODE_ID: server.properties lines of a node that is broker and KRaft
# controller in one JVM, brokers talking PLAINTEXT to each other (scripts/kafka-cluster.sh too).
combined_node_properties() {
  cat <<EOF
process.roles=broker,controller
node.id=$1
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
EOF
}

# internal_topics_properties REPLICAS MIN_ISR: server.properties lines for Kafka's internal topics
# (offsets, transactions, share groups) on REPLICAS brokers, and the defaults of local runs.
internal_topics_properties() {
  cat <<EOF
num.partitions=3
offsets.topic.replication.factor=$1
transaction.state.log.replication.factor=$1
transaction.state.log.min.isr=$2
share.coordinator.state.topic.replication.factor=$1
share.coordinator.state.topic.min.isr=$2
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=16777216
EOF
}

write_config() {
  local dir="$1" port="$2" cport="$3"
  cat >"$dir/server.properties" <<EOF
# Written by scripts/kafka.sh: single-node KRaft broker+controller for local runs.
$(combined_node_properties 1)
controller.quorum.bootstrap.servers=127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/kraft-logs
$(internal_topics_properties 1 1)
EOF
  cat >"$dir/log4j2.properties" <<'EOF'
# Written by scripts/kafka.sh. Without a config the broker logs nothing (ERROR only).
status = warn
name = kafka-local
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
EOF
}

write_env() {
  local dir="$1" port="$2" cport="$3" cluster_id="$4" version="$5"
  cat >"$dir/kafka.env" <<EOF
KAFKA_PORT=$port
KAFKA_CONTROLLER_PORT=$cport
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$port
KAFKA_CLUSTER_ID=$cluster_id
KAFKA_VERSION=$version
EOF
}

format_storage() {
  local dir="$1" cluster_id="$2"
  [[ -f "$dir/kraft-logs/meta.properties" ]] && return 0
  log "formatting KRaft storage in $dir/kraft-logs (cluster id $cluster_id)"
  if ! java -cp "$(cat "$dir/classpath.txt")" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
        kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$dir/server.properties" \
        >"$dir/format.log" 2>&1; then
    tail_log "$dir/format.log" 30
    die "formatting Kafka storage failed (see $dir/format.log). If $dir/kraft-logs holds another cluster, remove it."
  fi
}

# --- start / stop ------------------------------------------------------------------

# The hooks of start_on_ports (scripts/lib/common.sh) for the broker in $SERVER_DIR.
kafka_prepare() {
  local port="$1" cport="$2"
  write_config "$SERVER_DIR" "$port" "$cport"
  write_env "$SERVER_DIR" "$port" "$cport" "$KAFKA_CLUSTER_ID" "$KAFKA_VERSION"
  format_storage "$SERVER_DIR" "$KAFKA_CLUSTER_ID"
  log "starting Kafka $KAFKA_VERSION broker on 127.0.0.1:$port (controller $cport), log $SERVER_DIR/kafka.log"
}

kafka_launch() {
  rotate_log "$SERVER_DIR/kafka.log"
  # shellcheck disable=SC2086 # HEAP_OPTS holds several JVM options
  start_background "$SERVER_DIR/kafka.pid" "$SERVER_DIR/kafka.log" \
    java $HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$SERVER_DIR/log4j2.properties" \
      -cp "$(cat "$SERVER_DIR/classpath.txt")" kafka.Kafka "$SERVER_DIR/server.properties"
}

broker_started() {
  grep -q 'Kafka Server started' "$SERVER_DIR/kafka.log" 2>/dev/null && port_accepts "$1"
}

# kafka_ready PID PORT: 0 = ready, 1 = process died, 2 = timed out.
kafka_ready() {
  await_ready "$1" "$START_TIMEOUT" 0.2 broker_started "$2"
}

kafka_timed_out() {
  tail_log "$SERVER_DIR/kafka.log"
  server_stop "$SERVER_DIR" 10 || true
  die "Kafka did not become ready within ${START_TIMEOUT}s (no 'Kafka Server started' in $SERVER_DIR/kafka.log, or port $1 closed)"
}

kafka_bind_lost() {
  grep -q 'Address already in use' "$SERVER_DIR/kafka.log"
}

kafka_retry() {
  rm -rf "$SERVER_DIR/kraft-logs"   # formatted with the old controller address
}

kafka_died() {
  tail_log "$SERVER_DIR/kafka.log"
  die "the Kafka broker exited during start-up (see $SERVER_DIR/kafka.log)"
}

cmd_start() {
  local dir="$1"
  if server_already_running "$dir"; then
    env_get "$dir/kafka.env" KAFKA_BOOTSTRAP_SERVERS
    return 0
  fi
  require_java 17 "the Kafka 4.4 broker"
  resolve_classpath "$dir"

  KAFKA_CLUSTER_ID="$(env_get "$dir/kafka.env" KAFKA_CLUSTER_ID)"
  [[ -n "$KAFKA_CLUSTER_ID" && -f "$dir/kraft-logs/meta.properties" ]] || KAFKA_CLUSTER_ID="$(new_cluster_id)"
  KAFKA_VERSION="$(kafka_version_of "$dir/classpath.txt")"
  start_on_ports kafka "$dir" kafka.env broker KAFKA_PORT controller KAFKA_CONTROLLER_PORT
  echo "127.0.0.1:${STARTED_PORTS[0]}"
}

status_details() {
  echo "bootstrap=$(env_get "$1/kafka.env" KAFKA_BOOTSTRAP_SERVERS) version=$(env_get "$1/kafka.env" KAFKA_VERSION)"
}

# topics DIR: ask the running broker for its topics (the Admin client logs nothing).
cmd_topics() {
  local dir="$1" bootstrap
  [[ -n "$(running_pid "$dir/$SERVER_PID_FILE" "$dir/$SERVER_MARKER")" ]] || die "no Kafka broker runs in $dir (run: $0 start $dir)"
  bootstrap="$(env_get "$dir/kafka.env" KAFKA_BOOTSTRAP_SERVERS)"
  java -cp "$(cat "$dir/classpath.txt")" -Dlog4j2.level=OFF \
      "$REPO_ROOT/scripts/kafka-broker/ListTopics.java" "$bootstrap" 2>/dev/null ||
    die "Kafka at $bootstrap did not list its topics within 10 s"
}

# Sourced (scripts/kafka-cluster.sh reuses the functions above): define only.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  server_main "$@"
fi
