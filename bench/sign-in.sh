#!/usr/bin/env bash
# Sign-in at the limits of the machine (issue 14), one command:
# 1. the raw bcrypt verify rate of libxcrypt's C (bench/bcrypt-rate.c, one thread a core) side by
#    side with the API's sign-in rate (wrk, bench/sign-in.lua, CONCURRENCY connections) and the
#    service's own bcrypt (Bouncy Castle's, common/credentials/Passwords) alone in a JVM (bench/BcryptRate.java),
#    alternating in ROUNDS rounds of ROUND_SECONDS each, on the same hash (the demo one, cost 10);
#    medians reported. Target: sign-in >= 0.7x the C rate.
# 2. isolation: the p99 of POST /api/v1/me/switch and of GET /api/v1/me in an open loop at half
#    their closed-loop rate (bench/open.c), without sign-ins, with a flood of sign-ins on
#    FLOOD connections that keeps the password-check pool saturated (FLOOD=64 adds a storm of
#    refused sign-ins, 503s at thousands a second), and without sign-ins again. Target: p99 < 50 ms
#    with the flood. THREADS= sets the password-check pool (app.sign-in.password-check-threads).
# JFR=1 records the rate rounds with Flight Recorder into $BENCH_DIR/sign-in.jfr (read it with
# `jfr print --events jdk.ExecutionSample`).
cd "$(dirname "$0")/.." && source bench/common.sh
ROUNDS=${ROUNDS:-3}
SECS=${ROUND_SECONDS:-15}
C=${CONCURRENCY:-8}
FLOOD=${FLOOD:-32} # the pool's queue: every check waits or runs, none is refused
OPEN_SECONDS=${OPEN_SECONDS:-12}    # of each open loop, counted
OPEN_WARM_SECONDS=${OPEN_WARM_SECONDS:-4} # before it at the same rate, uncounted
WARM=${WARM:-60000}                    # switches first at most, uncounted, until the JIT is done (common.sh)
CLOSED=${CLOSED:-20000}                # switches for the switch's closed-loop rate
SWITCHERS=${SWITCHERS:-130000}         # applicants signed in for switching, each switches once
# The service's checks get half the cores by default (app.sign-in.password-check-threads); C and the
# JVM alone run on as many threads, so that the ratio compares the same cores.
THREADS=${THREADS:-$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))}
CORES=$THREADS
HASH='$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq' # DemoDataGenerator's: Demo@2023
PASSWORD=Demo@2023
build_app
gcc -O2 -o target/bcrypt-rate bench/bcrypt-rate.c -lcrypt -lpthread
rm -rf "$BENCH_DIR/pg-sign-in"
start_app "$BENCH_DIR/pg-sign-in" -Dapp.sign-in.password-check-threads=$THREADS
echo "machine: $(nproc) cores, $(uptime)"

# The sign-in exam: 200 paid applicants of one cancelled position, every one with the demo hash.
SIGN_EXAM=BENCH-SIGN-IN
IDS="$BENCH_DIR/sign-in-ids.txt"
curl -sf -XPOST "$BASE/api/v1/admin/exams" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d "{\"code\":\"$SIGN_EXAM\",\"name\":\"sign-in bench\",\"timeZone\":\"Asia/Shanghai\",\"defaultRatio\":3,
       \"reduceQuotaBeforeCancel\":false,\"switchWindowOpensAt\":\"2023-01-14T09:00:00+08:00\",
       \"switchDeadline\":\"2099-01-16T12:00:00+08:00\",\"reviewDeadline\":\"2099-01-17T12:00:00+08:00\"}" > /dev/null
printf 'code,agencyCode,agencyName,employer,title,quota,ratio,minEducation\nS0001,A01,机构1,单位,科员,100,100,\n' \
  > "$BENCH_DIR/sign-in-positions.csv"
python3 - "$HASH" "$IDS" > "$BENCH_DIR/sign-in-registrations.csv" <<'PY'
import sys
hash_, ids = sys.argv[1], open(sys.argv[2], "w")
print("idNumber,name,birthDate,education,degree,major,politicalStatus,passwordHash,positionCode,"
      "fee.status,fee.amount,fee.channel,fee.transactionId,fee.paidAt")
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
for n in range(200):
    first17 = "130102199001%02d%03d" % (n % 28 + 1, n)
    id_ = first17 + "10X98765432"[sum(int(c) * k for c, k in zip(first17, w)) % 11]
    ids.write(id_ + "\n")
    birth = "%s-%s-%s" % (id_[6:10], id_[10:12], id_[12:14])
    print(f"{id_},考生,{birth},BACHELOR,true,法学,MASSES,{hash_},S0001,PAID,100.00,ALIPAY,SIGN-{n},2023-01-10T10:00:00+08:00")
PY
for kind in positions registrations; do
  curl -sf -XPOST "$BASE/api/v1/admin/exams/$SIGN_EXAM/$kind" -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: text/csv; charset=UTF-8' --data-binary "@$BENCH_DIR/sign-in-$kind.csv" > /dev/null
done
curl -sf -XPOST "$BASE/api/v1/admin/exams/$SIGN_EXAM/ratio-check/publish" -H "Authorization: Bearer $TOKEN" > /dev/null
sign_ins() { # CONNECTIONS SECONDS OUT
  wrk -t2 -c"$1" -d"$2"s -s bench/sign-in.lua "$BASE" -- "$IDS" "$SIGN_EXAM" "$PASSWORD" > "$3"
}
CP="target/classes:target/quarkus-app/lib/main/*"

# 1. Rates, side by side, once the sign-in path is compiled (as switching's below): sign-ins in rounds
# of 10 s until the JIT's threads use under 3 % of the JVM's CPU in one, at most SIGN_IN_WARM rounds.
for ((k = 1; k <= ${SIGN_IN_WARM:-6}; k++)); do
  j0=$(jit_ticks); t0=$(jvm_ticks)
  sign_ins "$C" 10 "$BENCH_DIR/sign-in-warm.txt"
  j1=$(jit_ticks); t1=$(jvm_ticks)
  echo "warm-up $k: $(grep '^wrk:' "$BENCH_DIR/sign-in-warm.txt"), JIT $((j1 - j0)) of $((t1 - t0)) JVM ticks"
  if [ $(( (j1 - j0) * 100 )) -lt $(( (t1 - t0) * 3 )) ]; then break; fi
done
: > "$BENCH_DIR/sign-in-rounds.txt"
[ "${JFR:-0}" = 1 ] && jcmd $APP_PID JFR.start name=sign-in settings=profile filename="$BENCH_DIR/sign-in.jfr" > /dev/null
for ((k = 1; k <= ROUNDS; k++)); do
  raw=$(target/bcrypt-rate "$HASH" "$PASSWORD" "$CORES" "$SECS")
  sign_ins "$C" "$SECS" "$BENCH_DIR/sign-in-api.txt"
  api=$(sed -n 's/.*sign_ins=\([0-9.]*\).*/\1/p' "$BENCH_DIR/sign-in-api.txt")
  jvm=$(java -cp "$CP" bench/BcryptRate.java "$HASH" "$PASSWORD" "$CORES" "$SECS")
  echo "round $k: C ${raw% *}/s (${raw#* } ms CPU a check), sign-in $api/s, JVM alone ${jvm% *}/s (${jvm#* } ms CPU a check), ratio $(echo "scale=2; $api / ${raw% *}" | bc), JVM/C $(echo "scale=2; ${jvm% *} / ${raw% *}" | bc); $(uptime | sed 's/.*load/load/')" \
    | tee -a "$BENCH_DIR/sign-in-rounds.txt"
done
[ "${JFR:-0}" = 1 ] && jcmd $APP_PID JFR.stop name=sign-in > /dev/null
median() { sed -n "$1" "$BENCH_DIR/sign-in-rounds.txt" | sort -n | sed -n "$((ROUNDS / 2 + 1))p"; }
RAW=$(median 's/.*: C \([0-9.]*\)\/s.*/\1/p')
API=$(median 's/.*sign-in \([0-9.]*\)\/s.*/\1/p')
JVM=$(median 's/.*JVM alone \([0-9.]*\)\/s.*/\1/p')
RATIO=$(median 's/.*, ratio \([0-9.]*\),.*/\1/p')

# 2. Isolation. Switching's applicants (bcrypt cost 4, signed in by the setup) and their tokens.
EXAM=BENCH-SWITCH
TOKENS="$BENCH_DIR/sign-in-switch-tokens.txt"
java bench/SwitchLoad.java setup "$BASE" "$TOKEN" $EXAM 16 "$SWITCHERS" 0 "$TOKENS"
# The normal rates are those of a warm service: switching's path compiled, as after a morning's switches.
head -n "$WARM" "$TOKENS" > "$BENCH_DIR/sign-in-warm-tokens.txt"
warm_switching $EXAM "$BENCH_DIR/sign-in-warm-tokens.txt"
sed -n "$((WARM + 1)),$((WARM + CLOSED))p" "$TOKENS" > "$BENCH_DIR/sign-in-closed.txt"
closed_switches $EXAM "$BENCH_DIR/sign-in-closed.txt" "$BENCH_DIR/sign-in-switch-closed.txt"
SWITCH_RATE=$(sed -n 's/.*api_tps=\([0-9]*\).*/\1/p' "$BENCH_DIR/sign-in-switch-closed.txt")
sed -n "$((WARM + CLOSED + 1)),\$p" "$TOKENS" > "$BENCH_DIR/sign-in-me-tokens.txt"
wrk -t2 -c16 -d"$SECS"s -s bench/me.lua "$BASE" -- "$BENCH_DIR/sign-in-me-tokens.txt" > "$BENCH_DIR/sign-in-me-closed.txt"
ME_RATE=$(sed -n 's/^Requests\/sec: *\([0-9]*\).*/\1/p' "$BENCH_DIR/sign-in-me-closed.txt")
echo "closed loops at 16 connections: switching $SWITCH_RATE/s, GET /me $ME_RATE/s"
FROM=$((WARM + CLOSED))
# Each open loop's switches are fresh applicants: four loops share what the closed one left.
OPEN=$((SWITCH_RATE / 2 * OPEN_SECONDS)); OPEN_WARM=$((SWITCH_RATE / 2 * OPEN_WARM_SECONDS))
LEFT=$(( (SWITCHERS - FROM) / 4 ))
if [ $((OPEN + OPEN_WARM)) -gt "$LEFT" ]; then
  OPEN=$((LEFT * OPEN_SECONDS / (OPEN_SECONDS + OPEN_WARM_SECONDS))); OPEN_WARM=$((LEFT - OPEN))
  echo "only $LEFT switchers a loop: $OPEN_WARM + $OPEN switches (SWITCHERS=$SWITCHERS)"
fi
# The status reads go over a few thousand applicants in turn.
head -n 2000 "$BENCH_DIR/sign-in-me-tokens.txt" > "$BENCH_DIR/sign-in-me-open.txt"
open_loops() { # LABEL
  fresh_phase # as bench/switch.sh's rounds
  sed -n "$((FROM + 1)),$((FROM + OPEN_WARM + OPEN))p" "$TOKENS" > "$BENCH_DIR/sign-in-open-tokens.txt"
  FROM=$((FROM + OPEN_WARM + OPEN))
  LOOP=$((LOOP + 1))
  # The switching loop's trace (bench/open.c: scheduled time, latency, send lag), to find stalls.
  echo "$1: switching at $((SWITCH_RATE / 2))/s: $(OPEN_TRACE="$BENCH_DIR/sign-in-trace-$LOOP.txt" open_loop switch "$BENCH_DIR/sign-in-open-tokens.txt" \
    $((SWITCH_RATE / 2)) "$OPEN_WARM" "$OPEN" "$BENCH_DIR/sign-in-open.txt")" | tee -a "$BENCH_DIR/sign-in-isolation.txt"
  echo "$1: GET /me at $((ME_RATE / 2))/s: $(open_loop me "$BENCH_DIR/sign-in-me-open.txt" \
    $((ME_RATE / 2)) $((ME_RATE / 2 * OPEN_WARM_SECONDS)) $((ME_RATE / 2 * OPEN_SECONDS)) "$BENCH_DIR/sign-in-open.txt")" \
    | tee -a "$BENCH_DIR/sign-in-isolation.txt"
}
: > "$BENCH_DIR/sign-in-isolation.txt"
# ISOLATION_JFR=1: a flight recording of the open loops, $BENCH_DIR/sign-in-isolation.jfr.
[ "${ISOLATION_JFR:-0}" = 1 ] && jcmd $APP_PID JFR.start name=isolation settings=profile \
  filename="$BENCH_DIR/sign-in-isolation.jfr" > /dev/null
LOOP=0
open_loops "no sign-ins"
wrk -t1 -c"$FLOOD" -d600s -s bench/sign-in.lua "$BASE" -- "$IDS" "$SIGN_EXAM" "$PASSWORD" > "$BENCH_DIR/sign-in-flood.txt" &
FLOOD_PID=$!
sleep 3
open_loops "sign-in flood on $FLOOD connections"
kill -INT $FLOOD_PID
wait $FLOOD_PID || true
echo "the flood: $(grep '^wrk:' "$BENCH_DIR/sign-in-flood.txt"), $(sed -n 's/^RESULT //p' "$BENCH_DIR/sign-in-flood.txt")"
# The first loop again: what its place in the run (right after the closed loops) adds.
open_loops "no sign-ins, again"
[ "${ISOLATION_JFR:-0}" = 1 ] && jcmd $APP_PID JFR.stop name=isolation > /dev/null
echo "sign-in (medians of $ROUNDS rounds, C, the JVM and the service's pool on $THREADS threads): C $RAW/s, API $API/s (ratio $RATIO), JVM bcrypt alone $JVM/s; $(uptime | sed 's/.*load/load/')"
