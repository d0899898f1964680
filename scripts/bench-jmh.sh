#!/usr/bin/env bash
# JMH micro-benchmarks of the consumer's hot path (JSON decoding, VALUES encoding, native LZ4
# framing, CityHash128), one thread each, reported as rows/s and MB/s per core.
#
# Usage: scripts/bench-jmh.sh [options] [-- extra JMH options]
#
#   --quick              1 warm-up and 3 measured iterations of 1 s (a smoke run; default 4 × 2 s and 5 × 2 s)
#   --only REGEX         run only the benchmarks matching REGEX (JMH syntax)
#   --label NAME         section of docs/BENCHMARKS.md to (re)write (default jmh)
#   --doc FILE | --no-doc
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -B -DskipTests package -pl benchmarks -am).
# JMH measures wall time: run it on a quiet machine (the load average is recorded with the figures).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"

LABEL=jmh
ONLY=""
JMH_OPTS=()
QUICK=false

while (( $# )); do
  case "$1" in
    --quick) QUICK=true; shift ;;
    --only) ONLY="$2"; shift 2 ;;
    --) shift; JMH_OPTS+=("$@"); break ;;
    *) bench_report_option "$@"; shift "$OPTION_WORDS" ;;
  esac
done
bench_require_jar
if $QUICK; then JMH_OPTS=(-wi 1 -w 1s -i 3 -r 1s "${JMH_OPTS[@]}"); fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-jmh.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
MACHINE="$WORK/machine.env"
bench_results "$MACHINE"
put_machine
put run.command "scripts/bench-jmh.sh$($QUICK && echo " --quick" || true)${ONLY:+ --only $ONLY}"
put run.load_start "$(loadavg)"

log "running JMH (about 2 minutes; -h for options)"
java -jar "$JAR" -rf json -rff "$WORK/jmh.json" "${JMH_OPTS[@]}" ${ONLY:+"$ONLY"} >"$WORK/jmh.log" 2>&1 ||
  { tail_log "$WORK/jmh.log"; die "JMH failed"; }
put run.load_end "$(loadavg)"
cp "$WORK/jmh.json" "$REPO_ROOT/benchmarks/target/last-jmh.json" 2>/dev/null || true

java -cp "$JAR" org.queueanalytics.bench.report.BenchReport jmh --results "$WORK/jmh.json" --machine "$MACHINE" \
  --label "$LABEL" ${DOC:+--doc "$DOC"}
