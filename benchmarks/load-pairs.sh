#!/usr/bin/env bash
# Alternating pairs of end-to-end load runs: each pair starts a fresh broker runtime with Regard's
# authorizer and one with Kafka's StandardAuthorizer (holding the equivalent ACLs), in alternating
# order, runs LoadTest against each and prints one line per run, the medians and the spread.
#
#   benchmarks/load-pairs.sh [PAIRS=8] [WARMUP_S=20] [DURATION_S=60] [MAX_WARMUP_S=240]
#
# Each run warms up for at least WARMUP_S and then until the broker's JIT compilers have settled
# (LoadTest's --jit-settled-pct), for at most MAX_WARMUP_S. Each line shows what could put a run in
# an odd state: the warm-up it took, the broker CPU per record spent compiling (JIT) and collecting
# (GC), the consumers' fetch requests per record, and the CPU other processes on the machine took
# during the measured window (in cores).
#
# Build first: ./mvnw -B -q -pl broker-runtime,benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

pairs=${1:-8}
warmup=${2:-20}
duration=${3:-60}
max_warmup=${4:-240}
port=${PORT:-19093}
work=$(mktemp -d)
trap 'kill "$broker" 2>/dev/null || true; rm -rf "$work"' EXIT
runtime_cp='broker-runtime/target/regard-broker-runtime-0.1.0-SNAPSHOT.jar:broker-runtime/target/lib/*'
load_cp='benchmarks/target/classes:broker-runtime/target/lib/*'
standard=org.apache.kafka.metadata.authorizer.StandardAuthorizer
broker=

run_one() { # kind pair
  local kind=$1 pair=$2 dir="$work/$1-$2" extra=() acls=()
  if [[ $kind == standard ]]; then
    extra=(--set "authorizer.class.name=$standard")
    acls=(--acls)
  fi
  java -Xmx1g -cp "$runtime_cp" dev.regard.runtime.BrokerRuntimeCommand --run-dir "$dir" \
    --port "$port" --controller-port $((port + 1)) --poll-interval-ms 1000 "${extra[@]}" \
    >"$dir.broker.log" 2>&1 &
  broker=$!
  until grep -q "Press Ctrl-C to stop" "$dir.broker.log" 2>/dev/null; do
    kill -0 "$broker" 2>/dev/null || { cat "$dir.broker.log" >&2; exit 1; }
    sleep 1
  done
  java -cp "$load_cp" dev.regard.benchmarks.load.LoadTest --run-dir="$dir" --broker-pid="$broker" \
    --warmup-s="$warmup" --max-warmup-s="$max_warmup" --duration-s="$duration" "${acls[@]}" \
    >"$dir.load.log" 2>&1 || true
  kill "$broker"
  wait "$broker" 2>/dev/null || true
  local rate cpu jit fetches warmed others p50p99 failed
  rate=$(sed -n 's/^produced=[0-9]* (\([0-9]*\) records\/s).*/\1/p' "$dir.load.log")
  cpu=$(sed -n 's/.*(\([0-9.]*\) µs per record produced.*/\1/p' "$dir.load.log")
  jit=$(sed -n 's/.*of which JIT \([0-9.]*\) µs, GC \([0-9.]*\) µs.*/\1 \2/p' "$dir.load.log")
  fetches=$(sed -n 's/^consumer fetch requests=[0-9]* (\([0-9.]*\) per record.*/\1/p' "$dir.load.log")
  warmed=$(sed -n 's/^warm-up=\([0-9]*\)s.*/\1/p' "$dir.load.log")
  others=$(sed -n "s/^other processes' CPU in the window=\([0-9.-]*\) cores.*/\1/p" "$dir.load.log")
  p50p99=$(sed -n 's/.*p50=\([0-9.]*\) p95=[0-9.]* p99=\([0-9.]*\).*/\1 \2/p' "$dir.load.log")
  failed=$(sed -n 's/^failed requests=\([0-9]*\) wrong denials=\([0-9]*\) wrong allows=\([0-9]*\).*/\1+\2+\3/p' "$dir.load.log")
  printf '%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$pair" "${rate:-?}" "${cpu:-?}" \
    "${p50p99:-? ?}" "${failed:-?}" "${warmed:-?}" "${jit:-? ?}" "${fetches:-?}" "${others:-?}" \
    | tee -a "$work/results.tsv"
}

printf 'authorizer\tpair\trecords/s\tbroker CPU µs/record\tp50 p99 ms\tfailed+wrong'
printf '\twarm-up s\tJIT GC µs/record\tfetches/record\tothers cores\n'
for ((pair = 1; pair <= pairs; pair++)); do
  if ((pair % 2)); then order=(regard standard); else order=(standard regard); fi
  for kind in "${order[@]}"; do run_one "$kind" "$pair"; done
done

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# The spread: (max - min) / median of one configuration's runs.
spread() { sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "%.1f%% (%s to %s)", m ? 100 * (v[NR] - v[1]) / m : 0, v[1], v[NR]}'; }
for kind in regard standard; do
  rates=$(awk -F'\t' -v k="$kind" '$1 == k {print $3}' "$work/results.tsv")
  cpus=$(awk -F'\t' -v k="$kind" '$1 == k {print $4}' "$work/results.tsv")
  printf '%s: median %s records/s, median %s µs broker CPU per record\n' "$kind" \
    "$(median <<<"$rates")" "$(median <<<"$cpus")"
  printf '%s: spread of records/s %s, of CPU per record %s\n' "$kind" \
    "$(spread <<<"$rates")" "$(spread <<<"$cpus")"
done
awk -F'\t' '$1 == "regard" {r[$2] = $3; rc[$2] = $4} $1 == "standard" {s[$2] = $3; sc[$2] = $4}
  END {for (p in r) printf "pair %s: throughput %.1f%%, CPU per record %+.1f%%\n", p, 100 * r[p] / s[p], 100 * (rc[p] / sc[p] - 1)}' \
  "$work/results.tsv" | sort -V
