#!/usr/bin/env bash
# The national dress rehearsal (issue 28): the whole position-change phase of one exam, as a bureau
# lives it, in one command that stops by itself. SCALE=national (17,000 positions, 2,500,000
# registrations, about 1,500 positions cancelled and 5,000 confirmed applicants affected) or
# SCALE=ci (the same shape at 2 %). Two packaged instances on one external PostgreSQL of its own.
#
#   a. import of positions and registrations through the API, beside psql's \copy of the same file
#      into a plain table;
#   b. the ratio dry run beside psql running the same SQL (RatioCheckService.PLAN_SQL), then publish;
#   c. the public (bench/Rehearsal.java surge): the landing page, the cancelled list and the exam at
#      SURGE_RATE requests a second, open loop, through d and e; p99 a minute;
#   d. every affected applicant signs in as the notices go out (the sign-in rate beside C bcrypt's
#      on the cores the service's password checks get); the switch window (WINDOW s) opens: 70 % switch
#      (60 % of them in the last tenth, double clicks and lost answers retried with the same
#      Idempotency-Key), 10 % decline, the rest do nothing; reviewers of every agency decide every
#      switch (10 % rejected; some switch again);
#   e. the deadline: refunds queued and delivered to three payment systems (bench/PaymentSystem.java,
#      one a channel: ALIPAY keeps up, WECHAT answers 429 beyond 8 requests in flight, UNIONPAY fails
#      5 % of first attempts), each confirming by signed callback; instance b SIGKILLed as the
#      deadline job queues them, and started again 5 s later;
#      The bureau's SMS gateway (bench/WebhookSink.java) gets every notification with a mobile number,
#      each once (quiet hours off for the run);
#   f. reconciliation: each channel's refunds export against its payment system's ledger; every
#      affected applicant in exactly one end state; every acknowledged switch in the database, none
#      twice; the summary against psql's counts.
# Ends with a table and one line: rehearsal SCALE=... lost=0 duplicated=0 reconciled=yes
# worst_applicant_p99_ms=...; exits non-zero when an invariant fails.
#
# Environment: SCALE (ci), REBUILD (1), WINDOW and SURGE_RATE (by scale), PROFILE=1 (a flight
# recording of each instance and PostgreSQL's statements by total time, into the output folder), PG_PORT (18499),
# PORT_A/PORT_B (18401/18402), payment systems on 18431-18433. Runs as root too (PostgreSQL then
# runs as 'postgres').
cd "$(dirname "$0")/.." && source bench/common.sh
SCALE=${SCALE:-ci}
case "$SCALE" in
  # positions, registrations, cancelled positions of quota 2 (beyond the generator's reduce-shaped
  # ones, which this exam cancels too: it does not reduce quotas first), unpaid %, window s, surge/s
  national) set -- 17000 2500000 1041 12 "${WINDOW:-480}" "${SURGE_RATE:-60}" ;;
  ci) set -- 340 50000 21 12 "${WINDOW:-75}" "${SURGE_RATE:-20}" ;;
  *) echo "SCALE=national or SCALE=ci"; exit 2 ;;
esac
POSITIONS=$1; REGISTRATIONS=$2; CANCELLED=$3; UNPAID=$4; WINDOW=$5; SURGE_RATE=$6
PORT_A=${PORT_A:-18401}; PORT_B=${PORT_B:-18402}; PG_PORT=${REHEARSAL_PG_PORT:-18499}
PAY=(ALIPAY:18431 WECHAT:18432 UNIONPAY:18433)
W="$(pwd)/$BENCH_DIR/rehearsal-$SCALE"; PGDATA="$W/pgdata"; OUT="$W/out"
EXAM=REHEARSAL
T_START=$(date +%s)

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast stop > /dev/null 2>&1 || true
  sleep $([ "${PROFILE:-0}" = 1 ] && echo 10 || echo 1)  # a flight recording is written at exit
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

build_app
keys
pg_binaries "$(pwd)/$BENCH_DIR"
gcc -O2 -o target/bcrypt-rate bench/bcrypt-rate.c -lcrypt -lpthread
rm -rf "$W"; mkdir -p "$PGDATA" "$OUT"; chmod 0755 "$W"
PG_PROFILE=""
if [ "${PROFILE:-0}" = 1 ]; then
  PG_PROFILE="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  JAVA_OPTS_BEFORE_PROFILE=${INSTANCE_JAVA_OPTS:--Xmx1500m}
fi
[ "$(id -u)" = 0 ] && chown postgres: "$PGDATA"
chmod 0700 "$PGDATA"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > "$W/initdb.log"
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/postgres.log" -w -t 60 \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=localhost -c max_connections=200 -c shared_buffers=512MB -c max_wal_size=4GB $PG_PROFILE" \
  start > /dev/null
PSQL="psql -h localhost -p $PG_PORT -U postgres -Atq"
$PSQL -c "create database app"
PSQL="$PSQL -d app"
[ -n "$PG_PROFILE" ] && $PSQL -c "create extension pg_stat_statements"
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT; SCALE=$SCALE"

instance() { # NAME PORT
  # A recording per life: instance b's second one records beside its first (lost to the SIGKILL).
  [ "${PROFILE:-0}" = 1 ] && INSTANCE_JAVA_OPTS="$JAVA_OPTS_BEFORE_PROFILE -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$OUT/instance-$1-$(date +%s).jfr"
  external_instance "$1" "$2" "jdbc:postgresql://localhost:$PG_PORT/app" "$W/instance-$1.log" \
    APP_REFUNDS_DEADLINE_CHECK_EVERY=1s APP_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 APP_NOTIFICATIONS_QUIET_HOURS=none \
    APP_WEBHOOKS_RETRY_SCHEDULE=PT1S,PT2S,PT4S,PT8S,PT15S,PT15S,PT15S,PT15S,PT15S,PT15S,PT15S,PT15S APP_WEBHOOKS_LEASE=PT15S
}
instance a $PORT_A; wait_up $PORT_A
instance b $PORT_B; wait_up $PORT_B
BASE=http://localhost:$PORT_A; BASE_B=http://localhost:$PORT_B
TOKEN=$(curl -sf -XPOST "$BASE/api/v1/auth/staff-token" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
api() { curl -sf --max-time 1800 -X"$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" "${@:3}"; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }
cpu_snap() { bench/cpu-split.py snap "$OUT/cpu-$1.json" instance-a=$PID_a instance-b=$PID_b ${EXTRA_CPU:-}; }
cpu_diff() { bench/cpu-split.py diff "$OUT/cpu-$1.json" "$OUT/cpu-$2.json" | sed 's/^cores used over [0-9.]* s: //'; }
ROWS=()  # the final table: stage | time s | floor | ratio | p50/p99 | cores
row() { ROWS+=("$1|$2|$3|$4|$5|$6"); }
FAILED=()
check() { if [ "$2" != "$3" ]; then FAILED+=("$1: $2 != $3"); echo "CHECK FAILED $1: $2 != $3"; fi; }

# --- data: the generator's exam shape, quota-2 cancelled positions, 12 % unpaid, valid ID numbers,
# Chinese names and mobile numbers.
DATA="$BENCH_DIR/rehearsal-data-$SCALE"
if [ ! -f "$DATA/registrations.csv" ]; then
  java -cp target/classes cn.gov.exam.change.demo.DemoDataGenerator "$POSITIONS" "$REGISTRATIONS" "$DATA" "$CANCELLED" 2 "$UNPAID"
fi
ROWS_IN=$(( $(wc -l < "$DATA/registrations.csv") - 1 ))
# Sign-in's floor, on a quiet machine before anything runs: C bcrypt (libxcrypt) on as many threads as
# the two instances' password-check pools have (half the cores each).
THREADS=$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))
BCRYPT=$(target/bcrypt-rate '$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq' 'Demo@2023' "$((THREADS * 2))" 10 | awk '{print $1}')

# The exam: its window is set when the ratio check is published (stage d).
api POST /api/v1/admin/exams -H 'content-type: application/json' \
  -d "{\"code\":\"$EXAM\",\"name\":\"全国统一考试（彩排）\",\"timeZone\":\"Asia/Shanghai\",\"defaultRatio\":3,\"reduceQuotaBeforeCancel\":false,
       \"switchWindowOpensAt\":\"2099-01-14T09:00:00+08:00\",\"switchDeadline\":\"2099-01-16T12:00:00+08:00\",
       \"reviewDeadline\":\"2099-01-17T12:00:00+08:00\"}" > /dev/null

# The bureau's SMS gateway (bench/WebhookSink.java, which keeps up), registered before anything
# happens: every notification with a mobile number goes out through it, exactly once (checked in f).
SMS_PORT=${SMS_PORT:-18434}
java bench/WebhookSink.java "$SMS_PORT" 0 0 "$OUT/sms.txt" > "$OUT/sms.log" 2>&1 &
PIDS+=("$!"); EXTRA_CPU="${EXTRA_CPU:-} sms-gateway=$!"
until curl -sf "http://127.0.0.1:$SMS_PORT/stats" > /dev/null; do sleep 0.3; done
api POST /api/v1/admin/notification-gateways -H 'content-type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$SMS_PORT/sms\",\"name\":\"短信网关（彩排）\"}" > /dev/null

# --- a. import
echo "a. import: $ROWS_IN registrations"
cpu_snap a0
t0=$(now); api POST "/api/v1/admin/exams/$EXAM/positions" -H 'content-type: text/csv; charset=UTF-8' --data-binary "@$DATA/positions.csv" > "$OUT/import-positions.json"
t1=$(now); api POST "/api/v1/admin/exams/$EXAM/registrations" -H 'content-type: text/csv; charset=UTF-8' --data-binary "@$DATA/registrations.csv" > "$OUT/import-registrations.json"
t2=$(now); cpu_snap a1
COLUMNS=$(head -1 "$DATA/registrations.csv" | tr -d '\r\357\273\277' | tr ',.' '\n_' | sed 's/.*/"&" text/' | paste -sd, -)
$PSQL -c "create table copy_floor ($COLUMNS)"
f0=$(now); $PSQL -c "\\copy copy_floor from '$DATA/registrations.csv' with (format csv, header true)"; f1=$(now)
$PSQL -c "drop table copy_floor" -c "vacuum analyze" -c checkpoint
IMPORT=$(secs "$t1" "$t2"); COPY=$(secs "$f0" "$f1")
echo "   positions $(secs "$t0" "$t1") s; registrations $IMPORT s ($(head -c 120 "$OUT/import-registrations.json")); psql \\copy $COPY s"
row "a. import $ROWS_IN registrations (API)" "$IMPORT" "\\copy $COPY s" "$(ratio "$IMPORT" "$COPY")x (≤ 3x)" "" "$(cpu_diff a0 a1)"

# --- b. ratio check: the dry run beside the same SQL in psql (as bench/ratio.sh), then publish
EXAM_ID=$($PSQL -c "select id from exam where code = '$EXAM'")
SQL=$(sed -n '/static final String PLAN_SQL = """/,/""";/p' src/main/java/cn/gov/exam/change/ratio/RatioCheckService.java \
  | sed '1d;$d' | sed "s/= any(?)/= any(array['PAID','WAIVED'])/; s/= ?/= $EXAM_ID/g")
dry() { curl -sf -o /dev/null -w '%{time_total}\n' -XPOST "$BASE/api/v1/admin/exams/$EXAM/ratio-check" -H "Authorization: Bearer $TOKEN"; }
raw() { local s; s=$(now); $PSQL -c "$SQL" > /dev/null; secs "$s" "$(now)"; }
dry > /dev/null; raw > /dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
DRY=$(for _ in 1 2 3; do dry; done | median); RAW=$(for _ in 1 2 3; do raw; done | median)
cpu_snap b0
p0=$(now); api POST "/api/v1/admin/exams/$EXAM/ratio-check/publish" > "$OUT/publish.json"; p1=$(now)
cpu_snap b1
PUBLISH=$(secs "$p0" "$p1")
CANCELLED_N=$($PSQL -c "select count(*) from position where exam_id = $EXAM_ID and status = 'CANCELLED'")
echo "b. ratio dry run $DRY s (psql $RAW s); publish $PUBLISH s: $CANCELLED_N positions cancelled"
row "b. ratio dry run (median of 3)" "$DRY" "psql $RAW s" "$(ratio "$DRY" "$RAW")x (≤ 1.5x)" "" ""
row "b. publish ($CANCELLED_N cancelled)" "$PUBLISH" "psql $RAW s" "$(ratio "$PUBLISH" "$RAW")x" "" "$(cpu_diff b0 b1)"

# Affected applicants: the confirmed ones of cancelled positions.
$PSQL -c "select a.id_number from registration r join applicant a on a.id = r.applicant_id
  join position p on p.id = r.position_id where r.exam_id = $EXAM_ID and p.status = 'CANCELLED'
  and r.fee_status in ('PAID', 'WAIVED') order by 1" > "$OUT/affected.txt"
AFFECTED=$(wc -l < "$OUT/affected.txt")

# Payment systems, one a channel, and their subscriptions.
for p in "${PAY[@]}"; do
  ch=${p%:*}; port=${p#*:}
  secret=$(api POST /api/v1/admin/webhook-subscriptions -H 'content-type: application/json' \
    -d "{\"url\":\"http://127.0.0.1:$port/refunds\",\"channels\":[\"$ch\"]}" | sed 's/.*"secret":"\([^"]*\)".*/\1/')
  case $ch in ALIPAY) env=(PS_FAIL_PERCENT=0) ;; WECHAT) env=(PS_FAIL_PERCENT=0 PS_MAX_IN_FLIGHT=8) ;; UNIONPAY) env=(PS_FAIL_PERCENT=5 PS_FIRST_ONLY=1) ;; esac
  : > "$OUT/ledger-$ch.txt"
  env "${env[@]}" java bench/PaymentSystem.java "$port" "$secret" "$OUT/ledger-$ch.txt" "$BASE" "$BASE_B" > "$OUT/pay-$ch.log" 2>&1 &
  PIDS+=("$!"); EXTRA_CPU="${EXTRA_CPU:-} pay-$ch=$!"
done

# --- c. the public, from now until the end of e
java bench/Rehearsal.java surge "$SURGE_RATE" "$OUT/surge.txt" "$EXAM" "$BASE" "$BASE_B" > "$OUT/surge.log" 2>&1 &
SURGE_PID=$!; PIDS+=("$SURGE_PID"); EXTRA_CPU="$EXTRA_CPU surge=$SURGE_PID"

# --- d. the notices go out: every affected applicant signs in; then the window opens for WINDOW s
# (Rehearsal.java sets it with this exam, once everyone is in), and the reviews end half a window later.
cat > "$OUT/exam-window.json" <<JSON
{"code":"$EXAM","name":"全国统一考试（彩排）","timeZone":"Asia/Shanghai","defaultRatio":3,"reduceQuotaBeforeCancel":false,
 "switchWindowOpensAt":"@OPENS@","switchDeadline":"@DEADLINE@","reviewDeadline":"@REVIEW_DEADLINE@"}
JSON
echo "d. $AFFECTED affected applicants, a window of $WINDOW s; C bcrypt on $((THREADS * 2)) threads (each instance's password-check pool): $BCRYPT/s"
# e's fault: instance b SIGKILLed as the deadline job queues the refunds, started again 5 s later
# (its PID handed back through a file: the watcher is a subshell).
(
  until [ "$($PSQL -c "select count(*) from exam where id = $EXAM_ID and refunds_decided_at is not null")" = 1 ]; do sleep 0.1; done
  kill -9 "$PID_b"; echo "$(date +%s.%N) $($PSQL -c "select count(*) from refund where exam_id = $EXAM_ID and status = 'SUCCEEDED'") of $($PSQL -c "select count(*) from refund where exam_id = $EXAM_ID") refunds confirmed" > "$OUT/kill.txt"
  sleep 5; instance b $PORT_B; echo "$PID_b" > "$OUT/b.pid"
) &
cpu_snap d0
java bench/Rehearsal.java act "$EXAM" "$OUT/affected.txt" "$OUT/act" "$TOKEN" "$WINDOW" "$OUT/exam-window.json" "$BASE" "$BASE_B" > "$OUT/act.log" 2>&1 &
ACT_PID=$!; EXTRA_CPU="$EXTRA_CPU people=$ACT_PID"
wait $ACT_PID || { echo "the applicants' driver failed:"; tail -20 "$OUT/act.log"; exit 1; }
cpu_snap d1
cat "$OUT/act/report.txt" | sed 's/^/   /'
lat() { sed -n "s/^latency $1 .*p50=\([0-9]*\) p99=\([0-9]*\).*/\1\/\2/p" "$OUT/act/report.txt"; }
SIGN_RATE=$(sed -n 's/^sign-ins .* rate \([0-9.]*\)/\1/p' "$OUT/act/report.txt")
WAVE=$(sed -n 's/^sign-ins .* wave-seconds \([0-9.]*\) .*/\1/p' "$OUT/act/report.txt")
row "d. sign-in of $AFFECTED applicants" "$WAVE" "C bcrypt $BCRYPT/s" "$(ratio "$SIGN_RATE" "$BCRYPT")x ($SIGN_RATE/s)" "$(lat sign-in)" ""
row "d. GET /me right after signing in (during the sign-in wave)" "" "" "" "$(lat me-wave)" ""
row "d. GET /me" "" "" "" "$(lat me) (< 100)" ""
row "d. options search" "" "" "" "$(lat options) (< 100)" ""
row "d. switch" "" "" "" "$(lat switch) (< 100)" ""
row "d. review decisions" "" "" "" "$(lat decision)" "$(cpu_diff d0 d1)"
WORST=$(for k in me options switch; do lat $k | cut -d/ -f2; done | sort -n | tail -1)

# --- e. refunds: every one confirmed; instance b was killed as the deadline job ran (above).
refunds() { $PSQL -c "select count(*) from refund where exam_id = $EXAM_ID $1"; }
until [ "$($PSQL -c "select count(*) from exam where id = $EXAM_ID and refunds_decided_at is not null")" = 1 ] && [ -s "$OUT/b.pid" ]; do sleep 0.5; done
PID_b=$(cat "$OUT/b.pid"); PIDS+=("$PID_b")
give_up=$(( $(date +%s) + 900 ))
until [ "$(refunds "and status = 'SUCCEEDED'")" -ge "$(refunds "")" ]; do
  sleep 0.2
  [ "$(date +%s)" -gt $give_up ] && { FAILED+=("refunds not all confirmed after 15 minutes"); break; }
done
wait_up $PORT_B

kill "$SURGE_PID"; sleep 1
TOTAL=$(refunds "")
ATTEMPTS=$($PSQL -c "select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id join refund f on f.id = d.refund_id where f.exam_id = $EXAM_ID")
# From the deadline job's decision to the last refund's confirmation, as the database saw them.
E_SECS=$($PSQL -c "select round(extract(epoch from max(f.updated_at) - e.refunds_decided_at)::numeric, 2) from refund f
  join exam e on e.id = f.exam_id where e.id = $EXAM_ID group by e.refunds_decided_at")
echo "e. $TOTAL refunds confirmed, the last $E_SECS s after the deadline job; $ATTEMPTS attempts; instance b killed with $(cut -d' ' -f2- "$OUT/kill.txt")"
# (The refunds are confirmed while the reviews go on, so their cores are in the row of d.)
row "e. $TOTAL refunds confirmed (b killed at the deadline)" "$E_SECS" "" "$ATTEMPTS attempts" "" ""
SURGE_P99=$(awk '{print $5}' "$OUT/surge.txt" | sort -n | tail -1)
row "c. public surge ($SURGE_RATE/s, $(awk '{n+=$2; e+=$3} END {print n " requests, " e " errors"}' "$OUT/surge.txt"))" "" "" "" "worst minute p99 $SURGE_P99" ""

# SMS: every notification with a mobile number reached the gateway, once.
SMS_MADE=$($PSQL -c "select count(*) from notification where exam_id = $EXAM_ID and sms")
give_up=$(( $(date +%s) + 180 ))
until [ "$(curl -sf "http://127.0.0.1:$SMS_PORT/stats" | awk '{print $2}')" -ge "$SMS_MADE" ] || [ "$(date +%s)" -gt $give_up ]; do sleep 0.5; done
read -r SMS_REQUESTS SMS_DISTINCT SMS_DUPLICATES _ <<< "$(curl -sf "http://127.0.0.1:$SMS_PORT/stats")"
echo "e. SMS: $SMS_MADE made with a mobile number, $SMS_DISTINCT received ($SMS_REQUESTS requests, $SMS_DUPLICATES duplicates; $($PSQL -c "select count(*) from notification where exam_id = $EXAM_ID and not sms") without a mobile number, on 我的消息 only)"
check "SMS received" "$SMS_DISTINCT" "$SMS_MADE"
row "e. SMS to the gateway" "" "" "$SMS_DISTINCT of $SMS_MADE, $SMS_DUPLICATES duplicates" "" ""

# --- f. reconciliation
for p in "${PAY[@]}"; do
  ch=${p%:*}
  curl -sf "$BASE/api/v1/admin/exams/$EXAM/refunds?channel=$ch&format=machine" -H "Authorization: Bearer $TOKEN" \
    -H 'Accept: text/csv' > "$OUT/export-$ch.csv"
done
curl -sf "$BASE/api/v1/admin/exams/$EXAM/summary" -H "Authorization: Bearer $TOKEN" > "$OUT/summary.json"
$PSQL -F, -c "select a.id_number, r.fee_status,
    exists (select 1 from position_switch s where s.registration_id = r.id and s.status = 'APPROVED'),
    exists (select 1 from refund f where f.registration_id = r.id and f.status = 'SUCCEEDED'),
    (select count(*) from refund f where f.registration_id = r.id)
  from registration r join applicant a on a.id = r.applicant_id join position p on p.id = r.position_id
  where r.exam_id = $EXAM_ID and p.status = 'CANCELLED' and r.fee_status in ('PAID', 'WAIVED')" > "$OUT/end-states.csv"
$PSQL -F, -c "select a.id_number, s.id from position_switch s join registration r on r.id = s.registration_id
  join applicant a on a.id = r.applicant_id where s.exam_id = $EXAM_ID" > "$OUT/db-switches.csv"
$PSQL -F, -c "select 'affected', count(*) from registration r join position p on p.id = r.position_id
    where r.exam_id = $EXAM_ID and p.status = 'CANCELLED' and r.fee_status in ('PAID', 'WAIVED')
  union all select 'switched', count(distinct registration_id) from position_switch where exam_id = $EXAM_ID
  union all select 'switch ' || status, count(*) from position_switch where exam_id = $EXAM_ID group by status
  union all select 'refund ' || status, count(*) from refund where exam_id = $EXAM_ID group by status" > "$OUT/psql-counts.csv"
RECON=$(python3 - "$OUT" <<'PY'
import csv, json, sys, collections
out = sys.argv[1]
problems, lines, twice_total = [], [], 0
for ch in ("ALIPAY", "WECHAT", "UNIONPAY"):
    ledger = [l.split() for l in open(f"{out}/ledger-{ch}.txt") if l.strip()]
    by_refund = collections.defaultdict(set)
    amounts = {}
    for webhook_id, refund, amount, channel in ledger:
        by_refund[refund].add(webhook_id); amounts[refund] = amount
        if channel != ch: problems.append(f"{ch}: refund {refund} of channel {channel}")
    twice = [r for r, ids in by_refund.items() if len(ids) > 1]
    rows = list(csv.DictReader(open(f"{out}/export-{ch}.csv", encoding="utf-8-sig")))
    ids = [r["id"] for r in rows]
    exported = {r["id"]: r["amount"] for r in rows if r["status"] == "SUCCEEDED"}
    if len(ids) != len(set(ids)): problems.append(f"{ch}: an id twice in the export")
    if set(exported) != set(amounts): problems.append(f"{ch}: export {len(exported)} refunds, ledger {len(amounts)}")
    diff = [r for r in exported if r in amounts and float(exported[r]) != float(amounts[r])]
    if diff: problems.append(f"{ch}: {len(diff)} amounts differ")
    if twice: problems.append(f"{ch}: {len(twice)} refunds paid under two webhook ids")
    twice_total += len(twice)
    lines.append(f"{ch} export {len(exported)} = ledger {len(amounts)}, sum {sum(float(v) for v in exported.values()):.2f}"
                 f" = {sum(float(v) for v in amounts.values()):.2f}, requests {len(ledger)}")
# Every affected applicant in exactly one end state.
ends = collections.Counter()
for id_, fee, approved, refunded, refunds in csv.reader(open(f"{out}/end-states.csv")):
    approved, refunded = approved == "t", refunded == "t"
    states = [s for s, on in (("approved", approved), ("refunded", refunded), ("waived", fee == "WAIVED" and not approved)) if on]
    ends["+".join(states) or "none"] += 1
    if len(states) != 1 or int(refunds) > 1: problems.append(f"{id_}: {states or 'no end state'}, {refunds} refunds")
lines.append("end states: " + ", ".join(f"{k} {v}" for k, v in sorted(ends.items())))
# Acknowledged switches against the database.
acked = collections.defaultdict(set)
for l in open(f"{out}/act/acks.csv"):
    id_, sid = l.strip().split(","); acked[id_].add(sid)
db = collections.defaultdict(set)
for id_, sid in csv.reader(open(f"{out}/db-switches.csv")): db[id_].add(sid)
lost = sum(len(s - db[i]) for i, s in acked.items())
dup = sum(len(s - acked[i]) for i, s in db.items())
lines.append(f"switches acknowledged {sum(map(len, acked.values()))}, in the database {sum(map(len, db.values()))}: lost {lost}, not acknowledged {dup}")
# The summary against psql's counts.
s = json.load(open(f"{out}/summary.json"))
counts = {k: int(v) for k, v in csv.reader(open(f"{out}/psql-counts.csv"))}
pairs = [("affected", s["affectedApplicants"]), ("switched", s["switchedApplicants"]),
         ("switch APPROVED", s["reviews"]["approved"]), ("switch REJECTED", s["reviews"]["rejected"]),
         ("switch PENDING", s["reviews"]["pending"])] + [("refund " + k, v) for k, v in s["refunds"].items()]
bad = [f"{k}: summary {v}, psql {counts.get(k, 0)}" for k, v in pairs if counts.get(k, 0) != v]
problems += bad
lines.append(f"summary = psql on {len(pairs) - len(bad)} of {len(pairs)} figures")
for l in lines: print("   " + l)
for p in problems[:20]: print("   PROBLEM " + p)
# A switch in the database that no client was told of would be a duplicate (every lost answer is
# retried with its key until it is told); so is a refund paid twice.
print(f"RESULT lost={lost} duplicated={dup + twice_total} problems={len(problems)}")
PY
)
[ -n "$PG_PROFILE" ] && $PSQL -F ' | ' -c "select round(total_exec_time) as ms, calls, round(mean_exec_time::numeric, 2) as mean_ms,
  left(regexp_replace(query, '\s+', ' ', 'g'), 160) from pg_stat_statements order by total_exec_time desc limit 40" > "$OUT/pg-statements.txt"
echo "f. reconciliation"; echo "$RECON" | grep -v '^RESULT'
LOST=$(echo "$RECON" | sed -n 's/^RESULT lost=\([0-9]*\).*/\1/p')
DUPLICATED=$(echo "$RECON" | sed -n 's/.*duplicated=\([0-9]*\).*/\1/p')
PROBLEMS=$(echo "$RECON" | sed -n 's/.*problems=\([0-9]*\)/\1/p')
DUP=$($PSQL -c "select count(*) from (select registration_id from refund where exam_id = $EXAM_ID group by registration_id having count(*) > 1) d")
check "acknowledged switches lost" "$LOST" 0
check "reconciliation problems" "$PROBLEMS" 0
check "registrations refunded twice" "$DUP" 0
check "switches or payments duplicated" "$DUPLICATED" 0
RECONCILED=$([ "$PROBLEMS" = 0 ] && echo yes || echo no)

echo
echo "| stage | time (s) | floor | ratio | p50/p99 (ms) | cores |"
echo "|---|---|---|---|---|---|"
for r in "${ROWS[@]}"; do echo "| ${r//|/ | } |"; done
echo
echo "whole run $(( $(date +%s) - T_START )) s; public surge p50/p99 by minute: $(awk '{printf "%s/%s ", $4, $5}' "$OUT/surge.txt")"
echo "rehearsal SCALE=$SCALE lost=$LOST duplicated=$((DUPLICATED + DUP)) reconciled=$RECONCILED worst_applicant_p99_ms=$WORST"
[ ${#FAILED[@]} = 0 ] || { printf 'FAILED: %s\n' "${FAILED[@]}"; exit 1; }
