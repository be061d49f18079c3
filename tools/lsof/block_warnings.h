// -b: lsof avoids the calls that can block in the kernel (stat and readlink of mount
// points), and says so for each mount it would have read (dialects/linux/dmnt.c readmnt,
// misc.c Readlink and statsafely): "avoiding readlink(DIR)", "avoiding stat(DIR)", then
// "WARNING: can't stat() TYPE file system DIR" with "Output information may be incomplete.".
// None of it with -w. tdlsof blocks on nothing there; it gives the same account.
#pragma once

#include <string>

#include "options.h"
#include "procscan/mount_table.h"

namespace tdlsof {

// What lsof 4.95 writes to stderr under -b, each line starting with `program`: first for
// the -e paths it did not resolve (Options::readlinks_avoided), then for `mounts`, which
// lsof reads once: for -e/+e's check, or in its initialisation unless -i was given. Only
// the first part, if any, without -b or with -w.
std::string block_warnings(const procscan::MountTable& mounts, const Options& options,
                           const std::string& program);

}  // namespace tdlsof
