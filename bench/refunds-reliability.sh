#!/usr/bin/env bash
# Reliability check of refund delivery: two packaged instances on one PostgreSQL, 10,000 refunds
# queued by the deadline job, a payment system (bench/PaymentSystem.java) that fails a third of the
# requests and is killed and restarted once, and one instance killed with kill -9 midway.
# Checks: every refund delivered and confirmed, no refund duplicated; prints deliveries per second.
cd "$(dirname "$0")/.." && source bench/common.sh
N=${N:-10000}
build_app
keys
DB="$BENCH_DIR/pg-reliability"; rm -rf "$DB"
PIDS=()
# The database is instance a's embedded PostgreSQL: it keeps running when a is killed.
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -f "$DB/postmaster.pid" ] && kill -INT "$(head -1 "$DB/postmaster.pid")" 2>/dev/null || true
}
trap cleanup EXIT

instance() { # NAME PORT [JDBC_URL]
  local url=(); [ -n "${3:-}" ] && url=(QUARKUS_DATASOURCE_JDBC_URL="$3")
  env "${url[@]}" QUARKUS_DATASOURCE_USERNAME=postgres APP_EMBEDDED_POSTGRES_DATA_DIR="$DB" \
  SMALLRYE_JWT_VERIFY_KEY_LOCATION="$BENCH_DIR/token-key.jwk" SMALLRYE_JWT_SIGN_KEY_LOCATION="$BENCH_DIR/token-key.jwk" \
  APP_BOOTSTRAP_ADMIN_USERNAME=admin APP_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$(($2 + 1000)) \
  APP_WEBHOOKS_RETRY_SCHEDULE=PT1S,PT2S,PT4S,PT8S,PT15S,PT15S,PT15S,PT15S,PT15S,PT15S,PT15S,PT15S APP_WEBHOOKS_LEASE=PT15S \
  APP_WEBHOOKS_DISPATCH_EVERY=200ms APP_REFUNDS_DEADLINE_CHECK_EVERY=1s APP_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 \
    java -Xmx2g -jar target/quarkus-app/quarkus-run.jar > "$BENCH_DIR/$1.log" 2>&1 &
  echo $!
}
wait_up() { for _ in $(seq 1 90); do curl -sf "http://localhost:$(($1 + 1000))/q/health/ready" > /dev/null && return; sleep 1; done; exit 1; }
A=$(instance a 8091); PIDS+=("$A"); wait_up 8091
PG_PORT=$(grep -ao 'started on port [0-9]*' "$BENCH_DIR/a.log" | head -1 | awk '{print $4}')
PSQL="psql -h localhost -p $PG_PORT -U postgres -Atq"
B=$(instance b 8092 "jdbc:postgresql://localhost:$PG_PORT/postgres"); PIDS+=("$B"); wait_up 8092
BASE=http://localhost:8091
TOKEN=$(curl -sf -XPOST "$BASE/api/v1/auth/staff-token" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')

# An exam whose switch deadline passes in 20 s, with N paid applicants of cancelled positions.
DEADLINE=$(date -u -d '+25 seconds' +%Y-%m-%dT%H:%M:%SZ)
EXAM=BENCH-REFUNDS
curl -sf -XPOST "$BASE/api/v1/admin/exams" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d "{\"code\":\"$EXAM\",\"name\":\"refund bench\",\"timeZone\":\"Asia/Shanghai\",\"defaultRatio\":3,\"reduceQuotaBeforeCancel\":false,
       \"switchWindowOpensAt\":\"2023-01-14T09:00:00+08:00\",\"switchDeadline\":\"$DEADLINE\",\"reviewDeadline\":\"2099-01-17T12:00:00+08:00\"}" > /dev/null
java -cp target/classes cn.gov.exam.change.demo.DemoDataGenerator 400 $((N * 400 / 35 / 2)) "$BENCH_DIR/refunds" > /dev/null
# Keep the cancelled positions' applicants only, N of them (paid).
python3 - "$BENCH_DIR/refunds" "$N" <<'PY'
import sys, csv
d, n = sys.argv[1], int(sys.argv[2])
pos = list(csv.DictReader(open(d + '/positions.csv', encoding='utf-8')))
rows = list(csv.DictReader(open(d + '/registrations.csv', encoding='utf-8')))
codes = sorted({r['positionCode'] for r in rows if r['fee.status'] == 'PAID'})[:40]
out = []
for i, r in enumerate(rows):
    if r['fee.status'] == 'PAID':
        r = dict(r); r['positionCode'] = codes[len(out) % 40]; out.append(r)
    if len(out) == n: break
w = csv.DictWriter(open(d + '/refund-registrations.csv', 'w', encoding='utf-8', newline=''), fieldnames=rows[0].keys())
w.writeheader(); w.writerows(out)
p = [x for x in pos if x['code'] in codes]
for x in p: x['quota'] = '100000'; x['ratio'] = '100'
w = csv.DictWriter(open(d + '/refund-positions.csv', 'w', encoding='utf-8', newline=''), fieldnames=pos[0].keys())
w.writeheader(); w.writerows(p)
PY
post() { curl -sf --max-time 600 -XPOST "$BASE$1" -H "Authorization: Bearer $TOKEN" "${@:2}"; }
post "/api/v1/admin/exams/$EXAM/positions" -H 'content-type: text/csv; charset=UTF-8' --data-binary "@$BENCH_DIR/refunds/refund-positions.csv" > /dev/null
post "/api/v1/admin/exams/$EXAM/registrations" -H 'content-type: text/csv; charset=UTF-8' --data-binary "@$BENCH_DIR/refunds/refund-registrations.csv"; echo
post "/api/v1/admin/exams/$EXAM/ratio-check/publish" | head -c 100; echo
SECRET=$(post /api/v1/admin/webhook-subscriptions -H 'content-type: application/json' \
  -d '{"url":"http://127.0.0.1:8095/refunds","channels":["ALIPAY","WECHAT","UNIONPAY"]}' | sed 's/.*"secret":"\([^"]*\)".*/\1/')
RECEIVED="$BENCH_DIR/received.txt"; : > "$RECEIVED"
java bench/PaymentSystem.java 8095 "$SECRET" "$RECEIVED" http://localhost:8091 http://localhost:8092 > "$BENCH_DIR/payment-system.log" 2>&1 &
PS=$!; PIDS+=("$PS")

echo "waiting for the switch deadline ($DEADLINE)"
until [ "$($PSQL -c "select count(*) from refund")" -ge "$N" ]; do sleep 1; done
START=$(date +%s.%N)
echo "$N refunds queued; delivering"
delivered() { $PSQL -c "select count(*) from webhook_delivery where status = 'DELIVERED'"; }
until [ "$(delivered)" -ge $((N / 4)) ]; do sleep 0.5; done
echo "a quarter delivered: kill -9 instance a, and kill the payment system for 3 s"
kill -9 "$A"; kill -9 "$PS"; sleep 3
java bench/PaymentSystem.java 8095 "$SECRET" "$RECEIVED" http://localhost:8092 > "$BENCH_DIR/payment-system.log" 2>&1 &
PS=$!; PIDS+=("$PS")
REPLAYED=0
until [ "$($PSQL -c "select count(*) from refund where status = 'SUCCEEDED'")" -ge "$N" ]; do
  sleep 1
  # What staff would do with a delivery that used up its schedule: replay it.
  for d in $($PSQL -c "select id from webhook_delivery where status = 'FAILED'"); do
    curl -sf -XPOST "http://localhost:8092/api/v1/admin/webhook-deliveries/$d/replay" -H "Authorization: Bearer $TOKEN" > /dev/null
    REPLAYED=$((REPLAYED + 1))
  done
  if [ $(echo "$(date +%s) - ${START%.*} > 900" | bc) = 1 ]; then echo "gave up after 15 minutes"; break; fi
done
END=$(date +%s.%N)
$PSQL -c "select status, count(*) from refund group by status order by 1" | sed 's/^/refunds /'
echo "refund rows: $($PSQL -c "select count(*) from refund"), distinct registrations: $($PSQL -c "select count(distinct registration_id) from refund")"
echo "deliveries: $($PSQL -c "select status || ' ' || count(*) from webhook_delivery group by status" | tr '\n' ' ')"
echo "deliveries replayed by staff after their last attempt: $REPLAYED"
echo "attempts: $($PSQL -c "select count(*) from webhook_attempt"), by dispatcher: $($PSQL -c "select count(distinct dispatcher) from webhook_attempt")"
echo "accepted by the payment system: $(wc -l < "$RECEIVED") requests for $(cut -d' ' -f2 "$RECEIVED" | sort -u | wc -l) distinct refunds"
echo "all $N refunds delivered and confirmed in $(echo "$END - $START" | bc | cut -c1-6) s: $(echo "$N / ($END - $START)" | bc) refunds/s"
