#!/usr/bin/env bash
# report.html in a real browser: `irpsim run` writes it next to summary.json; headless Chromium (Debian's chromium,
# installed by scripts/setup.sh, required here) loads it from disk with the network off, and the test checks
#  - from the DOM after load: the page drew every chart it specifies (<body data-charts-drawn> equals
#    data-charts-expected, which equals the count expected from summary.json), each canvas has data-drawn="true",
#    data elements and data ink (pixels in a dataset colour), and no chart reported an error;
#  - from a screenshot (1280x4000), decoded with Python's zlib: the page is not blank, and has coloured pixels.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
browser=""
for b in chromium chromium-browser; do
  if command -v "$b" > /dev/null; then browser="$b"; break; fi
done
if [ -z "$browser" ]; then
  echo "report_browser: chromium is not installed (scripts/setup.sh installs it)" >&2
  exit 1
fi

"$IRPSIM" run "$SOURCE_DIR/scenarios/quickstart.json" --out "$WORK/q" > /dev/null
report="$WORK/q/report.html"
test -s "$report" || { echo "report_browser: $report was not written" >&2; exit 1; }

# Chromium wants a writable home and profile; --no-sandbox because CI runs as root. No network is needed: the
# proxy setting sends any request nowhere, so a page that tried to fetch something would fail to draw.
export HOME="$WORK/home"; mkdir -p "$HOME"
flags=(--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check
       --disable-extensions --disable-background-networking --disable-component-update --disable-sync
       --proxy-server=127.0.0.1:9 --user-data-dir="$WORK/profile" --hide-scrollbars --virtual-time-budget=10000)
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

timeout 60 "$browser" "${flags[@]}" --dump-dom "$url" > "$WORK/dom.html" 2> "$WORK/chromium-dom.log" || {
  echo "report_browser: chromium --dump-dom failed:" >&2; tail -20 "$WORK/chromium-dom.log" >&2; exit 1; }
timeout 60 "$browser" "${flags[@]}" --window-size=1280,4000 --screenshot="$WORK/report.png" "$url" \
  > /dev/null 2> "$WORK/chromium-shot.log" || {
  echo "report_browser: chromium --screenshot failed:" >&2; tail -20 "$WORK/chromium-shot.log" >&2; exit 1; }

python3 - "$WORK/q/summary.json" "$WORK/dom.html" "$WORK/report.png" <<'PY'
import json, re, struct, sys, zlib

summary = json.load(open(sys.argv[1]))
dom = open(sys.argv[2], encoding="utf-8").read()

# The charts the report draws for this summary: per workload, a histogram and a CDF per request type with
# measurements, one CDF of all types when there are several, the time series (throughput, latency, outstanding) that
# have values;
# per stack, the layer bars when a row has a time and the share bars when a row has a share of the latency; per host
# that was busy, its cores as bars and its utilisation over time when the timeline has a figure.
expected = 0
for w in summary["workloads"]:
    types = sum(1 for t in w["types"] if t.get("latency_ns"))
    expected += 2 * types + (1 if types > 1 else 0)
    ts = w.get("time_series") or {}
    if ts.get("start_ns"):
        has = lambda *keys: any(v is not None for k in keys for v in ts.get(k) or [])
        expected += has("iops_per_s") + has("mean_latency_ns", "p99_latency_ns") + has("outstanding_mean")
for s in summary["layers"]:
    rows = s.get("rows") or []
    expected += any(r.get(k) for r in rows for k in ("queue_wait_ns", "in_layer_ns", "held_ns", "service_ns"))
    expected += any(r.get("share_of_latency_percent") is not None for r in rows)
for h in (summary.get("cpu") or {}).get("hosts") or []:
    if (h.get("busy_ns") or 0) > 0:
        expected += 1 + any(v is not None for v in (h.get("timeline") or {}).get("utilization_fraction") or [])
assert expected >= 9, expected

body = re.search(r"<body([^>]*)>", dom)
assert body, "no <body> in the DOM"
attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))
assert "data-charts-drawn" in attrs, "the page's script did not finish (no data-charts-drawn on <body>): " + str(attrs)
drawn, specified = int(attrs["data-charts-drawn"]), int(attrs.get("data-charts-expected", -1))
assert specified == expected, f"the page specifies {specified} charts, summary.json calls for {expected}"
assert drawn == expected, f"{drawn} charts drawn, expected {expected}"

canvases = re.findall(r"<canvas([^>]*)>", dom)
assert len(canvases) == expected, (len(canvases), expected)
kinds = {}
for c in canvases:
    a = dict(re.findall(r'([\w-]+)="([^"]*)"', c))
    assert "data-error" not in a, a
    assert a.get("data-drawn") == "true", a
    assert int(a.get("data-elements", 0)) > 0, a
    assert int(a.get("data-ink", 0)) > 0, ("no data painted", a)
    kinds[a["data-chart-kind"]] = kinds.get(a["data-chart-kind"], 0) + 1
for k in ("histogram", "cdf", "bars"):
    assert kinds.get(k), (k, kinds)

# The screenshot: a PNG, decoded with zlib and the five PNG row filters.
def decode_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, header
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows

width, height, bpp, rows = decode_png(sys.argv[3])
assert (width, height) == (1280, 4000), (width, height)
non_white = coloured = sampled = 0
for y in range(0, height, 4):
    line = rows[y]
    for x in range(0, width, 4):
        r, g, b = line[x * bpp], line[x * bpp + 1], line[x * bpp + 2]
        sampled += 1
        if r < 235 or g < 235 or b < 235:
            non_white += 1
        if max(r, g, b) - min(r, g, b) > 60:
            coloured += 1
share, colour_share = non_white / sampled, coloured / sampled
assert share > 0.05, f"the screenshot is nearly blank: {share:.1%} non-white"
assert colour_share > 0.005, f"no charts visible in the screenshot: {colour_share:.2%} coloured"
print(f"report in chromium ok: {drawn} charts drawn ({kinds}); screenshot {share:.1%} non-white, "
      f"{colour_share:.1%} coloured")
PY
