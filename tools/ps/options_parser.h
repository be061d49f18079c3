// The ps option parser's state, shared by the files that parse each syntax:
// options.cpp (words, SysV, trailing pids), options_bsd.cpp, options_gnu.cpp.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "options.h"

namespace td::ps::detail {

class Parser {
 public:
  Parser(std::span<const std::string_view> args, bool force_bsd, Options& out)
      : args_(args), force_bsd_(force_bsd), opt_(out) {}

  std::string run();

 private:
  std::string sysv_word();
  std::string bsd_word();
  std::string gnu_word();
  std::string trailing_pids();

  // The argument of a one-letter option: the rest of the word, else the next word.
  std::optional<std::string_view> option_argument();
  // The argument of a long option: after '=' or ':', else the next word.
  std::optional<std::string_view> long_option_argument(std::string_view rest);
  // Only "ps -V" alone (and the like) may print the version.
  bool exclusive(std::string_view word) const { return args_.size() == 1 && args_[0] == word; }
  std::string add_list(std::string_view text, ListKind kind);
  // A list option (-p, -u, p, ...): its argument added as a list of `kind`, or procps'
  // message for a missing argument.
  std::string list_option(const char* missing_argument_message, ListKind kind);
  void add_own_tty();

  std::span<const std::string_view> args_;
  bool force_bsd_;
  Options& opt_;
  std::size_t index_ = 0;  // the word being parsed
  std::string_view word_;  // that word
  std::size_t flag_ = 0;   // the letter being parsed within it
};

}  // namespace td::ps::detail
