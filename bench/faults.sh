#!/usr/bin/env bash
# Faults (issue 24): what clients and the load balancer are told while the database falters, and
# that no acknowledged switch is lost or doubled. One command, run from anywhere, as root (it mounts a
# small tmpfs for the tablespace and runs PostgreSQL as the postgres user):
#
#   an external PostgreSQL of its own (Debian's server package, else the embedded-postgres binaries
#   in ~/.m2), its database in a tablespace on a tmpfs of TS_SIZE (64 MB); two packaged instances
#   (a, b) on it; then four faults, each under its own exam with bench/FaultLoad.java's applicants
#   signing in and switching through both instances (retrying 5xx and network errors on the other
#   instance with the same Idempotency-Key, as a load balancer and a careful client would):
#     (a) PostgreSQL stopped (fast shutdown) for 20 s, then started again;
#     (b) PostgreSQL frozen (SIGSTOP of the postmaster and every backend) for 30 s;
#     (c) the tablespace's filesystem filled (one file written until ENOSPC) for 20 s;
#     (d) instance b killed with SIGKILL (and started again after 20 s).
#   Per fault: answers by status, the longest wait for an answer, readiness transitions of each
#   instance with their times (from a poller reading /q/health/ready every 200 ms), and the switches
#   acknowledged (201) against the rows in the database (equal, no duplicates).
#
# Environment: APPLICANTS (per fault, 3000), WORKERS (concurrent applicants, 16), LOAD_SECONDS (how
# long new applicants start in a fault's run, 60), TS_SIZE (64m), REBUILD (1 = package first).
cd "$(dirname "$0")/.." && source bench/common.sh
APPLICANTS=${APPLICANTS:-3000}
WORKERS=${WORKERS:-16}
LOAD_SECONDS=${LOAD_SECONDS:-60}
TS_SIZE=${TS_SIZE:-64m}
PORT_A=${PORT_A:-18301}; PORT_B=${PORT_B:-18302}; PG_PORT=${FAULTS_PG_PORT:-18399}
W="$(pwd)/$BENCH_DIR/faults"
PGDATA="$W/pgdata"; TS="$W/tablespace"; OUT="$W/out"
[ "$(id -u)" = 0 ] || { echo "run as root: the tablespace goes on a tmpfs it mounts, PostgreSQL runs as 'postgres'"; exit 1; }

pg_binaries "$(pwd)/$BENCH_DIR"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${PG_PID:-}" ] && { kill -CONT "$PG_PID" $(pgrep -P "$PG_PID") 2>/dev/null || true; }
  [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate stop > /dev/null 2>&1 || true
  sleep 1
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  mountpoint -q "$TS" && umount "$TS" || true
}
trap cleanup EXIT

build_app
keys
mountpoint -q "$TS" 2>/dev/null && umount "$TS"
rm -rf "$W"; mkdir -p "$PGDATA" "$TS" "$OUT"
mount -t tmpfs -o size="$TS_SIZE",mode=0700 tmpfs "$TS"
chown postgres: "$PGDATA" "$TS"; chmod 0700 "$PGDATA"; chmod 0755 "$W"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > "$W/initdb.log"
start_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k /tmp -c listen_addresses=localhost -c max_connections=200 -c shared_buffers=128MB" start > /dev/null
  PG_PID=$(head -1 "$PGDATA/postmaster.pid")
}
start_pg
PSQL="psql -h localhost -p $PG_PORT -U postgres -Atq"
$PSQL -c "create tablespace faults location '$TS'" -c "create database app tablespace faults"
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT, tablespace on a ${TS_SIZE} tmpfs"

instance() { # NAME PORT
  INSTANCE_JAVA_OPTS="-Xmx768m -XX:+UseSerialGC" external_instance "$1" "$2" "jdbc:postgresql://localhost:$PG_PORT/app" \
    "$W/instance-$1.log" APP_REFUNDS_DEADLINE_CHECK_EVERY=1h
}
instance a $PORT_A; wait_up $PORT_A
instance b $PORT_B; wait_up $PORT_B
BASE_A=http://localhost:$PORT_A; BASE_B=http://localhost:$PORT_B
TOKEN=$(curl -sf -XPOST "$BASE_A/api/v1/auth/staff-token" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')

# Each fault has an exam of its own, set up beforehand (positions, APPLICANTS paid applicants of
# cancelled positions, the ratio check published), so that its rows are counted apart.
FAULTS=(stop freeze disk-full kill)
for f in "${FAULTS[@]}"; do
  java bench/SwitchLoad.java setup "$BASE_A" "$TOKEN" "FAULT-$f" 4 0 "$APPLICANTS" "$W/unused-tokens.txt" > /dev/null
done
java bench/FaultLoad.java poll "$OUT/readiness.csv" "http://localhost:$((PORT_A + 10))" "http://localhost:$((PORT_B + 10))" &
POLL_PID=$!; PIDS+=("$POLL_PID")
until [ -s "$OUT/readiness.csv" ]; do sleep 0.2; done # the poller's first reads come before the first fault
$PSQL -d app -c "vacuum analyze" -c checkpoint

now_ms() { date +%s%3N; }
# run_fault NAME INJECT RECOVER HOLD_SECONDS: the load for LOAD_SECONDS, the fault injected 5 s in and
# held HOLD_SECONDS; then until every applicant started has a definitive answer.
run_fault() {
  local name=$1 inject=$2 recover=$3 hold=$4 load
  mkdir -p "$OUT/$name"
  java bench/FaultLoad.java load "FAULT-$name" 0 "$APPLICANTS" "$WORKERS" "$LOAD_SECONDS" "$OUT/$name" "$BASE_A" "$BASE_B" \
    > "$OUT/$name/client.log" 2>&1 &
  load=$!
  sleep 5
  echo "$name,$(now_ms)" >> "$OUT/fault-start.csv"
  $inject
  sleep "$hold"
  $recover
  echo "$name,$(now_ms)" >> "$OUT/fault-end.csv"
  wait $load || true
  echo "$name,$(now_ms)" >> "$OUT/run-end.csv"
  # The database's side: rows of the fault's exam, registrations with more than one switch.
  $PSQL -d app -c "select s.id from position_switch s join exam e on e.id = s.exam_id where e.code = 'FAULT-$name'" \
    > "$OUT/$name/rows.txt"
  $PSQL -d app -c "select count(*) from (select registration_id from position_switch s join exam e on e.id = s.exam_id
    where e.code = 'FAULT-$name' group by registration_id having count(*) > 1) d" > "$OUT/$name/duplicates.txt"
  sleep 5
}
pg_stop() { as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop > /dev/null; }
pg_freeze() { kill -STOP "$PG_PID" $(pgrep -P "$PG_PID"); }
pg_thaw() { kill -CONT "$PG_PID" $(pgrep -P "$PG_PID"); }
disk_fill() { dd if=/dev/zero of="$TS/fill" bs=1M > /dev/null 2>&1 || true; df -h "$TS" | tail -1 > "$OUT/disk-full/df.txt"; }
disk_free() { rm -f "$TS/fill"; }
kill_b() { kill -9 "$PID_b"; wait "$PID_b" 2>/dev/null || true; }
restart_b() { instance b $PORT_B; }

echo "running: (a) stop 20 s"; run_fault stop pg_stop start_pg 20
echo "running: (b) freeze 30 s"; run_fault freeze pg_freeze pg_thaw 30
echo "running: (c) disk full 20 s"; run_fault disk-full disk_fill disk_free 20
echo "running: (d) SIGKILL of instance b (restarted after 20 s)"; run_fault kill kill_b restart_b 20
kill "$POLL_PID" 2>/dev/null || true

grep -c "Result is already complete" "$W"/instance-*.log | sed 's/^/"Result is already complete" lines: /' || true
grep -c "ERROR.*DATABASE OUT OF DISK SPACE" "$W"/instance-*.log | sed 's/^/disk-full ERROR lines: /' || true
grep -c "ERROR.*ProblemMappers.*failed" "$W"/instance-*.log | sed 's/^/requests logged as failed (500): /' || true
python3 bench/faults-report.py "$OUT" "$BASE_A" "$BASE_B" "${FAULTS[@]}"
