// A streaming JSON writer that appends to a string (the tool's output buffer), so that a
// report of any size costs no more memory than one buffer fill.
//
// Strings are bytes as the kernel gave them. Valid UTF-8 passes through; each byte that
// is not part of a valid UTF-8 sequence is written as \u00XX with the byte's value, so
// the output is valid JSON (and valid UTF-8) whatever a process names itself. Control
// characters (C0, DEL, C1) are escaped too, which keeps the output terminal-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace td::common {

// Appends `bytes` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view bytes);

// True when `text` is a JSON number as written (-?digits[.digits]), with no exponent.
bool is_json_number(std::string_view text);

class JsonWriter {
 public:
  // With `element_lines`, each element of the outermost array starts a line of its own
  // (a report's rows), and the array's closing bracket too.
  explicit JsonWriter(std::string& out, bool element_lines = false)
      : out_(out), element_lines_(element_lines) {}

  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  // The key of the next member of the current object.
  void key(std::string_view name);

  void string(std::string_view bytes);
  void number(std::uint64_t value);
  void number(std::int64_t value);
  // Written with the shortest text that reads back to the same double.
  void number(double value);
  // A number already formatted as JSON (is_json_number).
  void number_text(std::string_view text);
  void null();

 private:
  void open(char bracket);
  void close(char bracket);
  void before_value();

  std::string& out_;
  bool element_lines_;
  // Per open container: whether it has a member yet.
  std::vector<bool> has_member_;
  bool after_key_ = false;
};

}  // namespace td::common
