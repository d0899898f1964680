#!/usr/bin/env bash
# Producer benchmark: Genesys API requests per cycle and records/s for 1,000 and 5,000 queues
# against the emulator (records published to a real Kafka broker), and end-to-end freshness
# (emulator answer → row visible in a real ClickHouse) at default settings.
#
# Usage: scripts/bench-producer.sh [options]
#
#   --queues LIST          queue counts for requests and records/s (default 1000,5000)
#   --freshness-queues N   queues of the freshness run (default 200, as the consumer benchmark)
#   --freshness-cycles N   live cycles measured after the first one (default 4)
#   --kafka HOST:PORT      use this broker instead of starting one
#   --clickhouse URL       use this ClickHouse instead of starting one
#   --work-dir DIR         keep servers and results here (default: a temp dir, removed)
#   --keep                 do not remove the work dir
#   --label NAME           section of docs/BENCHMARKS.md to (re)write (default producer)
#   --doc FILE | --no-doc  the document to update (default docs/BENCHMARKS.md)
#   --no-request-report    skip producer/src/test/…/bench/RequestCountReport (Kafka-free request
#                          counts incl. a 30-day backfill, 1,000 queues; run through Maven)
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -B -DskipTests package -pl benchmarks -am).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"

QUEUES=1000,5000
FRESHNESS_QUEUES=200
FRESHNESS_CYCLES=4
LABEL=producer
REQUEST_REPORT=true

while (( $# )); do
  case "$1" in
    --queues) QUEUES="$2"; shift 2 ;;
    --freshness-queues) FRESHNESS_QUEUES="$2"; shift 2 ;;
    --freshness-cycles) FRESHNESS_CYCLES="$2"; shift 2 ;;
    --no-request-report) REQUEST_REPORT=false; shift ;;
    *) bench_server_option "$@"; shift "$OPTION_WORDS" ;;
  esac
done
[[ "$QUEUES" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--queues must be comma-separated numbers (was $QUEUES)"
bench_require_jar

bench_work_dir bench-producer
bench_start_servers
curl -sS --fail-with-body "$CLICKHOUSE/" --data-binary "CREATE DATABASE IF NOT EXISTS bench" >/dev/null

bench_results "$WORK/results.env"
put_machine
put machine.clickhouse "$(curl -sS "$CLICKHOUSE/" --data-binary "SELECT version()")"
put machine.kafka "$(env_get "$WORK/kafka/kafka.env" KAFKA_VERSION)"
put run.command "scripts/bench-producer.sh --queues $QUEUES --freshness-queues $FRESHNESS_QUEUES --freshness-cycles $FRESHNESS_CYCLES"
put run.load_start "$(loadavg)"

log "requests and records/s for $QUEUES queues"
# The emulator runs in the same JVM and keeps every bucket it served (its ledger): ~1.7 million
# for the first cycle of 5,000 queues, hence the heap.
java -Xmx6g -cp "$JAR" org.queueanalytics.bench.ProducerBench --bootstrap "$KAFKA" --queues "$QUEUES" --work-dir "$WORK" \
  >"$WORK/producer.out" 2>"$WORK/producer.log" || { tail_log "$WORK/producer.log"; die "the producer benchmark failed"; }
cat "$WORK/producer.out" >>"$RESULTS"
# Freshness in a JVM of its own, so that nothing of the run above (heap, JIT, garbage) is in the way.
log "freshness with $FRESHNESS_QUEUES queues, $FRESHNESS_CYCLES live cycles after the first one"
java -Xmx2g -cp "$JAR" org.queueanalytics.bench.ProducerBench --bootstrap "$KAFKA" --clickhouse "$CLICKHOUSE" --queues 0 \
  --freshness-queues "$FRESHNESS_QUEUES" --freshness-cycles "$FRESHNESS_CYCLES" --work-dir "$WORK" \
  >"$WORK/freshness.out" 2>"$WORK/freshness.log" || { tail_log "$WORK/freshness.log"; die "the freshness benchmark failed"; }
cat "$WORK/freshness.out" >>"$RESULTS"
put run.load_end "$(loadavg)"

if $REQUEST_REPORT; then
  log "RequestCountReport (producer tests, Kafka-free: request counts incl. a 30-day backfill)"
  if (cd "$REPO_ROOT" && "$(mvn_cmd)" -B -o -q -pl producer test -Dtest=RequestCountReport -Dbenchmark.excludedGroups= \
        -Dsurefire.failIfNoSpecifiedTests=false >"$WORK/request-report.log" 2>&1) &&
     [[ -f "$REPO_ROOT/producer/target/request-count-report.txt" ]]; then
    cp "$REPO_ROOT/producer/target/request-count-report.txt" "$WORK/request-count-report.txt"
    put request_report.file "$WORK/request-count-report.txt"
  else
    log "RequestCountReport did not run (see $WORK/request-report.log); its figures are left out"
  fi
fi

java -cp "$JAR" org.queueanalytics.bench.report.BenchReport producer --results "$RESULTS" --label "$LABEL" ${DOC:+--doc "$DOC"}
