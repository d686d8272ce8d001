#!/usr/bin/env bash
# Serve the app to many people at once: N Streamlit processes of app.py on loopback ports,
# behind nginx on one port with sticky sessions and websocket upgrade. Ctrl-C or SIGTERM
# stops everything. (For one person, scripts/run.sh is enough.)
#
#   bash scripts/serve.sh [--workers N] [--port P] [--address A] [--run-dir DIR]
#
#   --workers N    Streamlit processes (default: one per core, `nproc`)
#   --port P       the proxy's port (default 8501)
#   --address A    the proxy's address (default 0.0.0.0: every interface, like run.sh;
#                  127.0.0.1 keeps it on this machine). Workers always listen on 127.0.0.1.
#   --run-dir DIR  where the generated nginx.conf, the logs and the pid list go (kept
#                  afterwards); default: a temporary folder, removed on exit
#
# Environment: PYTHON=/path/to/python uses that interpreter as is; otherwise scripts/setup.sh
# prepares .venv first (as run.sh does). nginx comes from Debian (apt-get install nginx, as root
# or through sudo) when it is missing; /etc/nginx is neither read nor changed.
#
# Sticky sessions: a session's state lives in the worker that holds its websocket, and its
# downloads (/media/...) and uploads (/_stcore/upload_file/...) must reach that same worker.
# nginx hashes a cookie (mk_worker, a random id it sets on the first response) onto the workers
# with `hash ... consistent`. Not ip_hash: that keys on the first three bytes of the client's
# IPv4 address, so everyone behind one NAT (a school, a hospital) or one proxy, and every client
# on loopback, lands on the same worker.
set -euo pipefail
cd "$(dirname "$0")/.."

workers=""
port=8501
address=0.0.0.0
run_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --address) address="$2"; shift 2 ;;
    --run-dir) run_dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ -n "$workers" ] || workers="$(nproc)"
if ! [[ "$workers" =~ ^[1-9][0-9]*$ ]] || ! [[ "$port" =~ ^[1-9][0-9]*$ ]]; then
  echo "serve.sh: --workers and --port take a positive number" >&2
  exit 2
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ -n "${PYTHON:-}" ]; then
  py="$PYTHON"
else
  bash scripts/setup.sh
  py=.venv/bin/python
fi

nginx_bin="$(command -v nginx || true)"
[ -n "$nginx_bin" ] || { [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx; } || true
if [ -z "$nginx_bin" ]; then
  echo "serve.sh: installing nginx (Debian package)" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  nginx_bin=/usr/sbin/nginx
fi

keep_run_dir=true
if [ -z "$run_dir" ]; then
  run_dir="$(mktemp -d "${TMPDIR:-/tmp}/metrokaart-serve.XXXXXX")"
  keep_run_dir=false
fi
mkdir -p "$run_dir/tmp"
run_dir="$(cd "$run_dir" && pwd)"
: >"$run_dir/pids"

pids=()
stopping=false
cleanup() {
  local code=$?
  $stopping && return
  stopping=true
  trap - INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    # Streamlit and nginx stop within a second or two; whatever is left after 10 s is killed.
    for _ in $(seq 100); do
      local alive=false
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=true; done
      $alive || break
      sleep 0.1
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  $keep_run_dir || rm -rf "$run_dir"
  echo "serve.sh: stopped" >&2
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Loopback ports for the workers: free now (the kernel picks them).
mapfile -t ports < <("$py" - "$workers" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in socks))
EOF
)

for i in "${!ports[@]}"; do
  "$py" -m ui.launch \
    --server.headless true \
    --server.address 127.0.0.1 \
    --server.port "${ports[$i]}" \
    --browser.gatherUsageStats false \
    --server.fileWatcherType none \
    >"$run_dir/worker-$((i + 1)).log" 2>&1 &
  pids+=("$!")
  echo "worker $! 127.0.0.1:${ports[$i]}" >>"$run_dir/pids"
done

# Wait until every worker answers /_stcore/health (60 s at most; a worker that exits ends the wait).
# (In the background, so that a signal is handled at once.)
"$py" - "$run_dir/pids" <<'EOF' &
import os, sys, time, urllib.request
workers = [line.split() for line in open(sys.argv[1]) if line.startswith("worker ")]
waiting = {(int(pid), addr) for _, pid, addr in workers}
deadline = time.monotonic() + 60
while waiting:
    for pid, addr in sorted(waiting):
        try:
            with urllib.request.urlopen(f"http://{addr}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    waiting.discard((pid, addr))
                    continue
        except OSError:
            pass
        if not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z":
            sys.exit(f"serve.sh: worker {pid} ({addr}) exited before it was healthy")
    if time.monotonic() > deadline:
        sys.exit(f"serve.sh: no health answer within 60 s from {sorted(a for _, a in waiting)}")
    time.sleep(0.2)
EOF
if ! wait "$!"; then
  tail -n 20 "$run_dir"/worker-*.log >&2 || true
  exit 1
fi

user_line=""
if [ "$(id -u)" = 0 ]; then
  # nginx's worker processes drop root; they need the temp folder for large bodies.
  user_line="user nobody $(id -gn nobody);"
  chmod 755 "$run_dir"
  chown nobody "$run_dir/tmp"
fi
{
  cat <<EOF
# Generated by scripts/serve.sh; nginx -p $run_dir -c $run_dir/nginx.conf
$user_line
worker_processes 1;
daemon off;
pid $run_dir/nginx.pid;
error_log $run_dir/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $run_dir/tmp/body;
  proxy_temp_path $run_dir/tmp/proxy;
  fastcgi_temp_path $run_dir/tmp/fastcgi;
  uwsgi_temp_path $run_dir/tmp/uwsgi;
  scgi_temp_path $run_dir/tmp/scgi;
  client_max_body_size 200m;  # Streamlit's server.maxUploadSize

  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  # Sticky sessions: the cookie's value picks the worker; without the cookie a fresh random id
  # does, and the response sets it, so the page, its websocket, downloads and uploads all meet
  # the same worker.
  map \$cookie_mk_worker \$mk_worker { '' \$request_id; default \$cookie_mk_worker; }
  map \$cookie_mk_worker \$mk_worker_cookie {
    '' "mk_worker=\$request_id; Path=/; HttpOnly; SameSite=Lax";
    default '';
  }
  upstream streamlit {
    hash \$mk_worker consistent;
EOF
  for p in "${ports[@]}"; do echo "    server 127.0.0.1:$p max_fails=3 fail_timeout=10s;"; done
  cat <<EOF
    keepalive 32;
  }
  server {
    listen $address:$port;
    add_header Set-Cookie \$mk_worker_cookie always;
    proxy_http_version 1.1;
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    location / {
      proxy_set_header Connection '';
      proxy_pass http://streamlit;
    }
    location = /_stcore/stream {
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_buffering off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_pass http://streamlit;
    }
  }
}
EOF
} >"$run_dir/nginx.conf"

"$nginx_bin" -t -q -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log" || {
  cat "$run_dir/nginx-error.log" >&2
  exit 1
}
"$nginx_bin" -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log" &
pids+=("$!")
echo "nginx $! $address:$port" >>"$run_dir/pids"

# The proxy answers too (10 s at most), or nginx has said why not in its log.
probe="$address"
[ "$address" = 0.0.0.0 ] && probe=127.0.0.1
"$py" - "http://$probe:$port/_stcore/health" "${pids[-1]}" <<'EOF' &
import os, sys, time, urllib.request
deadline = time.monotonic() + 10
while True:
    if not os.path.exists(f"/proc/{sys.argv[2]}") or open(f"/proc/{sys.argv[2]}/stat").read().split()[2] == "Z":
        sys.exit("serve.sh: nginx exited")
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=2) as answer:
            if answer.read().strip() == b"ok":
                break
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit(f"serve.sh: nginx does not answer at {sys.argv[1]}")
    time.sleep(0.2)
EOF
if ! wait "$!"; then
  cat "$run_dir/nginx-error.log" >&2
  exit 1
fi

shown="$address"
[ "$address" = 0.0.0.0 ] && shown=localhost
echo "Metrokaart: $workers worker(s) behind nginx on http://$shown:$port (run folder $run_dir)"

# Run until a signal arrives or any process ends (then stop the others too).
set +e
wait -n "${pids[@]}"
code=$?
echo "serve.sh: a process ended (exit $code); stopping the rest" >&2
tail -n 20 "$run_dir"/nginx-error.log "$run_dir"/worker-*.log >&2 2>/dev/null
exit 1
