#!/usr/bin/env bash
# Two web processes and two task workers on one machine, on PostgreSQL and Redis: the shape of a
# multi-machine deployment (README «Production and scaling out»), for trying it out and for
# tests/core/test_cluster.py. Ctrl-C (or SIGTERM) stops all four.
#
#   deploy/local-cluster.sh [PORT1 PORT2]        # web processes on 127.0.0.1:8001 and :8002 by default
#
# From the environment (defaults in brackets): DATABASE_URL [postgres://postgres@127.0.0.1:5432/khabar],
# CACHE_URL [redis://127.0.0.1:6379/0], RQ_URL [redis://127.0.0.1:6379/1], TASKS_BACKEND
# [django_tasks_rq.RQBackend; django_tasks_db.DatabaseBackend runs `khabar db_worker` instead],
# WEB_WORKERS [2 server processes per web process], KHABAR [the khabar beside this repository's .venv],
# and every other Khabar variable (deploy/khabar.env.example).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
KHABAR=${KHABAR:-$here/../.venv/bin/khabar}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/khabar}
export CACHE_URL=${CACHE_URL:-redis://127.0.0.1:6379/0}
export RQ_URL=${RQ_URL:-redis://127.0.0.1:6379/1}
export TASKS_BACKEND=${TASKS_BACKEND:-django_tasks_rq.RQBackend}
ports=("${1:-8001}" "${2:-8002}")

case "$DATABASE_URL" in postgres*) ;; *) echo "local-cluster.sh: DATABASE_URL must be PostgreSQL" >&2; exit 2;; esac
case "$CACHE_URL" in redis*) ;; *) echo "local-cluster.sh: CACHE_URL must be Redis" >&2; exit 2;; esac

"$KHABAR" migrate --noinput -v0
"$KHABAR" collectstatic --noinput -v0

if [ "$TASKS_BACKEND" = django_tasks_rq.RQBackend ]; then
  worker=("$KHABAR" rq-worker)
else
  worker=("$KHABAR" db_worker --no-reload)
fi

pids=()
stop() {
  trap - TERM INT EXIT
  [ ${#pids[@]} -eq 0 ] || kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

for port in "${ports[@]}"; do
  "$KHABAR" serve --bind "127.0.0.1:$port" --workers "${WEB_WORKERS:-2}" &
  pids+=($!)
done
for _ in 1 2; do
  "${worker[@]}" &
  pids+=($!)
done
echo "local-cluster.sh: web on ${ports[*]/#/127.0.0.1:}, two workers (${worker[1]}); pids ${pids[*]}"

# One process ending ends the cluster: a half cluster would hide the failure.
status=0
wait -n "${pids[@]}" || status=$?
echo "local-cluster.sh: a process ended (status $status); stopping the others" >&2
exit 1
