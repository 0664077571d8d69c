#!/usr/bin/env bash
# Switch throughput: the API under C concurrent connections (wrk + bench/switch.lua, each request a
# different applicant) side by side with pgbench running the same SQL transaction on the same
# database at the same concurrency. Targets: API >= 0.6x pgbench's TPS; p99 at half the API's
# rate < 50 ms (bench/SwitchLoad.java, open loop).
# A warm-up round first: on two cores the JIT needs about 50,000 switches to finish compiling the
# switch path (the rate climbs from ~1,300/s to its plateau meanwhile), as it has long finished by
# the time of a real deadline rush. Each measured phase starts right after a CHECKPOINT, so that
# the API and pgbench pay the same full-page writes.
cd "$(dirname "$0")/.." && source bench/common.sh
C=${CONCURRENCY:-16}
WARM=${WARM:-50000}
CLOSED=${CLOSED:-15000}
OPEN=${OPEN:-15000}
PG_SET=${PG_SET:-30000}
build_app
rm -rf "$BENCH_DIR/pg-switch"
start_app "$BENCH_DIR/pg-switch"
EXAM=BENCH-SWITCH
TOKENS="$BENCH_DIR/switch-tokens.txt"
java bench/SwitchLoad.java setup "$BASE" "$TOKEN" $EXAM "$C" $((WARM + CLOSED + OPEN)) "$PG_SET" "$TOKENS"
head -n "$WARM" "$TOKENS" > "$BENCH_DIR/switch-warm.txt"
sed -n "$((WARM + 1)),$((WARM + CLOSED))p" "$TOKENS" > "$BENCH_DIR/switch-closed.txt"
PSQL="psql -h localhost -p $PG_PORT -U postgres -Atq"
switches() { $PSQL -c "select count(*) from position_switch s join exam e on e.id = s.exam_id where e.code = '$EXAM'"; }
# wrk always runs for its -d duration, even when every thread has run out of tokens: stop it with
# SIGINT (it then prints its summary) once the switch count has stopped growing.
run_wrk() {
  local before last=-1 now pid
  before=$(switches)
  wrk -t2 -c"$C" -d600s --latency -s bench/switch.lua "$BASE" -- "$1" 2 > "$2" &
  pid=$!
  while sleep 0.5; do
    now=$(switches)
    if [ "$now" -gt "$before" ] && [ "$now" = "$last" ]; then break; fi
    last=$now
  done
  kill -INT $pid
  wait $pid || true
}
echo "warm-up: $WARM switches"
run_wrk "$BENCH_DIR/switch-warm.txt" "$BENCH_DIR/switch-warm-out.txt"
grep -E '^wrk:' "$BENCH_DIR/switch-warm-out.txt"
$PSQL -c "vacuum analyze" -c "checkpoint"
echo "closed loop: $CLOSED switches, $C connections"
run_wrk "$BENCH_DIR/switch-closed.txt" "$BENCH_DIR/switch-api.txt"
grep -E 'Latency|50%|90%|99%|^wrk:' "$BENCH_DIR/switch-api.txt"
API=$(sed -n 's/.*api_tps=\([0-9]*\).*/\1/p' "$BENCH_DIR/switch-api.txt")
HALF=$((API / 2))
java bench/SwitchLoad.java open "$BASE" "$HALF" "$TOKENS" $((WARM + CLOSED)) "$OPEN" | tee "$BENCH_DIR/switch-open.txt"
EXAM_ID=$($PSQL -c "select id from exam where code = '$EXAM'")
TARGET=$($PSQL -c "select id from position where exam_id = $EXAM_ID and code = 'O0001'")
# The applicants the API did not touch, numbered for pgbench.
$PSQL -c "drop table if exists bench_registration; drop sequence if exists bench_person;
  create sequence bench_person;
  create table bench_registration as
    select row_number() over (order by r.id) - 1 as n, r.id from registration r
    where r.exam_id = $EXAM_ID and r.id not in (select registration_id from position_switch)
      and r.position_id in (select id from position where exam_id = $EXAM_ID and status = 'CANCELLED');
  create unique index on bench_registration (n); analyze bench_registration;"
AVAILABLE=$($PSQL -c "select count(*) from bench_registration")
$PSQL -c "vacuum analyze" -c "checkpoint"
PER_CLIENT=$(( AVAILABLE / C ))
pgbench -h localhost -p "$PG_PORT" -U postgres -n -M prepared -c "$C" -j 2 -t "$PER_CLIENT" \
  -D exam="$EXAM_ID" -D target="$TARGET" -f bench/switch.pgbench postgres | tee "$BENCH_DIR/switch-pgbench.txt"
PG=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$BENCH_DIR/switch-pgbench.txt" | cut -d. -f1)
P99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' "$BENCH_DIR/switch-open.txt")
echo "switch throughput: API $API/s, pgbench $PG/s, ratio $(echo "scale=2; $API / $PG" | bc); p99 at $HALF/s: $P99 ms"
