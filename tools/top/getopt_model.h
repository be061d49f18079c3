// A model of glibc's getopt_long() as top 4.0.2 drives it: options are found anywhere in
// argv (words that are not options are set aside and reported at the end), short options
// cluster, long options take unique prefixes, and errors are glibc's messages. top then
// takes the next word itself when an option has no argument yet and that word does not
// start with '-' (its GETOPTFIX); take_word() and take_next_word() are that.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace td::top {

enum class Argument { None, Required, Optional };

struct LongOption {
  std::string_view name;
  Argument argument;
  int code;  // the short letter it stands for, or a code of its own (256 up)
};

struct GetoptEvent {
  enum Kind { Option, Error, End } kind = End;
  int code = 0;                         // Option: the letter or code; Error: '?'
  std::optional<std::string> argument;  // Option: getopt's optarg
  std::string message;                  // Error: what glibc prints on stderr (with newline)
  std::optional<std::string> leftover;  // End: the first word that was not an option
};

class GetoptModel {
 public:
  // `args` is argv, argv[0] included. `short_options` is getopt's string ("ab:c::");
  // `long_options` take unique prefixes, `exact_options` only their whole names and take
  // part in no prefix match (the options tdtop adds to top's).
  GetoptModel(std::vector<std::string> args, std::string_view short_options,
              std::span<const LongOption> long_options, std::span<const LongOption> exact_options);

  GetoptEvent next();

  // argv[optind] when it exists and does not start with '-'; it is consumed.
  std::optional<std::string> take_next_word();
  // argv[optind++], whatever it is; nothing at the end.
  std::optional<std::string> take_word();

 private:
  GetoptEvent next_in_cluster();
  GetoptEvent long_option(const std::string& word);
  GetoptEvent error(std::string message);
  Argument short_argument(char c) const;

  std::vector<std::string> args_;
  std::string short_options_;
  std::span<const LongOption> long_options_;
  std::span<const LongOption> exact_options_;
  std::size_t index_ = 1;    // optind
  std::size_t cluster_ = 0;  // position in args_[index_] of the next short option, 0: none
  std::vector<std::string> leftovers_;
};

}  // namespace td::top
