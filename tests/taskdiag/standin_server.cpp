// td-taskdiag-standin: a userspace stand-in for the kernel's /proc/task-diag, for tests.
//
// No mainline kernel has task_diag, so this serves the wire format of
// ../shared/reference/task_diag.md from real task data it reads in /proc itself, on an
// AF_UNIX SOCK_SEQPACKET socket that PROCSCAN_TASKDIAG_PATH names (see
// libprocscan/src/taskdiag/kernel_transport.h for the conventions). It behaves as the kernel
// does where a client can tell: the five dump strategies, show_flags bits it does not know
// ignored, attributes in emission order, messages packed into chunks, a task that does not
// fit continued with TASK_DIAG_FLAG_CONT (with garbage in the other flag bits, as the
// kernel's uninitialised memory), and a dump that ends silently when one attribute does not
// fit an empty chunk.
//
//   td-taskdiag-standin SOCKET [--ext] [--chunk=BYTES] [--once]
//     --ext     also serve our extension attributes 32..34 (as our BPF server does)
//     --chunk   chunk (packet) size, 16384 by default as the kernel's
//     --once    serve one connection and exit
//     --fail-bulk  whole dumps (ALL, ALL_THREAD) fail with EIO after their first chunk
#include <dirent.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "taskdiag/task_diag_abi.h"

namespace {

using Bytes = std::vector<unsigned char>;

struct Options {
  std::string socket_path;
  bool ext = false;
  bool once = false;
  bool fail_bulk = false;
  std::size_t chunk = 16384;
};

std::optional<std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

std::vector<int> numeric_entries(const std::string& dir) {
  std::vector<int> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = ::readdir(d)) {
    char* end;
    const long v = std::strtol(e->d_name, &end, 10);
    if (*end == '\0' && v > 0) out.push_back(static_cast<int>(v));
  }
  ::closedir(d);
  return out;
}

// /proc/PID/stat split: [0] pid, [1] comm, [2] state, ... as numbered in proc(5) minus 1.
struct StatFile {
  std::vector<std::string> fields;
  std::uint64_t num(std::size_t field_number) const {
    return field_number - 1 < fields.size()
               ? std::strtoull(fields[field_number - 1].c_str(), nullptr, 10)
               : 0;
  }
  std::int64_t snum(std::size_t field_number) const {
    return field_number - 1 < fields.size()
               ? std::strtoll(fields[field_number - 1].c_str(), nullptr, 10)
               : 0;
  }
};

std::optional<StatFile> read_stat(const std::string& dir) {
  auto text = read_file(dir + "/stat");
  if (!text || text->empty()) return std::nullopt;
  const std::size_t open = text->find('(');
  const std::size_t close = text->rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return std::nullopt;
  StatFile stat;
  stat.fields.push_back(text->substr(0, open - 1));
  stat.fields.push_back(text->substr(open + 1, close - open - 1));
  std::istringstream rest(text->substr(close + 1));
  std::string word;
  while (rest >> word)
    stat.fields.push_back(word);
  return stat;
}

// status "Key:\tvalues" lines.
std::map<std::string, std::string> read_status(const std::string& dir) {
  std::map<std::string, std::string> out;
  auto text = read_file(dir + "/status");
  if (!text) return out;
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::size_t start = line.find_first_not_of(" \t", colon + 1);
    out.emplace(line.substr(0, colon), start == std::string::npos ? "" : line.substr(start));
  }
  return out;
}

std::uint64_t status_number(const std::map<std::string, std::string>& status, const char* key,
                            int column = 0, int base = 10) {
  const auto it = status.find(key);
  if (it == status.end()) return 0;
  std::istringstream words(it->second);
  std::string word;
  for (int i = 0; i <= column; ++i)
    words >> word;
  return std::strtoull(word.c_str(), nullptr, base);
}

std::uint64_t kib_to_pages(std::uint64_t kib) {
  return kib * 1024 / static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

template <typename T>
Bytes as_bytes(const T& value) {
  Bytes out(sizeof value);
  std::memcpy(out.data(), &value, sizeof value);
  return out;
}

std::uint8_t state_index(char letter) {
  static const std::string kLetters = "RSDTtXZPI";
  const std::size_t i = kLetters.find(letter);
  return i == std::string::npos ? 0 : static_cast<std::uint8_t>(i);
}

struct Attribute {
  std::uint16_t type;
  Bytes payload;
  bool vma = false;  // split between records when it does not fit
  std::vector<std::size_t> record_ends;
};

Attribute plain(std::uint16_t type, Bytes payload) {
  return Attribute{type, std::move(payload), false, {}};
}

// The VMA records of a process from maps, or smaps when the stat blocks are wanted.
std::optional<Attribute> vma_attribute(const std::string& dir, bool with_stat) {
  auto text = read_file(dir + (with_stat ? "/smaps" : "/maps"));
  if (!text || text->empty()) return std::nullopt;
  Attribute attribute{TASK_DIAG_VMA, {}, true, {}};
  std::istringstream lines(*text);
  std::string line;
  struct Pending {
    task_diag_vma header{};
    task_diag_vma_stat stat{};
    std::string name;
  };
  std::vector<Pending> vmas;
  static const std::map<std::string, std::size_t> kStatKeys = {
      {"Rss", offsetof(task_diag_vma_stat, resident)},
      {"Shared_Clean", offsetof(task_diag_vma_stat, shared_clean)},
      {"Private_Clean", offsetof(task_diag_vma_stat, private_clean)},
      {"Private_Dirty", offsetof(task_diag_vma_stat, private_dirty)},
      {"Referenced", offsetof(task_diag_vma_stat, referenced)},
      {"Anonymous", offsetof(task_diag_vma_stat, anonymous)},
      {"AnonHugePages", offsetof(task_diag_vma_stat, anonymous_thp)},
      {"Swap", offsetof(task_diag_vma_stat, swap)},
      {"Pss", offsetof(task_diag_vma_stat, pss)},
  };
  while (std::getline(lines, line)) {
    unsigned long long start, end, pgoff, inode;
    unsigned major, minor;
    char perms[8];
    int consumed = 0;
    if (std::sscanf(line.c_str(), "%llx-%llx %7s %llx %x:%x %llu %n", &start, &end, perms, &pgoff,
                    &major, &minor, &inode, &consumed) >= 7) {
      Pending vma;
      vma.header.start = start;
      vma.header.end = end;
      vma.header.vm_flags = (perms[0] == 'r' ? 1 : 0) | (perms[1] == 'w' ? 2 : 0) |
                            (perms[2] == 'x' ? 4 : 0) | (perms[3] == 's' ? 8 : 0);
      vma.header.pgoff = inode ? pgoff : 0;
      vma.header.major = major;
      vma.header.minor = minor;
      vma.header.inode = inode;
      vma.name = consumed > 0 ? line.substr(static_cast<std::size_t>(consumed)) : "";
      // The kernel derives no [heap] or [stack] names (reference 3.5.4).
      if (vma.name == "[heap]" || vma.name == "[stack]") vma.name.clear();
      vmas.push_back(vma);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (vmas.empty() || colon == std::string::npos) continue;
    const auto key = kStatKeys.find(line.substr(0, colon));
    if (key == kStatKeys.end()) continue;
    std::uint64_t value = std::strtoull(line.c_str() + colon + 1, nullptr, 10) * 1024;
    if (key->first == "Pss") value <<= 12;
    std::memcpy(reinterpret_cast<unsigned char*>(&vmas.back().stat) + key->second, &value, 8);
  }
  for (Pending& vma : vmas) {
    const std::size_t stat_len = with_stat ? sizeof(task_diag_vma_stat) : 0;
    const std::size_t name_len = vma.name.empty() ? 0 : vma.name.size() + 1;
    const std::size_t length = (sizeof(task_diag_vma) + stat_len + name_len + 3) & ~std::size_t{3};
    vma.header.vma_len = static_cast<std::uint16_t>(length);
    vma.header.stat_off = static_cast<std::uint16_t>(with_stat ? sizeof(task_diag_vma) : 0);
    vma.header.stat_len = static_cast<std::uint16_t>(stat_len);
    vma.header.name_off =
        static_cast<std::uint16_t>(name_len ? sizeof(task_diag_vma) + stat_len : 0);
    vma.header.name_len = static_cast<std::uint16_t>(name_len);
    Bytes record(length, 0);
    std::memcpy(record.data(), &vma.header, sizeof vma.header);
    if (with_stat) std::memcpy(record.data() + sizeof vma.header, &vma.stat, stat_len);
    if (name_len) std::memcpy(record.data() + vma.header.name_off, vma.name.c_str(), name_len);
    attribute.payload.insert(attribute.payload.end(), record.begin(), record.end());
    attribute.record_ends.push_back(attribute.payload.size());
  }
  return attribute;
}

// Everything requested about one task, in the kernel's emission order.
std::optional<std::vector<Attribute>> task_attributes(const std::string& dir, std::uint64_t show,
                                                      bool ext, bool group_leader_view,
                                                      bool is_leader) {
  const auto stat = read_stat(dir);
  if (!stat) return std::nullopt;
  const auto status = read_status(dir);
  if (status.empty()) return std::nullopt;
  const bool has_mm = status.count("VmSize") != 0;
  std::vector<Attribute> out;
  auto wants = [&](int attr) { return (show & TASK_DIAG_SHOW(attr)) != 0; };

  if (wants(TASK_DIAG_BASE)) {
    task_diag_base base{};
    base.tgid = static_cast<std::uint32_t>(status_number(status, "Tgid"));
    base.pid = static_cast<std::uint32_t>(stat->num(1));
    base.ppid = static_cast<std::uint32_t>(stat->num(4));
    base.tpid = static_cast<std::uint32_t>(status_number(status, "TracerPid"));
    base.sid = static_cast<std::uint32_t>(stat->num(6));
    base.pgid = static_cast<std::uint32_t>(stat->num(5));
    base.state = state_index(stat->fields[2].empty() ? 'R' : stat->fields[2][0]);
    // The kernel's comm: at most 15 bytes and a NUL, whatever /proc prints.
    std::strncpy(base.comm, stat->fields[1].c_str(), TASK_DIAG_COMM_LEN - 1);
    out.push_back(plain(TASK_DIAG_BASE, as_bytes(base)));
  }
  if (wants(TASK_DIAG_CRED)) {
    task_diag_creds creds{};
    const char* caps[] = {"CapInh", "CapPrm", "CapEff", "CapBnd"};
    task_diag_caps* sets[] = {&creds.cap_inheritable, &creds.cap_permitted, &creds.cap_effective,
                              &creds.cap_bset};
    for (int i = 0; i < 4; ++i) {
      const std::uint64_t mask = status_number(status, caps[i], 0, 16);
      sets[i]->cap[0] = static_cast<std::uint32_t>(mask);
      sets[i]->cap[1] = static_cast<std::uint32_t>(mask >> 32);
    }
    std::uint32_t* ids[] = {&creds.uid, &creds.euid, &creds.suid, &creds.fsuid,
                            &creds.gid, &creds.egid, &creds.sgid, &creds.fsgid};
    for (int i = 0; i < 8; ++i)
      *ids[i] = static_cast<std::uint32_t>(status_number(status, i < 4 ? "Uid" : "Gid", i % 4));
    out.push_back(plain(TASK_DIAG_CRED, as_bytes(creds)));
  }
  // VMAs only for leaders under the thread strategies (reference 3.5.4).
  if (wants(TASK_DIAG_VMA) && has_mm && (group_leader_view || is_leader)) {
    if (auto vma = vma_attribute(dir, wants(TASK_DIAG_VMA_STAT))) out.push_back(*vma);
  }
  if (wants(TASK_DIAG_STAT)) {
    task_diag_stat s{};
    s.minflt = stat->num(10);
    s.cminflt = stat->num(11);
    s.majflt = stat->num(12);
    s.cmajflt = stat->num(13);
    s.utime = stat->num(14);
    s.stime = stat->num(15);
    s.cutime = stat->num(16);
    s.cstime = stat->num(17);
    s.threads = static_cast<std::uint32_t>(stat->num(20));
    out.push_back(plain(TASK_DIAG_STAT, as_bytes(s)));
  }
  if (wants(TASK_DIAG_STATM) && has_mm) {
    auto pages = [&](const char* key) { return kib_to_pages(status_number(status, key)); };
    task_diag_statm m{};
    m.anon = pages("RssAnon");
    m.file = pages("RssFile");
    m.shmem = pages("RssShmem");
    m.hiwater_vm = pages("VmPeak");
    m.hiwater_rss = pages("VmHWM");
    m.text = pages("VmExe");
    m.lib = pages("VmLib");
    m.swap = pages("VmSwap");
    m.ptes = status_number(status, "VmPTE") * 1024;
    m.total_rss = pages("VmRSS");
    m.total_vm = pages("VmSize");
    m.data_vm = pages("VmData");
    m.stack_vm = pages("VmStk");
    m.locked_vm = pages("VmLck");
    m.pinned_vm = pages("VmPin");
    out.push_back(plain(TASK_DIAG_STATM, as_bytes(m)));
  }
  if (wants(TASK_DIAG_CMDLINE) && has_mm) {
    if (auto cmdline = read_file(dir + "/cmdline"))
      out.push_back(plain(TASK_DIAG_CMDLINE, Bytes(cmdline->begin(), cmdline->end())));
  }
  if (!ext) return out;
  if (wants(TASK_DIAG_EXT_SCHED)) {
    task_diag_ext_sched s{};
    s.priority = static_cast<std::int32_t>(stat->snum(18));
    s.nice = static_cast<std::int32_t>(stat->snum(19));
    s.policy = static_cast<std::uint32_t>(stat->num(41));
    s.rt_priority = static_cast<std::uint32_t>(stat->num(40));
    s.processor = static_cast<std::uint32_t>(stat->num(39));
    s.flags = static_cast<std::uint32_t>(stat->num(9));
    s.start_time = stat->num(22);
    s.exit_signal = static_cast<std::uint32_t>(stat->snum(38));
    s.nlwp = static_cast<std::uint32_t>(stat->num(20));
    out.push_back(plain(TASK_DIAG_EXT_SCHED, as_bytes(s)));
  }
  if (wants(TASK_DIAG_EXT_TTY)) {
    task_diag_ext_tty t{};
    t.tty_nr = static_cast<std::uint32_t>(stat->snum(7));
    t.tpgid = static_cast<std::int32_t>(stat->snum(8));
    out.push_back(plain(TASK_DIAG_EXT_TTY, as_bytes(t)));
  }
  if (wants(TASK_DIAG_EXT_MM) && has_mm) {
    task_diag_ext_mm m{};
    m.vsize = stat->num(23);
    m.rss = stat->num(24);
    m.rss_anon = kib_to_pages(status_number(status, "RssAnon"));
    m.rss_file = kib_to_pages(status_number(status, "RssFile"));
    m.rss_shmem = kib_to_pages(status_number(status, "RssShmem"));
    m.locked_vm = kib_to_pages(status_number(status, "VmLck"));
    m.start_code = stat->num(26);
    m.end_code = stat->num(27);
    out.push_back(plain(TASK_DIAG_EXT_MM, as_bytes(m)));
  }
  return out;
}

// Packs messages into chunks and sends each full chunk as one packet.
class ChunkWriter {
 public:
  ChunkWriter(int fd, std::size_t chunk, std::uint32_t seq) : fd_(fd), chunk_(chunk), seq_(seq) {}

  // Returns false when the dump must end (an attribute too big for an empty chunk).
  bool put_task(std::uint32_t pid, std::uint32_t tgid, std::vector<Attribute> attributes) {
    std::size_t next = 0;      // first attribute not sent yet
    std::size_t vma_sent = 0;  // bytes of the VMA payload already sent
    while (next < attributes.size() || next == 0) {
      Bytes message(28, 0);
      bool progress = false;
      for (; next < attributes.size(); ++next) {
        Attribute& a = attributes[next];
        const std::size_t room = chunk_ - buffer_.size();
        if (a.vma) {
          // Whole records only, resuming after the last one sent.
          std::size_t end = vma_sent;
          for (std::size_t record_end : a.record_ends)
            if (record_end > vma_sent && message.size() + 4 + (record_end - vma_sent) <= room)
              end = record_end;
          if (end == vma_sent && vma_sent < a.payload.size()) break;
          append_attribute(message, a.type, a.payload.data() + vma_sent, end - vma_sent);
          progress = true;
          const bool finished = end == a.payload.size();
          vma_sent = end;
          if (!finished) break;
          continue;
        }
        if (message.size() + ((4 + a.payload.size() + 3) & ~std::size_t{3}) > room) break;
        append_attribute(message, a.type, a.payload.data(), a.payload.size());
        progress = true;
      }
      const bool more = next < attributes.size();
      if (!progress && !attributes.empty()) {
        if (buffer_.empty()) return false;  // the kernel's silent end (reference 3.1)
        flush();
        continue;
      }
      if (message.size() > chunk_ - buffer_.size()) {
        flush();
        continue;
      }
      finish_message(message, pid, tgid, more);
      buffer_.insert(buffer_.end(), message.begin(), message.end());
      if (!more) return true;
      flush();
    }
    return true;
  }

  void flush() {
    if (buffer_.empty()) return;
    ::send(fd_, buffer_.data(), buffer_.size(), MSG_NOSIGNAL);
    buffer_.clear();
  }

 private:
  static void append_attribute(Bytes& message, std::uint16_t type, const unsigned char* data,
                               std::size_t length) {
    const std::uint16_t nla_len = static_cast<std::uint16_t>(4 + length);
    const std::size_t at = message.size();
    message.resize(at + ((nla_len + 3u) & ~3u), 0);
    std::memcpy(message.data() + at, &nla_len, 2);
    std::memcpy(message.data() + at + 2, &type, 2);
    if (length) std::memcpy(message.data() + at + 4, data, length);
  }

  void finish_message(Bytes& message, std::uint32_t pid, std::uint32_t tgid, bool cont) {
    const std::uint32_t length = static_cast<std::uint32_t>(message.size());
    const std::uint16_t type = TASK_DIAG_CMD_GET;
    const std::uint16_t flags = NLM_F_MULTI;
    const std::uint32_t zero = 0;
    // Uninitialised kernel memory in the high flag bits.
    const std::uint32_t msg_flags =
        0x5a5a0000u | (++garbage_ << 4) | (cont ? TASK_DIAG_FLAG_CONT : 0);
    std::memcpy(message.data(), &length, 4);
    std::memcpy(message.data() + 4, &type, 2);
    std::memcpy(message.data() + 6, &flags, 2);
    std::memcpy(message.data() + 8, &seq_, 4);
    std::memcpy(message.data() + 12, &zero, 4);
    std::memcpy(message.data() + 16, &pid, 4);
    std::memcpy(message.data() + 20, &tgid, 4);
    std::memcpy(message.data() + 24, &msg_flags, 4);
  }

  int fd_;
  std::size_t chunk_;
  std::uint32_t seq_;
  std::uint32_t garbage_ = 0;
  Bytes buffer_;
};

void send_errno(int fd, std::int32_t error) {
  ::send(fd, &error, sizeof error, MSG_NOSIGNAL);
}

std::uint32_t tgid_of(int pid) {
  const auto status = read_status("/proc/" + std::to_string(pid));
  return static_cast<std::uint32_t>(status_number(status, "Tgid"));
}

void serve(int fd, const Options& options) {
  unsigned char request[256];
  const ssize_t n = ::recv(fd, request, sizeof request, 0);
  if (n < 40) return send_errno(fd, EINVAL);
  std::uint32_t length, seq, pid;
  std::uint64_t show, strategy;
  std::memcpy(&length, request, 4);
  std::memcpy(&seq, request + 8, 4);
  std::memcpy(&show, request + 16, 8);
  std::memcpy(&strategy, request + 24, 8);
  std::memcpy(&pid, request + 32, 4);
  if (length < 40 || length > static_cast<std::size_t>(n)) return send_errno(fd, EINVAL);

  struct Task {
    int tgid;
    int tid;
    bool thread_view;  // per-thread directory (ALL_THREAD, THREAD)
  };
  std::vector<Task> tasks;
  const std::string proc = "/proc/";
  auto threads_of = [&](int tgid) {
    for (int tid : numeric_entries(proc + std::to_string(tgid) + "/task"))
      tasks.push_back({tgid, tid, true});
  };
  switch (strategy) {
    case TASK_DIAG_DUMP_ALL: {
      auto pids = numeric_entries("/proc");
      std::sort(pids.begin(), pids.end());
      for (int p : pids)
        tasks.push_back({p, p, false});
      break;
    }
    case TASK_DIAG_DUMP_ALL_THREAD: {
      auto pids = numeric_entries("/proc");
      std::sort(pids.begin(), pids.end());
      for (int p : pids)
        threads_of(p);
      break;
    }
    case TASK_DIAG_DUMP_ONE:
    case TASK_DIAG_DUMP_THREAD:
    case TASK_DIAG_DUMP_CHILDREN: {
      const std::uint32_t tgid = tgid_of(static_cast<int>(pid));
      if (tgid == 0) return send_errno(fd, ESRCH);
      if (strategy == TASK_DIAG_DUMP_ONE) {
        tasks.push_back({static_cast<int>(tgid), static_cast<int>(pid), false});
      } else if (strategy == TASK_DIAG_DUMP_THREAD) {
        threads_of(static_cast<int>(tgid));
      } else {
        auto text =
            read_file(proc + std::to_string(tgid) + "/task/" + std::to_string(pid) + "/children");
        std::istringstream words(text.value_or(""));
        int child;
        while (words >> child)
          tasks.push_back({child, child, false});
      }
      break;
    }
    default:
      return send_errno(fd, EINVAL);
  }

  ChunkWriter writer(fd, options.chunk, seq);
  const bool bulk = strategy == TASK_DIAG_DUMP_ALL || strategy == TASK_DIAG_DUMP_ALL_THREAD;
  std::size_t served = 0;
  for (const Task& task : tasks) {
    if (options.fail_bulk && bulk && ++served == 3) {
      writer.flush();
      return send_errno(fd, EIO);
    }
    const std::string dir =
        task.thread_view ? proc + std::to_string(task.tgid) + "/task/" + std::to_string(task.tid)
                         : proc + std::to_string(task.tid);
    auto attributes =
        task_attributes(dir, show, options.ext, !task.thread_view, task.tgid == task.tid);
    if (!attributes) continue;  // exited meanwhile
    const std::uint32_t tgid =
        task.thread_view ? static_cast<std::uint32_t>(task.tgid) : tgid_of(task.tid);
    if (tgid == 0) continue;
    if (!writer.put_task(static_cast<std::uint32_t>(task.tid), tgid, std::move(*attributes))) break;
  }
  writer.flush();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--ext")
      options.ext = true;
    else if (arg == "--fail-bulk")
      options.fail_bulk = true;
    else if (arg == "--once")
      options.once = true;
    else if (arg.rfind("--chunk=", 0) == 0)
      options.chunk = std::strtoul(arg.c_str() + 8, nullptr, 10);
    else if (options.socket_path.empty())
      options.socket_path = arg;
    else
      options.socket_path.clear(), i = argc;
  }
  if (options.socket_path.empty() || options.chunk < 64) {
    std::fprintf(stderr, "usage: td-taskdiag-standin SOCKET [--ext] [--chunk=BYTES] [--once]\n");
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  const int listener = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, options.socket_path.c_str(), sizeof address.sun_path - 1);
  ::unlink(options.socket_path.c_str());
  if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) ||
      ::listen(listener, 16)) {
    std::perror("td-taskdiag-standin");
    return 1;
  }
  for (;;) {
    const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    serve(fd, options);
    ::close(fd);
    if (options.once) return 0;
  }
}
