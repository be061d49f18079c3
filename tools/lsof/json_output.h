// --json: one object per process (or task) with its files, for scripts that would rather
// not parse columns. Keys follow lsof 4.99's -J where it has them (pid, tid, task_cmd,
// command, uid, login, pgid, ppid; fd, access, lock, type, device, size, offset, inode,
// protocol, name, state, recv_queue, send_queue); numbers are JSON numbers, absent values
// absent. Documented in tdlsof(1).
#pragma once

#include <string>
#include <vector>

#include "options.h"
#include "output.h"
#include "rows.h"

namespace tdlsof {

std::string json_output(const std::vector<ProcessRows>& processes, const Options& options,
                        Logins& logins);

}  // namespace tdlsof
