// Which tasks ps shows (procps-ng 4.0.2 select.c).
//
// No selection at all means tasks with the same effective uid as ps and the same
// terminal (SysV), or any terminal once BSD syntax was seen. Simple selections (a, x, -a,
// -d, g) choose from a table indexed by four facts about the task; list selections (-p,
// -u, -t, ...) are OR-ed with each other and with the simple ones; -e/-A take all; then
// r keeps running tasks and -N inverts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "options.h"
#include "procscan/field_set.h"
#include "procscan/task_table.h"
#include "text.h"

namespace td::ps {

class Selector {
 public:
  // The facts about ps itself that the default selection compares with.
  struct Self {
    std::uint64_t euid = 0;
    std::uint64_t tty = 0;  // tty_nr of ps' own stat
  };

  // Checks the combination of simple selections; returns the procps error or "".
  // Empty Tty lists (BSD "T", bare "t") are filled with self.tty.
  std::string setup(const Options& options, const Self& self);

  bool wants(const procscan::TaskRef& task) const;

  // Fields `wants` reads.
  procscan::FieldSet fields() const;

  // When only pid lists select (and nothing is negated), the pids to read instead of
  // listing /proc, sorted and without duplicates.
  bool pid_list_only() const { return pid_list_only_; }
  std::vector<std::uint64_t> listed_pids() const;

  void set_text_mode(const common::TextMode& mode) { text_ = mode; }

 private:
  bool table_accepts(const procscan::TaskRef& task) const;
  bool listed(const procscan::TaskRef& task) const;

  bool all_ = false;
  unsigned simple_ = 0;
  unsigned bits_ = 0;
  bool running_only_ = false;
  bool negate_ = false;
  bool pid_list_only_ = false;
  std::vector<SelectionList> lists_;
  Self self_;
  common::TextMode text_;
};

}  // namespace td::ps
