#include "files/table_identity.h"

#include <linux/kcmp.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

namespace procscan::files {

namespace {
// Which kernel object holds each section's rows.
constexpr int kKcmpType[] = {
    KCMP_FS,     // FileSection::Fs: cwd and root
    KCMP_VM,     // FileSection::Vm: exe and the mappings
    KCMP_FILES,  // FileSection::Fds
};
static_assert(std::size(kKcmpType) == static_cast<std::size_t>(FileSection::Count));
}  // namespace

Sharing TableIdentity::compare(pid_t leader, pid_t tid, FileSection section, bool& vanished) {
  vanished = false;
  if (!enabled_) return Sharing::Unknown;
  ++calls_;
  const long r = ::syscall(SYS_kcmp, leader, tid, kKcmpType[static_cast<int>(section)], 0, 0);
  if (r == 0) return Sharing::SharesLeader;
  if (r > 0) return Sharing::Own;
  // ENOSYS: no CONFIG_KCMP; EPERM: Yama or credentials for this pair only.
  if (errno == ENOSYS) enabled_ = false;
  if (errno == ESRCH) vanished = true;
  return Sharing::Unknown;
}

}  // namespace procscan::files
