// What the scanner's choice of backend asks of the machine, in one interface: the live
// machine's answers (system_probe()), or a test's (tests/libprocscan/test_scanner_choice.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "procscan/query.h"
#include "taskdiag/transport.h"

namespace procscan {

class BackendProbe {
 public:
  virtual ~BackendProbe() = default;

  // The task_diag file the kernel offers, "" for none.
  virtual std::string task_diag_path() = 0;
  // Opens and validates it: a transport, or nullptr with `why` set.
  virtual std::unique_ptr<taskdiag::Transport> open_task_diag(std::string& why) = 0;
  // Whether task_diag, which silently skips the tasks its caller may not ptrace, would show
  // every task `query` selects to this caller; `why` says why or why not.
  virtual bool caller_sees_all(const Query& query, std::string& why) = 0;

  // TASK_DIAG_SHOW() bits the BPF task program would send this caller, known without loading
  // anything (0 without BPF support).
  virtual std::uint64_t bpf_offer() = 0;
  // Whether loading the BPF programs pays off on this machine; `why` says which way.
  virtual bool bpf_pays_off(std::string& why) = 0;
  // Loads the BPF programs (or opens a pinned iterator): a transport, or nullptr with `why`.
  virtual std::unique_ptr<taskdiag::Transport> open_bpf(std::string& why) = 0;

  // The kernel's count of tasks (threads) on the machine.
  virtual std::size_t tasks_on_machine() = 0;
};

// The live machine's answers; `proc_root` is where caller_sees_all() looks up pids.
std::unique_ptr<BackendProbe> system_probe(std::string proc_root);

}  // namespace procscan
