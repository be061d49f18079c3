// Turns the byte stream of one task_diag dump into per-task records, trusting no length.
//
// Feed each read's bytes as they come, then call finish(). Messages are walked with netlink
// alignment; a message with the same pid and tgid as the one before continues that task
// (the CONT flag only confirms it, and its garbage high bits are masked off); VMA and EXT_FILE
// records of continued messages are concatenated; any other attribute a task repeats keeps its
// last copy; a task sent twice keeps its last copy (the dump is not a snapshot, reference 3.8).
// In answers to our ALL_PROCESS_THREAD a process message and its leader's thread message share
// pid and tgid but are two tasks (TaskEntry::process). Payloads are copied into one arena, so
// the read buffer may be reused at once; an attribute (VMA and EXT_FILE aside) equal to the
// task before's in its process shares that copy: threads repeat their command line, creds and
// tty. Offsets are 32-bit: a dump past 4 GiB is refused rather than wrapped.
//
// Memory is the cost that grows with the machine (every fresh page is cleared): a task is a
// 16-byte TaskEntry, and its payloads' places in the arena are a directory of 8-byte spans,
// one per attribute it has, written into the arena after them.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "procscan/byte_arena.h"
#include "procscan/large_buffer.h"
#include "taskdiag/attributes.h"

namespace procscan::taskdiag {

enum class DecodeErrorKind {
  TruncatedMessage,       // fewer bytes than a netlink or task_diag_msg header
  MessageOverrun,         // nlmsg_len runs past the bytes of the read
  UnexpectedMessageType,  // neither 0xD101 nor NLMSG_NOOP/DONE/ERROR
  NetlinkError,           // an NLMSG_ERROR message (never sent by the kernel)
  TruncatedAttribute,     // fewer bytes than an nlattr header left in the message
  ZeroLengthAttribute,    // nla_len below the header size: no way to step on
  AttributeOverrun,       // nla_len runs past the end of its message
  BadPayloadSize,         // a struct attribute of the wrong size
  MalformedVma,           // a VMA record that does not fit or contradicts itself
  MalformedFile,          // an EXT_FILE record that does not fit or contradicts itself
};

struct DecodeError {
  DecodeErrorKind kind;
  std::size_t offset;  // of the offending item, from the start of the whole dump
  std::string what;    // one line for --debug and exceptions
};

// Where a kept attribute's payload lies in the arena.
struct PayloadSpan {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

class DumpDecoder;

// One task of a dump; its payloads are read through DumpDecoder::payload().
struct TaskEntry {
  std::uint32_t pid = 0;   // task_diag_msg.pid: the tid
  std::uint32_t tgid = 0;  // task_diag_msg.tgid
  // The dump ended right after a message of this task flagged CONT: attributes it still
  // owed never came (reference 3.1, a too large attribute ends the dump).
  bool incomplete = false;
  // The whole process rather than its leader thread (TASK_DIAG_FLAG_PROCESS, in answers to
  // TASK_DIAG_DUMP_ALL_PROCESS_THREAD): a task of its own, which the leader's message after
  // it does not continue.
  bool process = false;
  bool superseded : 1 = false;  // a later copy of the same pid replaced this one

 private:
  friend class DumpDecoder;
  // A bit per attribute the task has (1 << Attribute), and where in the arena the spans of
  // those attributes lie, in Attribute order.
  std::uint16_t present_ : kAttributeCount = 0;
  std::uint32_t directory_ = 0;
};
static_assert(sizeof(TaskEntry) == 16, "a dump of 60,000 tasks holds 60,000 of them");

// In large-buffer memory: a whole dump reserves room for every task of the machine.
using TaskList = std::vector<TaskEntry, LargeBufferAllocator<TaskEntry>>;

class DumpDecoder {
 public:
  // `size_checked`: TASK_DIAG_SHOW() bits of the attributes whose struct size is enforced;
  // the others are kept as they came (the protocol probe inspects their sizes itself).
  // `marks_processes`: the dump answers TASK_DIAG_DUMP_ALL_PROCESS_THREAD, whose flag bit 1
  // means a process message (in the kernel's answers that bit is garbage).
  explicit DumpDecoder(std::uint64_t size_checked = ~std::uint64_t{0}, bool marks_processes = false)
      : size_checked_(size_checked), marks_processes_(marks_processes) {}

  // Decodes the whole messages of one read. Returns false on the first unusable item;
  // error() then says what and where, and later calls change nothing.
  bool feed(std::span<const std::byte> bytes);
  // The dump said NLMSG_DONE: the caller stops reading (the kernel ends with a 0 read).
  bool saw_done() const { return done_; }
  // Ends the dump: marks an unfinished continuation and drops superseded copies.
  void finish();
  // Room for about `messages` tasks, so that a large dump is not copied as it grows (and
  // pages reserved but never used cost nothing).
  void reserve(std::size_t messages);

  const std::optional<DecodeError>& error() const { return error_; }
  // Tasks in the order of their first message (superseded ones removed after finish()).
  const TaskList& tasks() const { return tasks_; }
  std::size_t message_count() const { return messages_; }

  // The payload of an attribute, or an empty optional when the task lacks it.
  std::optional<std::span<const std::byte>> payload(const TaskEntry& task, Attribute a) const {
    if (!((task.present_ >> static_cast<unsigned>(a)) & 1u)) return std::nullopt;
    const PayloadSpan span = span_in_directory(task, a);
    return std::span<const std::byte>(arena_.data() + span.offset, span.length);
  }

 private:
  // Payload and directory bytes a task of a BPF dump keeps in the arena, with room to spare
  // (~170 seen for the columns of ps -eLf, ~52 for a pid alone).
  static constexpr std::size_t kArenaBytesPerTask = 384;
  static constexpr std::size_t kDirectoryBytes = kAttributeCount * sizeof(PayloadSpan);
  bool has_copies() const;
  bool fail(DecodeErrorKind kind, std::size_t offset, std::string what);
  bool decode_messages(std::span<const std::byte> bytes, std::size_t base);
  bool decode_message(std::span<const std::byte> message, std::size_t base);
  bool keep_attribute(TaskEntry& task, Attribute a, std::span<const std::byte> payload,
                      std::size_t offset);
  // The span of a present attribute of a task whose directory is written.
  PayloadSpan span_in_directory(const TaskEntry& task, Attribute a) const {
    const unsigned below = task.present_ & ((1u << static_cast<unsigned>(a)) - 1);
    PayloadSpan span;
    std::memcpy(&span, arena_.data() + task.directory_ + std::popcount(below) * sizeof span,
                sizeof span);
    return span;
  }
  // Makes the last task extensible again: its spans into open_, and its directory dropped
  // when nothing follows it in the arena, so that records it continues stay in place.
  void reopen_last();
  // Writes the last task's directory into the arena if its spans changed since.
  void write_directory();

  std::uint64_t size_checked_;
  bool marks_processes_;
  TaskList tasks_;
  util::ByteArena arena_;
  // The spans of tasks_.back(), by attribute, while messages may still extend it: only the
  // last task ever grows, so the others' directories are written once and stay put.
  std::array<PayloadSpan, kAttributeCount> open_{};
  bool open_valid_ = false;  // open_ describes tasks_.back()
  bool open_dirty_ = false;  // ... and differs from its directory in the arena
  std::optional<DecodeError> error_;
  std::size_t consumed_ = 0;  // bytes fed before the current read
  std::size_t messages_ = 0;
  bool last_continues_ = false;
  bool done_ = false;
};

// std::string form of a DecodeErrorKind, for messages.
std::string_view describe(DecodeErrorKind kind);

}  // namespace procscan::taskdiag
