#include "files/source_choice.h"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "bpf/bpf_transport.h"
#include "procscan/scan_error.h"
#include "util/read_file.h"

namespace procscan::files {

namespace {

// Capability numbers (linux/capability.h) the caller needs for procfs to answer every
// descriptor of every task: opening any fd/ and fdinfo/ directory (DAC) and reading each
// fd/N link and fdinfo/N (ptrace_may_access() for READ_FSCREDS). Without them procfs says
// EACCES for some files, which a dump cannot reproduce.
struct NeededCapability {
  int cap;
  const char* name;
};
constexpr NeededCapability kNeeded[] = {
    {CAP_SYS_PTRACE, "CAP_SYS_PTRACE"},
    {CAP_DAC_READ_SEARCH, "CAP_DAC_READ_SEARCH"},
};

// The first capability of kNeeded the caller lacks, or nullptr.
const char* missing_capability() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  if (syscall(SYS_capget, &header, data) != 0) return "capget";
  for (const NeededCapability& need : kNeeded)
    if (!(data[need.cap / 32].effective & (1U << (need.cap % 32)))) return need.name;
  return nullptr;
}

// Capabilities count in the caller's user namespace only: the initial one maps every id to
// itself, in one line ("0 0 4294967295" with the kernel's padding).
bool initial_user_namespace(const std::string& proc_root) {
  const std::string map = read_small_file(proc_root + "/self/uid_map");
  unsigned long inside = 1, outside = 1, count = 0;
  if (std::sscanf(map.c_str(), "%lu %lu %lu", &inside, &outside, &count) != 3) return false;
  return inside == 0 && outside == 0 && count == 4294967295UL && map.find('\n') + 1 >= map.size();
}

// The dump names tasks by the caller's pid namespace: the proc root must show that one.
bool shows_callers_pids(int proc_root_fd) {
  char link[32];
  const ssize_t n = ::readlinkat(proc_root_fd, "self", link, sizeof link - 1);
  return n > 0 && std::string_view(link, static_cast<std::size_t>(n)) == std::to_string(::getpid());
}

// Each pid of a list costs a dump of its own (an iterator link, a kill(2) check, reads);
// from this many pids one dump of the whole machine costs less, whatever else it holds
// (a caller that selected most processes from a listing, as tdlsof does, lists them all).
constexpr std::size_t kWholeDumpFromPids = 32;

BackendChoice requested(const OpenFilesQuery& query) {
  if (query.source != BackendChoice::Auto) return query.source;
  const char* env = std::getenv("PROCSCAN_BACKEND");
  if (!env || !*env) return BackendChoice::Auto;  // "" is unset
  BackendChoice choice;
  if (!parse_backend_choice(env, choice))
    throw FatalScanError(std::string("PROCSCAN_BACKEND: unknown backend \"") + env + "\"");
  return choice;
}

// Why BPF cannot give procfs's answers for this query, or "" when it can.
std::string unsuitable(const OpenFilesQuery& query, int proc_root_fd, bool live_procfs) {
  if (!query.groups.has(FileGroup::Fds)) return "the query reads no descriptors";
  if (!live_procfs || !shows_callers_pids(proc_root_fd))
    return query.proc_root + " is not the caller's live procfs";
  if (!initial_user_namespace(query.proc_root))
    return "the caller is not in the initial user namespace";
  if (const char* cap = missing_capability())
    return std::string("no ") + cap + ", so procfs refuses some descriptors";
  return "";
}

}  // namespace

std::unique_ptr<FdSource> choose_fd_source(const OpenFilesQuery& query, int proc_root_fd,
                                           bool live_procfs, OpenFilesStats& stats) {
  auto source = std::make_unique<FdSource>();
  const BackendChoice choice = requested(query);
  if (choice == BackendChoice::Procfs) {
    source->reason = "procfs: requested";
    return source;
  }
  if (choice == BackendChoice::TaskDiag) {
    source->reason = "procfs: task_diag has no open files";
    return source;
  }
  const std::string prefix = choice == BackendChoice::Bpf ? "bpf requested, " : "";
  if (std::string why = unsuitable(query, proc_root_fd, live_procfs); !why.empty()) {
    source->reason = "procfs: " + prefix + "bpf skipped: " + why;
    return source;
  }
  std::string pays_why;
  const bool short_pid_list = !query.pids.empty() && query.pids.size() < kWholeDumpFromPids;
  const std::vector<pid_t> no_pids;
  const std::vector<pid_t>& dumped_pids = short_pid_list ? query.pids : no_pids;
  if (choice == BackendChoice::Auto) {
    if (short_pid_list) {
      source->reason = "procfs: bpf skipped: a short pid list, read without listing the machine";
      return source;
    }
    if (!bpf::files_pay_off(pays_why)) {
      source->reason = "procfs: bpf skipped: " + pays_why;
      return source;
    }
  }
  std::string why;
  // The transport (and its programs) goes once the dumps are read: the records live on.
  auto transport = bpf::open_side_transport(why);
  if (!transport) {
    source->reason = "procfs: " + prefix + "bpf unusable (" + why + ")";
    return source;
  }
  if (!source->table.load(*transport, taskdiag::Attribute::ExtFile, dumped_pids, why,
                          stats.bpf_dumps)) {
    source->table = BpfFdTable();
    source->reason = "procfs: " + prefix + "bpf failed (" + why + ")";
    return source;
  }
  source->bpf = true;
  source->reason = choice == BackendChoice::Bpf ? "bpf: requested" : "bpf: " + pays_why;
  if (query.groups.has(FileGroup::Maps)) {
    source->maps =
        source->vmas.load(*transport, taskdiag::Attribute::Vma, dumped_pids, why, stats.bpf_dumps);
    if (!source->maps) {
      source->vmas = BpfFdTable();
      source->reason += "; maps from procfs (" + why + ")";
    }
  }
  return source;
}

}  // namespace procscan::files
