#include "bpf/iter_transport.h"

#include <bpf/bpf.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/netlink.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>

#include "bpf/side_loader.h"
#include "bpf/task_loader.h"
#include "util/read_file.h"

namespace procscan::bpf {

namespace {

// The bpf_iter seq_file buffer is 8 pages: one read() never returns more, and one message
// never exceeds it. Reads go straight into the caller's buffer when it has this much room.
constexpr std::size_t kIterChunk = 8 * 4096;
constexpr std::size_t kHeadSize = sizeof(nlmsghdr) + sizeof(task_diag_msg);

std::string errno_text(int error) {
  return std::strerror(error);
}

bool has_capability(const __user_cap_data_struct (&data)[2], int cap) {
  return data[cap / 32].effective & (1U << (cap % 32));
}

// CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN, which implies both for BPF.
bool may_load_tracing_programs() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  if (syscall(SYS_capget, &header, data) != 0) return false;
  constexpr int kCapBpf = 39, kCapPerfmon = 38;
  return has_capability(data, CAP_SYS_ADMIN) ||
         (has_capability(data, kCapBpf) && has_capability(data, kCapPerfmon));
}

// The program reports kernel uids and gids; they are what status prints only when the
// reader's user namespace maps ids one to one.
bool identity_id_maps() {
  for (const char* path : {"/proc/self/uid_map", "/proc/self/gid_map"}) {
    const std::string map = read_small_file(path);
    unsigned long inside = 1, outside = 1, count = 0;
    if (std::sscanf(map.c_str(), "%lu %lu %lu", &inside, &outside, &count) != 3) return false;
    if (inside != 0 || outside != 0 || count != 4294967295UL) return false;
    if (map.find('\n') + 1 < map.size()) return false;  // more than one line
  }
  return true;
}

std::string kernel_release() {
  utsname name{};
  return ::uname(&name) == 0 ? name.release : "";
}

// The attribute of type `type` inside one message, or an empty span.
std::span<const std::byte> find_attribute(const std::byte* message, std::uint16_t type) {
  nlmsghdr head;
  std::memcpy(&head, message, sizeof head);
  std::size_t at = kHeadSize;
  while (at + 4 <= head.nlmsg_len) {
    std::uint16_t len, t;
    std::memcpy(&len, message + at, 2);
    std::memcpy(&t, message + at + 2, 2);
    if (len < 4 || at + len > head.nlmsg_len) break;
    if (t == type) return {message + at + 4, static_cast<std::size_t>(len - 4)};
    at += (len + 3u) & ~3u;
  }
  return {};
}

std::uint64_t procfs_marks(const std::byte* message) {
  auto payload = find_attribute(message, TASK_DIAG_EXT_PROCFS);
  task_diag_ext_procfs marks{};
  if (payload.size() >= sizeof marks) std::memcpy(&marks, payload.data(), sizeof marks);
  return marks.fields;
}

// The message with the command line the program could not fit, read from /proc/PID/cmdline
// and appended as a CMDLINE attribute (cut to `room` bytes when the reader's buffer is
// smaller than the message).
std::vector<std::byte> with_procfs_cmdline(const std::byte* message, std::size_t room) {
  nlmsghdr head;
  std::memcpy(&head, message, sizeof head);
  task_diag_msg msg;
  std::memcpy(&msg, message + sizeof head, sizeof msg);
  std::string cmdline;
  UniqueFd fd(
      ::open(("/proc/" + std::to_string(msg.pid) + "/cmdline").c_str(), O_RDONLY | O_CLOEXEC));
  if (fd) {
    char chunk[65536];
    ssize_t n;
    while ((n = ::read(fd.get(), chunk, sizeof chunk)) > 0)
      cmdline.append(chunk, static_cast<std::size_t>(n));
  }
  std::vector<std::byte> out(message, message + head.nlmsg_len);
  const std::size_t fixed = out.size() + 4;
  std::size_t len = cmdline.size();
  if (fixed + len > room) len = room > fixed ? room - fixed : 0;
  if (len + 4 > 0xffff) len = 0xffff - 4;
  if (len > 0) {
    const std::uint16_t nla[2] = {static_cast<std::uint16_t>(4 + len), TASK_DIAG_CMDLINE};
    const auto* nla_bytes = reinterpret_cast<const std::byte*>(nla);
    out.insert(out.end(), nla_bytes, nla_bytes + 4);
    const auto* text = reinterpret_cast<const std::byte*>(cmdline.data());
    out.insert(out.end(), text, text + len);
    out.resize((out.size() + 3) & ~std::size_t{3});
  }
  head.nlmsg_len = static_cast<std::uint32_t>(out.size());
  std::memcpy(out.data(), &head, sizeof head);
  return out;
}

// Creates the iterator link for the program `prog_fd`: all tasks, or one tid (ONE) or one
// process's threads (THREAD) of the reader's pid namespace.
int attach_iter(int prog_fd, std::uint64_t strategy, std::uint32_t pid) {
  bpf_iter_link_info info{};
  if (strategy == TASK_DIAG_DUMP_ONE) info.task.tid = pid;
  if (strategy == TASK_DIAG_DUMP_THREAD) info.task.pid = pid;
  LIBBPF_OPTS(bpf_link_create_opts, opts);
  if (info.task.tid || info.task.pid) {
    opts.iter_info = &info;
    opts.iter_info_len = sizeof info;
  }
  const int fd = bpf_link_create(prog_fd, 0, BPF_TRACE_ITER, &opts);
  return fd < 0 ? -errno : fd;
}

}  // namespace

std::string pin_dir() {
  if (const char* dir = std::getenv("PROCSCAN_BPF_PIN_DIR"); dir && *dir) return dir;
  return std::string(kPinDir);
}

task_program* load_task_program(std::string& why) {
  task_program* program = task_program_load();
  if (!program) {
    why = "cannot load the BPF task iterator: " + errno_text(errno);
    return nullptr;
  }
  task_program_set_status_sums_rss(program, status_sums_rss(kernel_release()));
  return program;
}

namespace {

// "6.18.44-...": major and minor; nullopt when the release does not start that way.
std::optional<std::pair<unsigned, unsigned>> major_minor(std::string_view release) {
  unsigned major = 0, minor = 0;
  const char* end = release.data() + release.size();
  auto [after_major, major_error] = std::from_chars(release.data(), end, major);
  if (major_error != std::errc() || after_major == end || *after_major != '.') return std::nullopt;
  if (std::from_chars(after_major + 1, end, minor).ec != std::errc()) return std::nullopt;
  return std::pair{major, minor};
}

}  // namespace

bool status_sums_rss(std::string_view release) {
  // task_mem() sums the per-CPU parts since 6.16 (get_mm_counter_sum(), "mm: fix the
  // inaccurate memory statistics issue for users").
  const auto version = major_minor(release);
  return version && *version >= std::pair{6U, 16U};
}

std::uint32_t fmode_backing_bit(std::string_view release) {
  // include/linux/fs.h: FMODE_BACKING came in 6.6 as bit 25 and moved to bit 24 in 6.14.
  const auto version = major_minor(release);
  if (!version || *version < std::pair{6U, 6U}) return 0;
  return *version >= std::pair{6U, 14U} ? 1U << 24 : 1U << 25;
}

std::uint64_t IterTransport::task_attributes() {
  return identity_id_maps() ? kTaskAttributes : kTaskAttributes & ~TASK_DIAG_SHOW(TASK_DIAG_CRED);
}

std::unique_ptr<IterTransport> IterTransport::load(std::string& why) {
  if (!may_load_tracing_programs()) {
    why = "no CAP_BPF and CAP_PERFMON to load BPF iterators";
    return nullptr;
  }
  std::unique_ptr<IterTransport> transport(new IterTransport);
  transport->task_ = load_task_program(why);
  if (!transport->task_) return nullptr;
  transport->attributes_ = task_attributes() | kSideAttributes;
  return transport;
}

std::unique_ptr<IterTransport> IterTransport::load_side(std::string& why) {
  if (!may_load_tracing_programs()) {
    why = "no CAP_BPF and CAP_PERFMON to load BPF iterators";
    return nullptr;
  }
  std::unique_ptr<IterTransport> transport(new IterTransport);
  transport->attributes_ = kSideAttributes;
  return transport;
}

std::unique_ptr<IterTransport> IterTransport::open_pinned(std::string& why) {
  const std::string path = pin_dir() + "/" + std::string(kPinProcesses);
  if (::access(path.c_str(), R_OK) != 0) {
    why = "no readable pinned iterator at " + path + ": " + errno_text(errno);
    return nullptr;
  }
  std::unique_ptr<IterTransport> transport(new IterTransport);
  transport->pinned_ = true;
  transport->attributes_ = task_attributes();
  return transport;
}

IterTransport::~IterTransport() {
  first_.reset();
  second_.reset();
  all_link_.reset();
  task_program_destroy(task_);
  side_program_destroy(vma_);
  side_program_destroy(file_);
}

bool IterTransport::split_next_dump(std::uint32_t boundary, pid_t second_reader) {
  if (pinned_ || second_reader <= 0) return false;
  split_boundary_ = boundary;
  split_reader_ = second_reader;
  return true;
}

int IterTransport::send(std::span<const std::byte> request) {
  first_.reset();
  second_.reset();
  const std::uint32_t boundary = std::exchange(split_boundary_, 0);
  const pid_t second_reader = std::exchange(split_reader_, 0);
  if (request.size() < sizeof(nlmsghdr) + sizeof(task_diag_pid)) return -EINVAL;
  nlmsghdr head;
  task_diag_pid body;
  std::memcpy(&head, request.data(), sizeof head);
  std::memcpy(&body, request.data() + sizeof head, sizeof body);
  if (body.dump_strategy > TASK_DIAG_DUMP_THREAD &&
      !(body.dump_strategy == TASK_DIAG_DUMP_ALL_PROCESS_THREAD && !pinned_))
    return -EINVAL;
  constexpr std::uint64_t side = TASK_DIAG_SHOW(TASK_DIAG_VMA) | TASK_DIAG_SHOW(TASK_DIAG_EXT_FILE);
  if (body.show_flags & side) return start_side_dump(body, head.nlmsg_seq);
  if (pinned_) return start_pinned_dump(body);
  if (!task_) return -EOPNOTSUPP;  // load_side(): the side programs only
  const bool split = second_reader > 0 && body.dump_strategy == TASK_DIAG_DUMP_ALL_PROCESS_THREAD;
  return start_task_dump(body, head.nlmsg_seq, split ? boundary : 0, split ? second_reader : 0);
}

int IterTransport::start_task_dump(const task_diag_pid& request, std::uint32_t seq,
                                   std::uint32_t boundary, pid_t second_reader) {
  auto& config = *task_program_config(task_);
  config.show_flags = request.show_flags & attributes_;
  config.seq = seq;
  config.strategy = static_cast<std::uint32_t>(request.dump_strategy);
  config.pid = request.pid;
  config.split = second_reader > 0;
  reader_slot* readers = task_program_readers(task_);
  readers[0].tgid_low = 0;
  readers[0].tgid_end = boundary;
  readers[1].reader_tid = static_cast<std::uint32_t>(second_reader);
  readers[1].tgid_low = boundary;
  readers[1].tgid_end = UINT32_MAX;
  const bool parameterised =
      request.dump_strategy == TASK_DIAG_DUMP_ONE || request.dump_strategy == TASK_DIAG_DUMP_THREAD;
  UniqueFd link;
  int link_fd;
  if (parameterised) {
    const int fd = attach_iter(task_program_fd(task_), request.dump_strategy, request.pid);
    if (fd < 0) return fd;
    link.reset(fd);
    link_fd = fd;
  } else {
    if (!all_link_) {
      const int fd = attach_iter(task_program_fd(task_), TASK_DIAG_DUMP_ALL, 0);
      if (fd < 0) return fd;
      all_link_.reset(fd);
    }
    link_fd = all_link_.get();
  }
  // The iterator holds its own reference to the link: a parameterised one goes now.
  const int iter = bpf_iter_create(link_fd);
  if (iter < 0) return -errno;
  first_.iter.reset(iter);
  if (config.split) {
    const int second = bpf_iter_create(link_fd);
    if (second < 0) return -errno;
    second_.iter.reset(second);
    first_.slot = &readers[0];
    second_.slot = &readers[1];
  }
  return 0;
}

int IterTransport::start_pinned_dump(const task_diag_pid& request) {
  const bool threads = request.dump_strategy == TASK_DIAG_DUMP_ALL_THREAD ||
                       request.dump_strategy == TASK_DIAG_DUMP_THREAD;
  const std::string path = pin_dir() + "/" + std::string(threads ? kPinThreads : kPinProcesses);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -errno;
  first_.iter.reset(fd);
  filter_strategy_ = request.dump_strategy;
  filter_pid_ = request.pid;
  return 0;
}

int IterTransport::start_side_dump(const task_diag_pid& request, std::uint32_t seq) {
  if (pinned_) return -EOPNOTSUPP;
  const bool vma = request.show_flags & TASK_DIAG_SHOW(TASK_DIAG_VMA);
  side_program*& program = vma ? vma_ : file_;
  if (!program && !(program = side_program_load(vma ? SIDE_PROGRAM_VMA : SIDE_PROGRAM_FILE,
                                                fmode_backing_bit(kernel_release()))))
    return -errno;
  wire_config* config = side_program_config(program);
  config->seq = seq;
  config->strategy = static_cast<std::uint32_t>(request.dump_strategy);
  // These iterators visit each process once; ONE and THREAD name a process.
  const std::uint64_t strategy =
      request.dump_strategy == TASK_DIAG_DUMP_ONE || request.dump_strategy == TASK_DIAG_DUMP_THREAD
          ? TASK_DIAG_DUMP_THREAD
          : TASK_DIAG_DUMP_ALL;
  // The kernel attaches to any pid number and then shows nothing; the task_diag answer
  // for a missing task is ESRCH, which an empty list (no files, no mm) could not tell.
  if (strategy == TASK_DIAG_DUMP_THREAD && ::kill(static_cast<pid_t>(request.pid), 0) != 0 &&
      errno == ESRCH)
    return -ESRCH;
  const int link = attach_iter(side_program_fd(program), strategy, request.pid);
  if (link < 0) return link;
  UniqueFd link_fd(link);
  const int iter = bpf_iter_create(link);
  if (iter < 0) return -errno;
  first_.iter.reset(iter);
  return 0;
}

bool IterTransport::keep(const std::byte* message) const {
  if (!pinned_) return true;
  task_diag_msg msg;
  std::memcpy(&msg, message + sizeof(nlmsghdr), sizeof msg);
  switch (filter_strategy_) {
    case TASK_DIAG_DUMP_ONE:
      return msg.pid == filter_pid_;
    case TASK_DIAG_DUMP_THREAD:
      return msg.tgid == filter_pid_;
    case TASK_DIAG_DUMP_CHILDREN: {
      auto base = find_attribute(message, TASK_DIAG_BASE);
      task_diag_base b{};
      if (base.size() < offsetof(task_diag_base, ppid) + 4) return false;
      std::memcpy(&b.ppid, base.data() + offsetof(task_diag_base, ppid), 4);
      return b.ppid == filter_pid_;
    }
    default:
      return true;
  }
}

ssize_t IterTransport::fill_from_pending(Reader& reader, std::span<std::byte> buffer) {
  std::size_t out = 0;
  while (reader.pending_at + kHeadSize <= reader.pending.size()) {
    const std::byte* message = reader.pending.data() + reader.pending_at;
    nlmsghdr head;
    std::memcpy(&head, message, sizeof head);
    if (head.nlmsg_len < kHeadSize || reader.pending_at + head.nlmsg_len > reader.pending.size())
      return -EPROTO;
    const std::size_t step = NLMSG_ALIGN(head.nlmsg_len);
    if (!keep(message)) {
      reader.pending_at += step;
      continue;
    }
    if (procfs_marks(message) & TASK_DIAG_PROCFS_CMDLINE) {
      const auto whole = with_procfs_cmdline(message, buffer.size());
      if (out + whole.size() > buffer.size()) break;
      std::memcpy(buffer.data() + out, whole.data(), whole.size());
      out += whole.size();
    } else {
      if (out + head.nlmsg_len > buffer.size()) {
        if (out == 0) return -EMSGSIZE;
        break;
      }
      std::memcpy(buffer.data() + out, message, head.nlmsg_len);
      out += step;
    }
    reader.pending_at += step;
  }
  if (reader.pending_at >= reader.pending.size()) {
    reader.pending.clear();
    reader.pending_at = 0;
  }
  return static_cast<ssize_t>(out);
}

bool IterTransport::walk_ended(const Reader& reader) {
  if (!reader.slot) return false;
  // Both written by the program on this reader's walk: the dump's generation at its first
  // task, `ended` where it stopped.
  const std::uint64_t generation = __atomic_load_n(&reader.slot->generation, __ATOMIC_ACQUIRE);
  return generation != 0 && __atomic_load_n(&reader.slot->ended, __ATOMIC_ACQUIRE) == generation;
}

ssize_t IterTransport::receive_from(Reader& reader, std::span<std::byte> buffer) {
  for (;;) {
    if (!reader.pending.empty()) {
      const ssize_t n = fill_from_pending(reader, buffer);
      if (n != 0) return n;
      continue;
    }
    if (!reader.iter) return 0;
    const bool direct = !pinned_ && buffer.size() >= kIterChunk;
    std::span<std::byte> into = buffer;
    if (!direct) {
      reader.staging.resize(kIterChunk);
      into = reader.staging;
    }
    const ssize_t n = ::read(reader.iter.get(), into.data(), into.size());
    if (n <= 0) {
      const int error = errno;
      reader.iter.reset();
      if (n < 0 && error == EAGAIN && walk_ended(reader)) return 0;
      return n < 0 ? -error : 0;
    }
    const auto size = static_cast<std::size_t>(n);
    // Only messages of tasks with an over-long command line need more than this read.
    std::size_t first_marked = size;
    for (std::size_t at = 0; at + kHeadSize <= size;) {
      nlmsghdr head;
      std::memcpy(&head, into.data() + at, sizeof head);
      if (head.nlmsg_len < kHeadSize || at + head.nlmsg_len > size) return -EPROTO;
      if (procfs_marks(into.data() + at) & TASK_DIAG_PROCFS_CMDLINE) {
        first_marked = at;
        break;
      }
      at += NLMSG_ALIGN(head.nlmsg_len);
    }
    if (direct && first_marked == size) return n;
    const std::size_t keep_from = direct ? first_marked : 0;
    reader.pending.assign(into.data() + keep_from, into.data() + size);
    reader.pending_at = 0;
    if (direct && first_marked > 0) return static_cast<ssize_t>(first_marked);
  }
}

}  // namespace procscan::bpf
