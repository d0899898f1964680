#!/usr/bin/env bash
# How fast the consumer stores live-state observations (README "The live-state table"), against a
# real Kafka broker and a real ClickHouse server: N synthetic observation records (1,000 queues, a
# snapshot every 15 s) published as the producer publishes them, then the real consumer with
# observations.enabled (in process, bench.ObservationConsumerBench) until all are stored; the rows
# are then counted through FINAL.
#
# Usage: scripts/bench-observations.sh [--records N] [--queues N] [--xmx SIZE]
#                                      [--kafka HOST:PORT] [--clickhouse URL] [--work-dir DIR] [--keep]
#
#   --records N   observation records (default 1000000, ~55 snapshots of 1,000 queues)
#   --queues N    queues per snapshot (default 1000)
#   --xmx SIZE    heap of the consumer JVM (default 512m)
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -B -DskipTests package -pl benchmarks -am).
# Prints key=value lines: rows/s, CPU µs per row, peak heap, bytes on the wire.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"


RECORDS=1000000
QUEUES=1000
XMX=512m
while (( $# )); do
  case "$1" in
    --records) RECORDS="$2"; shift 2 ;;
    --queues) QUEUES="$2"; shift 2 ;;
    --xmx) XMX="$2"; shift 2 ;;
    *) bench_server_option "$@"; shift "$OPTION_WORDS" ;;
  esac
done
[[ "$RECORDS" =~ ^[0-9]+$ && "$RECORDS" -gt 0 ]] || die "--records must be a positive number (was $RECORDS)"
[[ "$QUEUES" =~ ^[0-9]+$ && "$QUEUES" -gt 0 ]] || die "--queues must be a positive number (was $QUEUES)"
[[ "$XMX" =~ ^[0-9]+[kmgKMG]$ ]] || die "--xmx must look like 256m or 1g (was $XMX)"
bench_require_jar
bench_work_dir bench-observations
bench_start_servers
curl -sS --fail-with-body "$CLICKHOUSE/" --data-binary "CREATE DATABASE IF NOT EXISTS bench" >/dev/null \
  || die "ClickHouse at $CLICKHOUSE refused CREATE DATABASE"

log "$RECORDS observation records of $QUEUES queues; consumer -Xmx$XMX"
java "-Xmx$XMX" -cp "$JAR" org.queueanalytics.bench.ObservationConsumerBench --bootstrap "$KAFKA" --clickhouse "$CLICKHOUSE" \
  --records "$RECORDS" --queues "$QUEUES" --work-dir "$WORK" >"$WORK/result.env" 2>"$WORK/consumer.log" \
  || { tail -n 40 "$WORK/consumer.log" >&2; die "the observations benchmark failed (log: $WORK/consumer.log)"; }
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), load $(loadavg)"
cat "$WORK/result.env"
