// One differential case: run the reference, then the candidate, and the reference once more
// if they differ; the case passes when the candidate matches either reference run. That
// absorbs a clock second (ELAPSED, %CPU of pid 1) ticking between two runs without masking
// anything. Fixtures tick at slightly different moments, though, so if both reference runs
// differ from the candidate, the harness waits for a quiet window (quiet_window.h) and runs
// reference and candidate once more back to back; that pair must match. If a tick fell in
// the pair's time after all (a loaded machine), it tries again with a longer window, up to
// five times. Compared: stdout bytes, exit status, and whether stderr is empty.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "case_table.h"
#include "quiet_window.h"
#include "world_client.h"

namespace td::diff {

// @noself: removes the one line whose value in the column headed "PID" (first line) is
// `pid`. False if there is no such header or line.
bool drop_self_row(std::string* out, pid_t pid);

struct CaseContext {
  WorldClient& world;
  // Same basename in two directories (ref/ps, td/ps), so comm and argv[0] are the same.
  std::string reference_exe;
  std::string candidate_exe;
  std::vector<std::string> base_env;  // the harness's environment, less its own settings
  // Added for one side only (--reference-env, --candidate-env): one program against itself
  // under two settings, e.g. PROCSCAN_BACKEND=procfs against PROCSCAN_BACKEND=bpf.
  std::vector<std::string> reference_env;
  std::vector<std::string> candidate_env;
  const QuietWindow& quiet;
  pid_t tool_pid = 1000;  // every tool run gets this pid in the namespace
  // How @noself drops the tool's own rows; top's frames need their own (top_masks.h).
  std::function<bool(std::string*, pid_t)> drop_self = drop_self_row;
  // What the tool prints that moves between runs, masked in every output before comparing
  // (top's clock, load and CPU shares); nothing for ps.
  std::function<void(std::string&)> mask{};
  std::string data_dir{};  // what {data:NAME} is under (tests/data/top for top)
};

struct CaseOutcome {
  bool passed = false;
  std::string report;            // why it failed, for a person
  std::string reference_output;  // the first reference run, escaped line by line
};

CaseOutcome run_case(const Case& c, CaseContext& context);

// Whether `ours`, printed between `early` and `late`, is what the reference could have
// printed in between: equal to either, or the same text where each number that differs
// from both lies between theirs. A young task's %CPU may step twice while three runs go
// by on a loaded machine (0.7, 0.6, 0.5); any other difference still counts.
bool line_between(std::string_view early, std::string_view ours, std::string_view late);

// Builds the run request for one case: placeholders expanded, environment merged.
bool make_request(const Case& c, const CaseContext& context, const std::string& exe,
                  RunRequest* request, std::string* error);

}  // namespace td::diff
