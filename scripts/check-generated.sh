#!/usr/bin/env bash
# Fail when openapi.json or clients/python differ from what the app generates now.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0

.venv/bin/okr openapi --output "$tmp/openapi.json"
if ! diff -u openapi.json "$tmp/openapi.json" > "$tmp/spec.diff"; then
    echo "openapi.json is out of date with the app; run 'make openapi client' and commit:" >&2
    head -40 "$tmp/spec.diff" >&2
    status=1
fi

bash scripts/gen-client.sh "$tmp/python" "$tmp/openapi.json" > /dev/null
# Build artefacts of the editable install (egg-info, bytecode) are not part of the client.
if ! diff -r -x __pycache__ -x "*.egg-info" clients/python "$tmp/python" > "$tmp/client.diff"; then
    echo "clients/python differs from a fresh generation; run 'make client' and commit:" >&2
    head -40 "$tmp/client.diff" >&2
    status=1
fi

[ "$status" -eq 0 ] && echo "openapi.json and clients/python are up to date"
exit "$status"
