// lsof's own option reader (main.c GetOpt), whose rules scripts depend on: options start
// with '-' or '+', letters group ("-abC"), a letter that may take a value swallows the rest
// of its word or the next word ("-Fn", "-p 12", "-p12"), and the caller may give a
// swallowed value back when it was not one ("-g -p 1": -g takes no "-p"), after which the
// reader goes on from where the value began, or from a later character of it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tdlsof {

class OptionReader {
 public:
  // `letters`: getopt-style rules, a ':' after a letter that may take a value.
  OptionReader(std::vector<std::string> args, std::string letters);

  enum class Kind { Option, Colon, Unknown, End };
  struct Step {
    Kind kind = Kind::End;
    char letter = 0;
    char prefix = '-';       // '-' or '+'
    bool has_value = false;  // a possible value follows (the letter allows one)
    std::string_view value;  // valid while the reader lives
  };
  Step next();

  // The last value was not the option's: read it again as options, from its first
  // character plus `skip` (lsof's GOx2 = GObk[1] + n).
  void give_back(std::size_t skip = 0);

  // The words after the options ("--" ends them; so does a word that does not start with '-'
  // or '+', or one that is only "-" or "+").
  std::vector<std::string> operands() const;

 private:
  std::vector<std::string> args_;
  std::string letters_;
  std::size_t word_ = 0;  // GOx1
  std::size_t at_ = 0;    // GOx2: 0 between words
  char prefix_ = '-';
  std::size_t back_word_ = 0, back_at_ = 0;  // GObk
};

}  // namespace tdlsof
