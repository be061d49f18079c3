#include "selection.h"

#include <algorithm>

#include "tcp_states.h"

namespace tdlsof {

struct Selection::Compiled {
  regex_t regex{};
  bool ok = false;
  bool found = false;
  ~Compiled() {
    if (ok) ::regfree(&regex);
  }
};

Selection::Selection(const Options& options) : options_(options) {
  const auto& o = options;
  const bool command_in = std::any_of(o.commands.begin(), o.commands.end(),
                                      [](const CommandItem& c) { return !c.excluded; });
  if (command_in || !o.command_regexes.empty()) flags_ |= kSelCommand;
  if (!o.fds.empty()) flags_ |= kSelFd;
  if (o.inet.network) flags_ |= kSelNetwork;
  if (!o.inet.entries.empty()) flags_ |= kSelAddress;
  if (o.nfs) flags_ |= kSelNfs;
  if (o.unix_sockets) flags_ |= kSelUnix;
  if (std::any_of(o.pgids.begin(), o.pgids.end(), [](const IdItem& i) { return !i.excluded; }))
    flags_ |= kSelPgid;
  if (std::any_of(o.pids.begin(), o.pids.end(), [](const IdItem& i) { return !i.excluded; }))
    flags_ |= kSelPid;
  if (std::any_of(o.uids.begin(), o.uids.end(), [](const UidItem& i) { return !i.excluded; }))
    flags_ |= kSelUid;
  if (!o.names.empty() || !o.directories.empty()) flags_ |= kSelName;
  if (o.select_tasks) flags_ |= kSelTask;
  if (o.select_nlink) flags_ |= kSelLinks;
  if (flags_ == 0) {
    flags_ = o.ignore_tasks ? (kSelAll & ~kSelTask) : kSelAll;
  } else {
    network_only_ = o.names.empty() && o.directories.empty() &&
                    (flags_ & (kSelAddress | kSelNetwork)) &&
                    !(flags_ & ~(kSelAddress | kSelNetwork));
    all_ = false;
  }
  for (const auto& rx : o.command_regexes) {
    auto compiled = std::make_unique<Compiled>();
    std::string pattern = rx.exact ? "^(" + rx.regex + ")$" : rx.regex;
    if (rx.exact && rx.basic) pattern = "^" + rx.regex + "$";
    const int cflags = (rx.basic ? 0 : REG_EXTENDED) | (rx.ignore_case ? REG_ICASE : 0) | REG_NOSUB;
    compiled->ok = ::regcomp(&compiled->regex, pattern.c_str(), cflags) == 0;
    regexes_.push_back(std::move(compiled));
  }
  pid_found_.assign(o.pids.size(), false);
  pgid_found_.assign(o.pgids.size(), false);
  uid_found_.assign(o.uids.size(), false);
  command_found_.assign(o.commands.size(), false);
}

Selection::~Selection() = default;

bool Selection::lists_tasks() const {
  return !options_.ignore_tasks && (flags_ & kSelTask);
}

bool Selection::sockets_only_everywhere() const {
  return (flags_ & kSelNetworkKinds) && (options_.and_selections || !(flags_ & ~kSelNetworkKinds));
}

bool Selection::sockets_only(unsigned process_flags) const {
  if (!(flags_ & kSelNetworkKinds)) return false;
  if (options_.and_selections || !(flags_ & ~kSelNetworkKinds)) return true;
  const unsigned process_kinds = options_.ignore_tasks ? (kSelProcess & ~kSelTask) : kSelProcess;
  if ((flags_ & kSelFileKinds) || !(flags_ & process_kinds)) return false;
  // lsof decides per process only without -E/+E: with them every process, selected ones
  // too, is read for sockets alone (dproc.c: Ckscko stays as gather_proc_info set it).
  if (options_.endpoints) return true;
  return !(process_flags & process_kinds);
}

Selection::ProcessVerdict Selection::judge_process(pid_t pid, pid_t pgid, uid_t uid,
                                                   const std::string& command, pid_t tid) {
  const auto& o = options_;
  ProcessVerdict v;
  auto excluded = [&]() {
    v.excluded = true;
    return v;
  };
  for (const auto& u : o.uids)
    if (u.excluded && u.uid == uid) return excluded();
  for (const auto& g : o.pgids)
    if (g.excluded && g.id == pgid) return excluded();
  for (const auto& p : o.pids)
    if (p.excluded && p.id == pid) return excluded();

  bool decided = false;  // is_proc_excl returned "not excluded" early
  if (all_) {
    v.primary = true;
    v.flags = flags_;
    decided = true;
  }
  if (!decided && (flags_ & kSelPgid)) {
    for (std::size_t i = 0; i < o.pgids.size(); ++i) {
      if (o.pgids[i].excluded || o.pgids[i].id != pgid) continue;
      pgid_found_[i] = true;
      v.primary = true;
      v.flags = kSelPgid;
      if (flags_ == kSelPgid) decided = true;
      break;
    }
    if (!decided && flags_ == kSelPgid && !v.flags) return excluded();
  }
  if (!decided && (flags_ & kSelPid)) {
    for (std::size_t i = 0; i < o.pids.size(); ++i) {
      if (o.pids[i].excluded || o.pids[i].id != pid) continue;
      pid_found_[i] = true;
      v.primary = true;
      v.flags |= kSelPid;
      if (flags_ == kSelPid) decided = true;
      break;
    }
    if (!decided && flags_ == kSelPid && !v.flags) return excluded();
  }
  if (!decided && (flags_ & kSelUid)) {
    for (std::size_t i = 0; i < o.uids.size(); ++i) {
      if (o.uids[i].excluded || o.uids[i].uid != uid) continue;
      uid_found_[i] = true;
      v.primary = true;
      v.flags |= kSelUid;
      if (flags_ == kSelUid) decided = true;
      break;
    }
    if (!decided && flags_ == kSelUid && !(v.flags & kSelUid)) return excluded();
  }
  if (!decided && (flags_ & kSelTask) && tid) {
    v.primary = true;
    v.flags |= kSelTask;
    if (flags_ == kSelTask || (o.and_selections && (v.flags & flags_) == flags_)) decided = true;
  }
  if (!decided) {
    constexpr unsigned kIdKinds = kSelPgid | kSelPid | kSelUid | kSelTask;
    if (!v.flags) {
      if (o.and_selections && (flags_ & kIdKinds)) return excluded();
    } else if (flags_ & kIdKinds) {
      if (o.and_selections && (flags_ & kIdKinds) != v.flags) return excluded();
    } else if (o.and_selections) {
      return excluded();
    }
  }
  if (command_excluded(command, v)) return excluded();
  return v;
}

bool Selection::command_excluded(const std::string& command, ProcessVerdict& v) {
  const auto& o = options_;
  // lsof keeps -c items in a list built at its head: the last given is tried first.
  for (std::size_t k = o.commands.size(); k-- > 0;) {
    const auto& c = o.commands[k];
    if (c.excluded && command.compare(0, c.prefix.size(), c.prefix) == 0) return true;
  }
  if (!(flags_ & kSelCommand)) return false;
  for (std::size_t k = o.commands.size(); k-- > 0;) {
    const auto& c = o.commands[k];
    if (!c.excluded && command.compare(0, c.prefix.size(), c.prefix) == 0) {
      command_found_[k] = true;
      v.primary = true;
      v.flags |= kSelCommand;
      return false;
    }
  }
  for (auto& rx : regexes_) {
    if (rx->ok && ::regexec(&rx->regex, command.c_str(), 0, nullptr, 0) == 0) {
      rx->found = true;
      v.primary = true;
      v.flags |= kSelCommand;
      return false;
    }
  }
  if (flags_ == kSelCommand) return true;
  return o.and_selections;
}

unsigned Selection::file_flags(const ProcessVerdict& process, const std::string& name,
                               int number) const {
  unsigned flags = process.primary ? process.flags : 0;
  const auto& o = options_;
  if (o.fds.empty() || (name.empty() && number < 0)) return flags;
  bool match = false;
  for (const auto& fd : o.fds) {
    if (!name.empty()) {
      if (!fd.name.empty() && fd.name == name) match = true;
    } else if (number >= fd.low && number <= fd.high) {
      match = true;
    }
  }
  if (o.fds_excluded ? !match : match) flags |= kSelFd;
  return flags;
}

bool Selection::file_listed(unsigned file_flags) const {
  if (!file_flags || (file_flags & kSelExcludedFile)) return false;
  if (all_) return true;
  if (options_.and_selections && (file_flags & flags_) != flags_) return false;
  return true;
}

std::vector<std::string> Selection::not_found() const {
  const auto& o = options_;
  std::vector<std::string> lines;
  for (std::size_t k = o.commands.size(); k-- > 0;)
    if (!command_found_[k]) lines.push_back("command not located: " + o.commands[k].prefix);
  for (std::size_t i = 0; i < regexes_.size(); ++i)
    if (!regexes_[i]->found)
      lines.push_back("no command found for regex: " + o.command_regexes[i].text);
  lines.insert(lines.end(), missing_names_.begin(), missing_names_.end());
  // One line per -i value none of whose entries matched (main.c's Nwad check).
  std::vector<std::string> reported;
  for (std::size_t i = 0; i < o.inet.entries.size(); ++i) {
    const std::string& text = o.inet.entries[i].text;
    bool any = false;
    for (std::size_t k = 0; k < o.inet.entries.size(); ++k)
      if (o.inet.entries[k].text == text && k < address_found_.size() && address_found_[k])
        any = true;
    if (any || std::find(reported.begin(), reported.end(), text) != reported.end()) continue;
    reported.push_back(text);
    lines.push_back("Internet address not located: " + text);
  }
  if (o.inet.network && !network_found_) lines.push_back("no Internet files located");
  for (int state = 0; state < static_cast<int>(kTcpStates.size()); ++state) {
    const bool asked =
        std::find(o.tcp_states_in.begin(), o.tcp_states_in.end(), state) != o.tcp_states_in.end();
    const bool found = std::find(tcp_states_found_.begin(), tcp_states_found_.end(), state) !=
                       tcp_states_found_.end();
    if (asked && !found)
      lines.push_back(std::string("TCP state not located: ") + kTcpStates[state]);
  }
  // No NFS files are ever found here: the procfs reader does not tell NFS files apart.
  if (o.nfs) lines.push_back("no NFS files located");
  for (std::size_t i = 0; i < o.pids.size(); ++i)
    if (!o.pids[i].excluded && !pid_found_[i])
      lines.push_back("process ID not located: " + std::to_string(o.pids[i].id));
  if (o.select_tasks && !task_found_) lines.push_back("no tasks located");
  for (std::size_t i = 0; i < o.pgids.size(); ++i)
    if (!o.pgids[i].excluded && !pgid_found_[i])
      lines.push_back("process group ID not located: " + std::to_string(o.pgids[i].id));
  for (std::size_t i = 0; i < o.uids.size(); ++i) {
    if (o.uids[i].excluded || uid_found_[i]) continue;
    if (!o.uids[i].login.empty()) {
      lines.push_back("login name (UID " + std::to_string(o.uids[i].uid) +
                      ") not located: " + o.uids[i].login);
    } else {
      lines.push_back("user ID not located: " + std::to_string(o.uids[i].uid));
    }
  }
  return lines;
}

bool Selection::search_failed() const {
  return !not_found().empty();
}

}  // namespace tdlsof
