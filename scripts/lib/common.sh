# shellcheck shell=bash
# Helpers shared by scripts/*.sh (sourced, not executed).
#
# Conventions: progress and errors go to stderr; the one useful answer of a
# command (an address, a URL) goes to stdout so callers can capture it.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPT_NAME="$(basename "$0")"

log() { printf '[%s] %s\n' "$SCRIPT_NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }

# usage: print the running script's header comment (line 2 up to `set -euo pipefail`), exit 2.
usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

# now_ms: milliseconds since the epoch (for timings in messages).
now_ms() { date +%s%3N; }

# abs_dir DIR: create DIR if needed and print its absolute path.
abs_dir() {
  mkdir -p "$1" || die "cannot create directory $1"
  (cd "$1" && pwd)
}

# --- ports -------------------------------------------------------------------

# port_accepts PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_accepts() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# port_in_use PORT: true when PORT is bound for listening (any address) or accepts connections.
port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
      return 0
    fi
  fi
  port_accepts "$port"
}

# pick_free_port [EXCLUDED_PORT...]: print a port that is free now and not excluded.
# Ports come from 20000-31999, below Linux's ephemeral range (32768-60999), so
# outgoing connections do not take them between the check and the bind.
pick_free_port() {
  local port excluded
  for _ in $(seq 1 200); do
    port=$(( ((RANDOM << 15) | RANDOM) % 12000 + 20000 ))
    for excluded in "$@"; do
      [[ "$port" == "$excluded" ]] && continue 2
    done
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free TCP port found in 20000-31999 after 200 attempts"
}

# require_free_port PORT WHAT: fail with a clear message when PORT is taken.
require_free_port() {
  local port="$1" what="$2"
  if port_in_use "$port"; then
    local holder=""
    if command -v ss >/dev/null 2>&1; then
      holder="$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n1 | sed -n 's/.*users:(\(.*\))/\1/p')"
    fi
    die "port $port ($what) is already in use${holder:+ by $holder}. Stop that process, or choose another port (remove the recorded ports in the state dir or set the port variable)."
  fi
}

# --- processes -----------------------------------------------------------------

# pid_alive PID: true when PID is a running (non-zombie) process.
pid_alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]]
}

# pid_cmdline_has PID TEXT: true when the command line of PID contains TEXT.
# Guards against signalling an unrelated process that reused a recorded PID.
pid_cmdline_has() {
  local pid="$1" text="$2"
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$text"
}

# read_pid PIDFILE: print the PID recorded in PIDFILE (empty when none).
read_pid() {
  if [[ -f "$1" ]]; then tr -dc '0-9' <"$1"; fi
}

# running_pid PIDFILE MARKER: print the recorded PID if that process is alive and
# its command line contains MARKER; nothing otherwise.
running_pid() {
  local pid
  pid="$(read_pid "$1")"
  if [[ -n "$pid" ]] && pid_alive "$pid" && pid_cmdline_has "$pid" "$2"; then
    echo "$pid"
  fi
}

# stop_pidfile PIDFILE MARKER WHAT [TERM_TIMEOUT_S]: stop exactly the recorded process.
# SIGTERM, wait up to TERM_TIMEOUT_S (default 30), then SIGKILL and wait up to 10 s.
# Idempotent: no file or no such process is success. Removes the PID file.
stop_pidfile() {
  local pidfile="$1" marker="$2" what="$3" timeout_s="${4:-30}" pid deadline
  pid="$(read_pid "$pidfile")"
  if [[ -z "$pid" ]]; then
    log "$what: not running (no PID file)"
    rm -f "$pidfile"
    return 0
  fi
  if ! pid_alive "$pid"; then
    log "$what: not running (PID $pid already gone)"
    rm -f "$pidfile"
    return 0
  fi
  if ! pid_cmdline_has "$pid" "$marker"; then
    log "$what: PID $pid is not ours any more (command line lacks $marker); leaving it alone"
    rm -f "$pidfile"
    return 0
  fi
  local started
  started="$(now_ms)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + timeout_s ))
  while pid_alive "$pid" && (( $(date +%s) < deadline )); do sleep 0.1; done
  if pid_alive "$pid"; then
    log "$what: PID $pid ignored SIGTERM for ${timeout_s}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$(( $(date +%s) + 10 ))
    while pid_alive "$pid" && (( $(date +%s) < deadline )); do sleep 0.1; done
    pid_alive "$pid" && die "$what: PID $pid survived SIGKILL"
  fi
  rm -f "$pidfile"
  log "$what: stopped PID $pid in $(( $(now_ms) - started )) ms"
}

# start_background PIDFILE LOGFILE CMD...: start CMD detached (own session, stdin
# from /dev/null, stdout+stderr appended to LOGFILE), record its PID in PIDFILE
# and in the variable STARTED_PID.
# The recorded PID is CMD's own PID: setsid only forks when it is already a process
# group leader, which a background job of a non-interactive shell is not.
start_background() {
  local pidfile="$1" logfile="$2"
  shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  STARTED_PID=$!
  echo "$STARTED_PID" >"$pidfile"
}

# tail_log FILE [LINES]: print the end of FILE to stderr, indented.
tail_log() {
  local file="$1" lines="${2:-40}"
  if [[ -s "$file" ]]; then
    printf -- '--- last %s lines of %s ---\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" | sed 's/^/    /' >&2
    printf -- '---\n' >&2
  fi
}

# rotate_log FILE: keep the previous run's log as FILE.prev, start FILE empty.
rotate_log() {
  if [[ -e "$1" ]]; then mv -f "$1" "$1.prev"; fi
  : >"$1"
}

# --- state files -----------------------------------------------------------------

# env_get FILE KEY: print KEY's value from a KEY=VALUE file (empty when absent).
env_get() {
  [[ -f "$1" ]] || return 0
  sed -n "s/^$2=//p" "$1" | tail -n1
}

# --- packages ------------------------------------------------------------------------

# apt_install HINT PACKAGE...: install the packages with apt-get when running as root; otherwise
# die with HINT (what to install, and how).
apt_install() {
  local hint="$1" started apt_log
  shift
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then die "$hint"; fi
  started="$(now_ms)"
  apt_log="$(mktemp "${TMPDIR:-/tmp}/$SCRIPT_NAME-apt.XXXXXX")"
  log "installing $* with apt-get (log $apt_log)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q >"$apt_log" 2>&1 ||
     ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends \
         "$@" >>"$apt_log" 2>&1; then
    tail_log "$apt_log" 30
    die "apt-get could not install $* (see $apt_log)"
  fi
  rm -f "$apt_log"
  log "installed in $(( $(now_ms) - started )) ms"
}

# require_java MAJOR WHAT: java MAJOR or newer on PATH, or die saying that WHAT needs it.
require_java() {
  local min="$1" what="$2" major
  command -v java >/dev/null 2>&1 ||
    die "java not found on PATH: $what needs Java $min+ (apt-get install -y openjdk-17-jre-headless)."
  major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [[ -n "$major" && "$major" -ge "$min" ]] ||
    die "java on PATH is version ${major:-unknown}: $what needs Java $min+ (set JAVA_HOME/PATH)."
}

# --- maven -------------------------------------------------------------------------

# mvn_cmd: the repository's Maven wrapper when usable, else mvn from PATH.
mvn_cmd() {
  if [[ -x "$REPO_ROOT/mvnw" ]]; then
    echo "$REPO_ROOT/mvnw"
  elif command -v mvn >/dev/null 2>&1; then
    command -v mvn
  else
    die "neither $REPO_ROOT/mvnw nor mvn found. Install Maven 3.8+ (apt-get install -y maven) or restore the wrapper."
  fi
}

# --- servers ---------------------------------------------------------------------

# A server script (kafka.sh, zookeeper.sh, clickhouse.sh) controls one server that lives in a
# directory DIR. It names the server once: SERVER_NAME (in messages), SERVER_PID_FILE and
# SERVER_MARKER (file names in DIR; the server's command line names the marker, so a recorded PID
# that another process reused is never signalled) and STOP_TIMEOUT (seconds between SIGTERM and
# SIGKILL); defines cmd_start DIR and status_details DIR (what its status line adds); and ends
# with server_main "$@", which provides stop, restart and status.

# server_already_running DIR: true (and says so) when the server recorded in DIR runs; otherwise
# removes a stale PID file and returns false.
server_already_running() {
  local pid
  pid="$(running_pid "$1/$SERVER_PID_FILE" "$1/$SERVER_MARKER")"
  if [[ -n "$pid" ]]; then
    log "already running (PID $pid)"
    return 0
  fi
  rm -f "${1:?}/$SERVER_PID_FILE"
  return 1
}

# server_stop DIR [TIMEOUT_S]: stop exactly the recorded server (see stop_pidfile). Idempotent.
server_stop() {
  stop_pidfile "$1/$SERVER_PID_FILE" "$1/$SERVER_MARKER" "$SERVER_NAME" "${2:-$STOP_TIMEOUT}"
}

# server_status DIR: "running pid=N DETAILS" (exit 0) or "stopped" (exit 3).
server_status() {
  local pid
  pid="$(running_pid "$1/$SERVER_PID_FILE" "$1/$SERVER_MARKER")"
  if [[ -n "$pid" ]]; then
    echo "running pid=$pid $(status_details "$1")"
  else
    echo "stopped"
    return 3
  fi
}

# server_main CMD DIR [ARG...]: the command line of a server script. CMD is start, stop, restart,
# status, or one of SERVER_COMMANDS (that script's own: cmd_CMD DIR [ARG...]); only those listed
# in SERVER_COMMANDS_WITH_ARGS take ARGs. Anything else prints the usage (exit 2).
server_main() {
  (( $# >= 2 )) || usage
  local cmd="$1" dir
  # shellcheck disable=SC2086 # the command lists are words
  if ! one_of "$cmd" start stop restart status ${SERVER_COMMANDS:-}; then
    one_of "$cmd" -h --help help || log "unknown command '$cmd'"
    usage
  fi
  # shellcheck disable=SC2086
  (( $# == 2 )) || one_of "$cmd" ${SERVER_COMMANDS_WITH_ARGS:-} || usage
  if [[ ! -d "$2" && "$cmd" != start && "$cmd" != restart ]]; then
    exit_never_started "$cmd" "$2" "$SERVER_NAME" start
  fi
  dir="$(abs_dir "$2")"
  shift 2
  case "$cmd" in
    start) cmd_start "$dir" ;;
    stop) server_stop "$dir" ;;
    restart) server_stop "$dir"; cmd_start "$dir" ;;
    status) server_status "$dir" ;;
    *) "cmd_$cmd" "$dir" "$@" ;;
  esac
}

# await_ready PID TIMEOUT_S INTERVAL_S CHECK...: run CHECK every INTERVAL_S until it succeeds.
# 0 = ready, 1 = process PID died, 2 = timed out.
await_ready() {
  local pid="$1" timeout_s="$2" interval="$3" deadline
  shift 3
  deadline=$(( $(date +%s) + timeout_s ))
  while (( $(date +%s) < deadline )); do
    pid_alive "$pid" || return 1
    if "$@"; then return 0; fi
    sleep "$interval"
  done
  return 2
}

# one_of WORD CHOICE...: true when WORD is one of the CHOICEs.
one_of() {
  local word="$1" choice
  shift
  for choice in "$@"; do [[ "$word" == "$choice" ]] && return 0; done
  return 1
}

# exit_never_started CMD DIR WHAT START_CMD: answer CMD for a DIR that does not exist (nothing
# was ever started there), without creating it, and exit: status prints "stopped" (exit 3);
# stop, down and kill say WHAT is not running (exit 0); any other command fails naming START_CMD.
exit_never_started() {
  local cmd="$1" dir="$2" what="$3" start_cmd="$4"
  case "$cmd" in
    status) echo "stopped"; exit 3 ;;
    stop | down | kill) log "$what: not running ($dir does not exist)"; exit 0 ;;
    *) die "no $what in $dir (run: $0 $start_cmd $dir)" ;;
  esac
}

# --- starting on free ports -------------------------------------------------------

# given_ports ENV_FILE VAR...: print one line per VAR: its value in the environment, else the one
# recorded in ENV_FILE, else an empty line (a port still to pick).
given_ports() {
  local env_file="$1" var
  shift
  for var in "$@"; do
    printf '%s\n' "${!var:-$(env_get "$env_file" "$var")}"
  done
}

# pick_missing_ports PORT...: print the ports, a free one in place of each empty one (never one
# of the others).
pick_missing_ports() {
  local ports=("$@") i
  for i in "${!ports[@]}"; do
    [[ -n "${ports[i]}" ]] || ports[i]="$(pick_free_port "${ports[@]}")"
  done
  printf '%s\n' "${ports[@]}"
}

# require_usable_ports WHAT NAMES_VAR VARS_VAR PORT...: every port distinct and free, else die
# naming the port (NAMES_VAR and VARS_VAR name arrays: each port's name and variable).
require_usable_ports() {
  local what="$1" i j
  local -n port_names="$2" port_vars="$3"
  shift 3
  local ports=("$@")
  for i in "${!ports[@]}"; do
    for (( j = i + 1; j < ${#ports[@]}; j++ )); do
      [[ "${ports[i]}" != "${ports[j]}" ]] ||
        die "${port_names[i]} and ${port_names[j]} port are both ${ports[i]}; set ${port_vars[i]} and ${port_vars[j]} to different ports"
    done
    require_free_port "${ports[i]}" "$what ${port_names[i]}"
  done
}

# start_on_ports HOOKS DIR ENV_FILE NAME VAR [NAME VAR...]: start the server of a server script
# (see server_main) in DIR, listening on one or more ports. NAME names a port in messages; VAR is
# the variable that fixes it, and the key under which DIR/ENV_FILE records it (a restart reuses
# the recorded ports). Ports neither fixed nor recorded are picked free. When all were picked and
# another process took one before the server bound it, it retries on new ports (3 attempts).
# HOOKS is the prefix of functions the caller defines (they find DIR in SERVER_DIR):
#   HOOKS_prepare PORT...   write the configuration for these ports and log what starts
#   HOOKS_launch            start the server with start_background into its PID file
#   HOOKS_ready PID PORT    0 = ready, 1 = the process died, 2 = timed out (see await_ready)
#   HOOKS_timed_out PORT    show the logs, stop the server and die
#   HOOKS_bind_lost         true when the dead server's logs say 'Address already in use'
#   HOOKS_retry             clean up what was bound to the old ports before the next attempt
#   HOOKS_died              show the logs and die (the server exited for another reason)
# (PORT: the first one.) On success it logs the start-up time and sets STARTED_PORTS.
start_on_ports() {
  local hooks="$1" env_file="$2/$3" names=() vars=() given ports attempt auto=false
  SERVER_DIR="$2"
  shift 3
  while (( $# )); do names+=("$1"); vars+=("$2"); shift 2; done
  mapfile -t given < <(given_ports "$env_file" "${vars[@]}")
  [[ -n "$(printf '%s' "${given[@]}")" ]] || auto=true
  for attempt in 1 2 3; do
    mapfile -t ports < <(pick_missing_ports "${given[@]}")
    (( ${#ports[@]} == ${#vars[@]} )) || die "$SERVER_NAME: no free ports found"
    require_usable_ports "$SERVER_NAME" names vars "${ports[@]}"
    launch_and_await "$hooks" "${ports[@]}"
    if $LAUNCHED_READY; then
      # shellcheck disable=SC2034 # read by the caller
      STARTED_PORTS=("${ports[@]}")
      return 0
    fi
    if ! $auto || ! "${hooks}_bind_lost"; then "${hooks}_died"; fi
    log "a free port was taken meanwhile (attempt $attempt); retrying on new ports"
    "${hooks}_retry"
  done
  die "$SERVER_NAME could not bind free ports after 3 attempts"
}

# launch_and_await HOOKS PORT...: prepare, launch and await the server once (see start_on_ports);
# sets LAUNCHED_READY to true, or to false when it died (its PID file removed).
# (Not a test: the hooks run under `set -e`, which a condition would switch off.)
launch_and_await() {
  local hooks="$1" started rc=0
  shift
  "${hooks}_prepare" "$@"
  started="$(now_ms)"
  "${hooks}_launch"
  "${hooks}_ready" "$STARTED_PID" "$1" || rc=$?
  LAUNCHED_READY=false
  if (( rc == 0 )); then
    log "$SERVER_NAME ready in $(( $(now_ms) - started )) ms (PID $STARTED_PID)"
    LAUNCHED_READY=true
    return 0
  fi
  if (( rc == 2 )); then "${hooks}_timed_out" "$1"; fi
  rm -f "$SERVER_DIR/$SERVER_PID_FILE"
}

# classpath_ok FILE PATTERN...: FILE holds a classpath (':'-separated) whose jars all exist and
# that has a jar matching each PATTERN (grep, basic regex).
classpath_ok() {
  local file="$1" jar jars pattern
  shift
  [[ -s "$file" ]] || return 1
  IFS=':' read -r -a jars <"$file"
  for jar in "${jars[@]}"; do [[ -f "$jar" ]] || return 1; done
  for pattern in "$@"; do grep -q -- "$pattern" "$file" || return 1; done
}

# resolve_maven_classpath DIR POM CACHE_DIR WHAT PATTERN...: write DIR/classpath.txt with the
# classpath of POM (`dependency:build-classpath`). Maven's answer is cached in CACHE_DIR (a
# gitignored target/) while the POM is unchanged and classpath_ok FILE PATTERN... accepts it;
# WHAT names the component in messages. The cache is replaced atomically, so concurrent starts
# never read a half-written one.
resolve_maven_classpath() {
  local dir="$1" pom="$2" cache_dir="$3" what="$4"
  local out="$dir/classpath.txt" cache="$cache_dir/classpath.txt" tmp mvn started
  shift 4
  if classpath_ok "$out" "$@"; then return 0; fi
  if classpath_ok "$cache" "$@" && [[ "$cache" -nt "$pom" ]]; then
    cp "$cache" "$out"
    return 0
  fi
  mvn="$(mvn_cmd)"
  mkdir -p "$cache_dir"
  tmp="$(mktemp "$cache_dir/classpath.XXXXXX")"
  log "resolving the $what classpath from $pom (a cold ~/.m2 downloads it from Maven Central)"
  started="$(now_ms)"
  if ! (cd "$REPO_ROOT" && "$mvn" -B -q -f "$pom" dependency:build-classpath \
          -Dmdep.outputFile="$tmp" >"$dir/classpath-resolve.log" 2>&1); then
    rm -f "$tmp"
    tail_log "$dir/classpath-resolve.log" 30
    die "could not resolve the $what classpath with $mvn -f $pom. Check network access to Maven Central (or ~/.m2/settings.xml mirrors)."
  fi
  classpath_ok "$tmp" "$@" || { rm -f "$tmp"; die "the resolved $what classpath is empty or incomplete (see $dir/classpath-resolve.log)"; }
  mv -f "$tmp" "$cache"
  cp "$cache" "$out"
  log "classpath resolved in $(( $(now_ms) - started )) ms ($(tr ':' '\n' <"$out" | wc -l) jars)"
}
