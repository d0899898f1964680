# shellcheck shell=bash
# Helpers shared by scripts/*.sh (sourced, not executed).
#
# Conventions: progress and errors go to stderr; the one useful answer of a
# command (an address, a URL) goes to stdout so callers can capture it.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPT_NAME="$(basename "$0")"

log() { printf '[%s] %s\n' "$SCRIPT_NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }

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

# already_running PIDFILE MARKER: true (and says so) when the recorded server runs;
# otherwise removes a stale PIDFILE and returns false.
already_running() {
  local pid
  pid="$(running_pid "$1" "$2")"
  if [[ -n "$pid" ]]; then
    log "already running (PID $pid)"
    return 0
  fi
  rm -f "$1"
  return 1
}

# report_status PIDFILE MARKER DETAILS: "running pid=N DETAILS" (exit 0) or "stopped" (exit 3).
report_status() {
  local pid
  pid="$(running_pid "$1" "$2")"
  if [[ -n "$pid" ]]; then
    echo "running pid=$pid $3"
  else
    echo "stopped"
    return 3
  fi
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

# start_on_ports WHAT HOOKS PIDFILE NAME_A VAR_A PORT_A NAME_B VAR_B PORT_B: start a server
# that listens on two ports (NAME_x names a port in messages, VAR_x is the variable that fixes
# it), picking free ones for those given empty. When both were picked and another process took
# one before the server bound it, it retries on new ports (3 attempts in all).
# HOOKS is the prefix of functions the caller defines:
#   HOOKS_prepare A B   write the configuration for these ports and log what starts
#   HOOKS_launch        start the server with start_background into PIDFILE (sets STARTED_PID)
#   HOOKS_ready PID A   0 = ready, 1 = the process died, 2 = timed out (see await_ready)
#   HOOKS_timed_out A   show the logs, stop the server and die
#   HOOKS_bind_lost     true when the dead server's logs say 'Address already in use'
#   HOOKS_retry         clean up what was bound to the old ports before the next attempt
#   HOOKS_died          show the logs and die (the server exited for another reason)
# On success it logs the start-up time and sets STARTED_PORT_A and STARTED_PORT_B.
start_on_ports() {
  local what="$1" hooks="$2" pidfile="$3" name_a="$4" var_a="$5" a="$6" name_b="$7" var_b="$8" b="$9"
  local auto=false attempt started rc
  [[ -z "$a" && -z "$b" ]] && auto=true
  for attempt in 1 2 3; do
    [[ -n "$a" ]] || a="$(pick_free_port)"
    [[ -n "$b" ]] || b="$(pick_free_port "$a")"
    [[ "$a" != "$b" ]] || die "$name_a and $name_b port are both $a; set $var_a and $var_b to different ports"
    require_free_port "$a" "$what $name_a"
    require_free_port "$b" "$what $name_b"
    "${hooks}_prepare" "$a" "$b"
    started="$(now_ms)"
    "${hooks}_launch"
    rc=0; "${hooks}_ready" "$STARTED_PID" "$a" || rc=$?
    if (( rc == 0 )); then
      log "$what ready in $(( $(now_ms) - started )) ms (PID $STARTED_PID)"
      STARTED_PORT_A="$a"; STARTED_PORT_B="$b"
      return 0
    fi
    if (( rc == 2 )); then
      "${hooks}_timed_out" "$a"
    fi
    rm -f "$pidfile"
    if $auto && "${hooks}_bind_lost"; then
      log "a free port was taken meanwhile (attempt $attempt); retrying on new ports"
      a=""; b=""
      "${hooks}_retry"
      continue
    fi
    "${hooks}_died"
  done
  die "$what could not bind free ports after 3 attempts"
}

# resolve_maven_classpath DIR POM CACHE_DIR WHAT CHECK_FN: write DIR/classpath.txt with the
# classpath of POM (`dependency:build-classpath`). Maven's answer is cached in CACHE_DIR (a
# gitignored target/) while the POM is unchanged and CHECK_FN FILE accepts it (its jars exist);
# WHAT names the component in messages. The cache is replaced atomically, so concurrent starts
# never read a half-written one.
resolve_maven_classpath() {
  local dir="$1" pom="$2" cache_dir="$3" what="$4" check="$5"
  local out="$dir/classpath.txt" cache="$cache_dir/classpath.txt" tmp mvn started
  if "$check" "$out"; then return 0; fi
  if "$check" "$cache" && [[ "$cache" -nt "$pom" ]]; then
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
  "$check" "$tmp" || { rm -f "$tmp"; die "the resolved $what classpath is empty or incomplete (see $dir/classpath-resolve.log)"; }
  mv -f "$tmp" "$cache"
  cp "$cache" "$out"
  log "classpath resolved in $(( $(now_ms) - started )) ms ($(tr ':' '\n' <"$out" | wc -l) jars)"
}
