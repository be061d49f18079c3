// What lsof 4.95 makes of a task's /proc/PID/stat line (dproc.c read_id_stat): the command
// is read up to the ')' that balances the '(' before it, not to the last ')', and the fields
// after it are taken from there. A name with more ')' than '(' ("(x) y)") shows cut short,
// with the state, ppid and pgid read from the wrong words; one with more '(' runs to the end
// of the line and lsof leaves the task out.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace tdlsof {

struct StatView {
  std::string command;
  bool zombie = false;  // the state word lsof read is "Z"
  pid_t ppid = 0;
  pid_t pgid = 0;
};

// From the kernel's comm, state letter, ppid and pgid. nullopt: lsof does not list it.
std::optional<StatView> lsof_stat_view(std::string_view comm, char state, pid_t ppid, pid_t pgid);

}  // namespace tdlsof
