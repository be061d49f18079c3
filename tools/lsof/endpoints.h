// lsof 4.95's -E and +E (main.c's two endpoint passes; proc.c process_pinfo,
// process_ptyinfo, process_evtfdinfo; dialects/linux/dsock.c process_uxsinfo,
// process_netsinfo): a listed pipe, pseudoterminal, UNIX socket, local INET socket or
// eventfd gets its peers' "PID,COMMAND,FDmode" added to its name, and with +E the peers'
// files are listed too, in whichever process holds them.
//
// Peers, as lsof finds them:
// - pipes and FIFOs: every other descriptor on the same inode, in the order lsof reads
//   the processes (by pid; a process's threads before the process itself);
// - eventfds: every other descriptor with the same eventfd id, in that order;
// - ptys: a /dev/ptmx descriptor's peers are the slaves of its tty-index, the first shown
//   as "->/dev/pts/N PID,..."; a slave's are the masters of its minor number;
// - UNIX sockets: "->INO=PEER" (the socket's peer, or failing that the socket that names
//   this one as its peer), then the descriptors on the peer, the last read first; a
//   listener adds the first connection waiting in its accept queue the same way;
// - INET sockets: the descriptors on the ESTABLISHED socket of the same kind whose ends
//   mirror this one's, the last read first.
// A descriptor already seen with the same pid and FD is not entered twice (threads
// sharing a table). Not covered: POSIX message queues (tdlsof has no PSXMQ rows).
#pragma once

#include <vector>

#include "describe.h"
#include "options.h"
#include "rows.h"

namespace procscan {
class SocketTable;
}

namespace tdlsof {

// Sets row.endpoint and row.endpoint_key from what was read about the file.
void classify_endpoint(const RawFile& raw, FileRow& row);

// The two passes over every process read, listed or not (sorted by pid, then tid): names
// of listed endpoint files get their peers; with +E (options.endpoints == 2) the peers'
// files are listed as well. `sockets` may be null when no socket was seen.
void add_endpoints(std::vector<ProcessRows>& processes, const procscan::SocketTable* sockets,
                   const Options& options);

}  // namespace tdlsof
