#!/usr/bin/env bash
# Opening-ratio dry run over 3,000,000 registrations and 40,000 positions: the API side by side
# with the same SQL run by psql on the same database. Target: the API within 1.5x of raw SQL.
cd "$(dirname "$0")/.." && source bench/common.sh
ROWS=${ROWS:-3000000}
RUNS=${RUNS:-5}
build_app
generate 40000 "$ROWS" "$BENCH_DIR/ratio-$ROWS"
DATA="$BENCH_DIR/pg-ratio-$ROWS"
FRESH=0
[ -d "$DATA" ] || FRESH=1
start_app "$DATA"
EXAM=BENCH-RATIO
if [ $FRESH = 1 ]; then
  create_exam $EXAM
  echo "positions: $(import_file positions "$BENCH_DIR/ratio-$ROWS/positions.csv") s"
  echo "registrations: $(import_file registrations "$BENCH_DIR/ratio-$ROWS/registrations.csv") s"
  psql -h localhost -p "$PG_PORT" -U postgres -qc "vacuum analyze"
fi
EXAM_ID=$(psql -h localhost -p "$PG_PORT" -U postgres -Atc "select id from exam where code = '$EXAM'")
# The exact statement the service runs (RatioCheckService.PLAN_SQL), with the exam id and the
# confirmed fee statuses (registration/FeeStatus.confirmedNames()) bound.
SQL=$(sed -n '/static final String PLAN_SQL = """/,/""";/p' src/main/java/cn/gov/exam/change/ratio/RatioCheckService.java \
  | sed '1d;$d' | sed "s/= any(?)/= any(array['PAID','WAIVED'])/; s/= ?/= $EXAM_ID/g")
api() { curl -sf -o /dev/null -w '%{time_total}\n' -XPOST "$BASE/api/v1/admin/exams/$EXAM/ratio-check" -H "Authorization: Bearer $TOKEN"; }
raw() { local s e; s=$(date +%s.%N); psql -h localhost -p "$PG_PORT" -U postgres -Aqt -c "$SQL" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
api > /dev/null; raw > /dev/null   # warm both
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
A=$(for _ in $(seq $RUNS); do api; done | median)
R=$(for _ in $(seq $RUNS); do raw; done | median)
curl -sf -XPOST "$BASE/api/v1/admin/exams/$EXAM/ratio-check" -H "Authorization: Bearer $TOKEN" -o "$BENCH_DIR/ratio-plan.json"
echo "plan: $(head -c 100 "$BENCH_DIR/ratio-plan.json") ... ($(wc -c < "$BENCH_DIR/ratio-plan.json") bytes)"
echo "ratio dry run, median of $RUNS: API $A s, psql $R s, ratio $(echo "scale=2; $A / $R" | bc)"
