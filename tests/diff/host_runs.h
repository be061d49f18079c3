// What the ps-bpf-vs-procfs-host cases share: runs of tdps with a backend chosen, the lines
// of a listing that belong to given pids, and the pid allocator's next number.
#pragma once

#include <functional>
#include <ostream>
#include <set>
#include <streambuf>
#include <string>
#include <vector>

namespace td::diff::host {

struct Run {
  int status = -1;
  std::string out;
};

// Runs `argv` with PROCSCAN_BACKEND=backend (and PROCSCAN_SPLIT_DUMPS=split when given);
// stdout captured, stderr appended to it.
Run run(const std::vector<std::string>& argv, const char* backend, const char* split = nullptr);

// The header (first column PID) and the lines whose first column is one of `pids`; the
// --debug line on standard error may come before or after them.
std::string lines_of(const std::string& out, const std::set<std::string>& pids);

// The lines that are neither a header nor a row (errors, the --debug line): what a failure
// report needs to tell a failed run from a wrong one.
std::string other_lines(const std::string& out);

// What a failed comparison of two runs on some of their lines shows: each run's status,
// the lines compared, and the bpf run's other lines (errors, the --debug line).
std::string mismatch_report(const Run& procfs, const std::string& want, const Run& bpf,
                            const std::string& got);

// Whether `got` has as many lines as `before` and `after`, each equal to the same line of
// one of them: what a value that only moves forward (elapsed seconds, a lifetime CPU share)
// shows when read between two readings, each task's ticking at its own instant.
bool each_line_of_either(const std::string& got, const std::string& before,
                         const std::string& after);

// Calls `attempt`, which returns "" for a match and otherwise what went wrong, up to
// `attempts` times, 250 ms later each time: a second of wall clock ticking between two runs
// may change a column. Prints "ok   SHOWN", or "FAIL SHOWN" and the last report; true for
// a match.
bool retried(const std::string& shown, int attempts, const std::function<std::string()>& attempt);

// Makes `pid` the last pid handed out in our pid namespace, so that the next task created
// gets pid + 1 if it is free (root only).
bool set_last_pid(long pid);

// /proc/sys/kernel/pid_max.
long pid_max();

// Keeps a copy of what goes to standard output while it lives, so that the failures can
// be printed again at the end: a test runner that shows only a long log's last lines (meson
// shows 100) still shows them, with all they saw.
class FailureEcho {
 public:
  FailureEcho();
  ~FailureEcho();
  FailureEcho(const FailureEcho&) = delete;
  FailureEcho& operator=(const FailureEcho&) = delete;
  // Prints every "FAIL ..." report so far again (each up to the next result line).
  void print_failures_again();

 private:
  struct Tee : std::streambuf {
    std::streambuf* out;
    std::string kept;
    int overflow(int c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;
  };
  Tee tee_;
};

}  // namespace td::diff::host
