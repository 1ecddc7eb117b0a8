#!/usr/bin/env bash
# Serves a built site through Debian's nginx and Apache, each set up with the
# configuration docs/deploy.md gives (read from the document itself), and
# checks it through each: every page and file (status, bytes, content type,
# Content-Security-Policy, caching), the 404 page and a folder without its
# slash (tests/browser/served.mjs), then search in the browser
# (tests/browser/search.mjs).
#
#   scripts/servers.sh SITE_DIR [CHROMIUM]
#
# SITE_DIR must be built with a base URL under /compassionate-city/, the
# path the document's configurations use. Both servers listen on loopback
# on free ports above 1024, in the foreground of this script, and are
# stopped when it ends, however it ends. Run by scripts/test.sh, which
# installs nginx and apache2.
set -euo pipefail

SITE="${1:?usage: scripts/servers.sh SITE_DIR [CHROMIUM]}"
CHROMIUM="${2:-/usr/bin/chromium}"
BASE_PATH="/compassionate-city/"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOC="$ROOT/docs/deploy.md"
SITE="$(cd "$SITE" && pwd)"

WORK="$(mktemp -d)"
chmod 755 "$WORK"
pids=()
stop() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap stop EXIT

# The fenced block of docs/deploy.md whose first line is $1.
snippet() {
  awk -v first="$1" '
    /^```/ { if (inside) { if (wanted) exit; inside = 0 } else { inside = 1; top = 1 }; next }
    inside && top { top = 0; if ($0 == first) wanted = 1 }
    inside && wanted { print }
  ' "$DOC"
}

# $1 with $2 replaced by $3; fails when $2 is not there, so a changed
# document cannot leave the test serving something else.
replace() {
  local text="$1" from="$2" to="$3"
  if [[ "$text" != *"$from"* ]]; then
    echo "servers.sh: docs/deploy.md's configuration no longer has \"$from\"" >&2
    return 1
  fi
  printf '%s\n' "${text//"$from"/"$to"}"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until something answers on port $1, or the process $2 has ended.
wait_for() {
  for _ in $(seq 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then
      return 0
    fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

mkdir -p "$WORK/www"
cp -r "$SITE" "$WORK/www/compassionate-city"
chmod -R a+rX "$WORK/www"
SERVED="$WORK/www/compassionate-city"

# Worker processes of a server started by root run as this user.
RUN_AS=""
[ "$(id -u)" -eq 0 ] && RUN_AS="nobody"

check() {
  local name="$1" port="$2"
  node "$ROOT/tests/browser/served.mjs" --site "$SERVED" --base-path "$BASE_PATH" \
    --origin "http://127.0.0.1:$port" --name "$name"
    node "$ROOT/tests/browser/search.mjs" --site "$SERVED" --base-path "$BASE_PATH" \
    --origin "http://127.0.0.1:$port" --chromium "$CHROMIUM"
}

# ------------------------------------------------------------------- nginx
nginx_port="$(free_port)"
site_conf="$(snippet '# /etc/nginx/conf.d/compassionate-city.conf')"
site_conf="$(replace "$site_conf" 'listen 80;' "listen 127.0.0.1:$nginx_port;")"
site_conf="$(replace "$site_conf" 'root /var/www;' "root $WORK/www;")"
printf '%s\n' "$site_conf" >"$WORK/nginx-site.conf"
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx.conf" <<EOF
${RUN_AS:+user $RUN_AS nogroup;}
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    include $WORK/nginx-site.conf;
}
EOF
nginx -t -q -c "$WORK/nginx.conf" -p "$WORK/nginx"
nginx -c "$WORK/nginx.conf" -p "$WORK/nginx" &
pids+=($!)
wait_for "$nginx_port" "$!" || { cat "$WORK/nginx/error.log" >&2; echo "servers.sh: nginx did not start" >&2; exit 1; }
echo "nginx serves $SITE at http://127.0.0.1:$nginx_port$BASE_PATH"
check nginx "$nginx_port"

# ------------------------------------------------------------------ Apache
apache_port="$(free_port)"
site_conf="$(snippet '# /etc/apache2/conf-available/compassionate-city.conf')"
site_conf="$(replace "$site_conf" '/var/www/compassionate-city' "$SERVED")"
printf '%s\n' "$site_conf" >"$WORK/apache-site.conf"
modules=/usr/lib/apache2/modules
mkdir -p "$WORK/apache"
{
  echo "ServerRoot $WORK/apache"
  echo "ServerName 127.0.0.1"
  echo "Listen 127.0.0.1:$apache_port"
  echo "PidFile $WORK/apache/httpd.pid"
  echo "ErrorLog $WORK/apache/error.log"
  echo "Mutex file:$WORK/apache"
  for module in mpm_event authz_core mime dir alias headers; do
    echo "LoadModule ${module}_module $modules/mod_$module.so"
  done
  [ -n "$RUN_AS" ] && echo "User $RUN_AS" && echo "Group nogroup"
  echo "TypesConfig /etc/mime.types"
  echo "DocumentRoot $WORK/apache"
  echo "Include $WORK/apache-site.conf"
} >"$WORK/apache.conf"
apache2 -t -f "$WORK/apache.conf"
apache2 -f "$WORK/apache.conf" -DFOREGROUND &
pids+=($!)
wait_for "$apache_port" "$!" || { cat "$WORK/apache/error.log" >&2; echo "servers.sh: Apache did not start" >&2; exit 1; }
echo "Apache serves $SITE at http://127.0.0.1:$apache_port$BASE_PATH"
check apache "$apache_port"

# --------------------------------------------------------------------- IIS
# No IIS here: its configuration is only checked to be well-formed XML.
snippet '<?xml version="1.0" encoding="utf-8"?>' | python3 -c '
import sys, xml.etree.ElementTree as tree
root = tree.fromstring(sys.stdin.read().encode())
assert root.tag == "configuration", root.tag
print("IIS: docs/deploy.md'"'"'s web.config is well-formed XML")
'
