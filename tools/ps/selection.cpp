#include "selection.h"

#include <algorithm>

#include "procps_text.h"

namespace td::ps {

using procscan::Field;
using procscan::FieldSet;
using procscan::TaskRef;

std::string Selector::setup(const Options& options, const Self& self) {
  self_ = self;
  all_ = options.all_processes;
  simple_ = options.simple_select;
  running_only_ = options.running_only;
  negate_ = options.negate;
  lists_ = options.lists;
  for (SelectionList& list : lists_)
    if (list.kind == ListKind::Tty && list.ids.empty()) list.ids.push_back(self.tty);

  if (!simple_ && !options.prefer_bsd_defaults) {
    bits_ = 0xaa00;  // the standard selection: our euid on our terminal
  } else {
    // The BSD g ("really all") is implied unless -a or -d is given, or SunOS is imitated.
    unsigned which = simple_;
    if (!(options.personality & kPersonalityNoDefaultG) &&
        !(simple_ & (kSelectUnixA | kSelectUnixD)))
      which |= kSelectBsdG;
    switch (which) {
      case kSelectUnixA | kSelectUnixD:
        bits_ = 0x3f3f;
        break;
      case kSelectUnixA:
        bits_ = 0x0303;
        break;
      case kSelectUnixD:
        bits_ = 0x3333;
        break;
      case 0:
        bits_ = 0x0202;
        break;
      case kSelectBsdA:
        bits_ = 0x0303;
        break;
      case kSelectBsdX:
        bits_ = 0x2222;
        break;
      case kSelectBsdX | kSelectBsdA:
        bits_ = 0x3333;
        break;
      case kSelectBsdG:
        bits_ = 0x0a0a;
        break;
      case kSelectBsdG | kSelectBsdA:
        bits_ = 0x0f0f;
        break;
      case kSelectBsdG | kSelectBsdX:
        bits_ = 0xaaaa;
        break;
      case kSelectBsdG | kSelectBsdX | kSelectBsdA:
        all_ = true;  // "ax" is "-e"
        simple_ = 0;
        break;
      default:
        return "process selection options conflict";
    }
  }

  pid_list_only_ = !all_ && !simple_ && !negate_ && !lists_.empty() &&
                   std::all_of(lists_.begin(), lists_.end(), [](const SelectionList& list) {
                     return list.kind == ListKind::Pid || list.kind == ListKind::QuickPid;
                   });
  return {};
}

std::vector<std::uint64_t> Selector::listed_pids() const {
  std::vector<std::uint64_t> pids;
  for (const SelectionList& list : lists_)
    pids.insert(pids.end(), list.ids.begin(), list.ids.end());
  std::sort(pids.begin(), pids.end());
  pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
  return pids;
}

FieldSet Selector::fields() const {
  FieldSet fields;
  if (running_only_) fields.add(Field::State);
  if (all_) return fields;
  if (simple_ || lists_.empty())
    fields.add(FieldSet{Field::Euid, Field::Sid, Field::Tgid, Field::TtyNr});
  for (const SelectionList& list : lists_) {
    switch (list.kind) {
      case ListKind::Ruid:
        fields.add(Field::Ruid);
        break;
      case ListKind::Euid:
        fields.add(Field::Euid);
        break;
      case ListKind::Rgid:
        fields.add(Field::Rgid);
        break;
      case ListKind::Egid:
        fields.add(Field::Egid);
        break;
      case ListKind::Pgrp:
        fields.add(Field::Pgid);
        break;
      case ListKind::Pid:
      case ListKind::QuickPid:
        fields.add(Field::Tgid);
        break;
      case ListKind::Ppid:
        fields.add(Field::Ppid);
        break;
      case ListKind::Tty:
        fields.add(Field::TtyNr);
        break;
      case ListKind::Session:
        fields.add(Field::Sid);
        break;
      case ListKind::Command:
        fields.add(Field::Comm);
        break;
    }
  }
  return fields;
}

bool Selector::table_accepts(const TaskRef& task) const {
  // procps compares the terminal as a signed int: tty_nr of ps itself.
  const auto tty = static_cast<std::int32_t>(task.u64(Field::TtyNr));
  const unsigned index = (task.u64(Field::Euid) == self_.euid ? 1u : 0u) |
                         (task.u64(Field::Sid) == task.u64(Field::Tgid) ? 2u : 0u) |
                         (tty == 0 ? 4u : 0u) |
                         (tty == static_cast<std::int32_t>(self_.tty) ? 8u : 0u);
  return (bits_ & (1u << index)) != 0;
}

bool Selector::listed(const TaskRef& task) const {
  auto contains = [](const SelectionList& list, std::uint64_t value) {
    // procps compares 32-bit values.
    const auto v = static_cast<std::uint32_t>(value);
    return std::any_of(list.ids.begin(), list.ids.end(),
                       [v](std::uint64_t id) { return static_cast<std::uint32_t>(id) == v; });
  };
  for (const SelectionList& list : lists_) {
    bool match = false;
    switch (list.kind) {
      case ListKind::Ruid:
        match = contains(list, task.u64(Field::Ruid));
        break;
      case ListKind::Euid:
        match = contains(list, task.u64(Field::Euid));
        break;
      case ListKind::Rgid:
        match = contains(list, task.u64(Field::Rgid));
        break;
      case ListKind::Egid:
        match = contains(list, task.u64(Field::Egid));
        break;
      case ListKind::Pgrp:
        match = contains(list, task.u64(Field::Pgid));
        break;
      case ListKind::Pid:
      case ListKind::QuickPid:
        match = contains(list, task.u64(Field::Tgid));
        break;
      case ListKind::Ppid:
        match = contains(list, task.u64(Field::Ppid));
        break;
      case ListKind::Tty:
        match = contains(list, task.u64(Field::TtyNr));
        break;
      case ListKind::Session:
        match = contains(list, task.u64(Field::Sid));
        break;
      case ListKind::Command: {
        // The 15-byte kernel name matches a longer pattern on its first 15 bytes.
        const std::string name = common::procps_command_name(task.str(Field::Comm), text_);
        for (const std::string& pattern : list.commands) {
          if (name.size() == 15 && pattern.size() >= 15 &&
              name.compare(0, 15, pattern, 0, 15) == 0) {
            match = true;
            break;
          }
          if (name.substr(0, 63) == pattern.substr(0, 63)) {
            match = true;
            break;
          }
        }
        break;
      }
    }
    if (match) return true;
  }
  return false;
}

bool Selector::wants(const TaskRef& task) const {
  bool accepted = true;
  if (!all_) {
    accepted = ((simple_ || lists_.empty()) && table_accepts(task)) || listed(task);
  }
  if (running_only_) {
    const auto state = task.u64(Field::State);
    if (state != 'R' && state != 'D') accepted = false;
  }
  return negate_ ? !accepted : accepted;
}

}  // namespace td::ps
