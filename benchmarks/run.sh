#!/usr/bin/env bash
# Runs the Pipeline Ledger benchmarks (docs/benchmarks.md).
#   benchmarks/run.sh <startup|commands|http|replay|queries|browser|analytics|audit|auth|nodes|all> [--quick] [--runs N] [--h2 file|mem] [--xmx 1g]
#                     [--variants RAW,V0,T] [--keep] [size overrides, e.g. --commands 50000 --threads 1,4]
#   nodes: --nodes 1,3 --segments 1 --concurrency 12 (several nodes on one embedded PostgreSQL, issue 22)
# Builds the module first (BENCH_SKIP_BUILD=true skips that), then starts the runner, which forks one JVM per run.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
cd "$ROOT"

if [[ "${BENCH_SKIP_BUILD:-false}" != "true" ]]; then
  # the ledger is built from source, so the benchmark always measures the working tree
  ./mvnw -q -B ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests
fi

CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"
# the runner only orchestrates and aggregates; every measurement gets its own JVM with the stated -Xmx, on the
# runner's JDK: JAVA_HOME's if set (e.g. a Java 25 for its AOT cache in startup.cds), else the java on the PATH
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -Dbench.home="$HERE" -cp "$CP" org.pipelineledger.bench.runner.Runner "$@"
