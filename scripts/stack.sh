#!/usr/bin/env bash
# The whole pipeline on this machine, without Docker:
#   Kafka (scripts/kafka.sh) + ClickHouse (scripts/clickhouse.sh)
#   + Genesys Cloud emulator + producer + consumer (the repository's jars).
#
# Usage: scripts/stack.sh up|down|status
#
#   up      build the jars when missing (./mvnw -B -q -DskipTests package), start every
#           piece that is not running yet (running ones are left alone), then poll
#           ClickHouse (up to STACK_WAIT_SECONDS) until analytics.queue_analytics has
#           rows and print a sample, then until analytics.queue_observations holds two
#           live-state snapshots (observations.enabled, every 15 s) and print the newest per queue.
#   down    stop exactly the processes the stack started: consumer, producer, emulator,
#           then ClickHouse and Kafka. Data and logs stay in the state dir
#           (remove it for a clean slate: rm -rf .stack).
#   status  one line per piece; exit 0 when all run, 3 otherwise.
#
# Environment (all optional):
#   STACK_DIR           state directory (default: .stack at the repository root)
#   STACK_JAVA_OPTS     JVM options of emulator/producer/consumer (default -Xmx256m)
#   STACK_QUEUES        number of emulated queues (default 20)
#   STACK_WAIT_SECONDS  how long "up" waits for rows in ClickHouse (default 120)
#
# State dir: kafka/ and clickhouse/ (see those scripts), stack.env (emulator and admin
# ports), producer.json and consumer.json (service configs, same content but for
# admin.port; rewritten when that service is started), emulator|producer|consumer.pid
# and .log (+ .log.prev from the previous run).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

STATE="${STACK_DIR:-$REPO_ROOT/.stack}"
JAVA_OPTS="${STACK_JAVA_OPTS:--Xmx256m}"
QUEUES="${STACK_QUEUES:-20}"
WAIT_SECONDS="${STACK_WAIT_SECONDS:-120}"
KAFKA_CTL="$REPO_ROOT/scripts/kafka.sh"
CLICKHOUSE_CTL="$REPO_ROOT/scripts/clickhouse.sh"
EMULATOR_JAR="$REPO_ROOT/emulator/target/genesys-emulator.jar"
PRODUCER_JAR="$REPO_ROOT/producer/target/producer.jar"
CONSUMER_JAR="$REPO_ROOT/consumer/target/consumer.jar"
TOPIC="genesys.queue-intervals"   # the config's default kafka.topic
# Variables a service would prefer over its config file (README "Configuration"): never leak the
# caller's values (e.g. from a test run) into the demo stack.
OVERRIDE_VARS=(KAFKA_BOOTSTRAP_SERVERS CLICKHOUSE_URL CLICKHOUSE_PASSWORD GENESYS_CLIENT_ID
               GENESYS_CLIENT_SECRET ADMIN_TOKEN CONFIG_FILE)

# --- pieces ----------------------------------------------------------------------------

ensure_jars() {
  local jar missing=()
  for jar in "$EMULATOR_JAR" "$PRODUCER_JAR" "$CONSUMER_JAR"; do
    [[ -f "$jar" ]] || missing+=("${jar#"$REPO_ROOT"/}")
  done
  (( ${#missing[@]} == 0 )) && return 0
  local mvn started
  mvn="$(mvn_cmd)"
  log "missing ${missing[*]}: building with $mvn -B -q -DskipTests package"
  started="$(now_ms)"
  (cd "$REPO_ROOT" && "$mvn" -B -q -DskipTests package) || die "the build failed; fix it, then run $0 up again"
  for jar in "$EMULATOR_JAR" "$PRODUCER_JAR" "$CONSUMER_JAR"; do
    [[ -f "$jar" ]] || die "the build succeeded but did not produce ${jar#"$REPO_ROOT"/} (check the module's shade/jar configuration)"
  done
  log "built in $(( ($(now_ms) - started) / 1000 )) s"
}

# ports: recorded in stack.env on first use, so restarts keep their addresses.
ensure_ports() {
  local env_file="$STATE/stack.env"
  EMULATOR_PORT="$(env_get "$env_file" EMULATOR_PORT)"
  PRODUCER_ADMIN_PORT="$(env_get "$env_file" PRODUCER_ADMIN_PORT)"
  CONSUMER_ADMIN_PORT="$(env_get "$env_file" CONSUMER_ADMIN_PORT)"
  if [[ -n "$EMULATOR_PORT" && -n "$PRODUCER_ADMIN_PORT" && -n "$CONSUMER_ADMIN_PORT" ]]; then
    return 0
  fi
  EMULATOR_PORT="$(pick_free_port)"
  PRODUCER_ADMIN_PORT="$(pick_free_port "$EMULATOR_PORT")"
  CONSUMER_ADMIN_PORT="$(pick_free_port "$EMULATOR_PORT" "$PRODUCER_ADMIN_PORT")"
  cat >"$env_file" <<EOF
EMULATOR_PORT=$EMULATOR_PORT
PRODUCER_ADMIN_PORT=$PRODUCER_ADMIN_PORT
CONSUMER_ADMIN_PORT=$CONSUMER_ADMIN_PORT
EOF
}

# write_config FILE ADMIN_PORT: the demo configuration (README "Configuration").
write_config() {
  local file="$1" admin_port="$2"
  cat >"$file" <<EOF
{
  "oauth": {
    "base_url": "http://127.0.0.1:$EMULATOR_PORT",
    "login_url": "http://127.0.0.1:$EMULATOR_PORT",
    "client_id": "demo-client",
    "client_secret": "demo-secret"
  },
  "analytics": {
    "interval": "PT15M",
    "lookback_seconds": 7200
  },
  "kafka": {
    "bootstrap_servers": "$KAFKA_BOOTSTRAP"
  },
  "clickhouse": {
    "url": "$CLICKHOUSE_HTTP_URL"
  },
  "batch": {
    "linger_ms": 500
  },
  "poll_interval_seconds": 30,
  "observations": {
    "enabled": true
  },
  "admin": {
    "host": "127.0.0.1",
    "port": $admin_port
  }
}
EOF
}

# marker NAME JAR: text that only this stack's process of that service has in its command line.
marker() { echo "-Dqueue.analytics.stack=$STATE -jar $2"; }

# start_java NAME JAR PORT ARGS...: start a service (which will listen on PORT) unless
# it runs already; sets SERVICE_STARTED.
start_java() {
  local name="$1" jar="$2" port="$3" pid
  shift 3
  SERVICE_STARTED=false
  pid="$(running_pid "$STATE/$name.pid" "$(marker "$name" "$jar")")"
  if [[ -n "$pid" ]]; then
    log "$name: already running (PID $pid)"
    return 0
  fi
  require_free_port "$port" "$name"
  rotate_log "$STATE/$name.log"
  # shellcheck disable=SC2086 # JAVA_OPTS holds several options
  start_background "$STATE/$name.pid" "$STATE/$name.log" \
    env "${OVERRIDE_VARS[@]/#/-u}" \
    java $JAVA_OPTS "-Dqueue.analytics.stack=$STATE" -jar "$jar" "$@"
  SERVICE_STARTED=true
  log "$name: started PID $STARTED_PID, log $STATE/$name.log"
}

# wait_for NAME SECONDS CHECK...: poll CHECK until it succeeds (return 0); fail when
# the process dies; return 1 when SECONDS pass (the process still runs).
wait_for() {
  local name="$1" seconds="$2" pid deadline started
  shift 2
  pid="$(read_pid "$STATE/$name.pid")"
  started="$(now_ms)"
  deadline=$(( $(date +%s) + seconds ))
  while (( $(date +%s) < deadline )); do
    if ! pid_alive "$pid"; then
      tail_log "$STATE/$name.log"
      rm -f "$STATE/$name.pid"
      die "$name exited during start-up (see $STATE/$name.log)"
    fi
    if "$@"; then
      log "$name: ready in $(( $(now_ms) - started )) ms"
      return 0
    fi
    sleep 0.2
  done
  return 1
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

start_emulator() {
  start_java emulator "$EMULATOR_JAR" "$EMULATOR_PORT" --port "$EMULATOR_PORT" --queues "$QUEUES"
  if $SERVICE_STARTED && ! wait_for emulator 60 port_accepts "$EMULATOR_PORT"; then
    tail_log "$STATE/emulator.log"
    die "the emulator does not accept connections on port $EMULATOR_PORT after 60 s; it still runs (see $STATE/emulator.log, or run $0 down)"
  fi
}

# start_service NAME JAR ADMIN_PORT: producer or consumer with its own config file.
start_service() {
  local name="$1" jar="$2" admin_port="$3"
  if [[ -z "$(running_pid "$STATE/$name.pid" "$(marker "$name" "$jar")")" ]]; then
    write_config "$STATE/$name.json" "$admin_port"
  fi
  start_java "$name" "$jar" "$admin_port" --config "$STATE/$name.json"
  if $SERVICE_STARTED && ! wait_for "$name" 60 http_ok "http://127.0.0.1:$admin_port/healthz"; then
    # Still running: go on, the rows in ClickHouse are the real proof.
    log "warning: $name runs but http://127.0.0.1:$admin_port/healthz does not answer 200 after 60 s (see $STATE/$name.log)"
  fi
}

# The producer creates the topic (with kafka.partitions); the consumer never creates it
# (auto-creation is off). Started first, the consumer would wait for its next metadata
# refresh to see the topic, and its DLQ topic would not copy the topic's max.message.bytes.
wait_for_topic() {
  local deadline=$(( $(date +%s) + 30 ))
  while (( $(date +%s) < deadline )); do
    bash "$KAFKA_CTL" topics "$STATE/kafka" 2>/dev/null | grep -qxF "$TOPIC" && return 0
    sleep 0.5
  done
  log "warning: topic $TOPIC not created by the producer within 30 s; starting the consumer anyway"
}

# --- ClickHouse results ------------------------------------------------------------------

ch_query() {
  curl -fsS --max-time 10 "$CLICKHOUSE_HTTP_URL/" --data-binary "$1" 2>/dev/null
}

wait_for_rows() {
  local deadline count="" started
  started="$(now_ms)"
  deadline=$(( $(date +%s) + WAIT_SECONDS ))
  log "waiting up to ${WAIT_SECONDS}s for rows in analytics.queue_analytics ($CLICKHOUSE_HTTP_URL)"
  while (( $(date +%s) < deadline )); do
    count="$(ch_query 'SELECT count() FROM analytics.queue_analytics' || true)"
    if [[ "$count" =~ ^[0-9]+$ ]] && (( count > 0 )); then
      log "analytics.queue_analytics has $count rows after $(( ($(now_ms) - started) / 1000 )) s"
      echo "SELECT count() FROM analytics.queue_analytics  ->  $count"
      local format=PrettyCompactNoEscapes
      [[ -t 1 ]] && format=PrettyCompact
      ch_query "SELECT queue_name, media_type, interval_start, offered, answered
                FROM analytics.queue_analytics FINAL
                ORDER BY interval_start DESC, queue_name, media_type
                LIMIT 10 FORMAT $format" || log "warning: the sample query failed"
      return 0
    fi
    sleep 2
  done
  die "no rows in analytics.queue_analytics after ${WAIT_SECONDS}s (last answer: '${count:-none}'). Look at $STATE/producer.log and $STATE/consumer.log; $0 status shows what runs."
}

# The live-state snapshots (observations.enabled in write_config): two snapshots, one interval apart,
# then the README's "latest per queue" query.
wait_for_snapshots() {
  local deadline snapshots="" started table=analytics.queue_observations
  started="$(now_ms)"
  deadline=$(( $(date +%s) + WAIT_SECONDS ))
  log "waiting up to ${WAIT_SECONDS}s for two live-state snapshots in $table"
  while (( $(date +%s) < deadline )); do
    snapshots="$(ch_query "SELECT uniqExact(observed_at_ms) FROM $table" || true)"
    if [[ "$snapshots" =~ ^[0-9]+$ ]] && (( snapshots >= 2 )); then
      log "$table has $snapshots snapshots after $(( ($(now_ms) - started) / 1000 )) s"
      local format=PrettyCompactNoEscapes
      [[ -t 1 ]] && format=PrettyCompact
      ch_query "SELECT toDateTime(intDiv(observed_at_ms, 1000)) AS snapshot, uniqExact(queue_id) AS queues, count() AS rows
                FROM $table GROUP BY observed_at_ms ORDER BY observed_at_ms DESC LIMIT 3 FORMAT $format" \
        || log "warning: the snapshot query failed"
      ch_query "SELECT any(queue_name) AS queue, sumIf(count, metric = 'oWaiting') AS waiting,
                       sumIf(count, metric = 'oOnQueueUsers') AS on_queue,
                       (max(observed_at_ms) - min(if(metric = 'oLongestWaiting', calculated_value, NULL))) / 1000 AS longest_wait_s
                FROM $table FINAL
                WHERE (queue_id, observed_at_ms) IN (SELECT queue_id, max(observed_at_ms) FROM $table GROUP BY queue_id)
                GROUP BY queue_id ORDER BY waiting DESC, queue LIMIT 10 FORMAT $format" \
        || log "warning: the latest-per-queue query failed"
      return 0
    fi
    sleep 2
  done
  die "fewer than two snapshots in $table after ${WAIT_SECONDS}s (last answer: '${snapshots:-none}'). Look at $STATE/producer.log (\"observations\" in http://127.0.0.1:$PRODUCER_ADMIN_PORT/status) and $STATE/consumer.log."
}

# --- commands ----------------------------------------------------------------------------

cmd_up() {
  mkdir -p "$STATE"
  STATE="$(cd "$STATE" && pwd)"
  ensure_jars
  KAFKA_BOOTSTRAP="$(bash "$KAFKA_CTL" start "$STATE/kafka")"
  CLICKHOUSE_HTTP_URL="$(bash "$CLICKHOUSE_CTL" start "$STATE/clickhouse")"
  ensure_ports
  start_emulator
  start_service producer "$PRODUCER_JAR" "$PRODUCER_ADMIN_PORT"
  wait_for_topic
  start_service consumer "$CONSUMER_JAR" "$CONSUMER_ADMIN_PORT"
  cmd_status || true
  wait_for_rows
  wait_for_snapshots
}

cmd_down() {
  if [[ ! -d "$STATE" ]]; then
    log "nothing to stop ($STATE does not exist)"
    return 0
  fi
  STATE="$(cd "$STATE" && pwd)"
  stop_pidfile "$STATE/consumer.pid" "$(marker consumer "$CONSUMER_JAR")" consumer 30
  stop_pidfile "$STATE/producer.pid" "$(marker producer "$PRODUCER_JAR")" producer 30
  stop_pidfile "$STATE/emulator.pid" "$(marker emulator "$EMULATOR_JAR")" emulator 15
  bash "$CLICKHOUSE_CTL" stop "$STATE/clickhouse"
  bash "$KAFKA_CTL" stop "$STATE/kafka"
}

# java_status NAME JAR URL: one status line; false when not running.
java_status() {
  local name="$1" jar="$2" url="$3" pid health
  pid="$(running_pid "$STATE/$name.pid" "$(marker "$name" "$jar")")"
  if [[ -z "$pid" ]]; then
    printf '%-12s stopped\n' "$name:"
    return 1
  fi
  health="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)"
  printf '%-12s running pid=%s %s (HTTP %s) log=%s\n' "$name:" "$pid" "$url" "${health:-none}" "$STATE/$name.log"
}

cmd_status() {
  local all=0
  if [[ ! -d "$STATE" ]]; then
    echo "stack: not started ($STATE does not exist)"
    return 3
  fi
  STATE="$(cd "$STATE" && pwd)"
  local emu prod cons
  emu="$(env_get "$STATE/stack.env" EMULATOR_PORT)"
  prod="$(env_get "$STATE/stack.env" PRODUCER_ADMIN_PORT)"
  cons="$(env_get "$STATE/stack.env" CONSUMER_ADMIN_PORT)"
  local line
  line="$(bash "$KAFKA_CTL" status "$STATE/kafka")" || all=3
  printf '%-12s %s\n' "kafka:" "$line"
  line="$(bash "$CLICKHOUSE_CTL" status "$STATE/clickhouse")" || all=3
  printf '%-12s %s\n' "clickhouse:" "$line"
  java_status emulator "$EMULATOR_JAR" "http://127.0.0.1:${emu:-?}/" || all=3
  java_status producer "$PRODUCER_JAR" "http://127.0.0.1:${prod:-?}/healthz" || all=3
  java_status consumer "$CONSUMER_JAR" "http://127.0.0.1:${cons:-?}/healthz" || all=3
  return "$all"
}

main() {
  [[ $# -eq 1 ]] || usage
  case "$1" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    *) usage ;;
  esac
}

main "$@"
