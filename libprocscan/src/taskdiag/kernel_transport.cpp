#include "taskdiag/kernel_transport.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "taskdiag/attributes.h"
#include "taskdiag/dump_reader.h"
#include "util/read_file.h"

namespace procscan::taskdiag {

namespace {

// The kernel ABI's own VMA records; the field map does not use them, tdlsof will.
constexpr std::uint64_t kVmaBits =
    TASK_DIAG_SHOW(TASK_DIAG_VMA) | TASK_DIAG_SHOW(TASK_DIAG_VMA_STAT);
// The kernel's attributes (attributes.h), which the protocol check finds in its answer.
constexpr std::uint64_t kValidated = attributes_sent_by(kKernel) & ~kVmaBits;
static_assert(kValidated == (show_bit(Attribute::Base) | show_bit(Attribute::Cred) |
                             show_bit(Attribute::Stat)),
              "the protocol check reads BASE, CRED and STAT");
// Attributes whose numbers are unverified or ours: served only when the probe finds them.
constexpr std::uint64_t kProbed = attributes_sent_by(kKernelProbed);

bool exists(const char* path) {
  struct stat st;
  return ::stat(path, &st) == 0;
}

}  // namespace

std::string find_task_diag_path() {
  if (const char* env = std::getenv(kPathVariable); env && *env) return exists(env) ? env : "";
  for (const char* path : {"/proc/task-diag", "/proc/task_diag"})
    if (exists(path)) return path;
  return "";
}

std::unique_ptr<KernelTransport> KernelTransport::open(std::string& why) {
  const char* env = std::getenv(kPathVariable);
  std::string path = find_task_diag_path();
  if (path.empty()) {
    why = env && *env ? std::string(kPathVariable) + "=" + env + " does not exist"
                      : "no /proc/task-diag in this kernel";
    return nullptr;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    why = path + ": " + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<KernelTransport> transport(new KernelTransport(path, S_ISSOCK(st.st_mode)));
  if (!transport->socket_) {
    if (const int rc = transport->reopen(); rc < 0) {
      why = path + ": " + std::strerror(-rc);
      return nullptr;
    }
  }
  if (!transport->probe(why)) {
    why = path + ": " + why;
    return nullptr;
  }
  return transport;
}

int KernelTransport::reopen() {
  if (socket_) {
    fd_.reset(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));
    if (!fd_) return -errno;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path_.size() >= sizeof address.sun_path) return -ENAMETOOLONG;
    std::memcpy(address.sun_path, path_.c_str(), path_.size() + 1);
    if (::connect(fd_.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      const int error = errno;
      fd_.reset();
      return -error;
    }
    return 0;
  }
  fd_.reset(::open(path_.c_str(), O_RDWR | O_CLOEXEC));
  return fd_ ? 0 : -errno;
}

int KernelTransport::send(std::span<const std::byte> request) {
  // A stand-in gets one connection per dump.
  if (socket_) {
    if (const int rc = reopen(); rc < 0) return rc;
    const ssize_t n = ::send(fd_.get(), request.data(), request.size(), MSG_NOSIGNAL);
    return n == static_cast<ssize_t>(request.size()) ? 0 : n < 0 ? -errno : -EIO;
  }
  if (!fd_) {
    if (const int rc = reopen(); rc < 0) return rc;
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    const ssize_t n = ::write(fd_.get(), request.data(), request.size());
    if (n == static_cast<ssize_t>(request.size())) return 0;
    if (n >= 0) return -EIO;
    if (errno == EINTR) {
      --attempt;
      continue;
    }
    // EBUSY: an earlier dump was left unread. Each open file has its own state, so a fresh
    // open starts clean (the kernel keeps the old transaction until that fd closes).
    if (errno != EBUSY || attempt == 1) return -errno;
    if (const int rc = reopen(); rc < 0) return rc;
  }
  return -EBUSY;
}

ssize_t KernelTransport::receive(std::span<std::byte> buffer) {
  if (!fd_) return 0;
  for (;;) {
    const ssize_t n = socket_ ? ::recv(fd_.get(), buffer.data(), buffer.size(), MSG_TRUNC)
                              : ::read(fd_.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -errno;
    if (!socket_) return n;
    if (static_cast<std::size_t>(n) > buffer.size()) {
      fd_.reset();
      return -EMSGSIZE;
    }
    if (n == 0) {
      fd_.reset();
      return 0;
    }
    if (n == sizeof(std::int32_t)) {
      std::int32_t error;
      std::memcpy(&error, buffer.data(), sizeof error);
      fd_.reset();
      return -(error > 0 ? error : EIO);
    }
    return n;
  }
}

bool KernelTransport::probe(std::string& why) {
  std::vector<std::byte> buffer;
  const pid_t self = ::getpid();
  Request request{kValidated, DumpStrategy::One, self, 1};
  DumpDecoder validation;
  if (DumpRun run = run_dump(*this, request, validation, buffer); run.status != DumpStatus::Ok) {
    why = "protocol check: " + run.why;
    return false;
  }
  const auto& tasks = validation.tasks();
  if (validation.message_count() != 1 || tasks.size() != 1) {
    why = "protocol check: expected one message about ourselves, got " +
          std::to_string(validation.message_count());
    return false;
  }
  for (Attribute a : {Attribute::Base, Attribute::Cred, Attribute::Stat}) {
    if (!validation.payload(tasks[0], a)) {
      why = "protocol check: no " + std::string(info(a).name) + " attribute";
      return false;
    }
  }
  task_diag_base base;
  std::memcpy(&base, validation.payload(tasks[0], Attribute::Base)->data(), sizeof base);
  if (base.pid != static_cast<std::uint32_t>(self) || tasks[0].pid != base.pid) {
    why = "protocol check: pid " + std::to_string(base.pid) + " where ours is " +
          std::to_string(self) + " (another pid namespace?)";
    return false;
  }
  attributes_ = kValidated | kVmaBits;

  // One more DUMP_ONE with every candidate bit: the kernel emits attribute n for bit n and
  // ignores bits it does not know, so each candidate is recognised by number and size, and
  // CMDLINE by equalling our own /proc/self/cmdline (reference 3.4).
  request.show_flags = show_bit(Attribute::Base) | kProbed;
  request.seq = 2;
  DumpDecoder probe(show_bit(Attribute::Base));
  if (run_dump(*this, request, probe, buffer).status != DumpStatus::Ok || probe.tasks().size() != 1)
    return true;  // the core protocol works; serve without the optional attributes
  const TaskEntry& task = probe.tasks()[0];
  if (task.incomplete) return true;
  const std::string own_cmdline = read_small_file("/proc/self/cmdline");
  const bool have_cmdline = !own_cmdline.empty();
  for (const auto& row : kAttributeTable) {
    const Attribute a = row.attribute;
    if (!(kProbed & show_bit(a))) continue;
    const auto payload = probe.payload(task, a);
    if (!payload) continue;
    const bool fits =
        a == Attribute::Cmdline
            ? have_cmdline && std::string_view(reinterpret_cast<const char*>(payload->data()),
                                               payload->size()) == own_cmdline
            : payload->size() == info(a).payload_size;
    if (fits) attributes_ |= show_bit(a);
  }
  return true;
}

}  // namespace procscan::taskdiag
