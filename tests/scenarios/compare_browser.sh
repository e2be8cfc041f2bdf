#!/usr/bin/env bash
# compare.html in a real browser: headless Chromium loads it (no network) and the page reports how many variants'
# CDF curves it laid out with points; it must be every variant of the variants file.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
command -v chromium > /dev/null || { echo "FAIL: chromium is not installed (scripts/setup.sh installs it)"; exit 1; }
base="$SOURCE_DIR/scenarios/compare/filter-forwarding"
"$IRPSIM" compare "$base.json" --variants "$base.variants.json" --seeds 2 --jobs 2 --out "$WORK/c" --quiet > /dev/null
timeout 60 chromium --headless=new --no-sandbox --disable-gpu --proxy-server=127.0.0.1:9 \
  --virtual-time-budget=10000 --dump-dom "file://$WORK/c/compare.html" > "$WORK/dom.html" 2> "$WORK/chromium.err"
python3 - "$WORK/dom.html" "$base.variants.json" <<'PY'
import json, re, sys
dom = open(sys.argv[1]).read()
variants = json.load(open(sys.argv[2]))["variants"]
m = re.search(r'data-curves-drawn="(\d+)"', dom)
assert m, "compare.html did not report its curves (the page's script did not run)"
assert int(m.group(1)) == len(variants), f"{m.group(1)} curves drawn, expected {len(variants)}"
print("compare.html draws", m.group(1), "CDF curves")
PY
