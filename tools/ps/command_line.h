// The whole of ps' argument handling (procps parser.c arg_parse): parse, check thread
// options, build the format, set up the selection; on any failure start over with dash
// options read as BSD, and report the first pass' error if that fails too.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "format_list.h"
#include "options.h"
#include "selection.h"

namespace td::ps {

struct Invocation {
  Options options;
  FormatPlan format;
  Selector selector;
  int screen_cols = 80;
  int screen_rows = 24;
  bool reparsed = false;  // the first pass failed and the BSD pass succeeded
};

struct InvocationEnvironment {
  int pid_width = 5;
  std::optional<std::string> ps_format;  // $PS_FORMAT
  Selector::Self self;
  int screen_cols = 80;           // after the terminal size and COLUMNS
  int screen_rows = 24;           // after the terminal size and LINES
  PersonalityChoice personality;  // PS_PERSONALITY, CMD_ENV
};

// Returns "" on success, else the message procps prints after "error: ".
std::string parse_command_line(std::span<const std::string_view> args,
                               const InvocationEnvironment& env, Invocation& out);

// Checks of the quick pid option that procps makes after parsing; the message is printed
// on its own (no "error:", no usage) and ps exits 1.
std::string quick_pid_conflicts(const Invocation& invocation);

}  // namespace td::ps
