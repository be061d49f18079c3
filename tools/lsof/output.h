// lsof's three outputs (print.c, proc.c print_proc): the text table, whose column widths
// are taken over every printed row before the first is printed; field output (-F), one
// field per line or NUL-terminated, streamed; and terse output (-t), the pids alone.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "options.h"
#include "rows.h"

namespace tdlsof {

// uid -> login, cached; lsof's printuid: the number right-aligned in 8 columns when there
// is no such user or -l asks for numbers.
class Logins {
 public:
  explicit Logins(bool numbers) : numbers_(numbers) {}
  // The USER cell; `found` tells a login from a number.
  const std::string& user(uid_t uid, bool* found = nullptr);
  // Uids that had no password entry, for lsof's warning.
  const std::vector<uid_t>& missing() const { return missing_; }

 private:
  struct Entry {
    std::string text;
    bool found = false;
  };
  bool numbers_;
  std::vector<std::pair<uid_t, Entry>> cache_;
  std::vector<uid_t> missing_;
};

// Takes the text written so far once a line ends past kEmitBytes, as stdio hands lsof's
// output to write(2) a buffer at a time (a reader that leaves early then stops the tool with
// SIGPIPE at the same point), and clears it.
using Emit = std::function<void(std::string& text)>;
inline constexpr std::size_t kEmitBytes = 4096;

// Rows whose files are all unselected print nothing; `processes` sorted by pid, then tid.
// Each returns what it did not hand to `emit` (everything, without one).
std::string text_output(const std::vector<ProcessRows>& processes, const Options& options,
                        Logins& logins, const Emit& emit = {});
std::string field_output(const std::vector<ProcessRows>& processes, const Options& options,
                         Logins& logins, const Emit& emit = {});
std::string terse_output(const std::vector<ProcessRows>& processes, const Emit& emit = {});

// The NAME cell as lsof prints it in text mode (printname): name, additions, TCP/TPI info.
std::string name_cell(const FileRow& file, const Options& options, bool text_mode);

// SIZE/OFF as text: the size, or the offset as 0t<decimal> switching to 0x<hex> past
// `offset_digits` digits; "" when neither is known.
std::string size_or_offset(const FileRow& file, const Options& options);

// DEVICE: "major,minor" of the raw device or the device, else the device text.
std::string device_cell(const FileRow& file);

// lsof's file-flag names for +f g, or hex for +f G (print.c print_fflags).
std::string file_flags_cell(std::uint32_t flags, bool hex);

}  // namespace tdlsof
