#!/usr/bin/env bash
# A real three-broker Apache Kafka cluster (KRaft) with a SASL_SSL listener, from
# Maven Central jars like scripts/kafka.sh: no Docker, no Kafka download.
#
# Usage: scripts/kafka-cluster.sh up|down|status DIR
#        scripts/kafka-cluster.sh kill|start|stop N DIR     (one broker, N = 1..3)
#
#   up      three combined broker+controller nodes (a static 3-voter quorum) on free
#           ports, each with -Xmx256m. Listeners per broker:
#             SASL_SSL   SCRAM-SHA-512 over TLS, for clients
#             PLAINTEXT  between the brokers, and for tests that need no security
#             CONTROLLER the KRaft quorum
#           At the first `up` it makes a CA-less self-signed broker certificate with the
#           JDK's keytool (SAN 127.0.0.1 and localhost, PKCS12), a client truststore,
#           a random SCRAM user password (created at format time with
#           `kafka-storage format --add-scram`), then formats the three storages.
#           Waits until all three brokers are ready; prints the SASL_SSL bootstrap
#           address list on stdout. Already running brokers are left alone.
#   down    SIGTERM exactly the recorded broker PIDs (SIGKILL after KAFKA_STOP_TIMEOUT s).
#   status  one line per broker; exit 0 when all three run, 3 otherwise.
#   kill N  SIGKILL broker N (a crash, for failure tests).
#   start N start broker N again on its ports with its data (after kill or stop).
#   stop N  SIGTERM broker N.
#
# Files in DIR: cluster.env (see below), classpath.txt, tls/ (broker.p12,
# truststore.p12), broker-N/ (server.properties, kafka.log, kafka.pid, kraft-logs/).
# cluster.env holds, as KEY=VALUE lines a test can read:
#   KAFKA_CLUSTER_BOOTSTRAP_SASL_SSL   127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3
#   KAFKA_CLUSTER_BOOTSTRAP_PLAINTEXT  the same for the PLAINTEXT listener
#   KAFKA_CLUSTER_SASL_MECHANISM       SCRAM-SHA-512
#   KAFKA_CLUSTER_SASL_USERNAME / KAFKA_CLUSTER_SASL_PASSWORD
#   KAFKA_CLUSTER_TRUSTSTORE / KAFKA_CLUSTER_TRUSTSTORE_PASSWORD (PKCS12)
#   KAFKA_CLUSTER_BROKER_N_PID_FILE    per broker, and the ports
# The passwords are random per DIR and written only there (mode 600).
#
# Footprint measured on a 2-core machine: `up` ~20 s from a warm ~/.m2; each
# broker ~230 MB RSS idle, up to ~350 MB under load (heap 256 MB); <1 MB of disk
# before data.
#
# Environment (all optional):
#   KAFKA_CLUSTER_HEAP_OPTS  JVM heap options per broker (default -Xms128m -Xmx256m)
#   KAFKA_START_TIMEOUT      seconds to wait for the brokers (default 90)
#   KAFKA_STOP_TIMEOUT       seconds between SIGTERM and SIGKILL (default 30)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/kafka.sh"   # functions only: kafka.sh runs main only when executed

BROKERS=(1 2 3)
CLUSTER_HEAP_OPTS="${KAFKA_CLUSTER_HEAP_OPTS:--Xms128m -Xmx256m}"
CLUSTER_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
SCRAM_USER="queue-analytics"

random_secret() { head -c18 /dev/urandom | base64 | tr '+/' 'xy' | tr -d '='; }

# --- one-time material: ports, passwords, certificate, cluster id ------------------

init_cluster() {
  local dir="$1" env="$1/cluster.env" n used=() port
  [[ -f "$env" ]] && return 0
  local cluster_id store_pw sasl_pw
  cluster_id="$(new_cluster_id)"
  store_pw="$(random_secret)"
  sasl_pw="$(random_secret)"
  umask 077
  {
    echo "KAFKA_CLUSTER_ID=$cluster_id"
    echo "KAFKA_CLUSTER_VERSION=$(kafka_version_of "$dir/classpath.txt")"
    for n in "${BROKERS[@]}"; do
      for kind in SASL_SSL PLAINTEXT CONTROLLER; do
        port="$(pick_free_port "${used[@]}")"
        used+=("$port")
        echo "KAFKA_CLUSTER_BROKER_${n}_${kind}_PORT=$port"
      done
      echo "KAFKA_CLUSTER_BROKER_${n}_PID_FILE=$dir/broker-$n/kafka.pid"
    done
    echo "KAFKA_CLUSTER_SASL_MECHANISM=SCRAM-SHA-512"
    echo "KAFKA_CLUSTER_SASL_USERNAME=$SCRAM_USER"
    echo "KAFKA_CLUSTER_SASL_PASSWORD=$sasl_pw"
    echo "KAFKA_CLUSTER_TRUSTSTORE=$dir/tls/truststore.p12"
    echo "KAFKA_CLUSTER_TRUSTSTORE_PASSWORD=$store_pw"
    echo "KAFKA_CLUSTER_KEYSTORE=$dir/tls/broker.p12"
    echo "KAFKA_CLUSTER_KEYSTORE_PASSWORD=$store_pw"
  } >"$env.tmp"
  local list_sasl="" list_plain=""
  for n in "${BROKERS[@]}"; do
    list_sasl+="${list_sasl:+,}127.0.0.1:$(env_get "$env.tmp" "KAFKA_CLUSTER_BROKER_${n}_SASL_SSL_PORT")"
    list_plain+="${list_plain:+,}127.0.0.1:$(env_get "$env.tmp" "KAFKA_CLUSTER_BROKER_${n}_PLAINTEXT_PORT")"
  done
  {
    echo "KAFKA_CLUSTER_BOOTSTRAP_SASL_SSL=$list_sasl"
    echo "KAFKA_CLUSTER_BOOTSTRAP_PLAINTEXT=$list_plain"
  } >>"$env.tmp"
  make_tls "$dir" "$store_pw"
  mv -f "$env.tmp" "$env"
  umask 022
}

make_tls() {
  local dir="$1" pw="$2"
  command -v keytool >/dev/null 2>&1 || die "keytool not found on PATH (it ships with the JDK: apt-get install -y openjdk-17-jdk-headless)"
  mkdir -p "$dir/tls"
  rm -f "$dir/tls/broker.p12" "$dir/tls/truststore.p12" "$dir/tls/broker.crt"
  log "making the brokers' TLS certificate with keytool (self-signed, SAN 127.0.0.1/localhost)"
  keytool -genkeypair -noprompt -alias broker -keyalg RSA -keysize 2048 -validity 3650 \
    -dname "CN=localhost, O=queue-analytics local cluster" -ext "SAN=ip:127.0.0.1,dns:localhost" \
    -storetype PKCS12 -keystore "$dir/tls/broker.p12" -storepass "$pw" -keypass "$pw" >"$dir/tls/keytool.log" 2>&1 ||
    { tail_log "$dir/tls/keytool.log"; die "keytool could not make the broker certificate"; }
  keytool -exportcert -noprompt -rfc -alias broker -keystore "$dir/tls/broker.p12" -storepass "$pw" \
    -file "$dir/tls/broker.crt" >>"$dir/tls/keytool.log" 2>&1 ||
    { tail_log "$dir/tls/keytool.log"; die "keytool could not export the broker certificate"; }
  keytool -importcert -noprompt -alias broker -file "$dir/tls/broker.crt" -storetype PKCS12 \
    -keystore "$dir/tls/truststore.p12" -storepass "$pw" >>"$dir/tls/keytool.log" 2>&1 ||
    { tail_log "$dir/tls/keytool.log"; die "keytool could not write the client truststore"; }
}

port_of() { env_get "$1/cluster.env" "KAFKA_CLUSTER_BROKER_${2}_${3}_PORT"; }

write_broker_config() {
  local dir="$1" n="$2" bdir="$1/broker-$2" env="$1/cluster.env" voters="" m
  for m in "${BROKERS[@]}"; do
    voters+="${voters:+,}$m@127.0.0.1:$(port_of "$dir" "$m" CONTROLLER)"
  done
  local sasl plain ctl
  sasl="$(port_of "$dir" "$n" SASL_SSL)"; plain="$(port_of "$dir" "$n" PLAINTEXT)"; ctl="$(port_of "$dir" "$n" CONTROLLER)"
  mkdir -p "$bdir"
  (umask 077; cat >"$bdir/server.properties" <<EOF
# Written by scripts/kafka-cluster.sh: broker $n of a local 3-node KRaft cluster.
$(combined_node_properties "$n")
controller.quorum.voters=$voters
listeners=SASL_SSL://127.0.0.1:$sasl,PLAINTEXT://127.0.0.1:$plain,CONTROLLER://127.0.0.1:$ctl
advertised.listeners=SASL_SSL://127.0.0.1:$sasl,PLAINTEXT://127.0.0.1:$plain
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$(env_get "$env" KAFKA_CLUSTER_KEYSTORE)
ssl.keystore.password=$(env_get "$env" KAFKA_CLUSTER_KEYSTORE_PASSWORD)
ssl.key.password=$(env_get "$env" KAFKA_CLUSTER_KEYSTORE_PASSWORD)
log.dirs=$bdir/kraft-logs
default.replication.factor=3
min.insync.replicas=1
$(internal_topics_properties 3 2)
EOF
  )
  cp "$dir/log4j2.properties" "$bdir/log4j2.properties"
}

format_broker() {
  local dir="$1" n="$2" bdir="$1/broker-$2" env="$1/cluster.env"
  [[ -f "$bdir/kraft-logs/meta.properties" ]] && return 0
  log "formatting broker $n's storage (with the SCRAM-SHA-512 user $SCRAM_USER)"
  if ! java -cp "$(cat "$dir/classpath.txt")" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
        kafka.tools.StorageTool format -t "$(env_get "$env" KAFKA_CLUSTER_ID)" -c "$bdir/server.properties" \
        --add-scram "SCRAM-SHA-512=[name=$SCRAM_USER,password=$(env_get "$env" KAFKA_CLUSTER_SASL_PASSWORD)]" \
        >"$bdir/format.log" 2>&1; then
    tail_log "$bdir/format.log" 30
    die "formatting broker $n failed (see $bdir/format.log). Remove $dir to start over."
  fi
}

write_log_config() {
  # the same log4j2 layout as scripts/kafka.sh
  local dir="$1"
  write_config "$dir" 0 0   # kafka.sh's writer: we keep its log4j2.properties, not its server.properties
  rm -f "$dir/server.properties"
}

broker_pid() { running_pid "$1/broker-$2/kafka.pid" "$1/broker-$2/server.properties"; }

launch_broker() {
  local dir="$1" n="$2" bdir="$1/broker-$2"
  local sasl plain ctl
  sasl="$(port_of "$dir" "$n" SASL_SSL)"; plain="$(port_of "$dir" "$n" PLAINTEXT)"; ctl="$(port_of "$dir" "$n" CONTROLLER)"
  require_free_port "$sasl" "Kafka broker $n SASL_SSL"
  require_free_port "$plain" "Kafka broker $n PLAINTEXT"
  require_free_port "$ctl" "Kafka broker $n controller"
  rotate_log "$bdir/kafka.log"
  # shellcheck disable=SC2086 # CLUSTER_HEAP_OPTS holds several JVM options
  start_background "$bdir/kafka.pid" "$bdir/kafka.log" \
    java $CLUSTER_HEAP_OPTS -XX:+UseG1GC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$bdir/log4j2.properties" \
      -cp "$(cat "$dir/classpath.txt")" kafka.Kafka "$bdir/server.properties"
  log "started broker $n (PID $STARTED_PID): SASL_SSL 127.0.0.1:$sasl, PLAINTEXT $plain, controller $ctl; log $bdir/kafka.log"
}

# wait_brokers DIR N...: until each broker's log says it started and its ports accept.
wait_brokers() {
  local dir="$1" n pending deadline
  shift
  deadline=$(( $(date +%s) + CLUSTER_START_TIMEOUT ))
  while :; do
    pending=()
    for n in "$@"; do
      local pid
      pid="$(read_pid "$dir/broker-$n/kafka.pid")"
      if ! pid_alive "$pid"; then
        tail_log "$dir/broker-$n/kafka.log"
        die "Kafka broker $n exited during start-up (see $dir/broker-$n/kafka.log)"
      fi
      if ! { grep -q 'Kafka Server started' "$dir/broker-$n/kafka.log" 2>/dev/null &&
             port_accepts "$(port_of "$dir" "$n" SASL_SSL)"; }; then
        pending+=("$n")
      fi
    done
    (( ${#pending[@]} == 0 )) && return 0
    if (( $(date +%s) >= deadline )); then
      for n in "${pending[@]}"; do tail_log "$dir/broker-$n/kafka.log" 20; done
      die "Kafka broker(s) ${pending[*]} not ready within ${CLUSTER_START_TIMEOUT}s"
    fi
    sleep 0.3
  done
}

cmd_up() {
  local dir="$1" n started to_start=()
  started="$(now_ms)"
  require_java 17 "the Kafka 4.4 broker"
  resolve_classpath "$dir"
  [[ -f "$dir/log4j2.properties" ]] || write_log_config "$dir"
  init_cluster "$dir"
  for n in "${BROKERS[@]}"; do
    if [[ -n "$(broker_pid "$dir" "$n")" ]]; then
      log "broker $n already running"
      continue
    fi
    write_broker_config "$dir" "$n"
    format_broker "$dir" "$n"
    to_start+=("$n")
  done
  for n in "${to_start[@]}"; do launch_broker "$dir" "$n"; done
  (( ${#to_start[@]} == 0 )) || wait_brokers "$dir" "${to_start[@]}"
  log "Kafka cluster ready in $(( $(now_ms) - started )) ms; connection settings in $dir/cluster.env"
  env_get "$dir/cluster.env" KAFKA_CLUSTER_BOOTSTRAP_SASL_SSL
}

cmd_down() {
  local dir="$1" n pid
  # SIGTERM all three at once: a broker stopped last, alone, has no quorum for its controlled
  # shutdown and would wait for KAFKA_STOP_TIMEOUT before the SIGKILL.
  for n in "${BROKERS[@]}"; do
    pid="$(broker_pid "$dir" "$n")"
    if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for n in "${BROKERS[@]}"; do
    stop_pidfile "$dir/broker-$n/kafka.pid" "$dir/broker-$n/server.properties" "Kafka broker $n" "$STOP_TIMEOUT"
  done
}

cmd_status() {
  local dir="$1" n pid all=0
  for n in "${BROKERS[@]}"; do
    pid="$(broker_pid "$dir" "$n")"
    if [[ -n "$pid" ]]; then
      echo "broker $n running pid=$pid sasl_ssl=127.0.0.1:$(port_of "$dir" "$n" SASL_SSL) plaintext=127.0.0.1:$(port_of "$dir" "$n" PLAINTEXT)"
    else
      echo "broker $n stopped"
      all=3
    fi
  done
  return "$all"
}

cmd_kill() {
  local dir="$1" n="$2" pid
  pid="$(broker_pid "$dir" "$n")"
  [[ -n "$pid" ]] || { log "broker $n is not running"; return 0; }
  kill -KILL "$pid"
  while pid_alive "$pid"; do sleep 0.1; done
  log "broker $n (PID $pid) killed with SIGKILL"
}

cmd_start_one() {
  local dir="$1" n="$2"
  [[ -f "$dir/cluster.env" ]] || die "no cluster in $dir: run '$SCRIPT_NAME up $dir' first"
  if [[ -n "$(broker_pid "$dir" "$n")" ]]; then
    log "broker $n already running"
    return 0
  fi
  launch_broker "$dir" "$n"
  wait_brokers "$dir" "$n"
  log "broker $n ready"
}

cluster_main() {
  local cmd="${1:-}" n="" dir
  case "$cmd" in
    up | down | status) [[ $# -eq 2 ]] || usage; dir="$2" ;;
    kill | start | stop)
      [[ $# -eq 3 && "$2" =~ ^[123]$ ]] || usage
      n="$2"; dir="$3" ;;
    *) usage ;;
  esac
  if [[ ! -d "$dir" && "$cmd" != up ]]; then
    exit_never_started "$cmd" "$dir" "Kafka cluster" up
  fi
  dir="$(abs_dir "$dir")"
  case "$cmd" in
    up) cmd_up "$dir" ;;
    down) cmd_down "$dir" ;;
    status) cmd_status "$dir" ;;
    kill) cmd_kill "$dir" "$n" ;;
    start) cmd_start_one "$dir" "$n" ;;
    stop) stop_pidfile "$dir/broker-$n/kafka.pid" "$dir/broker-$n/server.properties" "Kafka broker $n" "$STOP_TIMEOUT" ;;
  esac
}

cluster_main "$@"
