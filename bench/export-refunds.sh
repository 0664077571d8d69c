#!/usr/bin/env bash
# Export of 1,000,000 refunds as CSV through the API (GET …/refunds with Accept: text/csv): the time
# and the server's heap while it streams. The refunds are written straight into the database
# (one exam, one cancelled position, a paid registration and a refund per applicant, the three
# channels in turn), since the export only reads them. Heap: the JVM's GC log (-Xlog:gc, heap before
# and after each collection during the export) and GC.heap_info sampled by jcmd every 0.5 s.
# HEAP=256m starts the server with that -Xmx instead of common.sh's 4g.
cd "$(dirname "$0")/.." && source bench/common.sh
ROWS=${ROWS:-1000000}
EXAM=BENCH-EXPORT
build_app
DATA="$BENCH_DIR/pg-export-$ROWS"
FRESH=0
[ -d "$DATA" ] || FRESH=1
GC_LOG="$BENCH_DIR/export-gc.log"
rm -f "$GC_LOG"
start_app "$DATA" ${HEAP:+-Xmx$HEAP} "-Xlog:gc:file=$GC_LOG:uptime"
PSQL=(psql -h localhost -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Aqt)
if [ $FRESH = 1 ]; then
  create_exam $EXAM
  EXAM_ID=$("${PSQL[@]}" -c "select id from exam where code = '$EXAM'")
  start=$(date +%s.%N)
  "${PSQL[@]}" <<SQL
insert into agency (code, name) values ('A01', '山西省财政厅') on conflict (code) do nothing;
insert into position (exam_id, code, agency_code, agency_name, employer, title, quota, original_quota, ratio, status,
                      created_at, updated_at)
values ($EXAM_ID, 'C1', 'A01', '山西省财政厅', '山西省财政厅机关', '一级科员', 1, 1, 3, 'CANCELLED', now(), now());
insert into applicant (exam_id, id_number, name, birth_date, education, degree, political_status, password_hash,
                       created_at, updated_at)
select $EXAM_ID, '110105' || lpad(g::text, 12, '0'), '申请人' || g, date '1990-01-01', 'BACHELOR', true, 'MASSES',
       'x', now(), now()
from generate_series(1, $ROWS) g;
insert into registration (exam_id, applicant_id, position_id, fee_status, fee_amount, fee_currency, payment_channel,
                          transaction_id, paid_at, created_at, updated_at)
select $EXAM_ID, a.id, p.id, 'PAID', 100.00, 'CNY', (array['ALIPAY', 'WECHAT', 'UNIONPAY'])[1 + a.id % 3],
       'T' || lpad(a.id::text, 20, '0'), now(), now(), now()
from applicant a join position p on p.exam_id = a.exam_id where a.exam_id = $EXAM_ID;
insert into refund (exam_id, registration_id, reason, status, amount, currency, channel, original_transaction_id,
                    channel_refund_id, created_at, updated_at)
select exam_id, id, 'NOT_SWITCHED', 'SUCCEEDED', fee_amount, fee_currency, payment_channel, transaction_id,
       'R' || id, now(), now()
from registration where exam_id = $EXAM_ID;
vacuum analyze;
SQL
  echo "seeded $ROWS refunds in $(echo "$(date +%s.%N) - $start" | bc) s"
fi
echo "refunds in the exam: $(curl -sf "$BASE/api/v1/admin/exams/$EXAM/refunds?size=1" -H "Authorization: Bearer $TOKEN" \
  | sed 's/.*"total":\([0-9]*\).*/\1/')"

# heap_used KB from jcmd GC.heap_info ("garbage-first heap   total 262144K, used 45678K")
sample_heap() {
  while kill -0 "$APP_PID" 2>/dev/null; do
    jcmd "$APP_PID" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9' || true
    echo
    sleep 0.5
  done
}
export_once() {
  curl -sf --max-time 1800 -o "$BENCH_DIR/refunds.csv" -w '%{time_total}' \
    -H "Authorization: Bearer $TOKEN" -H 'Accept: text/csv' "$BASE/api/v1/admin/exams/$EXAM/refunds"
}
export_once > /dev/null   # warm-up run, not counted
GC_FROM=$(wc -l < "$GC_LOG")
sample_heap > "$BENCH_DIR/export-heap.txt" &
SAMPLER=$!
T=$(export_once)
kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null || true
LINES=$(wc -l < "$BENCH_DIR/refunds.csv")
SIZE=$(wc -c < "$BENCH_DIR/refunds.csv")
echo "export: $T s for $((LINES - 1)) rows ($SIZE bytes, $(echo "scale=0; ($LINES - 1) / $T" | bc) rows/s)"
echo "first rows:"; head -3 "$BENCH_DIR/refunds.csv"
# GC lines of the export: "... Pause Young (Normal) (G1 Evacuation Pause) 204M->13M(4096M) 5.123ms"
tail -n +"$((GC_FROM + 1))" "$GC_LOG" | grep -o '[0-9]*M->[0-9]*M([0-9]*M)' > "$BENCH_DIR/export-gc-heap.txt" || true
echo "GCs during the export: $(wc -l < "$BENCH_DIR/export-gc-heap.txt"); heap before GC, peak:" \
  "$(sed 's/M->.*//' "$BENCH_DIR/export-gc-heap.txt" | sort -n | tail -1) MB; after GC, peak:" \
  "$(sed 's/.*M->\([0-9]*\)M.*/\1/' "$BENCH_DIR/export-gc-heap.txt" | sort -n | tail -1) MB;" \
  "committed: $(sed 's/.*(\([0-9]*\)M)/\1/' "$BENCH_DIR/export-gc-heap.txt" | sort -n | tail -1) MB"
echo "heap used sampled by jcmd every 0.5 s: peak $(grep -v '^$' "$BENCH_DIR/export-heap.txt" | sort -n | tail -1 \
  | awk '{printf "%d MB", $1 / 1024}') over $(grep -vc '^$' "$BENCH_DIR/export-heap.txt") samples"
