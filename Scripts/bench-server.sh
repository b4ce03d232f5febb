#!/usr/bin/env bash
# Server benchmark (not a test): wrk against /api/v1/programme/status and a trend query on
# the test corpora, release build. Installs wrk from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
swift build -c release --product jibang >/dev/null
bin="$(swift build -c release --show-bin-path)/jibang"
work=$(mktemp -d)
"$bin" ingest Tests/JibangTestSupport/Fixtures/new-year-addresses-1995-2019.jsonl Tests/JibangTestSupport/Fixtures/kcna-programme-subset.json \
  --database "$work/bench.sqlite" 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --port "$port" --database "$work/bench.sqlite" --log-level warning >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$work"' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/programme/status"; do sleep 0.05; done
for path in "/api/v1/programme/status" "/api/v1/trend?q=regional-economy&q=defence-industry&by=year"; do
  echo "== $path"
  wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$port$path" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
done
