// The scanner's choice of backend on a fake machine: a BackendProbe whose answers the tests
// set, scripted transports (taskdiag/fake_transport.h) and the hand-made proc tree
// (tests/data/proc-tree) for procfs. What BPF is weighed by is the field source table: the
// fields its task program's attributes serve (taskdiag/field_map.h).
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>

#include "backend_probe.h"
#include "procscan/scanner.h"
#include "taskdiag/attributes.h"
#include "taskdiag/fake_transport.h"

using namespace procscan;
using namespace td_test;

namespace {

constexpr std::uint64_t kBpfOffer = taskdiag::attributes_sent_by(taskdiag::kBpfTask);

struct Machine {
  std::string task_diag_path;
  bool caller_sees_all = false;
  std::uint64_t bpf_offer = kBpfOffer;
  bool bpf_pays_off = true;
  // What loading BPF gives: a transport (scripted by `script`), or the reason it failed.
  std::string bpf_failure;
  std::function<void(FakeTransport&)> script = [](FakeTransport&) {};
  int bpf_loads = 0;
};

class FakeProbe final : public BackendProbe {
 public:
  explicit FakeProbe(Machine& machine) : machine_(machine) {}
  std::string task_diag_path() override { return machine_.task_diag_path; }
  std::unique_ptr<taskdiag::Transport> open_task_diag(std::string& why) override {
    auto transport = std::make_unique<FakeTransport>(machine_.bpf_offer);
    transport->name_ = "taskdiag";
    machine_.script(*transport);
    why.clear();
    return transport;
  }
  bool caller_sees_all(const Query&, std::string& why) override {
    why = machine_.caller_sees_all ? "as the test says" : "not in this test";
    return machine_.caller_sees_all;
  }
  std::uint64_t bpf_offer() override { return machine_.bpf_offer; }
  bool bpf_pays_off(std::string& why) override {
    why = machine_.bpf_pays_off ? "it pays" : "it does not pay";
    return machine_.bpf_pays_off;
  }
  std::unique_ptr<taskdiag::Transport> open_bpf(std::string& why) override {
    ++machine_.bpf_loads;
    if (!machine_.bpf_failure.empty()) {
      why = machine_.bpf_failure;
      return nullptr;
    }
    auto transport = std::make_unique<FakeTransport>(machine_.bpf_offer);
    transport->name_ = "bpf";
    machine_.script(*transport);
    return transport;
  }
  std::size_t tasks_on_machine() override { return 100; }

 private:
  Machine& machine_;
};

Scanner scanner_on(Machine& machine, BackendChoice choice = BackendChoice::Auto) {
  ScannerOptions options;
  options.backend = choice;
  options.proc_root = std::string(TESTS_DATA_DIR) + "/proc-tree";
  return Scanner(options, std::make_unique<FakeProbe>(machine));
}

// A whole dump of the processes alone: init (1) and a worker (100) with BASE and EXT_MM; the
// tree's other processes are reconciled from procfs.
void script_processes(FakeTransport& transport) {
  auto message = [](std::uint32_t pid, std::string_view comm) {
    Message m{pid, pid};
    m.with(TASK_DIAG_BASE, base_payload(pid, pid, pid == 1 ? 0 : 1, 0, pid, pid, 1, comm));
    m.with(TASK_DIAG_EXT_MM, u64s_payload({4096000, 18, 5, 6, 7, 1, 0x400000, 0x401000}));
    return m.encode();
  };
  transport.script(TASK_DIAG_DUMP_ALL, 0, {concat({message(1, "init"), message(100, "worker")})});
}

Query processes(FieldSet fields) {
  Query query;
  fields.add(FieldSet{Field::Tgid, Field::Tid});
  query.fields = fields;
  return query;
}

}  // namespace

TEST_CASE("auto takes BPF where its program sends every field asked for", "[scanner]") {
  Machine machine;
  machine.script = script_processes;
  Scanner scanner = scanner_on(machine);
  // ps aux's memory columns: VmRSS and VmSize come with EXT_MM (field_map.cpp).
  const TaskTable table = scanner.scan(processes({Field::Comm, Field::VmRss, Field::VmSize}));
  CHECK(scanner.backend_name() == "bpf");
  CHECK(scanner.choice_reason().starts_with("bpf: it pays; no /proc/task-diag"));
  CHECK(machine.bpf_loads == 1);
  REQUIRE(table.size() >= 2);
  CHECK(table[0].str(Field::Comm) == "init");
  CHECK(table[0].u64(Field::VmRss) == 18 * 4);
  CHECK(scanner.last_stats().reads[static_cast<std::size_t>(Group::Status)] == 3);  // 2, 42, 300
}

TEST_CASE("auto leaves BPF unloaded for a field its program does not send", "[scanner]") {
  Machine machine;
  Scanner scanner = scanner_on(machine);
  scanner.scan(processes({Field::Comm, Field::Environ}));
  CHECK(scanner.backend_name() == "procfs");
  CHECK(scanner.choice_reason() ==
        "procfs: no /proc/task-diag; bpf skipped: it lacks environ, which /proc would give for "
        "every task");
  CHECK(machine.bpf_loads == 0);
  // Without the attribute that carries it, a field is not served either.
  machine.bpf_offer &= ~TASK_DIAG_SHOW(TASK_DIAG_EXT_MM);
  scanner.scan(processes({Field::VmRss}));
  CHECK(scanner.choice_reason().find("it lacks vm_rss") != std::string::npos);
  CHECK(machine.bpf_loads == 0);
}

TEST_CASE("auto weighs the cost of loading BPF", "[scanner]") {
  Machine machine;
  machine.bpf_pays_off = false;
  Scanner scanner = scanner_on(machine);
  scanner.scan(processes({Field::Comm}));
  CHECK(scanner.choice_reason() == "procfs: no /proc/task-diag; bpf skipped: it does not pay");
  CHECK(machine.bpf_loads == 0);
}

TEST_CASE("a BPF dump that fails mid-scan leaves this scan and the later ones to procfs",
          "[scanner]") {
  Machine machine;
  machine.script = [](FakeTransport& transport) {
    transport.script(TASK_DIAG_DUMP_ALL, 0, {Read{-EIO}});
  };
  Scanner scanner = scanner_on(machine);
  const TaskTable table = scanner.scan(processes({Field::Comm}));
  CHECK(scanner.backend_name() == "procfs");
  CHECK(scanner.choice_reason().starts_with("procfs: bpf failed mid-scan: bpf: "));
  CHECK(table.size() == 5);  // the tree's processes, each once
  scanner.scan(processes({Field::Comm}));
  CHECK(scanner.choice_reason().find("bpf unusable (bpf: ") != std::string::npos);
  CHECK(machine.bpf_loads == 1);
}

TEST_CASE("a backend asked for by name is used or fatal", "[scanner]") {
  Machine machine;
  machine.bpf_failure = "no CAP_BPF in this test";
  Scanner bpf = scanner_on(machine, BackendChoice::Bpf);
  CHECK_THROWS_WITH(bpf.scan(processes({Field::Comm})),
                    "bpf backend unavailable: no CAP_BPF in this test");
  Scanner taskdiag = scanner_on(machine, BackendChoice::TaskDiag);
  machine.task_diag_path = "/proc/task-diag";
  machine.script = script_processes;
  taskdiag.scan(processes({Field::Comm}));
  CHECK(taskdiag.choice_reason() == "taskdiag: requested (/proc/task-diag)");
}

TEST_CASE("auto takes task_diag where the caller sees every task", "[scanner]") {
  Machine machine;
  machine.task_diag_path = "/proc/task-diag";
  machine.script = script_processes;
  Scanner scanner = scanner_on(machine);
  machine.caller_sees_all = false;
  scanner.scan(processes({Field::Comm}));
  CHECK(scanner.choice_reason().starts_with("bpf: it pays; taskdiag skipped: not in this test"));
  machine.caller_sees_all = true;
  scanner.scan(processes({Field::Comm}));
  CHECK(scanner.choice_reason() == "taskdiag: /proc/task-diag as the test says");
  CHECK(scanner.backend_name() == "taskdiag");
}
