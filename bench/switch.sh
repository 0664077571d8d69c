#!/usr/bin/env bash
# Switch throughput: the API under C concurrent clients (bench/SwitchLoad.java, distinct applicants)
# side by side with pgbench running the same SQL transaction on the same database at the same
# concurrency. Targets: API >= 0.6x pgbench's TPS; p99 at half the API's rate < 50 ms.
cd "$(dirname "$0")/.." && source bench/common.sh
C=${CONCURRENCY:-16}
PER_PHASE=${PER_PHASE:-15000}
PG_SET=${PG_SET:-30000}
build_app
rm -rf "$BENCH_DIR/pg-switch"
start_app "$BENCH_DIR/pg-switch"
EXAM=BENCH-SWITCH
java bench/SwitchLoad.java "$BASE" "$TOKEN" $EXAM "$C" "$PER_PHASE" "$PG_SET" | tee "$BENCH_DIR/switch-api.txt"
PSQL="psql -h localhost -p $PG_PORT -U postgres -Atq"
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
PER_CLIENT=$(( AVAILABLE / C ))
pgbench -h localhost -p "$PG_PORT" -U postgres -n -M prepared -c "$C" -j 2 -t "$PER_CLIENT" \
  -D exam="$EXAM_ID" -D target="$TARGET" -f bench/switch.pgbench postgres | tee "$BENCH_DIR/switch-pgbench.txt"
API=$(sed -n 's/.*api_tps=\([0-9]*\).*/\1/p' "$BENCH_DIR/switch-api.txt")
PG=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$BENCH_DIR/switch-pgbench.txt" | cut -d. -f1)
echo "switch throughput: API $API/s, pgbench $PG/s, ratio $(echo "scale=2; $API / $PG" | bc)"
