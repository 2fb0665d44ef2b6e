#!/usr/bin/env bash
# npm run scan — Debian's wapiti and sqlmap against the real server on loopback, with demo data.
#
# The server runs with HUANXIN_TLS=1 (as behind a TLS-terminating proxy), so Strict-Transport-Security must be in
# its answers. Wapiti (3.0.x) does not run JavaScript, so it cannot see the single-page app's forms: the server is
# given a small seed page as its web build (HUANXIN_WEB_DIST) that links the API's GET routes with query
# parameters and carries the login as an HTML form, so wapiti crawls and attacks them. Sign-in itself takes JSON,
# which wapiti cannot send: sqlmap tests it with the JSON body, and two list routes with a signed-in cookie.
# test/scan/summarise.ts reads both reports, writes test-artifacts/scan/summary.md and the `scan` evidence, and
# fails (exit 1) on any finding above low.
#
#   SCAN_WAPITI_SECONDS (150)  SCAN_SQLMAP_LEVEL (1)  PORT (a free one)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT=${SCAN_OUT:-$ROOT/test-artifacts/scan}
WORK=$(mktemp -d /tmp/huanxin-scan-XXXXXX)
PORT=${PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
BASE="http://127.0.0.1:$PORT"
WAPITI_SECONDS=${SCAN_WAPITI_SECONDS:-150}
SQLMAP_LEVEL=${SCAN_SQLMAP_LEVEL:-1}
rm -rf "$OUT" && mkdir -p "$OUT" "$WORK/data" "$WORK/web"
for tool in wapiti sqlmap; do command -v $tool >/dev/null || { echo "scan: $tool is not installed (apt-get install $tool)" >&2; exit 2; }; done

SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The seed page: what a browser would reach through the app, as plain HTML links and a form.
cat >"$WORK/web/index.html" <<HTML
<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Huanxin scan seed</title></head><body>
<h1>Huanxin API entry points (scan seed)</h1>
<form method="post" action="/api/auth/login"><input name="username" value="demo_office"><input type="password" name="password" value="x"><button>login</button></form>
<form method="get" action="/api/tradein/public/merchants"><input name="q" value="a"><input name="page" value="1"><input name="pageSize" value="20"><button>find</button></form>
<a href="/api/towns">towns</a>
<a href="/api/tradein/public/merchants?q=a&amp;page=1">merchants</a>
<a href="/api/tradein/public/categories">categories</a>
<a href="/api/organizations?q=a&amp;page=1&amp;pageSize=20">organisations</a>
<a href="/api/users?q=a&amp;page=1&amp;pageSize=20">users</a>
<a href="/api/auth/me">me</a>
<a href="/healthz">health</a>
</body></html>
HTML

echo "scan: starting the server on $BASE (demo data, HUANXIN_TLS=1)" >&2
NODE_ENV=development HUANXIN_DEMO=1 HUANXIN_TLS=1 HUANXIN_DATA_DIR="$WORK/data" DATABASE_URL="sqlite:$WORK/data/scan.db" \
  HUANXIN_WEB_DIST="$WORK/web" PORT=$PORT HOST=127.0.0.1 LOG_LEVEL=warn \
  node --import tsx src/server/main.ts serve >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$BASE/healthz" >/dev/null || { echo "scan: server did not start" >&2; tail -20 "$OUT/server.log" >&2; exit 2; }

# The headers, as the scanners will see them (the summary checks HSTS and X-XSS-Protection in them).
curl -s -D "$OUT/headers.txt" -o /dev/null "$BASE/"
curl -s -D "$OUT/headers-api.txt" -o /dev/null "$BASE/api/towns"

# A signed-in cookie for the list routes (demo_admin: organisations and users).
curl -s -c "$WORK/cookies.txt" -H 'content-type: application/json' \
  -d '{"username":"demo_admin","password":"Huanxin#Demo2024"}' "$BASE/api/auth/login" >"$WORK/login.json"
SESSION=$(awk '$6=="hx_session"{print $7}' "$WORK/cookies.txt")
[ -n "$SESSION" ] || { echo "scan: demo_admin could not sign in: $(cat "$WORK/login.json")" >&2; exit 2; }
COOKIE="hx_session=$SESSION"
# Wapiti's cookie file is JSON (its own format): the session for 127.0.0.1.
printf '{"127.0.0.1": {"/": {"hx_session": {"value": "%s", "version": 0, "expires": null, "secure": false, "port": null}}}}' "$SESSION" >"$WORK/wapiti-cookies.json"

# Modules: headers, cookie flags and CSP (the configuration findings), and the injections that matter for a JSON
# API (SQL error- and time-based, command execution, file/path traversal, reflected and stored XSS, CRLF, open
# redirect). (No -x exclusions: wapiti 3.0.4 on Python 3.11 crashes compiling them; the seed page links no
# sign-out.) Brute-force modules (buster, nikto, brute_login_form) are left out: they test a web server's stock
# files and weak passwords, which lockout already covers, and would take far longer than the bound.
MODULES=http_headers,cookieflags,csp,sql,blindsql,exec,file,xss,permanentxss,crlf,redirect,methods
echo "scan: wapiti ($MODULES), at most ${WAPITI_SECONDS}s" >&2
START=$(date +%s)
timeout $((WAPITI_SECONDS + 60)) wapiti -u "$BASE/" --scope folder -m "$MODULES" -c "$WORK/wapiti-cookies.json" \
  -s "$BASE/api/tradein/public/merchants?q=a&page=1" -s "$BASE/api/organizations?q=a&page=1&pageSize=20" \
  --max-scan-time "$WAPITI_SECONDS" --max-attack-time $((WAPITI_SECONDS / 6)) -d 3 \
  --flush-session --store-session "$WORK/wapiti-session" -f json -o "$OUT/wapiti.json" --no-bugreport -v 1 \
  >"$OUT/wapiti.log" 2>&1 || echo "scan: wapiti exited with $? (its report is read anyway)" >&2
echo "scan: wapiti took $(($(date +%s) - START))s" >&2

run_sqlmap() { # name, sqlmap arguments…
  local name=$1
  shift
  echo "scan: sqlmap $name" >&2
  timeout 300 sqlmap --batch --level "$SQLMAP_LEVEL" --risk 1 --time-sec 2 --threads 2 --flush-session \
    --output-dir "$WORK/sqlmap" "$@" >"$OUT/sqlmap-$name.log" 2>&1 || echo "scan: sqlmap $name exited with $?" >&2
}
START=$(date +%s)
# A failed sign-in answers 401, which sqlmap would otherwise take for a request for HTTP authentication.
run_sqlmap login -u "$BASE/api/auth/login" --method POST -H 'Content-Type: application/json' --ignore-code 401 \
  --data '{"username":"demo_office","password":"wrong-password"}'
run_sqlmap organizations -u "$BASE/api/organizations?q=a&page=1&pageSize=20&sort=name" --cookie "$COOKIE" -p q,sort
run_sqlmap users -u "$BASE/api/users?q=a&page=1&pageSize=20&role=office" --cookie "$COOKIE" -p q,role
run_sqlmap merchants -u "$BASE/api/tradein/public/merchants?q=a&page=1" -p q
echo "scan: sqlmap took $(($(date +%s) - START))s" >&2

# Still alive after the scan (nothing took it down), then the summary and the evidence.
curl -fs "$BASE/healthz" >/dev/null && echo "alive" >"$OUT/alive.txt" || echo "down" >"$OUT/alive.txt"
node --import tsx test/scan/summarise.ts "$OUT"
