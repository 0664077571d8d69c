#!/usr/bin/env bash
# Import of 1,000,000 registrations (CSV, bcrypt hashes as the registration system exports them)
# through the API into an empty embedded PostgreSQL. Target: under 60 s on 2 cores.
cd "$(dirname "$0")/.." && source bench/common.sh
ROWS=${ROWS:-1000000}
build_app
generate 13000 "$ROWS" "$BENCH_DIR/import-$ROWS"
rm -rf "$BENCH_DIR/pg-import"
start_app "$BENCH_DIR/pg-import"
EXAM=BENCH-IMPORT
create_exam $EXAM
echo "positions: $(import_file positions "$BENCH_DIR/import-$ROWS/positions.csv") s"
secs=$(import_file registrations "$BENCH_DIR/import-$ROWS/registrations.csv")
echo "registrations: $(cat "$BENCH_DIR/import-registrations.json")"
echo "import of $ROWS registrations: $secs s ($(echo "$ROWS / $secs" | bc) rows/s)"
