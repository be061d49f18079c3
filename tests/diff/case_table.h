// Differential cases come from a text table, one invocation per line; see the header of
// ps_cases.txt for the syntax. This parses it; placeholders are expanded per run, once the
// fixture world's pids are known.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tool_runner.h"

namespace td::diff {

struct Word {
  std::string text;
  bool quoted = false;  // any part quoted or escaped: never a marker
  // Where the first quoted or escaped byte went in `text`: as in a shell, a word is an
  // assignment when its NAME= comes before it (PS_FORMAT="pid tty").
  std::size_t quoted_from = std::string::npos;
};

struct Case {
  int line = 0;
  std::string text;               // the line as written, for names and reports
  std::vector<std::string> env;   // KEY=VALUE, in order, overriding the base environment
  std::vector<std::string> argv;  // argv[0] is the tool name; placeholders unexpanded
  Output output = Output::pipe;
  bool ctty = false;
  unsigned cols = 80, rows = 24;
  unsigned head_lines = 0;
  bool drop_self_row = false;   // @noself
  bool compare_stderr = false;  // @stderr: stderr bytes too, not only whether it is empty
  std::string user;             // @user=NAME: both tools run as this user, not as root
  // @gap: what the candidate does not do yet (the case file's header says what). The case
  // must differ from the reference: the day it matches, the marker comes off.
  bool known_gap = false;
};

struct CaseTable {
  std::vector<Case> cases;
  std::vector<std::string> errors;  // "FILE:LINE: message"
};

// Shell-like split: blanks separate words; '...' is literal; "..." honours \" \\ \$ \`;
// a backslash outside quotes escapes the next byte; an unquoted # starts a comment.
bool split_words(std::string_view line, std::vector<Word>* words, std::string* error);

// Every case must invoke `tool` (argv[0]).
CaseTable parse_case_table(std::string_view text, std::string_view file, std::string_view tool);

// Replaces {pid:NAME}, {tid:NAME} and {tty:NAME}; `lookup` gets "pid:NAME" (or "tid:...",
// "tty:...") and returns nullopt for unknown names, which makes the expansion fail with
// *error set.
using PlaceholderLookup = std::function<std::optional<std::string>(const std::string&)>;
bool expand_placeholders(const std::string& word, const PlaceholderLookup& lookup, std::string* out,
                         std::string* error);

}  // namespace td::diff
