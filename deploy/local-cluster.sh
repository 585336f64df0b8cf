#!/usr/bin/env bash
# A cluster on this machine, to try the cluster mode without several machines: a coordinator on
# 127.0.0.1:2551 (web UI and API on http://127.0.0.1:8080) and N worker nodes of one CPU worker
# each, every process logging to a file. Ctrl-C stops them all.
#
#   deploy/local-cluster.sh N [--sweep FILE]
#
# State lives in $GANTRY_CLUSTER_DIR (default: gantry-data/local-cluster in the repository): the
# coordinator's data folder, each node's own folder (as if on separate machines), and the logs.
set -euo pipefail

usage() {
  echo "usage: deploy/local-cluster.sh N [--sweep FILE]   (N: worker nodes, 1 or more)" >&2
  exit 2
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gantry="$root/gantry"
cluster_port=2551
http_port=8080

[ $# -ge 1 ] || usage
nodes="$1"
shift
[[ "$nodes" =~ ^[1-9][0-9]*$ ]] || usage
sweep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sweep)
      [ $# -ge 2 ] || usage
      sweep="$2"
      shift 2
      ;;
    *) usage ;;
  esac
done
if [ -n "$sweep" ] && [ ! -f "$sweep" ]; then
  echo "local-cluster: no sweep file $sweep" >&2
  exit 2
fi

dir="${GANTRY_CLUSTER_DIR:-$root/gantry-data/local-cluster}"
mkdir -p "$dir/logs"
dir="$(cd "$dir" && pwd)"

listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

for port in "$cluster_port" "$http_port"; do
  if listening "$port"; then
    echo "local-cluster: port $port on 127.0.0.1 is taken (another coordinator?)" >&2
    exit 1
  fi
done

# One build before anything starts: each ./gantry builds when sources changed, and N + 1 of them
# at once would each run Maven on the same folders.
"$gantry" --version >/dev/null

pids=()
stopping=""
stop_all() {
  [ -z "$stopping" ] || return 0
  stopping=yes
  echo
  echo "stopping the worker nodes, then the coordinator ..."
  # Each process leads its own process group (setsid), so a signal to the group also reaches the
  # worker JVMs a node started. Workers go first, so the coordinator sees their trials interrupted
  # and a later coordinator on the same data folder resumes them.
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM -- "-${pids[i]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "${pids[i]}" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-${pids[i]}" 2>/dev/null || true
  done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# setsid keeps Ctrl-C's SIGINT, which the terminal sends to the whole foreground group, away from
# the JVMs: stop_all stops them in order instead.
setsid "$gantry" coordinator --host 127.0.0.1 --port "$cluster_port" --http-port "$http_port" \
  --data-dir "$dir/coordinator" >"$dir/logs/coordinator.log" 2>&1 </dev/null &
pids+=("$!")

echo "coordinator starting (log: $dir/logs/coordinator.log) ..."
for _ in $(seq 1 120); do
  listening "$http_port" && break
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "local-cluster: the coordinator exited; its log ends with:" >&2
    tail -n 20 "$dir/logs/coordinator.log" >&2
    exit 1
  fi
  sleep 0.5
done
listening "$http_port" || { echo "local-cluster: the coordinator did not open port $http_port within 60 s" >&2; exit 1; }

for i in $(seq 1 "$nodes"); do
  GANTRY_HOME="$dir/node-$i" setsid "$gantry" worker --join "127.0.0.1:$cluster_port" --host 127.0.0.1 \
    --devices cpu:0 --threads 1 --name "node-$i" >"$dir/logs/node-$i.log" 2>&1 </dev/null &
  pids+=("$!")
done

cat <<EOF
coordinator  127.0.0.1:$cluster_port, data folder $dir/coordinator
web UI       http://127.0.0.1:$http_port
workers      node-1/cpu:0 ... node-$nodes/cpu:0
logs         $dir/logs/

submit a sweep   $gantry submit FILE --to 127.0.0.1:$http_port
see the cluster  $gantry status --to 127.0.0.1:$http_port
Ctrl-C stops everything.
EOF

if [ -n "$sweep" ]; then
  # the workers join within seconds; the sweep waits in the queue until they have
  "$gantry" submit "$sweep" --to "127.0.0.1:$http_port"
fi

# Returns when the coordinator ends on its own, or when Ctrl-C runs the traps.
wait "${pids[0]}"
