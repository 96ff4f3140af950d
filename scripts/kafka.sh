#!/usr/bin/env bash
# A local Apache Kafka broker for development and tests: one JVM, KRaft broker + controller,
# bound to 127.0.0.1 only. Kafka itself is resolved from Maven Central with Maven (see
# scripts/kafka/pom.xml), so nothing but Java 17+ and Maven has to be installed.
#
#   scripts/kafka.sh start | stop | status | logs [-f | LINES] | reset | fetch
#
# Everything lives under COPYDESK_BROKER_HOME (default: <repo>/.kafka, gitignored):
#   lib/               the jars (shared between homes with COPYDESK_BROKER_LIB)
#   data/              the broker's log dir (topics, offsets, KRaft metadata)
#   logs/server.log    the broker's log; logs/kafka.out the JVM's own stdout/stderr
#   server.properties  rendered from scripts/kafka/server.properties.in on every start
#   broker.pid, cluster.id
# Environment: COPYDESK_BROKER_PORT (9092), COPYDESK_BROKER_CONTROLLER_PORT (9093),
# COPYDESK_BROKER_HEAP (512m), COPYDESK_BROKER_START_TIMEOUT (90 s), COPYDESK_BROKER_STOP_TIMEOUT
# (30 s), COPYDESK_BROKER_HOME, COPYDESK_BROKER_LIB; JAVA_HOME is used when set. See docs/kafka.md.
set -euo pipefail

# Resolve the repo from this file (through symlinks), not from $PWD, so the script works from
# any directory.
SCRIPT_DIR=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd -P)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
CONF_DIR=$SCRIPT_DIR/kafka
POM=$CONF_DIR/pom.xml

# Relative paths in the environment are taken relative to the repo root (like config/ paths).
abs_path() {
    case $1 in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$ROOT/$1" ;;
    esac
}

KAFKA_HOME_DIR=$(abs_path "${COPYDESK_BROKER_HOME:-.kafka}")
LIB_DIR=$(abs_path "${COPYDESK_BROKER_LIB:-$KAFKA_HOME_DIR/lib}")
DATA_DIR=$KAFKA_HOME_DIR/data
LOG_DIR=$KAFKA_HOME_DIR/logs
PID_FILE=$KAFKA_HOME_DIR/broker.pid
PROPS=$KAFKA_HOME_DIR/server.properties
CLUSTER_ID_FILE=$KAFKA_HOME_DIR/cluster.id
SCRIPT_LOCK=$KAFKA_HOME_DIR/.kafka.sh.lock
SERVER_LOG=$LOG_DIR/server.log
JVM_OUT=$LOG_DIR/kafka.out
LIB_STAMP=.pom.sha256   # in LIB_DIR: checksum of the pom the jars were resolved from

PORT=${COPYDESK_BROKER_PORT:-9092}
CONTROLLER_PORT=${COPYDESK_BROKER_CONTROLLER_PORT:-9093}
HEAP=${COPYDESK_BROKER_HEAP:-512m}
START_TIMEOUT=${COPYDESK_BROKER_START_TIMEOUT:-90}
STOP_TIMEOUT=${COPYDESK_BROKER_STOP_TIMEOUT:-30}

# The log line KafkaRaftServer writes once both the controller and the broker are up.
STARTED_LINE='Kafka Server started'

# ---------------------------------------------------------------------------------------------
# Output

say() { printf 'kafka.sh: %s\n' "$*"; }
note() { printf 'kafka.sh: note: %s\n' "$*" >&2; }
die() {
    printf 'kafka.sh: error: %s\n' "$*" >&2
    exit 1
}

usage() {
    cat >&2 <<EOF
usage: scripts/kafka.sh start | stop | status | logs [-f | LINES] | reset | fetch

  start   start the local broker (127.0.0.1:$PORT) and wait until it serves requests
  stop    stop it (SIGTERM, SIGKILL after ${STOP_TIMEOUT} s)
  status  running or stopped (exit code 0 / 3)
  logs    the last lines of its log (default 100); -f follows it
  reset   stop it and delete its data (topics, offsets); keeps the jars
  fetch   only resolve Kafka's jars with Maven (start does it when needed)

home: $KAFKA_HOME_DIR (COPYDESK_BROKER_HOME); see docs/kafka.md
EOF
    exit 2
}

# ---------------------------------------------------------------------------------------------
# Small helpers

# Microseconds since the epoch (EPOCHREALTIME is bash 5; its decimal mark follows the locale).
now_us() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        local t=${EPOCHREALTIME//[.,]/}
        printf '%s\n' "$((10#$t))"
    else
        printf '%s\n' "$(($(date +%s%N) / 1000))"
    fi
}

# Seconds (one decimal) since a now_us value.
seconds_since() {
    local tenths=$((($(now_us) - $1) / 100000))
    printf '%d.%d' $((tenths / 10)) $((tenths % 10))
}

require_int() { # name value
    [[ $2 =~ ^[0-9]+$ ]] || die "$1 must be a whole number, got '$2'"
}

validate_env() {
    require_int COPYDESK_BROKER_PORT "$PORT"
    require_int COPYDESK_BROKER_CONTROLLER_PORT "$CONTROLLER_PORT"
    require_int COPYDESK_BROKER_START_TIMEOUT "$START_TIMEOUT"
    require_int COPYDESK_BROKER_STOP_TIMEOUT "$STOP_TIMEOUT"
    local p
    for p in "$PORT" "$CONTROLLER_PORT"; do
        ((p >= 1 && p <= 65535)) || die "port $p is out of range (1-65535)"
    done
    [[ $PORT != "$CONTROLLER_PORT" ]] ||
        die "COPYDESK_BROKER_PORT and COPYDESK_BROKER_CONTROLLER_PORT are both $PORT; they must differ"
    [[ $HEAP =~ ^[0-9]+[kKmMgG]?$ ]] || die "COPYDESK_BROKER_HEAP must look like 512m or 1g, got '$HEAP'"
}

kafka_version() {
    sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n 1
}

# The address clients use, from the server.properties the running broker was started with
# (the environment of this call may name other ports).
broker_address() {
    local addr=""
    [[ -f $PROPS ]] && addr=$(sed -n 's|^advertised.listeners=PLAINTEXT://||p' "$PROPS" | head -n 1)
    printf '%s\n' "${addr:-127.0.0.1:$PORT}"
}

rss_of() { # pid -> "123 MB"
    awk '/^VmRSS:/ { printf "%d MB", $2 / 1024; found = 1 } END { if (!found) printf "?" }' \
        "/proc/$1/status" 2>/dev/null || printf '?'
}

# ---------------------------------------------------------------------------------------------
# Processes

# A live process (zombies do not count: an orphaned JVM may wait to be reaped by a PID 1 that
# never reaps, and must not look like a running broker).
alive() {
    local state
    state=$(awk '/^State:/ { print $2; exit }' "/proc/$1/status" 2>/dev/null) || return 1
    [[ -n $state && $state != Z && $state != X ]]
}

# Is pid the broker of this home? Its command line ends with our server.properties and runs
# kafka.Kafka (the launcher shell that execs the JVM has the same arguments, which closes the
# short window between it writing the pid file and becoming the JVM).
is_our_broker() {
    local -a args
    mapfile -d '' -t args 2>/dev/null <"/proc/$1/cmdline" || return 1
    ((${#args[@]} >= 2)) || return 1
    [[ ${args[-1]} == "$PROPS" && ${args[-2]} == kafka.Kafka ]]
}

# A broker of this home whose pid file is gone (deleted by hand, another checkout's reset...).
find_broker_by_cmdline() {
    local dir pid
    for dir in /proc/[0-9]*; do
        pid=${dir#/proc/}
        [[ $pid != "$$" ]] || continue
        if is_our_broker "$pid" && alive "$pid"; then
            printf '%s\n' "$pid"
            return 0
        fi
    done
    return 1
}

# A running JVM with LIB_DIR on its class path (any home's broker sharing these jars).
lib_user() {
    local dir pid arg
    for dir in /proc/[0-9]*; do
        pid=${dir#/proc/}
        local -a args=()
        mapfile -d '' -t args 2>/dev/null <"$dir/cmdline" || continue
        for arg in "${args[@]}"; do
            if [[ $arg == "$LIB_DIR/*" ]] && alive "$pid"; then
                printf '%s\n' "$pid"
                return 0
            fi
        done
    done
    return 1
}

# Prints the pid of this home's running broker; fails when there is none. A pid file whose
# process is gone (or is now something else) is removed, with a note.
broker_pid() {
    local pid=""
    if [[ -f $PID_FILE ]]; then
        pid=$(tr -cd '0-9' <"$PID_FILE")
        if [[ -n $pid ]] && alive "$pid" && is_our_broker "$pid"; then
            printf '%s\n' "$pid"
            return 0
        fi
        note "removed stale pid file $PID_FILE (pid ${pid:-?} is not a running broker)"
        rm -f "$PID_FILE"
    fi
    if pid=$(find_broker_by_cmdline); then
        note "broker pid $pid was running without a pid file; recreated $PID_FILE"
        printf '%s\n' "$pid" >"$PID_FILE"
        printf '%s\n' "$pid"
        return 0
    fi
    return 1
}

# Serialise start/stop/reset on one home (two `start`s at once would both launch a JVM).
# fd 9 is closed for the broker when it is launched, so the JVM never inherits the lock.
take_script_lock() {
    command -v flock >/dev/null || return 0
    mkdir -p "$KAFKA_HOME_DIR"
    exec 9>"$SCRIPT_LOCK"
    if ! flock -n 9; then
        say "waiting for another scripts/kafka.sh on $KAFKA_HOME_DIR to finish ..."
        flock -w $((START_TIMEOUT + STOP_TIMEOUT + 300)) 9 ||
            die "another scripts/kafka.sh still holds $SCRIPT_LOCK"
    fi
}

# ---------------------------------------------------------------------------------------------
# Pre-flight checks for start: fail fast with a message naming the culprit, never hang.

find_java() {
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        JAVA=$JAVA_HOME/bin/java
    elif [[ -n ${JAVA_HOME:-} ]] && command -v java >/dev/null; then
        note "JAVA_HOME=$JAVA_HOME has no bin/java; using $(command -v java)"
        JAVA=$(command -v java)
    elif command -v java >/dev/null; then
        JAVA=$(command -v java)
    else
        die "java not found: install a Java 17+ runtime (apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
    fi
    local spec
    spec=$("$JAVA" -XshowSettings:properties -version 2>&1 |
        awk -F' = ' '/java.specification.version/ { print $2; exit }') || true
    [[ $spec =~ ^[0-9]+ ]] || die "could not tell the version of $JAVA"
    ((${spec%%.*} >= 17)) || die "Kafka 4 needs Java 17 or newer; $JAVA is Java $spec (set JAVA_HOME)"
}

# "pid N: <what it is>" for messages: a Kafka broker is named with its config file (which says
# which checkout / home it belongs to), anything else by its command line.
describe_process() { # pid
    local -a args
    mapfile -d '' -t args 2>/dev/null <"/proc/$1/cmdline" || true
    if ((${#args[@]} >= 2)) && [[ ${args[-2]} == kafka.Kafka ]]; then
        printf 'pid %s: a Kafka broker started with %s\n' "$1" "${args[-1]}"
    elif ((${#args[@]})); then
        local cmd="${args[*]}"
        cmd=${cmd//$'\n'/ }
        printf 'pid %s: %s\n' "$1" "${cmd:0:160}"
    else
        printf 'pid %s\n' "$1"
    fi
}

# Who listens where a bind to 127.0.0.1:port would clash (127.0.0.1 itself or a wildcard
# address)? Prints a description and succeeds if somebody does.
port_holder() {
    local port=$1 lines
    if command -v ss >/dev/null; then
        lines=$(ss -Hltnp 2>/dev/null | awk -v port="$port" '
            {
                n = split($4, part, ":"); if (part[n] != port) next
                addr = substr($4, 1, length($4) - length(port) - 1)
                if (addr ~ /^(127\.0\.0\.1|0\.0\.0\.0|\*|\[::\]|\[::ffff:127\.0\.0\.1\]|\[::ffff:0\.0\.0\.0\])$/) print
            }') || true
        [[ -n $lines ]] || return 1
        local users pid name
        users=$(grep -o 'users:((.*' <<<"$lines" | head -n 1) || true
        pid=$(grep -o 'pid=[0-9]*' <<<"$users" | head -n 1 | cut -d= -f2) || true
        name=$(grep -o '(("[^"]*"' <<<"$users" | head -n 1 | cut -d'"' -f2) || true
        if [[ -n $pid ]]; then
            printf '%s, %s\n' "${name:-?}" "$(describe_process "$pid")"
        else
            printf 'a process this user cannot see (try: sudo ss -ltnp "sport = :%s")\n' "$port"
        fi
        return 0
    fi
    # No ss: a successful connect still proves the port is taken.
    if timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$port" 2>/dev/null; then
        printf 'an unknown process (install iproute2 for ss to name it)\n'
        return 0
    fi
    return 1
}

check_ports_free() {
    local port what holder
    for port in "$PORT" "$CONTROLLER_PORT"; do
        what="broker port (COPYDESK_BROKER_PORT)"
        [[ $port == "$CONTROLLER_PORT" ]] && what="controller port (COPYDESK_BROKER_CONTROLLER_PORT)"
        if holder=$(port_holder "$port"); then
            die "port $port is already in use, so the $what cannot be bound on 127.0.0.1:$port.
  held by: $holder
  Stop that process, or pick free ports, e.g.
  COPYDESK_BROKER_PORT=19092 COPYDESK_BROKER_CONTROLLER_PORT=19093 scripts/kafka.sh start"
        fi
    done
}

# Kafka takes an fcntl (POSIX) lock on <log dir>/.lock for as long as it runs; a leftover
# .lock file with no holder is harmless. If a live process holds it, that is another Kafka
# using this data dir (another checkout pointed at the same home, a hand-started broker).
check_data_dir_unlocked() {
    local lock=$DATA_DIR/.lock inode pid
    [[ -e $lock && -r /proc/locks ]] || return 0
    inode=$(stat -c %i "$lock" 2>/dev/null) || return 0
    pid=$(awk -v ino="$inode" '
        $2 == "->" { next }                       # a waiter, not the holder
        { n = split($6, dev, ":"); if (dev[n] == ino) { print $5; exit } }' /proc/locks) || true
    [[ -n $pid && $pid != -1 ]] || return 0
    die "the data dir $DATA_DIR is locked by another process, $(describe_process "$pid")
  Another Kafka is using this data directory. Stop it first (its own scripts/kafka.sh stop,
  or kill $pid), or use a separate COPYDESK_BROKER_HOME."
}

# ---------------------------------------------------------------------------------------------
# Jars, configuration, storage

# Resolve Kafka's jars with Maven into LIB_DIR, once per pom: the pom's checksum is kept in
# LIB_DIR, so a version bump in the pom resolves again and an unchanged pom costs nothing.
# Resolution goes to a temporary directory first, so an interrupted run never leaves a
# half-filled lib dir (or two Kafka versions on one classpath).
resolve_jars() {
    local sum
    sum=$(sha256sum "$POM" | cut -d' ' -f1)
    if [[ -f $LIB_DIR/$LIB_STAMP && $(<"$LIB_DIR/$LIB_STAMP") == "$sum" ]]; then
        return 0
    fi
    # Never replace a directory this script did not fill (COPYDESK_BROKER_LIB could be a typo).
    if [[ -d $LIB_DIR && ! -f $LIB_DIR/$LIB_STAMP ]] && [[ -n $(ls -A "$LIB_DIR") ]]; then
        die "$LIB_DIR is not empty and was not filled by this script; refusing to replace it (COPYDESK_BROKER_LIB?)"
    fi
    command -v mvn >/dev/null || die "mvn not found: install Maven (apt-get install maven) to fetch Kafka"
    # Replacing jars under a running JVM breaks it later (classes it has not loaded yet vanish).
    local user
    if [[ -d $LIB_DIR ]] && user=$(lib_user); then
        die "the Kafka jars in $LIB_DIR must be resolved again (scripts/kafka/pom.xml changed), but
  they are in use by $(describe_process "$user").
  Stop that broker first (scripts/kafka.sh stop with its COPYDESK_BROKER_HOME), then start again."
    fi
    # Leftovers of a resolution that was killed half-way (the suffix is the resolver's pid).
    local partial
    for partial in "$LIB_DIR".partial.*; do
        [[ -d $partial ]] && ! alive "${partial##*.}" && rm -rf -- "$partial"
    done

    local version started tmp mvn_log=$LOG_DIR/mvn.log
    version=$(kafka_version)
    started=$(now_us)
    say "resolving Apache Kafka $version from Maven Central into $LIB_DIR ..."
    mkdir -p "$(dirname -- "$LIB_DIR")"
    tmp=$LIB_DIR.partial.$$
    rm -rf "$tmp"
    if ! mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" </dev/null >"$mvn_log" 2>&1; then
        rm -rf "$tmp"
        tail -n 25 "$mvn_log" >&2
        die "Maven could not resolve Kafka $version (full output: $mvn_log)"
    fi
    [[ -f $tmp/kafka_2.13-$version.jar ]] || {
        rm -rf "$tmp"
        die "Maven ran but $tmp has no kafka_2.13-$version.jar (see $mvn_log)"
    }
    printf '%s\n' "$sum" >"$tmp/$LIB_STAMP"
    rm -rf "$LIB_DIR"
    # Another home sharing this lib dir may have won the race; its jars are as good as ours.
    mv -T "$tmp" "$LIB_DIR" 2>/dev/null || rm -rf "$tmp"
    RESOLVE_SECONDS=$(seconds_since "$started")
    say "resolved $(find "$LIB_DIR" -name '*.jar' | wc -l) jars in $RESOLVE_SECONDS s"
}

sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

# Rendered on every start so the current COPYDESK_BROKER_* ports and home take effect.
render_properties() {
    sed -e "s|@PORT@|$PORT|g" \
        -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" \
        -e "s|@DATA_DIR@|$(sed_escape "$DATA_DIR")|g" \
        "$CONF_DIR/server.properties.in" >"$PROPS.tmp"
    mv -f "$PROPS.tmp" "$PROPS"
}

# Java options for every Kafka JVM we run: our log4j2 config writing to LOG_DIR, the jars.
# TOOL_OPTS adds a small heap for the one-shot storage tool; BROKER_OPTS the broker's heap
# and Kafka's own G1 settings (those of kafka-server-start.sh).
jvm_opts() {
    local -a common=(
        -Djava.awt.headless=true
        -Dkafka.logs.dir="$LOG_DIR"
        -Dlog4j2.configurationFile="$CONF_DIR/log4j2.yaml"
        -cp "$LIB_DIR/*"
    )
    TOOL_OPTS=(-Xmx256m "${common[@]}")
    BROKER_OPTS=(
        -Xms"$HEAP" -Xmx"$HEAP"
        -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
        -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError
        "${common[@]}"
    )
}

# KRaft storage is formatted once per data dir (meta.properties marks it). The cluster id is
# generated once per home and kept in cluster.id, so `reset` keeps the same id.
format_storage() {
    [[ -f $DATA_DIR/meta.properties ]] && return 0
    local cluster_id started
    started=$(now_us)
    if [[ -s $CLUSTER_ID_FILE ]]; then
        cluster_id=$(<"$CLUSTER_ID_FILE")
    else
        cluster_id=$("$JAVA" "${TOOL_OPTS[@]}" kafka.tools.StorageTool random-uuid 2>>"$JVM_OUT" | tail -n 1) ||
            die "could not generate a cluster id (see $JVM_OUT)"
        printf '%s\n' "$cluster_id" >"$CLUSTER_ID_FILE"
    fi
    say "formatting KRaft storage in $DATA_DIR (cluster id $cluster_id) ..."
    if ! "$JAVA" "${TOOL_OPTS[@]}" kafka.tools.StorageTool format \
        --cluster-id "$cluster_id" --config "$PROPS" </dev/null >>"$LOG_DIR/format.log" 2>&1; then
        tail -n 20 "$LOG_DIR/format.log" >&2
        die "formatting $DATA_DIR failed (full output: $LOG_DIR/format.log)"
    fi
    FORMAT_SECONDS=$(seconds_since "$started")
}

# ---------------------------------------------------------------------------------------------
# Readiness

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# The part of a log written since byte offset (a size-based rollover during start-up makes the
# file shorter than the offset: then all of it is new).
since_offset() { # file offset
    [[ -f $1 ]] || return 0
    local size
    size=$(file_size "$1")
    if ((size < $2)); then cat -- "$1"; else tail -c +"$(($2 + 1))" -- "$1"; fi
}

# A real Kafka request over the loopback listener: ApiVersions v0, answered only once the
# broker processes requests (a bare TCP connect already succeeds while the socket sits in the
# listen backlog, before request processing is enabled). bash's /dev/tcp is enough for it.
#   request:  int32 size=14 | int16 api_key=18 | int16 version=0 | int32 correlation_id=42
#             | int16 client_id length=4 | "cdsk"
#   response: int32 size | int32 correlation_id=42 | int16 error_code=0 | ...
api_versions_ok() {
    local reply
    reply=$(timeout 3 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        printf "\x00\x00\x00\x0e\x00\x12\x00\x00\x00\x00\x00\x2a\x00\x04cdsk" >&3
        head -c 10 <&3 | od -An -v -tx1' _ "$1" 2>/dev/null) || return 1
    reply=${reply//[[:space:]]/}
    [[ ${reply:8:12} == 0000002a0000 ]]
}

# The lines worth reading when start-up failed: errors from this run's server.log and the
# tail of the JVM's own output (which is where "could not reserve heap" and the like go).
show_failure_logs() { # server_log_offset jvm_out_offset
    local errors
    # ERROR/FATAL entries and the exception lines that follow them; the first ones carry the
    # cause, the rest is usually the shutdown that followed.
    errors=$(since_offset "$SERVER_LOG" "$1" |
        grep -E '^\[[^]]*\] (ERROR|FATAL) |^[A-Za-z0-9_.$]+(Exception|Error)(:|$)|^Caused by' |
        head -n 20) || true
    if [[ -n $errors ]]; then
        printf '\n--- %s (errors, this start) ---\n%s\n' "$SERVER_LOG" "$errors" >&2
    else
        errors=$(since_offset "$SERVER_LOG" "$1" | tail -n 15) || true
        [[ -z $errors ]] || printf '\n--- %s (last lines, this start) ---\n%s\n' "$SERVER_LOG" "$errors" >&2
    fi
    local out
    out=$(since_offset "$JVM_OUT" "$2" | grep -v '^=== ' | tail -n 15) || true
    [[ -z $out ]] || printf '\n--- %s (this start) ---\n%s\n' "$JVM_OUT" "$out" >&2
    printf '\n' >&2
}

# SIGTERM, then SIGKILL after STOP_TIMEOUT. Returns once the process is gone.
terminate() { # pid
    local pid=$1 waited=0
    kill -TERM "$pid" 2>/dev/null || true
    while alive "$pid"; do
        if ((waited >= STOP_TIMEOUT * 10)); then
            note "pid $pid did not exit within ${STOP_TIMEOUT} s of SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            local k
            for k in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
            break
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_start() {
    validate_env
    mkdir -p "$KAFKA_HOME_DIR" "$LOG_DIR"
    take_script_lock

    local pid
    if pid=$(broker_pid); then
        local addr
        addr=$(broker_address)
        say "already running: pid $pid at $addr, RSS $(rss_of "$pid") (nothing to do)"
        [[ $addr == "127.0.0.1:$PORT" ]] ||
            note "it keeps $addr; COPYDESK_BROKER_PORT=$PORT applies after scripts/kafka.sh stop"
        return 0
    fi

    local started
    started=$(now_us)
    find_java
    check_ports_free
    check_data_dir_unlocked
    RESOLVE_SECONDS="" FORMAT_SECONDS=""
    resolve_jars
    jvm_opts
    render_properties
    mkdir -p "$DATA_DIR"
    format_storage

    local log_offset out_offset launched
    log_offset=$(file_size "$SERVER_LOG")
    out_offset=$(file_size "$JVM_OUT")
    printf '=== %s start: kafka %s on 127.0.0.1:%s ===\n' "$(date -Is)" "$(kafka_version)" "$PORT" >>"$JVM_OUT"

    # setsid: the broker gets its own session, so closing the terminal or a Ctrl-C in it later
    # does not reach the JVM. The launcher writes its own pid and then execs java, so the pid
    # file names the JVM even where setsid has to fork. stdin/stdout/stderr are detached (a
    # caller capturing our output must not wait on the broker) and fd 9, our lock, is closed.
    local -a detach=()
    command -v setsid >/dev/null && detach=(setsid)
    rm -f "$PID_FILE"
    launched=$(now_us)
    "${detach[@]}" bash -c 'printf "%s\n" "$$" >"$1" && shift && exec "$@"' kafka-launch \
        "$PID_FILE" "$JAVA" "${BROKER_OPTS[@]}" kafka.Kafka "$PROPS" \
        </dev/null >>"$JVM_OUT" 2>&1 9>&- &

    local i
    pid=""
    for i in $(seq 1 100); do
        [[ -s $PID_FILE ]] && pid=$(tr -cd '0-9' <"$PID_FILE") && [[ -n $pid ]] && break
        sleep 0.05
    done
    [[ -n $pid ]] || die "the broker did not start (no pid file); see $JVM_OUT"

    # If this script is interrupted while waiting, do not leave a half-started broker behind.
    trap 'note "interrupted; stopping the starting broker (pid '"$pid"')"; terminate '"$pid"'; rm -f "$PID_FILE"; exit 130' INT TERM

    local deadline=$((launched + START_TIMEOUT * 1000000)) seen_started=0
    while :; do
        if ! alive "$pid"; then
            rm -f "$PID_FILE"
            show_failure_logs "$log_offset" "$out_offset"
            die "the broker exited during start-up after $(seconds_since "$launched") s (logs above; $SERVER_LOG)"
        fi
        if ((!seen_started)) && grep -q -F "$STARTED_LINE" < <(since_offset "$SERVER_LOG" "$log_offset"); then
            seen_started=1
        fi
        if ((seen_started)) && api_versions_ok "$PORT"; then
            break
        fi
        if (($(now_us) >= deadline)); then
            show_failure_logs "$log_offset" "$out_offset"
            note "stopping the broker that did not become ready"
            terminate "$pid"
            rm -f "$PID_FILE"
            die "the broker was not ready within ${START_TIMEOUT} s (COPYDESK_BROKER_START_TIMEOUT); logs above"
        fi
        sleep 0.2
    done
    trap - INT TERM

    local ready total extra=""
    ready=$(seconds_since "$launched")
    total=$(seconds_since "$started")
    [[ -n $RESOLVE_SECONDS ]] && extra+=", jar resolution $RESOLVE_SECONDS s"
    [[ -n $FORMAT_SECONDS ]] && extra+=", storage format $FORMAT_SECONDS s"
    say "Kafka $(kafka_version) ready at 127.0.0.1:$PORT"
    say "  pid $pid, ready $ready s after launch (start command $total s$extra)"
    say "  RSS $(rss_of "$pid") (heap $HEAP), log $SERVER_LOG"
}

cmd_stop() {
    require_int COPYDESK_BROKER_STOP_TIMEOUT "$STOP_TIMEOUT"
    [[ -d $KAFKA_HOME_DIR ]] || { say "not running (nothing to do)"; return 0; }
    take_script_lock
    local pid started
    if ! pid=$(broker_pid); then
        say "not running (nothing to do)"
        return 0
    fi
    started=$(now_us)
    say "stopping pid $pid at $(broker_address) ..."
    terminate "$pid"
    rm -f "$PID_FILE"
    say "stopped in $(seconds_since "$started") s"
}

cmd_status() {
    local pid
    if [[ -d $KAFKA_HOME_DIR ]] && pid=$(broker_pid); then
        say "running: pid $pid at $(broker_address), RSS $(rss_of "$pid"), home $KAFKA_HOME_DIR"
        return 0
    fi
    say "stopped (home $KAFKA_HOME_DIR)"
    return 3
}

cmd_logs() {
    local arg=${1:-100}
    [[ -f $SERVER_LOG ]] || { say "no log yet at $SERVER_LOG"; return 0; }
    case $arg in
        -f | --follow) exec tail -n 100 -F -- "$SERVER_LOG" ;;
        *[!0-9]* | '') usage ;;
        *) tail -n "$arg" -- "$SERVER_LOG" ;;
    esac
}

cmd_reset() {
    cmd_stop
    [[ -d $DATA_DIR ]] || { say "no data to delete at $DATA_DIR"; return 0; }
    # Only delete what looks like a Kafka log dir (guards against a mistyped COPYDESK_BROKER_HOME).
    if [[ -f $DATA_DIR/meta.properties || -d $DATA_DIR/__cluster_metadata-0 || -z $(ls -A "$DATA_DIR") ]]; then
        rm -rf -- "$DATA_DIR"
        say "deleted $DATA_DIR (topics, offsets, metadata); jars and logs kept"
    else
        die "$DATA_DIR does not look like a Kafka data dir (no meta.properties); not deleting it"
    fi
}

cmd_fetch() {
    mkdir -p "$LOG_DIR"
    RESOLVE_SECONDS=""
    resolve_jars
    [[ -n $RESOLVE_SECONDS ]] || say "Kafka $(kafka_version) jars already in $LIB_DIR"
}

main() {
    [[ $# -ge 1 ]] || usage
    local cmd=$1
    shift
    case $cmd in
        start) [[ $# -eq 0 ]] || usage; cmd_start ;;
        stop) [[ $# -eq 0 ]] || usage; cmd_stop ;;
        status) [[ $# -eq 0 ]] || usage; cmd_status ;;
        logs) [[ $# -le 1 ]] || usage; cmd_logs "$@" ;;
        reset) [[ $# -eq 0 ]] || usage; cmd_reset ;;
        fetch) [[ $# -eq 0 ]] || usage; cmd_fetch ;;
        -h | --help | help) usage ;;
        *) usage ;;
    esac
}

main "$@"
