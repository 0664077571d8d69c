#!/usr/bin/env bash
# The import's bound: bench/import-bound.sql against a database that holds an exam's positions,
# three times, beside psql's \copy of the same file (the rehearsal's floor). Usage:
#   PGPORT=18499 bench/import-bound.sh [CSV] [EXAM_CODE]
# e.g. on the database a SCALE=national rehearsal leaves behind (its PostgreSQL started again on
# bench/data/rehearsal-national/pgdata).
set -euo pipefail
CSV=${1:-bench/data/rehearsal-data-national/registrations.csv}
EXAM=${2:-REHEARSAL}
PSQL="psql -h ${PGHOST:-localhost} -p ${PGPORT:-18499} -U ${PGUSER:-postgres} -d ${PGDATABASE:-app} -X"
EXAM_ID=$($PSQL -Atqc "select id from exam where code = '$EXAM'")
[ -n "$EXAM_ID" ] || { echo "no exam $EXAM"; exit 1; }
for run in 1 2 3; do
  sed "s#CSV_FILE#$(realpath "$CSV")#" bench/import-bound.sql | $PSQL -q -v exam="$EXAM_ID" -f - 2>&1 | awk -v run="$run" '
    /^step / { step = $2 }
    /^Time: / && step { t[step] = $2 / 1000; step = "" }
    /NOTICE:  step / { sub(/.*NOTICE:  step /, ""); if ($1 == "index" || $1 == "key") { bulk[$1] += $2; n[$1]++ } else t[$1] = $2 }
    END {
      load = t["stage"] + t["insert-applicant"] + t["insert-registration"]
      total = load + bulk["index"] + bulk["key"]
      printf "run %d: copy floor %.1f s; stage %.1f, applicants %.1f, registrations %.1f, %d indexes %.1f, %d keys %.1f: %.1f s = %.1fx the floor\n",
        run, t["copy-floor"], t["stage"], t["insert-applicant"], t["insert-registration"], n["index"], bulk["index"],
        n["key"], bulk["key"], total, total / t["copy-floor"]
    }'
done
