#!/usr/bin/env bash
# Generate the typed Python client (package okr_client) from openapi.json into OUTDIR.
# Deterministic: pinned openapi-python-client and ruff from .venv, a committed config, and the
# templates of clients/templates (the README) over the generator's own.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: scripts/gen-client.sh OUTDIR}"
spec="${2:-$root/openapi.json}"
export PATH="$root/.venv/bin:$PATH"
openapi-python-client generate \
    --path "$spec" \
    --output-path "$out" \
    --config "$root/clients/openapi-python-client.yaml" \
    --custom-template-path "$root/clients/templates" \
    --meta setup \
    --overwrite \
    --fail-on-warning
