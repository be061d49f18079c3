#!/bin/bash
# Makes the rcfiles of tests/diff/top_cases.txt the way a user makes them: procps-ng 4.0.2
# /usr/bin/top runs in tmux with a fresh HOME, keys change its settings, W writes the
# file, which lands in NAME/.toprc (the legacy place, found first) or, for the xdg-*
# ones, in NAME/procps/toprc. Run it from this directory; it needs tmux and /usr/bin/top
# (procps-ng 4.0.2). Each rcfile is one function below: the keys, then W.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
work=$(mktemp -d /tmp/td-toprc-XXXXXX)
trap 'tmux kill-session -t td-toprc 2>/dev/null || true; rm -rf "$work"' EXIT

# The 'f' screen lists the fields in the window's order; these are the default window's
# rows (top.h DEF_FIELDS), so that keys can say a field's name instead of its row.
fields=(PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND PPID UID RUID RUSER SUID
        SUSER GID GROUP PGRP TTY TPGID SID nTH P TIME SWAP CODE DATA nMaj nMin nDRT WCHAN
        Flags CGROUPS SUPGIDS SUPGRPS TGID OOMa OOMs ENVIRON vMj vMn USED nsIPC nsMNT nsNET
        nsPID nsUSER nsUTS LXC RSan RSfd RSlk RSsh CGNAME NU LOGID EXE RSS PSS PSan PSfd
        PSsh USS ioR ioRop ioW ioWop AGID AGNI STARTED ELAPSED %CUU %CUC nsCGROUP nsTIME)

start() {  # start NAME: top in tmux, HOME fresh
  home=$work/$1
  mkdir -p "$home"
  tmux new-session -d -s td-toprc -x 250 -y 80 "env -i HOME=$home TERM=xterm LANG=C.UTF-8 /usr/bin/top"
  sleep 1.5
}
keys() {  # keys KEY...: tmux key names, a pause after each
  # top reads what is waiting as one key: on a busy machine two keys sent too close
  # together are one unknown key.
  for k in "$@"; do tmux send-keys -t td-toprc "$k"; sleep 0.7; done
}
type_line() {  # type_line TEXT: a prompt's answer, then Enter
  tmux send-keys -t td-toprc -l -- "$1"; sleep 0.3; keys Enter
}
step() {  # step KEY N: N presses, each read alone (top matches a whole read to a key)
  local i
  for ((i = 0; i < $2; i++)); do tmux send-keys -t td-toprc "$1"; sleep 0.04; done
  sleep 0.2
}
row_of() {
  local i
  for i in "${!fields[@]}"; do [[ ${fields[$i]} == "$1" ]] && { echo "$i"; return; }; done
  echo "no field $1" >&2; exit 1
}
fields_screen() {  # fields_screen [d|s|m] NAME ...: toggle, sort on, or move to the top
  keys f PPage  # the cursor starts on the sort field's row; PgUp takes it to the first
  local at=0
  while (($#)); do
    local action=$1 row
    row=$(row_of "$2")
    shift 2
    case $action in
      d|s)  # toggling and sorting move no row: walk down (or up) to it
        if ((row >= at)); then step Down $((row - at)); else step Up $((at - row)); fi
        at=$row
        keys "$action" ;;
      m)  # take the row to the top: the rows above it move down one
        keys PPage
        step Down "$row"
        keys Right
        step Up "$row"
        keys Left
        at=0 ;;
    esac
  done
  keys q
}
finish() {  # finish NAME [xdg]: W, then keep the file
  if [[ -n ${DEBUG:-} ]]; then tmux capture-pane -t td-toprc -p | head -12; fi
  sleep 1
  keys W
  # top reads what is waiting as one key: W must be read before q arrives.
  local made=$work/$1/.config/procps/toprc
  for ((i = 0; i < 50; i++)); do [[ -e $made ]] && break; sleep 0.2; done
  keys q
  sleep 0.5
  tmux kill-session -t td-toprc 2>/dev/null || true
  if [[ ${2:-} == xdg ]]; then
    mkdir -p "$here/$1/procps"
    cp "$made" "$here/$1/procps/toprc"
  else
    mkdir -p "$here/$1"
    cp "$made" "$here/$1/.toprc"
  fi
}

rc_default() { start default; finish default; }
rc_ids() {
  start ids
  fields_screen d VIRT d RES d SHR d %MEM d PPID d UID d RUID d RUSER d SUID d SUSER d GID \
    d GROUP d PGRP d TTY d TPGID d SID d nTH d P d TGID d NU d LOGID s PPID
  finish ids
}
# PSS and PSfd are left out: a file's pages are shared with every process on the machine
# that maps it, so those two move whenever any process starts or ends.
rc_memory() {
  start memory
  fields_screen d USER d PR d NI d S d TIME+ d SWAP d CODE d DATA d nMaj d nMin d nDRT \
    d vMj d vMn d USED d RSan d RSfd d RSlk d RSsh d RSS d PSan d PSsh d USS s RES
  finish memory
}
# %CUU and %CUC are left out: over a task's life its CPU share moves at every tick of its
# age (three decimals), so two runs a moment apart differ for any task with CPU time.
rc_sched() {
  start sched
  fields_screen d VIRT d RES d SHR d %MEM d TIME d WCHAN d Flags d OOMa d OOMs d AGID \
    d AGNI d STARTED d ELAPSED d ioR d ioRop d ioW d ioWop s STARTED
  keys R
  finish sched
}
rc_namespaces() {
  start namespaces
  fields_screen d USER d VIRT d RES d SHR d %CPU d %MEM d TIME+ d nsIPC d nsMNT d nsNET \
    d nsPID d nsUSER d nsUTS d nsCGROUP d nsTIME d LXC
  finish namespaces
}
rc_texts() {
  start texts
  fields_screen d USER d PR d NI d VIRT d RES d SHR d S d %CPU d %MEM d TIME+ d CGROUPS \
    d CGNAME d SUPGIDS d SUPGRPS d EXE d ENVIRON s COMMAND
  keys c
  finish texts
}
rc_moved() {  # COMMAND first, USER second: a variable column before the fixed ones
  start moved
  fields_screen m COMMAND m USER
  finish moved
}
rc_forest() { start forest; keys V c; finish forest; }
rc_toggles() { start toggles; keys S j J I 0; finish toggles; }
rc_graphs() { start graphs; keys t m; finish graphs; }
rc_blocks() { start blocks; keys t t m m; finish blocks; }
rc_quiet() { start quiet; keys l t t t m m m; finish quiet; }  # t and m: bars, blocks, off
rc_solaris() { start solaris; keys I; finish solaris; }
rc_percpu() { start percpu; keys 1 E E; finish percpu; }
rc_double() { start double; keys 1 4 t; finish double; }
rc_maxtasks() { start maxtasks; keys n; type_line 5; finish maxtasks; }
rc_filters() {
  start filters
  keys o; type_line 'COMMAND=s'
  keys O; type_line '!PID<20'
  finish filters
}
rc_altscr() { start altscr; keys A a; finish altscr; }
rc_widest() { start widest; keys X; type_line 4; finish widest; }
rc_autowide() {
  start autowide
  fields_screen d LOGID d GROUP
  keys X; type_line -1
  finish autowide
}
rc_tics() { start tics; fields_screen d TIME d STARTED d ELAPSED; keys C-e C-e; finish tics; }
rc_scales() { start scales; keys e e E E E; finish scales; }
rc_sortcmd() { start sortcmd; fields_screen s COMMAND; keys c R; finish sortcmd; }
rc_xdg() { start xdg-sorted; keys M; finish xdg-sorted xdg; }

for rc in "${@:-default ids memory sched namespaces texts moved forest toggles graphs blocks quiet percpu double maxtasks filters altscr widest autowide tics scales sortcmd xdg solaris}"; do
  for one in $rc; do "rc_$one"; echo "made $one"; done
done
