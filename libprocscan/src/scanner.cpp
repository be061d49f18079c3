#include "procscan/scanner.h"

#include <cstdlib>

#include "backend_probe.h"
#include "procfs/procfs_backend.h"
#include "taskdiag/field_map.h"
#include "taskdiag/wire_backend.h"

namespace procscan {

namespace {

// Whether the BPF task program (which sends `offer`) fills every field of the query itself.
// Fields it lacks would be read from /proc for every task on top of the dump (e.g. environ),
// which costs more than procfs alone.
bool bpf_serves_alone(const Query& query, std::uint64_t offer, std::string& why) {
  const FieldSet missing = query.fields.minus(taskdiag::served_fields(offer));
  std::string names;
  missing.for_each([&](Field field) {
    if (group_of(field) == Group::Identity) return;
    names += names.empty() ? "" : ",";
    names += name_of(field);
  });
  if (names.empty()) return true;
  why = "it lacks " + names + ", which /proc would give for every task";
  return false;
}

taskdiag::WireBackend::Split split_of(ScannerOptions::SplitDumps split) {
  switch (split) {
    case ScannerOptions::SplitDumps::Never:
      return taskdiag::WireBackend::Split::Never;
    case ScannerOptions::SplitDumps::Always:
      return taskdiag::WireBackend::Split::Always;
    case ScannerOptions::SplitDumps::Auto:
      break;
  }
  return taskdiag::WireBackend::Split::Auto;
}

}  // namespace

bool parse_backend_choice(std::string_view text, BackendChoice& out) {
  struct Name {
    std::string_view text;
    BackendChoice choice;
  };
  static constexpr Name kNames[] = {{"auto", BackendChoice::Auto},
                                    {"taskdiag", BackendChoice::TaskDiag},
                                    {"bpf", BackendChoice::Bpf},
                                    {"procfs", BackendChoice::Procfs}};
  for (const auto& name : kNames) {
    if (name.text == text) {
      out = name.choice;
      return true;
    }
  }
  return false;
}

Scanner::Scanner(ScannerOptions options) : Scanner(options, system_probe(options.proc_root)) {}

Scanner::Scanner(ScannerOptions options, std::unique_ptr<BackendProbe> probe)
    : options_(std::move(options)), probe_(std::move(probe)) {
  if (options_.backend == BackendChoice::Auto) {
    if (const char* env = std::getenv("PROCSCAN_BACKEND"); env && *env) {  // "" is unset
      BackendChoice choice;
      if (!parse_backend_choice(env, choice))
        throw FatalScanError(std::string("PROCSCAN_BACKEND: unknown backend \"") + env + "\"");
      options_.backend = choice;
    }
  }
  if (options_.threads == 0) {
    if (const char* env = std::getenv("PROCSCAN_THREADS"); env && *env) {
      const std::string_view text = env;
      if (text != "0" && text != "1" && text != "2")
        throw FatalScanError(std::string("PROCSCAN_THREADS: not 0, 1 or 2: \"") + env + "\"");
      options_.threads = static_cast<unsigned>(text[0] - '0');
    }
  }
  if (options_.threads > 2)
    throw FatalScanError("threads: " + std::to_string(options_.threads) + " is not 0, 1 or 2");
  if (const char* env = std::getenv("PROCSCAN_BATCH_OPENS"); env && *env) {
    const std::string_view text = env;
    if (text != "0" && text != "1")
      throw FatalScanError(std::string("PROCSCAN_BATCH_OPENS: not 0 or 1: \"") + env + "\"");
    options_.batch_opens = options_.batch_opens && text == "1";
  }
  if (const char* env = std::getenv("PROCSCAN_SPLIT_DUMPS");
      env && *env && options_.split_dumps == ScannerOptions::SplitDumps::Auto) {
    const std::string_view text = env;
    if (text != "0" && text != "1")
      throw FatalScanError(std::string("PROCSCAN_SPLIT_DUMPS: not 0 or 1: \"") + env + "\"");
    options_.split_dumps =
        text == "1" ? ScannerOptions::SplitDumps::Always : ScannerOptions::SplitDumps::Never;
  }
}

Scanner::~Scanner() = default;

procfs::ProcfsBackend& Scanner::procfs() {
  if (!procfs_)
    procfs_ = std::make_unique<procfs::ProcfsBackend>(options_.proc_root, options_.threads,
                                                      options_.batch_opens);
  return static_cast<procfs::ProcfsBackend&>(*procfs_);
}

Backend* Scanner::open_taskdiag(std::string& why) {
  if (!taskdiag_ && taskdiag_failure_.empty()) {
    if (auto transport = probe_->open_task_diag(taskdiag_failure_)) {
      taskdiag_path_ = probe_->task_diag_path();
      taskdiag_ = std::make_unique<taskdiag::WireBackend>(std::move(transport), procfs());
    }
  }
  why = taskdiag_failure_;
  return taskdiag_.get();
}

namespace {
// Tasks (threads) on the machine from which listing the proc root (about 2 us a process)
// costs as much as a thread does.
constexpr unsigned long kListWhileLoadingTasks = 2048;
}  // namespace

Backend* Scanner::open_bpf(std::string& why, const Query& query) {
  if (!bpf_ && bpf_failure_.empty()) {
    std::unique_ptr<taskdiag::Transport> transport;
    auto load = [&] { transport = probe_->open_bpf(bpf_failure_); };
    // Loading the programs (the verifier) and listing a large proc root take about as
    // long each: on two cores the first scan does both at once. Not on a small machine,
    // where the listing is quick and the thread would only leave its mark on our own row
    // (glibc's handler of its internal signal 33 stays once a thread has run).
    std::optional<std::vector<pid_t>> listed;
    if (query.pid_list_only || probe_->tasks_on_machine() < kListWhileLoadingTasks)
      load();
    else
      listed = procfs().list_root_while(load);
    if (transport) {
      auto backend = std::make_unique<taskdiag::WireBackend>(std::move(transport), procfs());
      if (listed) backend->take_listing(std::move(*listed));
      backend->set_split(split_of(options_.split_dumps));
      bpf_ = std::move(backend);
    } else if (bpf_failure_.empty()) {
      bpf_failure_ = "no BPF transport";
    }
  }
  why = bpf_failure_;
  return bpf_.get();
}

Backend& Scanner::choose(const Query& query) {
  std::string why;
  switch (options_.backend) {
    case BackendChoice::TaskDiag:
      if (Backend* backend = open_taskdiag(why)) {
        reason_ = "taskdiag: requested (" + taskdiag_path_ + ")";
        return *(last_ = backend);
      }
      throw FatalScanError("taskdiag backend unavailable: " + why);
    case BackendChoice::Bpf:
      if (Backend* backend = open_bpf(why, query)) {
        reason_ = "bpf: requested";
        return *(last_ = backend);
      }
      throw FatalScanError("bpf backend unavailable: " + why);
    case BackendChoice::Procfs:
      reason_ = "procfs: requested";
      return *(last_ = &procfs());
    case BackendChoice::Auto:
      break;
  }

  // auto: task_diag where it shows every task asked for, else BPF where it pays off, else
  // procfs; the reason names what ruled each faster one out.
  std::string taskdiag_why;
  if (!taskdiag_failure_.empty()) {
    taskdiag_why = "taskdiag unusable (" + taskdiag_failure_ + ")";
  } else if (taskdiag_ || !probe_->task_diag_path().empty()) {
    std::string sees;
    if (probe_->caller_sees_all(query, sees)) {
      if (Backend* backend = open_taskdiag(why)) {
        reason_ = "taskdiag: " + taskdiag_path_ + " " + sees;
        return *(last_ = backend);
      }
      taskdiag_why = "taskdiag unusable (" + why + ")";
    } else {
      taskdiag_why = "taskdiag skipped: " + sees;
    }
  } else {
    taskdiag_why = "no /proc/task-diag";
  }

  std::string bpf_why;
  if (bpf_failure_.empty() && !bpf_ && !bpf_serves_alone(query, probe_->bpf_offer(), bpf_why)) {
    bpf_why = "bpf skipped: " + bpf_why;
  } else if (bpf_failure_.empty() && (bpf_ || probe_->bpf_pays_off(bpf_why))) {
    if (Backend* backend = open_bpf(why, query)) {
      reason_ = "bpf: " + (bpf_why.empty() ? std::string("chosen before") : bpf_why) + "; " +
                taskdiag_why;
      return *(last_ = backend);
    }
    bpf_why = "bpf unusable (" + why + ")";
  } else if (!bpf_failure_.empty()) {
    bpf_why = "bpf unusable (" + bpf_failure_ + ")";
  } else {
    bpf_why = "bpf skipped: " + bpf_why;
  }
  reason_ = "procfs: " + taskdiag_why + "; " + bpf_why;
  return *(last_ = &procfs());
}

ScanStats Scanner::run(const Query& query, TaskTable& out, RowVisitor* visitor) {
  Backend& backend = choose(query);
  if (&backend == procfs_.get()) return backend.scan(query, out, visitor);
  try {
    return backend.scan(query, out, visitor);
  } catch (const taskdiag::DumpError& e) {
    if (options_.backend != BackendChoice::Auto) throw;
    // A fast source that fails once is not tried again by this scanner. The wire backend
    // hands out no row before its dumps are read, so nothing of this scan is out yet.
    (&backend == taskdiag_.get() ? taskdiag_failure_ : bpf_failure_) = e.what();
    reason_ = "procfs: " + std::string(backend.name()) + " failed mid-scan: " + e.what();
    out.discard_row();
    last_ = &procfs();
    return procfs().scan(query, out, visitor);
  }
}

TaskTable Scanner::scan(const Query& query) {
  TaskTable table(query.fields);
  stats_ = run(query, table, nullptr);
  return table;
}

namespace {

class FunctionVisitor final : public RowVisitor {
 public:
  explicit FunctionVisitor(const std::function<void(const TaskRef&)>& visit) : visit_(visit) {}
  void visit(const TaskRef& row) override { visit_(row); }

 private:
  const std::function<void(const TaskRef&)>& visit_;
};

}  // namespace

void Scanner::scan(const Query& query, RowVisitor& visitor) {
  // The backends' scratch: it holds at most the row being built.
  TaskTable scratch(query.fields);
  stats_ = run(query, scratch, &visitor);
}

void Scanner::scan(const Query& query, const std::function<void(const TaskRef&)>& visit) {
  FunctionVisitor visitor(visit);
  scan(query, visitor);
}

std::string_view Scanner::backend_name() const {
  return last_ ? last_->name() : "";
}

}  // namespace procscan
