// lsof's selection rules (proc.c is_proc_excl, is_cmd_excl, is_file_sel; main.c's
// Selflags): which processes and files are listed, with every item ORed unless -a,
// exclusions first, and what was never found (lsof's exit status 1).
#pragma once

#include <sys/types.h>

#include <regex.h>

#include <memory>
#include <string>
#include <vector>

#include "options.h"

namespace tdlsof {

// Selection flags, with lsof's values (lsof.h SEL*).
enum SelectionFlag : unsigned {
  kSelCommand = 0x0001,
  kSelFd = 0x0004,
  kSelAddress = 0x0008,  // -i@addr, -i:port
  kSelNetwork = 0x0010,  // -i
  kSelNfs = 0x0020,
  kSelLinks = 0x0040,
  kSelName = 0x0080,
  kSelPgid = 0x0100,
  kSelPid = 0x0200,
  kSelUid = 0x0400,
  kSelUnix = 0x0800,
  kSelExcludedFile = 0x2000,
  kSelTask = 0x4000,
};
constexpr unsigned kSelAll = kSelCommand | 0x0002 | kSelFd | kSelAddress | kSelNetwork | kSelName |
                             kSelNfs | kSelPid | kSelUid | kSelUnix | 0x1000 | kSelTask;
constexpr unsigned kSelProcess =
    kSelCommand | 0x0002 | kSelPgid | kSelPid | kSelUid | 0x1000 | kSelTask;
constexpr unsigned kSelFileKinds = kSelFd | kSelNfs | kSelLinks | kSelName;
constexpr unsigned kSelNetworkKinds = kSelAddress | kSelNetwork | kSelUnix;

class Selection {
 public:
  explicit Selection(const Options& options);
  ~Selection();
  Selection(const Selection&) = delete;
  Selection& operator=(const Selection&) = delete;

  // Whether thread rows are listed (plain lsof, -K), and whether threads are read at all.
  bool lists_tasks() const;
  // Only socket files matter for processes not otherwise selected (lsof's Ckscko/Cckreg):
  // true when the only selections are network ones.
  bool sockets_only(unsigned process_flags) const;
  // sockets_only() whatever the process: network selections alone, or ANDed.
  bool sockets_only_everywhere() const;
  // Network selections alone: non-socket files are never looked at (lsof's Selinet).
  bool network_only() const { return network_only_; }
  bool all_processes() const { return all_; }
  unsigned flags() const { return flags_; }

  struct ProcessVerdict {
    bool excluded = false;
    bool primary = false;  // PS_PRI: the process itself is selected
    unsigned flags = 0;    // what selected it
  };
  // `tid` is 0 for a process, the thread id for a task row.
  ProcessVerdict judge_process(pid_t pid, pid_t pgid, uid_t uid, const std::string& command,
                               pid_t tid);

  // A new file's selection flags (alloc_lfile): the process's, plus -d's verdict on its
  // descriptor (`name` "cwd"/"txt"/..., or `number`).
  unsigned file_flags(const ProcessVerdict& process, const std::string& name, int number) const;
  // Whether a file with these flags is listed (is_file_sel).
  bool file_listed(unsigned file_flags) const;

  // The link count below which +L N selects (0: none).
  long nlink_below() const { return options_.nlink_below; }

  // Whether anything asked for was not found: lsof's exit status 1 (without -Q).
  bool search_failed() const;
  // -V's reports of what was not found, each a line.
  std::vector<std::string> not_found() const;

  // The -V lines of name arguments no file matched (the collector's finding).
  void set_missing_names(std::vector<std::string> lines) { missing_names_ = std::move(lines); }

  // For -i and name selections, marked by the caller.
  void found_network() { network_found_ = true; }
  void found_tcp_state(int state) { tcp_states_found_.push_back(state); }
  // An error lsof counts for its exit status (a name it could not stat).
  void note_error() { error_ = true; }
  bool had_error() const { return error_; }
  // Which -i address entries matched something (InetSelection::matches marks them).
  std::vector<bool>& address_found() { return address_found_; }
  void found_task() { task_found_ = true; }

 private:
  bool command_excluded(const std::string& command, ProcessVerdict& verdict);

  const Options& options_;
  unsigned flags_ = 0;
  bool all_ = true;
  bool network_only_ = false;
  struct Compiled;
  std::vector<std::unique_ptr<Compiled>> regexes_;
  std::vector<bool> pid_found_, pgid_found_, uid_found_, command_found_;
  std::vector<std::string> missing_names_;
  bool network_found_ = false;
  std::vector<bool> address_found_;
  std::vector<int> tcp_states_found_;
  bool error_ = false;
  bool task_found_ = false;
};

}  // namespace tdlsof
