#include "procscan/scanner.h"

#include <cstdlib>

#include "procfs/procfs_backend.h"

namespace procscan {

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

Scanner::Scanner(ScannerOptions options) : options_(std::move(options)) {
  if (options_.backend == BackendChoice::Auto) {
    if (const char* env = std::getenv("PROCSCAN_BACKEND")) {
      BackendChoice choice;
      if (!parse_backend_choice(env, choice))
        throw FatalScanError(std::string("PROCSCAN_BACKEND: unknown backend \"") + env + "\"");
      options_.backend = choice;
    }
  }
  if (options_.threads == 0) {
    if (const char* env = std::getenv("PROCSCAN_THREADS")) {
      const std::string_view text = env;
      if (text != "0" && text != "1" && text != "2")
        throw FatalScanError(std::string("PROCSCAN_THREADS: not 0, 1 or 2: \"") + env + "\"");
      options_.threads = static_cast<unsigned>(text[0] - '0');
    }
  }
  if (options_.threads > 2)
    throw FatalScanError("threads: " + std::to_string(options_.threads) + " is not 0, 1 or 2");
}

Scanner::~Scanner() = default;

Backend& Scanner::choose(const Query& /*query*/) {
  switch (options_.backend) {
    case BackendChoice::TaskDiag:
      throw FatalScanError("taskdiag backend unavailable: this build has no task_diag client");
    case BackendChoice::Bpf:
      throw FatalScanError("bpf backend unavailable: this build has no BPF iterator support");
    case BackendChoice::Procfs:
      reason_ = "procfs: requested";
      break;
    case BackendChoice::Auto:
      reason_ = "procfs: no faster backend in this build";
      break;
  }
  if (!procfs_)
    procfs_ = std::make_unique<procfs::ProcfsBackend>(options_.proc_root, options_.threads);
  last_ = procfs_.get();
  return *procfs_;
}

TaskTable Scanner::scan(const Query& query) {
  TaskTable table(query.fields);
  stats_ = choose(query).scan(query, table, nullptr);
  return table;
}

namespace {
class StreamingObserver final : public RowObserver {
 public:
  explicit StreamingObserver(const std::function<void(const TaskRef&)>& visit) : visit_(visit) {}
  void on_row(TaskTable& table) override {
    visit_(table[table.size() - 1]);
    table.clear();
  }

 private:
  const std::function<void(const TaskRef&)>& visit_;
};
}  // namespace

void Scanner::scan(const Query& query, const std::function<void(const TaskRef&)>& visit) {
  TaskTable scratch(query.fields);
  StreamingObserver observer(visit);
  stats_ = choose(query).scan(query, scratch, &observer);
}

std::string_view Scanner::backend_name() const {
  return last_ ? last_->name() : "";
}

}  // namespace procscan
