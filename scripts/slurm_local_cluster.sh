#!/usr/bin/env bash
# A throwaway single-node Slurm cluster on this machine, for trying irpsim's Slurm mode (`irpsim sweep --slurm`,
# `irpsim compare --slurm`) without a cluster, and for the CTest test "cli: slurm" (tests/scenarios/slurm.sh).
# Everything it creates lives in DIR: a munge key and its own munged (own socket), slurm.conf, the state, spool and
# logs. The daemons listen on loopback only, on non-default ports (16817 and 16818; IRPSIM_SLURM_PORT=N picks N and
# N+1), so they do not answer a real cluster's clients. Debian 12 (slurm-wlm 22.05, munge), as root.
#
# DO NOT use it on a machine that runs a real Slurm (a slurmctld or slurmd of a real cluster): `start` refuses when
# a slurmctld or slurmd other than DIR's own is running, but it cannot know everything a real installation needs.
#
# Usage:
#   eval "$(scripts/slurm_local_cluster.sh start DIR)"   # installs slurm-wlm and munge if missing, starts munged,
#                                                        # slurmctld and slurmd, waits (at most 30 s) for the node to
#                                                        # be idle, prints `export SLURM_CONF=DIR/slurm.conf`
#   sbatch ..., squeue, sinfo                            # with that SLURM_CONF
#   scripts/slurm_local_cluster.sh status DIR            # what runs; exit 0 when the cluster answers, 3 when not
#   scripts/slurm_local_cluster.sh stop DIR              # cancels its jobs, stops every daemon; idempotent
#
# Exit codes of start: 0 started; 77 the cluster cannot run here (not root, packages missing and not installable,
# another Slurm running, a port taken, a daemon dying at start, the node never idle), with a one-line reason on
# stderr and everything it started stopped again; 1 other errors (usage, a DIR that cannot be used).
# Logs: DIR/log/{munged,slurmctld,slurmd}.log.
set -uo pipefail

die() { echo "slurm_local_cluster: $*" >&2; exit 1; }
say() { echo "slurm_local_cluster: $*" >&2; }

usage() { die "usage: $0 start|stop|status DIR"; }
[ $# -eq 2 ] || usage
action=$1
case "$2" in /*) dir=$2 ;; *) dir=$PWD/$2 ;; esac
dir=${dir%/}
case "$dir" in *[[:space:]]* | *'#'* | *'='*) die "DIR must not contain white space, '#' or '=' (slurm.conf cannot hold it): $dir" ;; esac

port=${IRPSIM_SLURM_PORT:-16817}
case "$port" in '' | *[!0-9]*) die "IRPSIM_SLURM_PORT must be a port number, found '$port'" ;; esac
conf=$dir/slurm.conf
keydir=$dir/munge-key          # mode 700: the key
mungedir=$dir/munge            # mode 755: the socket, pid and seed files
socket=$mungedir/munge.socket
ctld_pidfile=$dir/slurmctld.pid
slurmd_pidfile=$dir/slurmd.pid
munged_pidfile=$mungedir/munged.pid

# Whether the process PID exists and is not a zombie (a daemon's exited intermediate fork may stay a zombie for a
# while where nothing reaps orphans).
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  case "${stat%% *}" in Z | X | x) return 1 ;; esac
  return 0
}

# The live (not zombie) processes named exactly NAME.
live_procs() {
  local pid
  for pid in $(pgrep -x "$1" 2>/dev/null); do alive "$pid" && echo "$pid"; done
}

# The pid in FILE when that process is alive and is the program NAME; nothing otherwise.
live_pid() {
  local file=$1 name=$2 pid
  [ -f "$file" ] || return 1
  pid=$(tr -dc 0-9 < "$file" 2>/dev/null)
  [ -n "$pid" ] && alive "$pid" || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] || return 1
  echo "$pid"
}

# Waits at most $2 tenths of a second for the process $1 to end; returns 1 if it is still there.
wait_gone() {
  local pid=$1 n=0
  while alive "$pid"; do
    [ $n -ge "$2" ] && return 1
    sleep 0.1; n=$((n + 1))
  done
  return 0
}

# Stops the process in FILE (program NAME): SIGTERM, then SIGKILL after 5 s.
stop_pidfile() {
  local pid
  pid=$(live_pid "$1" "$2") || return 0
  kill -TERM "$pid" 2>/dev/null
  wait_gone "$pid" 50 || { say "$2 ($pid) ignored SIGTERM for 5 s: SIGKILL"; kill -KILL "$pid" 2>/dev/null; wait_gone "$pid" 20; }
}

# slurmstepd processes started by DIR's slurmd (they inherit its SLURM_CONF).
own_stepds() {
  local pid
  for pid in $(live_procs slurmstepd); do
    tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qxF "SLURM_CONF=$conf" && echo "$pid"
  done
}

do_stop() {
  [ -d "$dir" ] || return 0
  local pid n
  if [ -f "$conf" ] && { live_pid "$ctld_pidfile" slurmctld >/dev/null || live_pid "$slurmd_pidfile" slurmd >/dev/null; }; then
    if live_pid "$ctld_pidfile" slurmctld >/dev/null; then
      # Its jobs first, so that no slurmstepd or job outlives the cluster.
      if [ -n "$(SLURM_CONF=$conf timeout 10 squeue -h -o %i 2>/dev/null)" ]; then
        SLURM_CONF=$conf timeout 10 scancel --partition=irpsim >/dev/null 2>&1
        n=0
        while [ $n -lt 20 ] && [ -n "$(SLURM_CONF=$conf timeout 5 squeue -h -o %i 2>/dev/null)" ]; do
          sleep 0.5; n=$((n + 1))
        done
      fi
      SLURM_CONF=$conf timeout 15 scontrol shutdown >/dev/null 2>&1
    fi
    for pid in $(live_pid "$ctld_pidfile" slurmctld) $(live_pid "$slurmd_pidfile" slurmd); do
      wait_gone "$pid" 100
    done
  fi
  stop_pidfile "$slurmd_pidfile" slurmd
  stop_pidfile "$ctld_pidfile" slurmctld
  for pid in $(own_stepds); do
    say "killing a leftover slurmstepd ($pid)"
    kill -KILL "$pid" 2>/dev/null
  done
  if live_pid "$munged_pidfile" munged >/dev/null; then
    timeout 10 munged --stop --socket="$socket" >/dev/null 2>&1
    stop_pidfile "$munged_pidfile" munged
  fi
  return 0
}

# A start that fails: stop what was started, reason on stderr, exit 77.
cannot() {
  echo "slurm_local_cluster: cannot start a local Slurm cluster here: $*" >&2
  do_stop
  exit 77
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

do_start() {
  local host cpus n state pid t0
  t0=$(date +%s%N)
  [ "$(id -u)" -eq 0 ] || { echo "slurm_local_cluster: cannot start a local Slurm cluster here: not root (slurmd must run as root)" >&2; exit 77; }
  mkdir -p "$dir" 2>/dev/null || die "cannot create $dir"

  # A cluster left running in this DIR (an earlier test that was killed) is ours to stop.
  if live_pid "$ctld_pidfile" slurmctld >/dev/null || live_pid "$slurmd_pidfile" slurmd >/dev/null || live_pid "$munged_pidfile" munged >/dev/null; then
    say "stopping the cluster still running in $dir"
    do_stop
  fi
  for n in slurmctld slurmd; do
    pid=$(live_procs "$n" | head -n 1)
    if [ -n "$pid" ]; then
      echo "slurm_local_cluster: cannot start a local Slurm cluster here: a $n is already running (pid $pid: $(tr '\0' ' ' < /proc/"$pid"/cmdline 2>/dev/null)); this script must not be used beside a real Slurm (if it is another local cluster, stop it with: $0 stop ITS-DIR)" >&2
      exit 77
    fi
  done

  local pkgs=(slurm-wlm munge) missing=() p
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null || { echo "slurm_local_cluster: cannot start a local Slurm cluster here: ${missing[*]} not installed and no apt-get" >&2; exit 77; }
    "$(dirname "$0")/install_packages.sh" "${missing[@]}" >&2 \
      || { echo "slurm_local_cluster: cannot start a local Slurm cluster here: installing ${missing[*]} failed" >&2; exit 77; }
  fi
  for p in munged mungekey slurmctld slurmd sinfo scontrol; do
    command -v "$p" >/dev/null || { echo "slurm_local_cluster: cannot start a local Slurm cluster here: $p not found after installing slurm-wlm and munge" >&2; exit 77; }
  done
  for p in "$port" $((port + 1)); do
    port_taken "$p" && { echo "slurm_local_cluster: cannot start a local Slurm cluster here: port $p on 127.0.0.1 is in use (IRPSIM_SLURM_PORT=N picks N and N+1)" >&2; exit 77; }
  done

  # A clean DIR: only what this script writes is removed.
  rm -rf "$keydir" "$mungedir" "$dir/state" "$dir/spool" "$dir/log" "$conf" "$ctld_pidfile" "$slurmd_pidfile" \
    || die "cannot clean $dir"
  mkdir -p "$keydir" "$mungedir" "$dir/state" "$dir/spool" "$dir/log" || die "cannot create the folders in $dir"
  chmod 700 "$keydir"; chmod 755 "$mungedir" "$dir"

  # munge
  mungekey --create --keyfile="$keydir/munge.key" >/dev/null 2>&1 || die "cannot create a munge key in $keydir"
  munged --force --socket="$socket" --key-file="$keydir/munge.key" --log-file="$dir/log/munged.log" \
    --pid-file="$munged_pidfile" --seed-file="$mungedir/munged.seed" </dev/null >/dev/null 2>>"$dir/log/munged.log" \
    || cannot "munged did not start: $(tail -n 1 "$dir/log/munged.log" 2>/dev/null)"
  n=0
  until munge -n -S "$socket" 2>/dev/null | unmunge -S "$socket" >/dev/null 2>&1; do
    [ $n -ge 50 ] && cannot "munged does not answer on $socket after 5 s: $(tail -n 1 "$dir/log/munged.log" 2>/dev/null)"
    sleep 0.1; n=$((n + 1))
  done

  # slurm.conf
  host=$(hostname -s 2>/dev/null || hostname)
  cpus=$(nproc)
  cat > "$conf" <<EOF || die "cannot write $conf"
# A throwaway single-node cluster written by irpsim's scripts/slurm_local_cluster.sh; loopback only.
ClusterName=irpsimtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$ctld_pidfile
SlurmdPidFile=$slurmd_pidfile
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=irpsim Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF=$conf

  # The daemons fork into the background; their stdio goes nowhere, so that a caller's $(...) does not wait on them.
  slurmctld -f "$conf" </dev/null >/dev/null 2>>"$dir/log/slurmctld.log" \
    || cannot "slurmctld did not start: $(tail -n 1 "$dir/log/slurmctld.log" 2>/dev/null)"
  slurmd -f "$conf" -N "$host" </dev/null >/dev/null 2>>"$dir/log/slurmd.log" \
    || cannot "slurmd did not start: $(tail -n 1 "$dir/log/slurmd.log" 2>/dev/null)"

  # Wait (at most 30 s) until the node is idle.
  n=0
  while :; do
    state=$(timeout 5 sinfo -h -N -n "$host" -o %T 2>/dev/null | head -n 1)
    [ "$state" = idle ] && break
    if [ $n -ge 10 ]; then   # give the daemons 1 s to write their pid files before checking that they live
      live_pid "$ctld_pidfile" slurmctld >/dev/null || cannot "slurmctld died at start: $(tail -n 1 "$dir/log/slurmctld.log" 2>/dev/null)"
      live_pid "$slurmd_pidfile" slurmd >/dev/null || cannot "slurmd died at start: $(tail -n 1 "$dir/log/slurmd.log" 2>/dev/null)"
    fi
    if [ $n -ge 300 ]; then
      cannot "the node $host is not idle after 30 s (state '${state:-no answer}'; $(timeout 5 sinfo -h -R -o '%E' 2>/dev/null | head -n 1)); logs in $dir/log"
    fi
    sleep 0.1; n=$((n + 1))
  done
  say "cluster irpsimtest up in $dir after $(( ($(date +%s%N) - t0) / 1000000 )) ms: node $host ($cpus CPUs), partition irpsim; stop it with: $0 stop $dir"
  echo "export SLURM_CONF=$conf"
}

do_status() {
  local ok=0 pid
  if pid=$(live_pid "$munged_pidfile" munged); then echo "munged: running (pid $pid)"; else echo "munged: not running"; ok=3; fi
  if pid=$(live_pid "$ctld_pidfile" slurmctld); then echo "slurmctld: running (pid $pid)"; else echo "slurmctld: not running"; ok=3; fi
  if pid=$(live_pid "$slurmd_pidfile" slurmd); then echo "slurmd: running (pid $pid)"; else echo "slurmd: not running"; ok=3; fi
  if [ $ok -eq 0 ]; then
    echo "SLURM_CONF=$conf"
    SLURM_CONF=$conf timeout 10 sinfo -N -o '%N %P %T %C' || ok=3
    SLURM_CONF=$conf timeout 10 squeue || ok=3
  fi
  return $ok
}

case "$action" in
  start) do_start ;;
  stop) do_stop; exit 0 ;;
  status) do_status; exit $? ;;
  *) usage ;;
esac
