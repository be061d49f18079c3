// A task_diag transport over BPF iterators: our programs (task, task_vma, task_file) loaded
// here, or the task iterators an administrator pinned with procscan-bpf-pin.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bpf/wire_config.h"
#include "taskdiag/attributes.h"
#include "taskdiag/task_diag_abi.h"
#include "taskdiag/transport.h"
#include "util/unique_fd.h"

struct task_program;
struct side_program;

namespace procscan::bpf {

// Where procscan-bpf-pin puts the iterators and where readers look for them; the
// environment variable PROCSCAN_BPF_PIN_DIR names another directory (tests).
inline constexpr std::string_view kPinDir = "/sys/fs/bpf/procscan";
inline constexpr std::string_view kPinProcesses = "processes";  // DUMP_ALL, all attributes
inline constexpr std::string_view kPinThreads = "threads";      // DUMP_ALL_THREAD, same
std::string pin_dir();

// What the task program fills: the attributes whose row in taskdiag/attributes.h names
// kBpfTask (the live test bpf_task_program checks the program against it). Every dump
// carries BASE; CRED only for readers whose user namespace maps ids one to one (the program
// reports kernel ids); EXT_PROCFS: the program marks the values it cannot give as /proc
// shows them (kernel threads' long names, over-long command lines), and only those.
inline constexpr std::uint64_t kTaskAttributes = taskdiag::attributes_sent_by(taskdiag::kBpfTask);
static_assert(kTaskAttributes & TASK_DIAG_SHOW(TASK_DIAG_EXT_PROCFS),
              "the wire backend trusts the task program's EXT_PROCFS marks (plan.marks_complete)");

// What the task_vma and task_file programs fill, in dumps of their own (one attribute per
// request, no other attribute beside it); only loaded programs serve them, not pinned ones.
inline constexpr std::uint64_t kSideAttributes = taskdiag::attributes_sent_by(taskdiag::kBpfSide);

// Loads (and verifies) the task program: the fixed cost pays_off() weighs.
struct task_program* load_task_program(std::string& why);
// Whether /proc/PID/status of a kernel of this release (uname -r) prints the exact sums of
// the rss counters (each CPU's part added), which EXT_MM then sends too.
bool status_sums_rss(std::string_view release);
// FMODE_BACKING in f_mode on a kernel of this release (uname -r), 0 before it existed.
std::uint32_t fmode_backing_bit(std::string_view release);

class IterTransport final : public taskdiag::Transport {
 public:
  // Our own programs; needs CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN).
  static std::unique_ptr<IterTransport> load(std::string& why);
  // The task_vma and task_file programs alone (loaded at their first dump), without the
  // task program: the open-files query's source. Needs what load() needs.
  static std::unique_ptr<IterTransport> load_side(std::string& why);
  // The iterators pinned under pin_dir(); needs only read access to them.
  static std::unique_ptr<IterTransport> open_pinned(std::string& why);
  // What the task program fills for this caller: kTaskAttributes, without CRED when the
  // caller's user namespace does not map ids one to one.
  static std::uint64_t task_attributes();
  ~IterTransport() override;

  std::string_view name() const override { return "bpf"; }
  std::uint64_t attributes() const override { return attributes_; }
  // Pinned iterators were set up for ALL and ALL_THREAD only.
  bool serves_processes_with_threads() const override { return !pinned_; }
  // show_flags VMA (with or without BASE) runs the task_vma iterator and EXT_FILE the
  // task_file iterator, one message per mapping or open file (continuations of one task);
  // anything else runs the task iterator.
  int send(std::span<const std::byte> request) override;
  ssize_t receive(std::span<std::byte> buffer) override { return receive_from(first_, buffer); }
  // Our loaded task program only: each reader's iterator writes the tgids of its part.
  bool split_next_dump(std::uint32_t boundary, pid_t second_reader) override;
  ssize_t receive_second(std::span<std::byte> buffer) override {
    return receive_from(second_, buffer);
  }

 private:
  IterTransport() = default;
  // `second_reader` 0: one reader for the whole dump.
  int start_task_dump(const task_diag_pid& request, std::uint32_t seq, std::uint32_t boundary,
                      pid_t second_reader);
  int start_pinned_dump(const task_diag_pid& request);
  int start_side_dump(const task_diag_pid& request, std::uint32_t seq);
  // One iterator of the dump being read, with what was read from it but not handed out:
  // the tail of a read after a message whose command line the program could not fit
  // (completed from procfs here), or after filtering.
  struct Reader {
    UniqueFd iter;
    std::vector<std::byte> pending;
    std::size_t pending_at = 0;
    std::vector<std::byte> staging;
    // The task program's slot of a split dump's reader, whose walk the program may end
    // early (reader_slot::ended); null otherwise.
    const reader_slot* slot = nullptr;
    void reset() {
      iter.reset();
      pending.clear();
      pending_at = 0;
      slot = nullptr;
    }
  };
  ssize_t receive_from(Reader& reader, std::span<std::byte> buffer);
  // The task program ended this reader's walk early: its EAGAIN is the end of the dump.
  static bool walk_ended(const Reader& reader);
  ssize_t fill_from_pending(Reader& reader, std::span<std::byte> buffer);
  bool keep(const std::byte* message) const;

  struct task_program* task_ = nullptr;
  struct side_program* vma_ = nullptr;   // loaded at the first VMA dump
  struct side_program* file_ = nullptr;  // loaded at the first EXT_FILE dump
  bool pinned_ = false;
  std::uint64_t attributes_ = 0;
  UniqueFd all_link_;  // the task program's link without parameters, made once
  Reader first_;       // the dump being read, or its first part
  Reader second_;      // the second part of a split dump
  // Set by split_next_dump() for the next send(): the boundary tgid and the second reader.
  std::uint32_t split_boundary_ = 0;
  pid_t split_reader_ = 0;
  // Pinned iterators cannot be parameterised: ONE, THREAD and CHILDREN are filtered here.
  std::uint64_t filter_strategy_ = TASK_DIAG_DUMP_ALL;
  std::uint32_t filter_pid_ = 0;
};

}  // namespace procscan::bpf
