#include "backend_probe.h"

#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bpf/bpf_transport.h"
#include "taskdiag/kernel_transport.h"
#include "util/tasks_on_machine.h"

namespace procscan {

namespace {

bool has_effective_capability(int capability) {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
  if (::syscall(SYS_capget, &header, data) != 0) return false;
  return (data[capability / 32].effective >> (capability % 32)) & 1;
}

class SystemProbe final : public BackendProbe {
 public:
  explicit SystemProbe(std::string proc_root) : proc_root_(std::move(proc_root)) {}

  std::string task_diag_path() override { return taskdiag::find_task_diag_path(); }
  std::unique_ptr<taskdiag::Transport> open_task_diag(std::string& why) override {
    return taskdiag::KernelTransport::open(why);
  }

  // task_diag silently skips tasks the caller may not ptrace (reference 3.9). Without
  // CAP_SYS_PTRACE it is complete only for a pid list of the caller's own tasks: /proc/PID
  // belongs to the task's euid when it is dumpable and to root when it is not, which is
  // what ptrace_may_access checks first.
  bool caller_sees_all(const Query& query, std::string& why) override {
    if (has_effective_capability(CAP_SYS_PTRACE)) {
      why = "with CAP_SYS_PTRACE";
      return true;
    }
    if (!query.pid_list_only) {
      why = "without CAP_SYS_PTRACE it would hide other users' tasks";
      return false;
    }
    const uid_t self = ::geteuid();
    for (pid_t pid : query.pids) {
      struct stat st;
      const std::string dir = proc_root_ + "/" + std::to_string(pid);
      if (::stat(dir.c_str(), &st) == 0 && st.st_uid != self) {
        why = "pid " + std::to_string(pid) + " is not ours and we lack CAP_SYS_PTRACE";
        return false;
      }
    }
    why = "for our own tasks";
    return true;
  }

  std::uint64_t bpf_offer() override { return bpf::offered_attributes(); }
  bool bpf_pays_off(std::string& why) override { return bpf::pays_off(why); }
  std::unique_ptr<taskdiag::Transport> open_bpf(std::string& why) override {
    return bpf::open_transport(why);
  }
  std::size_t tasks_on_machine() override { return util::tasks_on_machine(); }

 private:
  std::string proc_root_;
};

}  // namespace

std::unique_ptr<BackendProbe> system_probe(std::string proc_root) {
  return std::make_unique<SystemProbe>(std::move(proc_root));
}

}  // namespace procscan
