#include "taskdiag/decoder.h"

#include <linux/netlink.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>
#include <numeric>
#include <utility>

#include "taskdiag/file_records.h"
#include "taskdiag/vma_records.h"

namespace procscan::taskdiag {

namespace {

constexpr std::size_t kNlmsgHeader = 16;
constexpr std::size_t kMessageHeader = kNlmsgHeader + sizeof(task_diag_msg);
constexpr std::size_t kNlattrHeader = 4;

template <typename T>
T load(const std::byte* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

constexpr std::size_t align4(std::size_t n) {
  return (n + 3) & ~std::size_t{3};
}

}  // namespace

std::string_view describe(DecodeErrorKind kind) {
  switch (kind) {
    case DecodeErrorKind::TruncatedMessage:
      return "truncated message";
    case DecodeErrorKind::MessageOverrun:
      return "message longer than its read";
    case DecodeErrorKind::UnexpectedMessageType:
      return "unexpected message type";
    case DecodeErrorKind::NetlinkError:
      return "netlink error message";
    case DecodeErrorKind::TruncatedAttribute:
      return "truncated attribute";
    case DecodeErrorKind::ZeroLengthAttribute:
      return "zero-length attribute";
    case DecodeErrorKind::AttributeOverrun:
      return "attribute longer than its message";
    case DecodeErrorKind::BadPayloadSize:
      return "attribute of the wrong size";
    case DecodeErrorKind::MalformedVma:
      return "malformed VMA record";
    case DecodeErrorKind::MalformedFile:
      return "malformed EXT_FILE record";
  }
  return "decode error";
}

bool DumpDecoder::fail(DecodeErrorKind kind, std::size_t offset, std::string what) {
  error_ = DecodeError{kind, offset,
                       std::string(describe(kind)) + " at byte " + std::to_string(offset) +
                           (what.empty() ? "" : ": " + what)};
  return false;
}

bool DumpDecoder::feed(std::span<const std::byte> bytes) {
  if (error_) return false;
  const std::size_t base = consumed_;
  consumed_ += bytes.size();
  const bool ok = decode_messages(bytes, base);
  // Between calls every task's directory is in the arena, whatever payload() is asked.
  write_directory();
  return ok;
}

bool DumpDecoder::decode_messages(std::span<const std::byte> bytes, std::size_t base) {
  std::size_t offset = 0;
  while (offset < bytes.size() && !done_) {
    const std::size_t left = bytes.size() - offset;
    if (left < kNlmsgHeader)
      return fail(DecodeErrorKind::TruncatedMessage, base + offset,
                  std::to_string(left) + " bytes left, a header needs 16");
    const auto length = load<std::uint32_t>(bytes.data() + offset);
    if (length < kNlmsgHeader)
      return fail(DecodeErrorKind::TruncatedMessage, base + offset,
                  "nlmsg_len " + std::to_string(length));
    if (length > left)
      return fail(DecodeErrorKind::MessageOverrun, base + offset,
                  "nlmsg_len " + std::to_string(length) + ", " + std::to_string(left) + " left");
    if (!decode_message(bytes.subspan(offset, length), base + offset)) return false;
    // The last message of a read may lack its alignment padding.
    offset += std::min(align4(length), left);
  }
  return true;
}

bool DumpDecoder::decode_message(std::span<const std::byte> message, std::size_t base) {
  const auto type = load<std::uint16_t>(message.data() + 4);
  switch (type) {
    case TASK_DIAG_CMD_GET:
      break;
    case NLMSG_NOOP:
      return true;
    case NLMSG_DONE:
      done_ = true;
      return true;
    case NLMSG_ERROR: {
      std::int32_t code = 0;
      if (message.size() >= kNlmsgHeader + 4) code = load<std::int32_t>(message.data() + 16);
      // -code overflows for INT32_MIN.
      const std::int64_t number = code < 0 ? -std::int64_t{code} : std::int64_t{code};
      return fail(DecodeErrorKind::NetlinkError, base,
                  "error " + std::to_string(number) + " (" +
                      (number <= INT32_MAX ? std::strerror(static_cast<int>(number)) : "no errno") +
                      ")");
    }
    default:
      return fail(DecodeErrorKind::UnexpectedMessageType, base, "type " + std::to_string(type));
  }
  if (message.size() < kMessageHeader)
    return fail(DecodeErrorKind::TruncatedMessage, base,
                "nlmsg_len " + std::to_string(message.size()) + ", a task message needs 28");
  ++messages_;
  const auto header = load<task_diag_msg>(message.data() + kNlmsgHeader);
  const bool process = marks_processes_ && (header.flags & TASK_DIAG_FLAG_PROCESS) != 0;
  const bool continuation = !tasks_.empty() && tasks_.back().pid == header.pid &&
                            tasks_.back().tgid == header.tgid && tasks_.back().process == process;
  if (!continuation) {
    write_directory();
    TaskEntry entry;
    entry.pid = header.pid;
    entry.tgid = header.tgid;
    entry.process = process;
    tasks_.push_back(entry);
    open_valid_ = true;
  } else if (!open_valid_ || !open_dirty_) {
    reopen_last();
  }
  TaskEntry& task = tasks_.back();
  last_continues_ = (header.flags & TASK_DIAG_FLAG_CONT) != 0;

  std::size_t offset = kMessageHeader;
  while (offset < message.size()) {
    const std::size_t left = message.size() - offset;
    if (left < kNlattrHeader)
      return fail(DecodeErrorKind::TruncatedAttribute, base + offset,
                  std::to_string(left) + " bytes left in the message");
    const auto nla_len = load<std::uint16_t>(message.data() + offset);
    const auto nla_type = static_cast<std::uint16_t>(
        load<std::uint16_t>(message.data() + offset + 2) & NLA_TYPE_MASK);
    if (nla_len < kNlattrHeader)
      return fail(DecodeErrorKind::ZeroLengthAttribute, base + offset,
                  "nla_len " + std::to_string(nla_len));
    if (nla_len > left)
      return fail(DecodeErrorKind::AttributeOverrun, base + offset,
                  "nla_len " + std::to_string(nla_len) + ", " + std::to_string(left) + " left");
    if (const auto attribute = attribute_of_wire_type(nla_type)) {
      const auto payload = message.subspan(offset + kNlattrHeader, nla_len - kNlattrHeader);
      if (!keep_attribute(task, *attribute, payload, base + offset)) return false;
    }
    offset += std::min(align4(nla_len), left);
  }
  return true;
}

bool DumpDecoder::keep_attribute(TaskEntry& task, Attribute a, std::span<const std::byte> payload,
                                 std::size_t offset) {
  const AttributeInfo& row = info(a);
  if (row.payload_size != 0 && (size_checked_ & show_bit(a)) && payload.size() != row.payload_size)
    return fail(DecodeErrorKind::BadPayloadSize, offset,
                std::string(row.name) + " has " + std::to_string(payload.size()) +
                    " bytes, expected " + std::to_string(row.payload_size));
  if (a == Attribute::Vma) {
    if (std::string why = check_vma_records(payload); !why.empty())
      return fail(DecodeErrorKind::MalformedVma, offset, why);
  }
  if (a == Attribute::ExtFile) {
    if (std::string why = check_file_records(payload); !why.empty())
      return fail(DecodeErrorKind::MalformedFile, offset, why);
  }
  const auto index = static_cast<std::size_t>(a);
  const auto bit = static_cast<std::uint16_t>(1u << index);
  const bool appends = a == Attribute::Vma || a == Attribute::ExtFile;
  auto length_of = [&](Attribute kept) -> std::size_t {
    return (task.present_ >> static_cast<std::size_t>(kept)) & 1u
               ? open_[static_cast<std::size_t>(kept)].length
               : 0;
  };
  // Offsets are 32-bit: a dump past 4 GiB of payload is refused rather than wrapped. Room
  // for the payload, a move of the records it extends, and the task's directory.
  if (arena_.size() + 2 * std::size_t{payload.size()} + length_of(Attribute::Vma) +
          length_of(Attribute::ExtFile) + kDirectoryBytes >
      0xffffffffu)
    return fail(DecodeErrorKind::AttributeOverrun, offset, "dump larger than 4 GiB");
  PayloadSpan& span = open_[index];
  open_dirty_ = true;
  if (appends && (task.present_ & bit)) {
    // A continued task resumes its VMA (or open-file) records: append them, moving the earlier ones
    // to the end of the arena first if other payloads were stored after them.
    if (span.length != 0 && span.offset + span.length != arena_.size()) {
      const std::size_t moved = arena_.size();
      arena_.grow_to(moved + span.length);
      std::memcpy(arena_.data() + moved, arena_.data() + span.offset, span.length);
      span.offset = static_cast<std::uint32_t>(moved);
    }
    arena_.append(payload);
    span.length += static_cast<std::uint32_t>(payload.size());
    return true;
  }
  // Any other attribute repeated for one task keeps its last copy.
  task.present_ |= bit;
  span.length = static_cast<std::uint32_t>(payload.size());
  // Each thread of a process repeats its command line, creds and tty: keep the task before's
  // copy when the bytes are the same, rather than store (and fault in) them again. Records
  // that a continuation appends to are never shared.
  if (!appends && tasks_.size() >= 2 && !payload.empty()) {
    const TaskEntry& before = tasks_[tasks_.size() - 2];
    if (before.tgid == task.tgid && (before.present_ & bit)) {
      const PayloadSpan earlier = span_in_directory(before, a);
      if (earlier.length == payload.size() &&
          std::memcmp(arena_.data() + earlier.offset, payload.data(), payload.size()) == 0) {
        span.offset = earlier.offset;
        return true;
      }
    }
  }
  span.offset = static_cast<std::uint32_t>(arena_.size());
  arena_.append(payload);
  return true;
}

void DumpDecoder::reopen_last() {
  const TaskEntry& task = tasks_.back();
  if (!open_valid_) {
    for (std::size_t a = 0; a < kAttributeCount; ++a)
      if ((task.present_ >> a) & 1u) open_[a] = span_in_directory(task, static_cast<Attribute>(a));
    open_valid_ = true;
  }
  // A task continued in the next read: its directory, written at the end of the read before,
  // would otherwise stand between its VMA records and those still to come, and move them all
  // to the arena's end on every read.
  const std::size_t written =
      std::size_t{task.directory_} +
      std::popcount(static_cast<unsigned>(task.present_)) * sizeof(PayloadSpan);
  if (task.present_ != 0 && written == arena_.size()) {
    arena_.truncate(task.directory_);
    open_dirty_ = true;
  }
}

void DumpDecoder::write_directory() {
  if (!open_dirty_) return;
  open_dirty_ = false;
  TaskEntry& task = tasks_.back();
  // Within the 4 GiB checked for the attribute that made the spans change.
  std::array<PayloadSpan, kAttributeCount> spans;
  std::size_t count = 0;
  for (unsigned bits = task.present_; bits != 0; bits &= bits - 1)
    spans[count++] = open_[static_cast<std::size_t>(std::countr_zero(bits))];
  task.directory_ = static_cast<std::uint32_t>(arena_.size());
  arena_.append(std::as_bytes(std::span(spans.data(), count)));
}

void DumpDecoder::finish() {
  if (last_continues_ && !tasks_.empty()) tasks_.back().incomplete = true;
  last_continues_ = false;
  write_directory();
  if (!has_copies()) return;
  // Keep the last copy of each pid (and of each process): order the indices by pid and
  // kind, then by position.
  std::vector<std::uint32_t> order(tasks_.size());
  std::iota(order.begin(), order.end(), 0u);
  auto key = [&](std::uint32_t i) { return std::pair(tasks_[i].pid, tasks_[i].process); };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  bool any = false;
  for (std::size_t i = 0; i + 1 < order.size(); ++i) {
    if (key(order[i]) == key(order[i + 1])) {
      tasks_[order[i]].superseded = true;
      any = true;
    }
  }
  if (any) {
    std::erase_if(tasks_, [](const TaskEntry& t) { return t.superseded; });
    open_valid_ = false;  // tasks_.back() may be another task now
  }
}

bool DumpDecoder::has_copies() const {
  // Most dumps send each task once: one pass over a bitmap of (pid, kind) says so, where
  // sorting the tasks to find copies took milliseconds for 50,000 of them.
  std::uint32_t max_pid = 0;
  for (const TaskEntry& t : tasks_)
    max_pid = std::max(max_pid, t.pid);
  // Above the kernel's PID_MAX_LIMIT the bytes are not pids: let the sort decide.
  constexpr std::uint32_t kPidMaxLimit = 4u << 20;
  if (max_pid > kPidMaxLimit) return true;
  std::vector<std::uint64_t> seen((2 * (std::size_t{max_pid} + 1) + 63) / 64);
  for (const TaskEntry& t : tasks_) {
    const std::size_t bit = 2 * std::size_t{t.pid} + (t.process ? 1 : 0);
    const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
    if (seen[bit / 64] & mask) return true;
    seen[bit / 64] |= mask;
  }
  return false;
}

void DumpDecoder::reserve(std::size_t messages) {
  // Only a hint: where address space is scarce (overcommit off, RLIMIT_AS) the dump grows
  // as it comes instead.
  try {
    tasks_.reserve(messages);
    arena_.reserve(messages * kArenaBytesPerTask);
  } catch (const std::bad_alloc&) {
  }
}

}  // namespace procscan::taskdiag
