#!/usr/bin/env bash
# Refund delivery at a deadline (issue 14): two packaged instances on one PostgreSQL, N refunds
# (100,000) queued by the deadline job in one decision, delivered to a receiver that keeps up
# (bench/WebhookSink.java, JDK HTTP server, keep-alive); the receiver's own capacity measured with
# wrk in the same run. Then the same with a receiver that takes only 8 requests at a time (503
# beyond, each accepted one held LIMITED_DELAY_MS). Then single decisions (an administrator's
# requeue) on an idle service: time from the API's answer to the receiver's arrival.
# Prints deliveries/s, decision-to-delivery p50/p99, attempts per delivery, and the checks.
# The floor, in the same run before the instances dispatch anything: pgbench running the statements
# one delivery costs as the dispatcher batches them (bench/delivery-floor.py reads them from the
# sources: the claim with its attempts, then the outcome, the still-ours lock, the delivery's state,
# the refund marked SENT and its audit event), FLOOR_BATCH (100) deliveries a round, 4 clients, over
# N_FLOOR (50,000) deliveries; the fast receiver's rate is given as a ratio to it (target >= 0.7).
cd "$(dirname "$0")/.." && source bench/common.sh
N=${N:-100000}
N_FLOOR=${N_FLOOR:-50000}; FLOOR_BATCH=${FLOOR_BATCH:-100}
# JFR=1: each instance records a flight recording, $BENCH_DIR/webhooks-<a|b>.jfr (jfr print / jfr summary).
LIMITED_DELAY_MS=${LIMITED_DELAY_MS:-2}
# Ports: two instances (HTTP, management = HTTP + 10) and two receivers.
PORT_A=${PORT_A:-18201}; PORT_B=${PORT_B:-18202}; FAST=${FAST:-18221}; LIMITED=${LIMITED:-18222}
build_app
keys
DB="$BENCH_DIR/pg-webhooks"; rm -rf "$DB"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 2
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -f "$DB/postmaster.pid" ] && kill -INT "$(head -1 "$DB/postmaster.pid")" 2>/dev/null || true
}
trap cleanup EXIT
echo "machine: $(nproc) cores, $(uptime)"

instance() { # NAME PORT [JDBC_URL]
  local url=(); [ -n "${3:-}" ] && url=(QUARKUS_DATASOURCE_JDBC_URL="$3")
  env "${url[@]}" QUARKUS_DATASOURCE_USERNAME=postgres APP_EMBEDDED_POSTGRES_DATA_DIR="$DB" \
  SMALLRYE_JWT_VERIFY_KEY_LOCATION="$BENCH_DIR/token-key.jwk" SMALLRYE_JWT_SIGN_KEY_LOCATION="$BENCH_DIR/token-key.jwk" \
  APP_BOOTSTRAP_ADMIN_USERNAME=admin APP_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$(($2 + 10)) \
  APP_REFUNDS_DEADLINE_CHECK_EVERY=1s APP_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 \
    java -Xmx2g ${JAVA_OPTS:-} ${JFR:+-XX:StartFlightRecording=filename=$BENCH_DIR/webhooks-$1.jfr,settings=profile} -jar "${APP_JAR:-target/quarkus-app/quarkus-run.jar}" > "$BENCH_DIR/webhooks-$1.log" 2>&1 &
  PIDS+=("$!")
}
# N paid applicants of cancelled positions of a new exam, written set-based; the deadline job
# queues their refunds (and outbox messages) in one transaction once the deadline is moved to now.
seed() { # EXAM [COUNT]
  $PSQL <<SQL
insert into exam (code, name, time_zone, default_ratio, reduce_quota_before_cancel, switch_window_opens_at,
                  switch_deadline, review_deadline, published_at, created_at, updated_at)
values ('$1', 'webhook bench', 'Asia/Shanghai', 3, false, now() - interval '1 day', now() + interval '1 day',
        now() + interval '2 days', now(), now(), now());
insert into agency (code, name) values ('A1', 'agency') on conflict (code) do nothing;
insert into position (exam_id, code, agency_code, agency_name, employer, title, quota, original_quota, status,
                      created_at, updated_at)
select e.id, 'P' || g, 'A1', 'agency', 'employer', 'title', 1, 1, 'CANCELLED', now(), now()
from exam e, generate_series(1, 40) g where e.code = '$1';
insert into applicant (exam_id, id_number, name, birth_date, education, degree, political_status, password_hash,
                       created_at, updated_at)
select e.id, '1408021986' || lpad(g::text, 8, '0'), 'a' || g, date '1990-01-01', 'BACHELOR', true, 'MASSES',
       'none', now(), now()
from exam e, generate_series(1, ${2:-$N}) g where e.code = '$1';
insert into registration (exam_id, applicant_id, position_id, current_position_id, fee_status, fee_amount,
                          fee_currency, payment_channel, transaction_id, paid_at, created_at, updated_at)
select a.exam_id, a.id, p.id, p.id, 'PAID', 100, 'CNY', (array['ALIPAY', 'WECHAT', 'UNIONPAY'])[1 + a.id % 3],
       '$1-' || a.id, now(), now(), now()
from applicant a join exam e on e.id = a.exam_id and e.code = '$1'
join position p on p.exam_id = e.id and p.code = 'P' || (1 + a.id % 40);
SQL
}

instance a $PORT_A; wait_up $PORT_A
# The embedded PostgreSQL that instance a started (and psql on it).
database_of_a() {
  PG_PORT=$(grep -ao 'started on port [0-9]*' "$BENCH_DIR/webhooks-a.log" | head -1 | awk '{print $4}')
  PSQL="psql -h localhost -p $PG_PORT -U postgres -Atq"
}
database_of_a
if [ "${PG_STATS:-0}" = 1 ]; then # PG_STATS=1: the statements' times on the server, printed at the end
  $PSQL -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
  kill "${PIDS[0]}"; wait "${PIDS[0]}" || true; PIDS=()
  instance a $PORT_A; wait_up $PORT_A
  database_of_a
  $PSQL -c "create extension if not exists pg_stat_statements"
fi
# The floor (see the top): before any instance dispatches, on the same database with the instance
# stopped (kill -9: its PostgreSQL keeps running), N_FLOOR refunds and their messages written by SQL,
# then pgbench running the delivery's own statements until every one is delivered.
delivery_floor() {
  local token sub tps
  token=$(curl -sf -XPOST "http://localhost:$PORT_A/api/v1/auth/staff-token" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  sub=$(curl -sf -XPOST "http://localhost:$PORT_A/api/v1/admin/webhook-subscriptions" -H "Authorization: Bearer $token" \
    -H 'content-type: application/json' \
    -d "{\"url\":\"http://127.0.0.1:$FAST/floor\",\"channels\":[\"ALIPAY\",\"WECHAT\",\"UNIONPAY\"]}" | sed 's/.*"id":\([0-9]*\).*/\1/')
  kill -9 "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true; PIDS=()
  seed BENCH-WH-FLOOR "$N_FLOOR"
  $PSQL <<SQL
insert into refund (exam_id, registration_id, reason, status, amount, currency, channel, original_transaction_id,
                    created_at, updated_at)
select r.exam_id, r.id, 'NOT_SWITCHED', 'QUEUED', r.fee_amount, r.fee_currency, r.payment_channel, r.transaction_id,
       now(), now()
from registration r join exam e on e.id = r.exam_id and e.code = 'BENCH-WH-FLOOR';
insert into webhook_delivery (refund_id, message_id, event_type, payload, channel, status, next_attempt_at, created_at,
                              updated_at)
select f.id, 'msg_' || md5(f.id::text), 'refund.requested',
       json_build_object('type', 'refund.requested', 'data', json_build_object('refundId', f.id))::text, f.channel,
       'PENDING', now(), now(), now()
from refund f join exam e on e.id = f.exam_id and e.code = 'BENCH-WH-FLOOR';
vacuum analyze;
checkpoint;
SQL
  python3 bench/delivery-floor.py > "$BENCH_DIR/delivery.pgbench"
  pgbench -h localhost -p "$PG_PORT" -U postgres -n -c 4 -j 2 -t $((N_FLOOR / FLOOR_BATCH / 4)) -D batch="$FLOOR_BATCH" \
    -f "$BENCH_DIR/delivery.pgbench" postgres > "$BENCH_DIR/delivery-floor.txt" 2>&1 || { cat "$BENCH_DIR/delivery-floor.txt"; exit 1; }
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$BENCH_DIR/delivery-floor.txt" | head -1)
  FLOOR_RATE=$(echo "$tps * $FLOOR_BATCH" | bc | cut -d. -f1)
  local left; left=$($PSQL -c "select count(*) from webhook_delivery d join refund f on f.id = d.refund_id
    join exam e on e.id = f.exam_id where e.code = 'BENCH-WH-FLOOR' and d.status <> 'DELIVERED'")
  echo "[floor] pgbench, the delivery's statements in rounds of $FLOOR_BATCH, 4 clients: $FLOOR_RATE deliveries/s ($tps rounds/s; $left of $N_FLOOR not delivered)"
  $PSQL -c "update webhook_subscription set enabled = false where id = $sub"
  instance a $PORT_A "jdbc:postgresql://localhost:$PG_PORT/postgres"; wait_up $PORT_A
}
delivery_floor
instance b $PORT_B "jdbc:postgresql://localhost:$PG_PORT/postgres"; wait_up $PORT_B
BASE=http://localhost:$PORT_A
TOKEN=$(curl -sf -XPOST "$BASE/api/v1/auth/staff-token" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
api() { curl -sf --max-time 60 -X"$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' "${@:3}"; }

java bench/WebhookSink.java $FAST 0 0 "$BENCH_DIR/sink-fast.txt" > "$BENCH_DIR/sink-fast.log" 2>&1 & PIDS+=("$!")
java bench/WebhookSink.java $LIMITED 8 "$LIMITED_DELAY_MS" "$BENCH_DIR/sink-limited.txt" > "$BENCH_DIR/sink-limited.log" 2>&1 & PIDS+=("$!")
CPU_GROUPS=("instance-a=${PIDS[0]}" "instance-b=${PIDS[1]}" "receiver-fast=${PIDS[2]}" "receiver-limited=${PIDS[3]}")
for port in $FAST $LIMITED; do until curl -sf "http://127.0.0.1:$port/stats" > /dev/null; do sleep 0.5; done; done
stats() { curl -sf "http://127.0.0.1:$1/stats"; } # requests distinct duplicates refused wrk

# The receivers' own capacity, on keep-alive connections, before the service calls them.
wrk_rate() { wrk -t2 -c"$2" -d10s -s bench/webhooks-wrk.lua "http://127.0.0.1:$1/wrk" | awk '/Requests\/sec/ {print int($2)}'; }
FAST_WRK=$(wrk_rate $FAST 16)
LIMITED_WRK=$(wrk_rate $LIMITED 8)
echo "receiver capacity (wrk -t2, 10 s): $FAST_WRK req/s at 16 connections; limited receiver $LIMITED_WRK req/s at 8 connections"

SUB=$(api POST /api/v1/admin/webhook-subscriptions \
  -d "{\"url\":\"http://127.0.0.1:$FAST/refunds\",\"channels\":[\"ALIPAY\",\"WECHAT\",\"UNIONPAY\"]}" | sed 's/.*"id":\([0-9]*\).*/\1/')

# scenario NAME EXAM PORT: queue N refunds at the deadline, wait until the receiver has them all.
scenario() {
  local name=$1 exam=$2 port=$3 before
  seed "$exam"
  before=$(stats "$port" | awk '{print $2}')
  echo "[$name] $N refunds seeded; load: $(uptime | sed 's/.*load/load/')"
  $PSQL -c "update exam set switch_deadline = now() where code = '$exam'"
  until [ "$($PSQL -c "select count(*) from exam where code = '$exam' and refunds_decided_at is not null")" = 1 ]; do sleep 0.2; done
  COMMITTED=$(date +%s%6N)
  bench/cpu-split.py snap "$BENCH_DIR/cpu-$name-0.json" "${CPU_GROUPS[@]}"
  DECIDED=$($PSQL -c "select (extract(epoch from refunds_decided_at) * 1000000)::bigint from exam where code = '$exam'")
  echo "[$name] deadline job committed $(( (COMMITTED - DECIDED) / 1000 )) ms after its decision time"
  local give_up=$(( $(date +%s) + N / 50 + 300 ))
  until [ "$(stats "$port" | awk '{print $2}')" -ge $((before + N)) ]; do
    sleep 0.5
    if [ "$(date +%s)" -gt "$give_up" ]; then echo "[$name] gave up: $(stats "$port")"; break; fi
  done
  bench/cpu-split.py snap "$BENCH_DIR/cpu-$name-1.json" "${CPU_GROUPS[@]}"
  sleep 2 # let the last rounds be recorded
  curl -sf -XPOST "http://127.0.0.1:$port/dump" > /dev/null
  local ids attempts delivered sent
  read -r attempts delivered <<< "$($PSQL -F' ' -c "select count(a.*), count(distinct d.id) filter (where d.status = 'DELIVERED')
    from webhook_delivery d join refund f on f.id = d.refund_id join exam e on e.id = f.exam_id
    left join webhook_attempt a on a.delivery_id = d.id where e.code = '$exam'")"
  sent=$($PSQL -c "select count(*) from refund f join exam e on e.id = f.exam_id where e.code = '$exam' and f.status = 'SENT'")
  python3 - "$BENCH_DIR/sink-$4.txt" "$DECIDED" "$COMMITTED" "$N" "$attempts" "$delivered" "$sent" "$name" "${5:-0}" \
    "$($PSQL -c "select min(f.id) || ' ' || max(f.id) from refund f join exam e on e.id = f.exam_id where e.code = '$exam'")" <<'PY'
import sys
path, decided, committed, n, attempts, delivered, sent, name, rate, span = sys.argv[1:11]
lo, hi = map(int, span.split())
decided, committed, n, attempts, delivered, sent, rate = int(decided), int(committed), int(n), int(attempts), int(delivered), int(sent), int(rate)
ts = sorted(int(l.split()[1]) for l in open(path) if lo <= int(l.split()[0]) <= hi)
lat = [(t - decided) / 1000 for t in ts]
pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
last = (ts[-1] - decided) / 1e6
print(f"[{name}] received {len(ts)} of {n} refunds; delivered rows {delivered}, refunds SENT {sent}")
print(f"[{name}] {len(ts) / ((ts[-1] - committed) / 1e6):.0f} deliveries/s from the job's commit to the last arrival "
      f"({len(ts) / ((ts[-1] - ts[0]) / 1e6):.0f}/s first to last arrival); last arrival {last:.1f} s after the decision")
print(f"[{name}] decision-to-delivery p50 {pct(0.5) / 1000:.2f} s, p99 {pct(0.99) / 1000:.2f} s (first {lat[0]:.0f} ms)")
print(f"[{name}] attempts {attempts} for {delivered} deliveries: {attempts / max(1, delivered):.3f} per delivery")
if rate:
    bound = 2 * n / rate
    ok = len(ts) == n and attempts <= 1.05 * delivered and last <= bound
    print(f"[{name}] checks: every refund delivered {len(ts) == n}, attempts <= 1.05 x deliveries {attempts <= 1.05 * delivered}, "
          f"last delivery {last:.1f} s <= 2 x N / receiver rate = {bound:.1f} s {last <= bound}: {'PASS' if ok else 'FAIL'}")
PY
  echo "[$name] receiver: $(stats "$port") (requests distinct duplicates refused wrk)"
  echo "[$name] $(bench/cpu-split.py diff "$BENCH_DIR/cpu-$name-0.json" "$BENCH_DIR/cpu-$name-1.json")"
}

scenario fast BENCH-WH-1 $FAST fast | tee "$BENCH_DIR/webhooks-fast.txt"
FAST_RATE=$(sed -n 's/^\[fast\] \([0-9]*\) deliveries\/s from the job.*/\1/p' "$BENCH_DIR/webhooks-fast.txt")
echo "[fast] $FAST_RATE deliveries/s against the floor's $FLOOR_RATE: $(echo "scale=2; $FAST_RATE / $FLOOR_RATE" | bc)x (target >= 0.7)"
api PATCH "/api/v1/admin/webhook-subscriptions/$SUB" -d "{\"url\":\"http://127.0.0.1:$LIMITED/refunds\"}" > /dev/null
scenario limited BENCH-WH-2 $LIMITED limited "$LIMITED_WRK"

# Single decisions on the idle service: an administrator requeues a FAILED refund (a decision that
# queues one message); measured from the decision (its message's created_at, taken at the start of
# the requeue's transaction) to the receiver's arrival, both clocks this machine's.
api PATCH "/api/v1/admin/webhook-subscriptions/$SUB" -d "{\"url\":\"http://127.0.0.1:$FAST/refunds\"}" > /dev/null
sleep 3
SINGLE=$($PSQL -c "select f.id from refund f join exam e on e.id = f.exam_id where e.code = 'BENCH-WH-1' order by f.id limit 10")
for id in $SINGLE; do
  $PSQL -c "update refund set status = 'FAILED' where id = $id"
  before=$(stats $FAST | awk '{print $1}')
  api POST "/api/v1/admin/refunds/$id/requeue" > /dev/null
  until [ "$(stats $FAST | awk '{print $1}')" -gt "$before" ]; do sleep 0.05; done
  sleep 1.5 # past the 1 s poll, so that only a notification can explain a quick arrival
done
curl -sf -XPOST "http://127.0.0.1:$FAST/dump" > /dev/null
LAT=()
for id in $SINGLE; do
  decided=$($PSQL -c "select (extract(epoch from created_at) * 1000000)::bigint from webhook_delivery where refund_id = $id order by id desc limit 1")
  arrived=$(awk -v id="$id" '$1 == id {print $3}' "$BENCH_DIR/sink-fast.txt")
  LAT+=($(( (arrived - decided) / 1000 )))
done
echo "[single] requeue decision to arrival at the receiver (ms): ${LAT[*]}"
if [ "${PG_STATS:-0}" = 1 ]; then
  echo "PostgreSQL statements by total time (ms total, calls, rows, ms mean):"
  $PSQL -F' | ' -c "select round(total_exec_time), calls, rows, round(mean_exec_time::numeric, 2),
    regexp_replace(left(query, 110), '\s+', ' ', 'g') from pg_stat_statements order by total_exec_time desc limit 25"
fi
