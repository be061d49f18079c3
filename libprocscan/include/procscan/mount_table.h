// The mount table as lsof reads it (dialects/linux/dmnt.c readmnt): /proc/self/mounts,
// with the octal escapes of the device and the mount point decoded, and the entries lsof
// never uses left out (autofs, pipefs and sockfs mounts, automounter "host:(pid...)"
// devices). tdlsof checks its -e/+e file systems against it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace procscan {

struct MountEntry {
  std::string device;  // the first field ("/dev/vda1", "tmpfs", "server:/export")
  std::string dir;     // the mount point
  std::string type;    // "ext4", "nfs4", ...
};

class MountTable {
 public:
  // One read of PROC_ROOT/self/mounts; empty when it cannot be read.
  static MountTable read(const std::string& proc_root = "/proc");
  // The text of a mounts file. Lines with fewer than three fields are skipped.
  static MountTable parse(std::string_view text);

  const std::vector<MountEntry>& entries() const { return entries_; }
  // Whether some entry's mount point is exactly `dir`.
  bool has_mount_point(std::string_view dir) const;

 private:
  std::vector<MountEntry> entries_;
};

}  // namespace procscan
