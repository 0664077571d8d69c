#!/usr/bin/env bash
# Switch throughput: the API under C concurrent connections (wrk + bench/switch.lua, each request a
# different applicant) side by side with pgbench running the same SQL transaction on the same
# database at the same concurrency. Targets: API >= 0.6x pgbench's TPS; p99 at half the API's
# rate < 50 ms (an open loop, bench/open.c).
# A warm-up first, in rounds of 5,000 switches until the JIT has finished compiling the switch path
# (the compiler threads use under 3 % of the JVM's CPU in a round): on two cores that takes 35,000
# to 50,000 switches, during which the rate climbs from ~1,100/s to its plateau, as it has long
# finished by the time of a real deadline rush. Each measured phase starts right after a CHECKPOINT,
# so that the API and pgbench pay the same full-page writes. The open loop sends OPEN_WARM uncounted
# switches first at the same rate: the service's code for its connections warms up too.
# The API's closed loop and pgbench alternate over ROUNDS rounds (CLOSED and PG_SET split evenly);
# the medians of the rounds are reported, as this machine's speed drifts with its host's load.
# Last, pgbench runs the same statements in an open loop at the API's open-loop rate (-R, on as many
# connections as the service's pool, latency from each transaction's scheduled start): the tail that
# the database and these two cores give the switch's SQL alone, with the cheapest client there is.
cd "$(dirname "$0")/.." && source bench/common.sh
C=${CONCURRENCY:-16}
WARM=${WARM:-80000} # at most
CLOSED=${CLOSED:-15000}
OPEN=${OPEN:-15000}
OPEN_WARM=${OPEN_WARM:-3000}
PG_SET=${PG_SET:-30000}
PG_OPEN=${PG_OPEN:-$OPEN}
build_app
rm -rf "$BENCH_DIR/pg-switch"
start_app "$BENCH_DIR/pg-switch"
EXAM=BENCH-SWITCH
TOKENS="$BENCH_DIR/switch-tokens.txt"
APPLICANTS=$((WARM + CLOSED + OPEN_WARM + OPEN)) # the API's; pgbench's PG_SET + OPEN_WARM + PG_OPEN come after them
java bench/SwitchLoad.java setup "$BASE" "$TOKEN" $EXAM "$C" "$APPLICANTS" "$((PG_SET + OPEN_WARM + PG_OPEN))" "$TOKENS"
head -n "$WARM" "$TOKENS" > "$BENCH_DIR/switch-warm.txt"
sed -n "$((WARM + 1)),$((WARM + CLOSED))p" "$TOKENS" > "$BENCH_DIR/switch-closed.txt"
PSQL="psql -h localhost -p $PG_PORT -U postgres -Atq"
warm_switching $EXAM "$BENCH_DIR/switch-warm.txt" # at 16 connections
EXAM_ID=$($PSQL -c "select id from exam where code = '$EXAM'")
TARGET=$($PSQL -c "select id from position where exam_id = $EXAM_ID and code = 'O0001'")
# pgbench's applicants: the ones after the API's tokens (setup numbers them in fee.transactionId).
$PSQL -c "drop table if exists bench_registration; drop sequence if exists bench_person;
  create sequence bench_person;
  create table bench_registration as
    select row_number() over (order by r.id) - 1 as n, r.id from registration r
    where r.exam_id = $EXAM_ID and substring(r.transaction_id from '-([0-9]+)\$')::int >= $APPLICANTS
      and r.position_id in (select id from position where exam_id = $EXAM_ID and status = 'CANCELLED');
  create unique index on bench_registration (n); analyze bench_registration;"
[ "$($PSQL -c "select count(*) from bench_registration")" -ge "$((PG_SET + OPEN_WARM + PG_OPEN))" ] || { echo "too few pgbench applicants"; exit 1; }
# switch_pgbench OUT ARGS...: pgbench over bench/switch.pgbench (the next applicants of the reserved
# set) with the given clients, length and rate; OUT gets its report.
switch_pgbench() {
  local out=$1; shift
  pgbench -h localhost -p "$PG_PORT" -U postgres -n -M prepared -j 2 "$@" \
    -D exam="$EXAM_ID" -D target="$TARGET" -f bench/switch.pgbench postgres > "$out"
  grep -E 'failed|^tps' "$out"
}
# Interleaved rounds: the API's closed loop, then pgbench, ROUNDS times, each right after a
# CHECKPOINT; this machine shares its host, and adjacent phases see the same host load.
ROUNDS=${ROUNDS:-3}
API_ROUND=$((CLOSED / ROUNDS)); PG_ROUND=$((PG_SET / ROUNDS))
: > "$BENCH_DIR/switch-rounds.txt"
for ((k = 0; k < ROUNDS; k++)); do
  sed -n "$((k * API_ROUND + 1)),$(((k + 1) * API_ROUND))p" "$BENCH_DIR/switch-closed.txt" > "$BENCH_DIR/switch-round.txt"
  fresh_phase
  closed_switches $EXAM "$BENCH_DIR/switch-round.txt" "$BENCH_DIR/switch-api.txt" "$C"
  grep -E 'Latency|50%|99%|^wrk:' "$BENCH_DIR/switch-api.txt"
  api=$(sed -n 's/.*api_tps=\([0-9]*\).*/\1/p' "$BENCH_DIR/switch-api.txt")
  fresh_phase
  switch_pgbench "$BENCH_DIR/switch-pgbench.txt" -c "$C" -t $((PG_ROUND / C))
  pg=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$BENCH_DIR/switch-pgbench.txt" | cut -d. -f1)
  echo "round $((k + 1)): API $api/s, pgbench $pg/s, ratio $(echo "scale=2; $api / $pg" | bc)" | tee -a "$BENCH_DIR/switch-rounds.txt"
done
# median SED_EXPR: the median of the rounds' values that the expression picks out
median() { sed -n "$1" "$BENCH_DIR/switch-rounds.txt" | sort -n | sed -n "$((ROUNDS / 2 + 1))p"; }
API=$(median 's/.*API \([0-9]*\)\/s.*/\1/p')
PG=$(median 's/.*pgbench \([0-9]*\)\/s.*/\1/p')
RATIO=$(median 's/.*ratio \([0-9.]*\)$/\1/p')
HALF=$((API / 2))
sed -n "$((WARM + CLOSED + 1)),$((WARM + CLOSED + OPEN_WARM + OPEN))p" "$TOKENS" > "$BENCH_DIR/switch-open-tokens.txt"
fresh_phase
echo "open loop at $HALF/s: $(open_loop switch "$BENCH_DIR/switch-open-tokens.txt" "$HALF" "$OPEN_WARM" "$OPEN" "$BENCH_DIR/switch-open.txt")"
P99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' "$BENCH_DIR/switch-open.txt")
fresh_phase
POOL=${POOL:-20} # quarkus.datasource.reactive.max-size
rm -f "$BENCH_DIR"/switch-pgopen.*
bench/cpu-split.py snap "$BENCH_DIR/pgopen-cpu-0.json" service=$APP_PID
switch_pgbench "$BENCH_DIR/switch-pgbench-open.txt" -c "$POOL" -R "$HALF" -t $(((OPEN_WARM + PG_OPEN) / POOL)) \
  -l --log-prefix="$BENCH_DIR/switch-pgopen"
bench/cpu-split.py snap "$BENCH_DIR/pgopen-cpu-1.json" service=$APP_PID
# Each log line: client, transaction, time (us, from the scheduled start under -R), script, end (s, us),
# schedule lag. The first OPEN_WARM to end are not counted, as in the API's loop (pgbench's schedule
# starts while its connections are still being opened).
PG_LAT=$(cat "$BENCH_DIR"/switch-pgopen.* | sort -k5,5n -k6,6n | tail -n +$((OPEN_WARM + 1)) | awk '{ print $3 / 1000 }' | sort -n | awk '{ v[NR] = $1 }
  END { q = "p50 0.5 p90 0.9 p99 0.99"; n = split(q, a, " ")
        for (i = 1; i < n; i += 2) { k = int(a[i + 1] * NR); if (k < 1) k = 1; printf "%s %.1f ", a[i], v[k] }
        printf "max %.1f", v[NR] }')
# Only the machine's figure: pgbench's backends start and end between the two snapshots.
echo "pgbench open loop at $HALF/s, $POOL connections, $OPEN_WARM uncounted then the next $PG_OPEN: latency ms $PG_LAT ($(bench/cpu-split.py diff \
  "$BENCH_DIR/pgopen-cpu-0.json" "$BENCH_DIR/pgopen-cpu-1.json" | sed 's/.*\(machine [0-9.]* of [0-9]*\).*/\1/'))"
echo "switch throughput (medians of $ROUNDS rounds): API $API/s, pgbench $PG/s, ratio $RATIO; p99 at $HALF/s: $P99 ms; pgbench's at the same rate: $(echo "$PG_LAT" | sed 's/.*p99 \([0-9.]*\).*/\1/') ms"
