#include "procfs/kept_files.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <limits>

namespace procscan {

namespace {

constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max();

// The kept groups in order of what keeping one of their files saves per read, from the
// measurements in reference/fast_interfaces.md section 0.2 (open, read and close against
// pread on a kept descriptor): status about 3.4 us, statm about 3.2 us, stat about 2 us.
constexpr std::array<Group, 3> kKeptGroups{Group::Status, Group::Statm, Group::Stat};

// Descriptors left to the caller below the soft RLIMIT_NOFILE: its own files, the scan's
// directory descriptors, a file opened for a plain read.
constexpr std::size_t kReservedDescriptors = 256;
// Left free once an open met EMFILE, so that the next scan's plain reads find descriptors.
constexpr std::size_t kEmfileMargin = 64;

std::size_t soft_descriptor_limit() {
  struct rlimit limit;
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  return limit.rlim_cur == RLIM_INFINITY ? kUnlimited : static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace

KeptFiles::KeptFiles(std::size_t kernel_memory) : table_(std::make_unique<Table>(kernel_memory)) {}

KeptFiles::~KeptFiles() = default;

const KeptFileStats& KeptFiles::stats() const {
  return table_->stats();
}

KeptFiles::Table::Table(std::size_t kernel_memory)
    : memory_limit_(kernel_memory / kKeptFileKernelBytes),
      descriptor_limit_(0),
      reserve_(kReservedDescriptors) {
  cap_.fill(kUnlimited);
  take_descriptor_budget();
}

KeptFiles::Table::~Table() {
  for (Entry& entry : entries_)
    if (entry.used) close_all(entry);
}

bool KeptFiles::Table::keeps(Group group) {
  return std::find(kKeptGroups.begin(), kKeptGroups.end(), group) != kKeptGroups.end();
}

std::size_t KeptFiles::Table::slot_of(Group group) {
  return static_cast<std::size_t>(std::find(kKeptGroups.begin(), kKeptGroups.end(), group) -
                                  kKeptGroups.begin());
}

void KeptFiles::Table::take_descriptor_budget() {
  const std::size_t soft = soft_descriptor_limit();
  // A small limit gives three quarters of itself; a reserve grown by EMFILE is kept whole.
  const std::size_t reserve =
      reserve_ > kReservedDescriptors ? reserve_ : std::min(kReservedDescriptors, soft / 4);
  descriptor_limit_ = soft == kUnlimited ? kUnlimited : soft - std::min(reserve, soft);
  stats_.limit = std::min(memory_limit_, descriptor_limit_);
}

bool KeptFiles::Table::raise_descriptor_limit() {
  // Once per table: the hard limit does not rise without CAP_SYS_RESOURCE, and a caller
  // that lowered the soft limit again meant it.
  if (raise_tried_) return false;
  raise_tried_ = true;
  struct rlimit limit;
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return false;
  limit.rlim_cur = limit.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
  stats_.raised_descriptor_limit = true;
  take_descriptor_budget();
  return true;
}

bool KeptFiles::Table::may_keep(std::size_t slot) {
  if (kept_per_group_[slot] >= cap_[slot]) return false;
  if (stats_.kept < stats_.limit) return true;
  // Raising the soft limit pays only where descriptors, not memory, are what is short.
  return descriptor_limit_ < memory_limit_ && raise_descriptor_limit() &&
         stats_.kept < stats_.limit;
}

std::size_t KeptFiles::Table::home(pid_t tid, RowKind kind) const {
  std::uint64_t h = static_cast<std::uint64_t>(static_cast<std::uint32_t>(tid)) * 2 +
                    static_cast<std::uint64_t>(kind);
  h *= 0x9e3779b97f4a7c15ULL;
  return static_cast<std::size_t>(h >> 32) & (entries_.size() - 1);
}

KeptFiles::Table::Entry* KeptFiles::Table::find(pid_t tid, RowKind kind) {
  if (entries_.empty()) return nullptr;
  const std::size_t mask = entries_.size() - 1;
  for (std::size_t at = home(tid, kind);; at = (at + 1) & mask) {
    Entry& entry = entries_[at];
    if (!entry.used) return nullptr;
    if (entry.tid == tid && entry.kind == kind) return &entry;
  }
}

KeptFiles::Table::Entry& KeptFiles::Table::insert(pid_t tid, RowKind kind) {
  if ((used_ + 1) * 2 > entries_.size()) rehash(std::max<std::size_t>(64, entries_.size() * 2));
  const std::size_t mask = entries_.size() - 1;
  std::size_t at = home(tid, kind);
  while (entries_[at].used)
    at = (at + 1) & mask;
  Entry& entry = entries_[at];
  entry = Entry{};
  entry.tid = tid;
  entry.kind = kind;
  entry.used = true;
  ++used_;
  return entry;
}

void KeptFiles::Table::rehash(std::size_t capacity) {
  // Entries without a kept file are dropped: the table holds kept files only.
  spare_.assign(capacity, Entry{});
  std::swap(entries_, spare_);
  used_ = 0;
  const std::size_t mask = entries_.size() - 1;
  for (const Entry& old : spare_) {
    if (!old.used || std::all_of(old.fds.begin(), old.fds.end(), [](int fd) { return fd < 0; }))
      continue;
    std::size_t at = home(old.tid, old.kind);
    while (entries_[at].used)
      at = (at + 1) & mask;
    entries_[at] = old;
    ++used_;
  }
}

void KeptFiles::Table::close_file(Entry& entry, std::size_t slot) {
  int& fd = entry.fds[slot];
  if (fd < 0) return;
  ::close(fd);
  fd = -1;
  --stats_.kept;
  --kept_per_group_[slot];
  ++stats_.closed;
}

void KeptFiles::Table::close_all(Entry& entry) {
  for (std::size_t slot = 0; slot < kGroups; ++slot)
    close_file(entry, slot);
}

void KeptFiles::Table::begin_scan() {
  ++scan_;
  stats_.rereads = stats_.opened = stats_.closed = stats_.unkept = 0;
  wanted_.fill(0);
  take_descriptor_budget();
}

procfs::ReadStatus KeptFiles::Table::read(pid_t tid, RowKind kind, Group group, int dirfd,
                                          const char* path, procfs::FileReader& reader,
                                          std::string_view& text, procfs::FileEnd end) {
  const std::size_t slot = slot_of(group);
  ++wanted_[slot];
  Entry* entry = find(tid, kind);
  if (entry) {
    entry->seen = scan_;
    if (entry->fds[slot] >= 0) {
      const procfs::ReadStatus status = reader.reread(entry->fds[slot], text, end);
      if (status == procfs::ReadStatus::Ok) {
        ++stats_.rereads;
        return status;
      }
      if (status != procfs::ReadStatus::Vanished) {
        close_file(*entry, slot);
        return status;
      }
      // The task it was opened for is gone; the pid may name another task now.
      close_all(*entry);
    }
  }
  if (may_keep(slot)) {
    const int fd = ::openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd >= 0) {
      if (!entry) entry = &insert(tid, kind);
      entry->seen = scan_;
      entry->fds[slot] = fd;
      ++stats_.kept;
      ++kept_per_group_[slot];
      ++stats_.opened;
      return reader.reread(fd, text, end);
    }
    if (errno != EMFILE && errno != ENFILE) return procfs::classify_errno(errno);
    // The caller holds more descriptors than the reserve allowed for: keep no more than
    // leaves a margin, from now on.
    const std::size_t soft = soft_descriptor_limit();
    const std::size_t wanted_budget = stats_.kept > kEmfileMargin ? stats_.kept - kEmfileMargin : 0;
    if (soft != kUnlimited && soft > wanted_budget)
      reserve_ = std::max(reserve_, soft - wanted_budget);
    take_descriptor_budget();
  }
  ++stats_.unkept;
  return reader.read(dirfd, path, text, end);
}

void KeptFiles::Table::end_scan() {
  // Where this scan wanted more files than the budget holds, it goes to the groups whose
  // kept files save most.
  std::size_t wanted = 0;
  for (std::size_t n : wanted_)
    wanted += n;
  if (wanted <= stats_.limit) {
    cap_.fill(kUnlimited);
  } else {
    std::size_t left = stats_.limit;
    for (std::size_t slot = 0; slot < kGroups; ++slot) {
      cap_[slot] = std::min(wanted_[slot], left);
      left -= cap_[slot];
    }
  }
  for (Entry& entry : entries_) {
    if (!entry.used) continue;
    if (entry.seen != scan_) {
      close_all(entry);  // the task ended (or was not asked for)
      continue;
    }
    for (std::size_t slot = 0; slot < kGroups; ++slot)
      if (entry.fds[slot] >= 0 &&
          (kept_per_group_[slot] > cap_[slot] || stats_.kept > stats_.limit))
        close_file(entry, slot);
  }
  // Fewer entries than a quarter of the table: a smaller one costs less to sweep.
  std::size_t capacity = entries_.size();
  while (capacity > 64 && stats_.kept * 4 < capacity)
    capacity /= 2;
  rehash(capacity == 0 ? 0 : std::bit_ceil(capacity));
  stats_.kernel_bytes = stats_.kept * kKeptFileKernelBytes;
}

}  // namespace procscan
