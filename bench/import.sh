#!/usr/bin/env bash
# Import of 1,000,000 registrations (CSV, bcrypt hashes as the registration system exports them)
# through the API into an empty embedded PostgreSQL, beside its floor in the same run: psql's \copy
# of the same file into a plain table of text columns on the same database. Target: under 60 s.
cd "$(dirname "$0")/.." && source bench/common.sh
ROWS=${ROWS:-1000000}
build_app
generate 13000 "$ROWS" "$BENCH_DIR/import-$ROWS"
rm -rf "$BENCH_DIR/pg-import"
start_app "$BENCH_DIR/pg-import"
EXAM=BENCH-IMPORT
create_exam $EXAM
FILE="$BENCH_DIR/import-$ROWS/registrations.csv"
echo "positions: $(import_file positions "$BENCH_DIR/import-$ROWS/positions.csv") s"
secs=$(import_file registrations "$FILE")
echo "registrations: $(cat "$BENCH_DIR/import-registrations.json")"
# The floor: the same bytes into a plain table, no checks, no hashing, no merge.
COLUMNS=$(head -1 "$FILE" | tr -d '\r\357\273\277' | tr ',.' '\n_' | sed 's/.*/"&" text/' | paste -sd, -)
psql -h localhost -p "$PG_PORT" -U postgres -Atq -c "drop table if exists copy_floor" -c "create table copy_floor ($COLUMNS)"
start=$(date +%s.%N)
psql -h localhost -p "$PG_PORT" -U postgres -Atq -c "\\copy copy_floor from '$FILE' with (format csv, header true)"
floor=$(echo "$(date +%s.%N) - $start" | bc)
echo "import of $ROWS registrations: $secs s ($(echo "$ROWS / $secs" | bc) rows/s); psql \\copy of the same file: $floor s; ratio $(echo "scale=1; $secs / $floor" | bc)x"
