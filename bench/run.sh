#!/usr/bin/env bash
# Side-by-side refresh_token benchmark: ONE command.
#   bench/run.sh [generator options]      e.g.  bench/run.sh --skip-1m   |  bench/run.sh --eddsa  |  bench/run.sh --help
# Builds the bench (generator, stock-SAS baseline, navikt classpath) and, when its jar is missing or
# older than its sources, our server (mvn -q -DskipTests package in the repo root); then runs every
# system in turn on 127.0.0.1, each on a free port with its own temp data dir, and writes
# bench/results/latest.{json,md,png} (--reliability: only issue 11's measurements, into reliability.*).
# Every server is stopped on exit, whatever happens.
# run.sh's own flags: --skip-build (build nothing), --no-main-build (never build our server).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
JAVA_BIN="${JAVA:-java}"
PIDS="$BENCH/.server-pids"
GEN_PID=""

cleanup() {
  if [ -n "$GEN_PID" ] && kill -0 "$GEN_PID" 2>/dev/null; then
    kill -TERM "$GEN_PID" 2>/dev/null || true          # its shutdown hook stops the servers
    for _ in $(seq 1 30); do kill -0 "$GEN_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$GEN_PID" 2>/dev/null || true
  fi
  if [ -s "$PIDS" ]; then                               # in case the generator itself was killed hard
    while read -r p; do [ -n "$p" ] && kill -KILL "$p" 2>/dev/null || true; done < "$PIDS"
  fi
  rm -f "$PIDS"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

BUILD=yes
BUILD_MAIN=auto
ARGS=()
for a in "$@"; do
  case "$a" in
    --skip-build) BUILD=no ;;
    --no-main-build) BUILD_MAIN=no ;;
    *) ARGS+=("$a") ;;
  esac
done

if [ "$BUILD" = yes ]; then
  echo "bench: building bench/ (generator, baseline-sas, navikt classpath)"
  mvn -q -f "$BENCH/pom.xml" -DskipTests package
  if [ "$BUILD_MAIN" = auto ]; then
    JAR="$ROOT/target/refresh-server.jar"
    if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/src" "$ROOT/pom.xml" -newer "$JAR" -print -quit 2>/dev/null)" ]; then
      echo "bench: building our server (mvn -q -DskipTests package)"
      (cd "$ROOT" && mvn -q -DskipTests package) || echo "bench: WARNING: building our server failed; 'ours' will be reported as not run"
    fi
  fi
fi

"$JAVA_BIN" -jar "$BENCH/generator/target/bench-generator.jar" --bench-dir="$BENCH" ${ARGS[@]+"${ARGS[@]}"} &
GEN_PID=$!
set +e
wait "$GEN_PID"
RC=$?
set -e
GEN_PID=""
exit $RC
