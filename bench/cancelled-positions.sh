#!/usr/bin/env bash
# GET cancelled-positions against a trivial endpoint (/api/v1/ping) of the same server under the
# same wrk load. Target: at least 0.5x of the trivial endpoint's requests per second.
cd "$(dirname "$0")/.." && source bench/common.sh
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
build_app
rm -rf "$BENCH_DIR/pg-list"
APP_DEMO_DATA=true start_app "$BENCH_DIR/pg-list" -Dapp.demo-data=true
run() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}'; }
run "$BASE/api/v1/ping" > /dev/null   # warm-up
P=$(run "$BASE/api/v1/ping")
C=$(run "$BASE/api/v1/exams/SX-2023-GWY/cancelled-positions")
echo "requests/s: ping $P, cancelled-positions $C, ratio $(echo "scale=2; $C / $P" | bc)"
