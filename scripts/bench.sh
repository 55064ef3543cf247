#!/usr/bin/env bash
# Run every benchmark in bench/ (called by `make bench`); each prints its figures and ratios.
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust; override with OKR_BENCH_PG_HOST,
# OKR_BENCH_PG_PORT, OKR_BENCH_PG_USER) and wrk (installed with apt-get when missing, as root).
# Extra arguments per benchmark: BENCH_ROLLUP_ARGS, BENCH_HTTP_READ_ARGS, BENCH_INGEST_ARGS,
# e.g. `BENCH_ROLLUP_ARGS="--scale 0.1" make bench`. All load stays on loopback.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
status=0

run() {
    local name="$1"
    shift
    echo "== ${name} ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo "   $*"
    local started=$SECONDS
    if "$@"; then
        echo "   (${name}: $((SECONDS - started)) s)"
    else
        echo "!! ${name} failed" >&2
        status=1
    fi
    echo
}

echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, $(uname -sr)"
echo

# Every script in bench/ with a main (the harness and the baseline app have none), by name.
for script in bench/*.py; do
    grep -q '^if __name__ == "__main__":' "$script" || continue
    name="$(basename "$script" .py)"
    extra_var="BENCH_$(echo "$name" | tr '[:lower:]' '[:upper:]')_ARGS"
    # shellcheck disable=SC2086  # word splitting of the extra arguments is intended
    run "$name" "$PYTHON" "$script" ${!extra_var:-}
done

exit "$status"
