// Reading text the way top's rcfile code does with fgets() and fscanf(), so that a file is
// accepted or refused exactly where top accepts or refuses it: blanks in a format match any
// run of white space, %d skips white space and converts like strtol, a literal that does
// not match stops the conversion and stays unread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace td::top {

class ScanfReader {
 public:
  explicit ScanfReader(std::string_view text) : text_(text) {}

  bool at_end() const { return at_ >= text_.size(); }

  // fgets(buf, size): up to size - 1 bytes, through the first newline. False at the end.
  bool read_line(std::string& line, std::size_t size);

  // One fscanf() call. `format` holds literals, white space and the conversions %d, %c,
  // %s and %Ns (N bytes at most); each conversion stores into the next output. Returns the
  // number of conversions made, or -1 when the input ended before the first one.
  struct Output {
    enum Kind { Int, Char, Text } kind;
    void* target;
  };
  int scan(std::string_view format, std::initializer_list<Output> outputs);

  static Output out(int& value) { return {Output::Int, &value}; }
  static Output out(char& value) { return {Output::Char, &value}; }
  static Output out(std::string& value) { return {Output::Text, &value}; }

 private:
  void skip_space();

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace td::top
