// The systemd fields of a task, as libsystemd's sd-login API reports them. procps-ng asks
// the same functions, which parse /proc/PID/cgroup against the host's cgroup layout and
// read /run/systemd; calling them is the only way to agree with it byte for byte. They
// work on the live /proc only, so a backend over a captured tree does not serve them.
#pragma once

#include <sys/types.h>

#include "procscan/field_set.h"
#include "procscan/task_table.h"

namespace procscan::procfs {

// True when libprocscan was built with libsystemd.
bool systemd_login_available();

// Sets the wanted Sd* fields of the open row for task `tid`; a field sd-login cannot give
// (no unit, no session, a task outside systemd's tree) stays unset.
void read_systemd_login(pid_t tid, const FieldSet& wanted, TaskTable& out);

}  // namespace procscan::procfs
