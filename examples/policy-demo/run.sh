#!/usr/bin/env bash
# Runs the policy demo against a running Regard broker runtime: one line per attempt, who did what,
# ALLOWED or DENIED. Exits 0 when every outcome is the one the default policy intends.
#
#   examples/policy-demo/run.sh [RUN_DIR]     (default: run, the runtime's default run folder)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
run_dir="${1:-run}"
target="$root/broker-runtime/target"
jar="$target/regard-broker-runtime-0.1.0-SNAPSHOT.jar"

if [ ! -f "$jar" ] || [ ! -d "$target/lib" ]; then
  echo "The runtime is not built yet. Build it with: ./mvnw -B -q install -DskipTests" >&2
  exit 2
fi
if [ ! -f "$run_dir/clients/alice.properties" ]; then
  echo "No client configurations in $run_dir/clients. Start the runtime first:" >&2
  echo "  broker-runtime/regard-broker --run-dir $run_dir" >&2
  exit 2
fi
exec java -Dlog4j2.configurationFile="$root/examples/policy-demo/log4j2.properties" \
  -cp "$jar:$target/lib/*" dev.regard.runtime.demo.PolicyDemo "$run_dir"
