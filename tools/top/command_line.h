// top 4.0.2's command line (top.c parse_args): the option table, each option's effect on
// the settings the rcfiles made, and top's messages and exit statuses for bad values.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "procscan/scanner.h"

namespace td::top {

inline constexpr int kMaxPids = 20;  // MONPIDMAX

// A user filter (-u, -U): effective uid only ('u') or any of real, effective, saved and
// filesystem ('U'); `include` false for "!user".
struct UserFilter {
  char type = 0;
  uid_t uid = 0;
  bool include = true;
};

// What the command line sets besides the rcfile's settings.
struct RunOptions {
  bool batch = false;
  int iterations = -1;  // -n; -1 forever
  bool secure = false;
  int width = 0;  // -w N; -1 for -w alone (COLUMNS, else 512); 0 without -w
  bool threads = false;
  std::vector<pid_t> pids;  // -p, in the order given, without repeats
  UserFilter user;          // applies to the current window
  std::optional<float> delay;
  // Beyond top.
  bool json = false;
  bool debug = false;
  std::optional<procscan::BackendChoice> backend;
};

// How the process ends early: with this text on stdout and stderr and this status.
struct EarlyExit {
  std::string out;
  std::string err;
  int status = 0;
};

struct ParseContext {
  std::string program;  // argv[0]'s base name (top's Myname)
  pid_t self = 0;       // what -p 0 means
  // getpwnam/getpwuid for -u and -U: the uid of a name or number, nothing for none.
  std::optional<uid_t> (*user_by_name)(const std::string&) = nullptr;
  bool (*uid_exists)(uid_t) = nullptr;
};

// Applies argv (argv[0] included) to `config` and `run`, as parse_args does after the
// rcfiles were read. `run.secure` is the restrictions file's answer on entry.
std::optional<EarlyExit> parse_command_line(const std::vector<std::string>& args,
                                            const ParseContext& context, TopConfig& config,
                                            RunOptions& run);

// `top -h`: the usage text, with the program's name.
std::string usage_text(std::string_view program);

}  // namespace td::top
