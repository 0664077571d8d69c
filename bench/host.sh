#!/usr/bin/env bash
# The host's own figures, on an otherwise idle machine: the cost of waking a thread on the other
# vCPU (bench/host/pingpong.c), how steady the vCPUs' speed is per 100 ms (speed.c) and the gaps a
# spinner sees (gaps.c). The README's switching tail figures refer to them.
cd "$(dirname "$0")/.." && mkdir -p bench/data
for p in pingpong speed gaps; do gcc -O2 -pthread -o "bench/data/$p" "bench/host/$p.c"; done
uname -r
bench/data/pingpong 0 0
bench/data/pingpong 0 1
bench/data/pingpong 0 1 200
bench/data/pingpong -1 -1 200
bench/data/speed "${SECONDS_SPEED:-20}" 2
bench/data/gaps "${SECONDS_GAPS:-20}"
