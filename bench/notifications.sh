#!/usr/bin/env bash
# Notification delivery (issue 26), the sibling of bench/webhooks.sh: one packaged instance on its
# embedded PostgreSQL, N confirmed applicants (50,000) with mobile numbers on 40 positions that the
# ratio check cancels; publishing it makes their N POSITION_CANCELLED notifications and SMS in its
# own transaction (set-based), then the dispatcher delivers them to a gateway that keeps up
# (bench/WebhookSink.java). Prints the publication's time, the notifications made, deliveries/s,
# publication-to-delivery p50/p99 and attempts per delivery. Quiet hours are off for the run.
cd "$(dirname "$0")/.." && source bench/common.sh
N=${N:-50000}
PORT=${PORT:-18231}; SINK=${SINK:-18251} # the instance's management port is PORT + 10
EXAM=${EXAM:-BENCH-SMS-1}
build_app
keys
DB="$BENCH_DIR/pg-notifications"; rm -rf "$DB"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 2
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -f "$DB/postmaster.pid" ] && kill -INT "$(head -1 "$DB/postmaster.pid")" 2>/dev/null || true
}
trap cleanup EXIT
echo "machine: $(nproc) cores, $(uptime)"

QUARKUS_DATASOURCE_USERNAME=postgres APP_EMBEDDED_POSTGRES_DATA_DIR="$DB" \
SMALLRYE_JWT_VERIFY_KEY_LOCATION="$BENCH_DIR/token-key.jwk" SMALLRYE_JWT_SIGN_KEY_LOCATION="$BENCH_DIR/token-key.jwk" \
APP_BOOTSTRAP_ADMIN_USERNAME=admin APP_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD QUARKUS_HTTP_PORT=$PORT \
QUARKUS_MANAGEMENT_PORT=$((PORT + 10)) APP_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 APP_NOTIFICATIONS_QUIET_HOURS=none \
  java -Xmx2g ${JAVA_OPTS:-} -jar "${APP_JAR:-target/quarkus-app/quarkus-run.jar}" > "$BENCH_DIR/notifications.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 180); do curl -sf "http://localhost:$((PORT + 10))/q/health/ready" > /dev/null && break; sleep 1; done
PG_PORT=$(grep -ao 'started on port [0-9]*' "$BENCH_DIR/notifications.log" | head -1 | awk '{print $4}')
PSQL="psql -h localhost -p $PG_PORT -U postgres -Atq"
BASE=http://localhost:$PORT
TOKEN=$(curl -sf -XPOST "$BASE/api/v1/auth/staff-token" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
api() { curl -sf --max-time 120 -X"$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' "${@:3}"; }

java bench/WebhookSink.java $SINK 0 0 "$BENCH_DIR/sink-sms.txt" > "$BENCH_DIR/sink-sms.log" 2>&1 & PIDS+=("$!")
until curl -sf "http://127.0.0.1:$SINK/stats" > /dev/null; do sleep 0.5; done
stats() { curl -sf "http://127.0.0.1:$SINK/stats"; } # requests distinct duplicates refused wrk
api POST /api/v1/admin/notification-gateways -d "{\"url\":\"http://127.0.0.1:$SINK/sms\",\"name\":\"bench\"}" > /dev/null

# N paid applicants with mobiles on 40 open positions of quota 1,000 (ratio 3): fewer than 3,000 each,
# so that the ratio check (no reduction) cancels all 40.
$PSQL <<SQL
insert into exam (code, name, time_zone, default_ratio, reduce_quota_before_cancel, switch_window_opens_at,
                  switch_deadline, review_deadline, created_at, updated_at)
values ('$EXAM', 'notification bench', 'Asia/Shanghai', 3, false, now() - interval '1 hour', now() + interval '1 day',
        now() + interval '2 days', now(), now());
insert into agency (code, name) values ('A1', 'agency') on conflict (code) do nothing;
insert into position (exam_id, code, agency_code, agency_name, employer, title, quota, original_quota, status,
                      created_at, updated_at)
select e.id, 'P' || g, 'A1', 'agency', 'employer', 'title', 1000, 1000, 'OPEN', now(), now()
from exam e, generate_series(1, 40) g where e.code = '$EXAM';
insert into applicant (exam_id, id_number, name, phone, birth_date, education, degree, political_status, password_hash,
                       created_at, updated_at)
select e.id, '1408021986' || lpad(g::text, 8, '0'), 'a' || g, '139' || lpad(g::text, 8, '0'), date '1990-01-01',
       'BACHELOR', true, 'MASSES', 'none', now(), now()
from exam e, generate_series(1, $N) g where e.code = '$EXAM';
insert into registration (exam_id, applicant_id, position_id, current_position_id, fee_status, fee_amount,
                          fee_currency, payment_channel, transaction_id, paid_at, created_at, updated_at)
select a.exam_id, a.id, p.id, p.id, 'PAID', 100, 'CNY', 'ALIPAY', '$EXAM-' || a.id, now(), now(), now()
from applicant a join exam e on e.id = a.exam_id and e.code = '$EXAM'
join position p on p.exam_id = e.id and p.code = 'P' || (1 + a.id % 40);
SQL
echo "[publish] $N applicants seeded; load: $(uptime | sed 's/.*load/load/')"
T0=$(date +%s%6N)
api POST "/api/v1/admin/exams/$EXAM/ratio-check/publish" > /dev/null
T1=$(date +%s%6N)
MADE=$($PSQL -c "select count(*), count(d.id) from notification n join exam e on e.id = n.exam_id
  left join webhook_delivery d on d.notification_id = n.id where e.code = '$EXAM' and n.kind = 'POSITION_CANCELLED'")
echo "[publish] the publication took $(( (T1 - T0) / 1000 )) ms (its HTTP request); notifications | SMS made in it: $MADE"
give_up=$(( $(date +%s) + N / 50 + 300 ))
until [ "$(stats | awk '{print $2}')" -ge "$N" ]; do
  sleep 0.5
  if [ "$(date +%s)" -gt "$give_up" ]; then echo "[sms] gave up: $(stats)"; break; fi
done
sleep 2
curl -sf -XPOST "http://127.0.0.1:$SINK/dump" > /dev/null
read -r attempts delivered <<< "$($PSQL -F' ' -c "select count(a.*), count(distinct d.id) filter (where d.status = 'DELIVERED')
  from webhook_delivery d join notification n on n.id = d.notification_id join exam e on e.id = n.exam_id
  left join webhook_attempt a on a.delivery_id = d.id where e.code = '$EXAM'")"
python3 - "$BENCH_DIR/sink-sms.txt" "$T1" "$N" "$attempts" "$delivered" <<'PY'
import sys
path, committed, n, attempts, delivered = sys.argv[1:6]
committed, n, attempts, delivered = int(committed), int(n), int(attempts), int(delivered)
ts = sorted(int(l.split()[1]) for l in open(path))
lat = [(t - committed) / 1000 for t in ts]
pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print(f"[sms] received {len(ts)} of {n}; delivered rows {delivered}")
print(f"[sms] {len(ts) / ((ts[-1] - committed) / 1e6):.0f} deliveries/s from the publication's answer to the last arrival; "
      f"last arrival {(ts[-1] - committed) / 1e6:.1f} s after it")
print(f"[sms] publication-to-delivery p50 {pct(0.5) / 1000:.2f} s, p99 {pct(0.99) / 1000:.2f} s")
print(f"[sms] attempts {attempts} for {delivered} deliveries: {attempts / max(1, delivered):.3f} per delivery")
PY
echo "[sms] gateway: $(stats) (requests distinct duplicates refused wrk)"
