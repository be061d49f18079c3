#include "collect.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "describe.h"
#include "endpoints.h"
#include "procscan/file_locks.h"
#include "procscan/open_files.h"
#include "procscan/scanner.h"
#include "procscan/sockets.h"
#include "stat_view.h"

namespace tdlsof {

namespace {

using procscan::Field;
using procscan::FileGroup;
using procscan::FileSection;
using procscan::FileSlot;

// A name argument (main.c ck_file_arg, dfile.c is_file_named): a file, a device, or a file
// system (a mount point, or the block device mounted there).
struct NamedFile {
  std::string name;  // as given
  std::string path;  // as lsof shows it: symbolic links resolved
  std::uint64_t dev = 0;
  std::uint64_t ino = 0;
  std::uint64_t rdev = 0;
  bool device = false;       // a character or block device: matched by rdev
  bool file_system = false;  // matched by device
  bool found = false;
};

bool is_mount_point(const std::string& path, const struct stat& st) {
  if (!S_ISDIR(st.st_mode)) return false;
  struct stat parent {};
  if (::stat((path + "/..").c_str(), &parent) != 0) return false;
  return parent.st_dev != st.st_dev || parent.st_ino == st.st_ino;
}

// Host and service names, each looked up once (print.c gethostnm, lkup_port).
class NameCache {
 public:
  std::string host(const std::uint8_t* address, int family, bool lookup) {
    const std::size_t length = family == AF_INET6 ? 16 : 4;
    std::string key(reinterpret_cast<const char*>(address), length);
    key += static_cast<char>(family);
    auto it = hosts_.find(key);
    if (it != hosts_.end()) return it->second;
    std::string name;
    if (lookup) {
      char buf[NI_MAXHOST];
      if (family == AF_INET6) {
        sockaddr_in6 sa{};
        sa.sin6_family = AF_INET6;
        std::memcpy(&sa.sin6_addr, address, 16);
        if (::getnameinfo(reinterpret_cast<sockaddr*>(&sa), sizeof sa, buf, sizeof buf, nullptr, 0,
                          NI_NAMEREQD) == 0)
          name = buf;
      } else {
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        std::memcpy(&sa.sin_addr, address, 4);
        if (::getnameinfo(reinterpret_cast<sockaddr*>(&sa), sizeof sa, buf, sizeof buf, nullptr, 0,
                          NI_NAMEREQD) == 0)
          name = buf;
      }
    }
    if (name.empty()) {
      char text[INET6_ADDRSTRLEN] = "";
      ::inet_ntop(family, address, text, sizeof text);
      name = family == AF_INET6 ? "[" + std::string(text) + "]" : text;
    }
    hosts_.emplace(key, name);
    return name;
  }

  // The services database is read once, as lsof's fill_porttab() does: getservbyport()
  // reads it again on every call, and a machine with 10,000 connections asks for
  // thousands of ports. The first entry for a port and protocol wins, as with
  // getservbyport().
  std::optional<std::string> port(int port, bool udp) {
    if (!services_read_) read_services();
    const auto it = services_.find(key_of(port, udp));
    if (it == services_.end()) return std::nullopt;
    return it->second;
  }

 private:
  static int key_of(int port, bool udp) { return port * 2 + (udp ? 1 : 0); }
  void read_services() {
    services_read_ = true;
    ::setservent(1);
    while (const servent* s = ::getservent()) {
      if (!s->s_proto || !s->s_name) continue;
      const std::string_view proto = s->s_proto;
      if (proto != "tcp" && proto != "udp") continue;
      services_.emplace(key_of(ntohs(static_cast<std::uint16_t>(s->s_port)), proto == "udp"),
                        s->s_name);
    }
    ::endservent();
  }

  std::unordered_map<std::string, std::string> hosts_;
  bool services_read_ = false;
  std::unordered_map<int, std::string> services_;
};

// A process or task as the task scanner gave it.
struct TaskInfo {
  pid_t pid = 0;
  pid_t tid = 0;  // 0 for the process
  std::string command;
  std::string task_command;
  uid_t uid = 0;
  pid_t ppid = 0;
  pid_t pgid = 0;
  Selection::ProcessVerdict verdict;
};

// Who a process's or task's rows belong to, before any row.
ProcessRows rows_header(const TaskInfo& info) {
  ProcessRows rows;
  rows.pid = info.pid;
  rows.tid = info.tid;
  rows.command = info.command;
  rows.task_command = info.task_command;
  rows.uid = info.uid;
  rows.ppid = info.ppid;
  rows.pgid = info.pgid;
  return rows;
}

// The process listed last, for its threads.
struct ListedLeader {
  std::size_t out_index = 0;  // its rows in the output
  const procscan::TaskFiles* task = nullptr;
  const TaskInfo* info = nullptr;
  bool rows_name_its_directory = false;  // a row is named by /proc/PID/...: not a thread's
};

// Whether a thread's rows would be its leader's, row for row: each section is the
// leader's own rows of the result (tables shared), the selection judged both alike, and no
// row is named by the leader's /proc directory. Rows are described from nothing else but
// the process (pid, uid: locks, -e, sockets), which both share. -E/+E writes endpoints into
// each task's rows: never then.
bool shares_leader_rows(const procscan::OpenFilesResult& files, const procscan::TaskFiles& task,
                        const TaskInfo& info, const ListedLeader& leader, bool endpoints) {
  if (endpoints || leader.rows_name_its_directory || leader.info->pid != info.pid) return false;
  const auto& mine = info.verdict;
  const auto& theirs = leader.info->verdict;
  if (mine.excluded != theirs.excluded || mine.primary != theirs.primary ||
      mine.flags != theirs.flags)
    return false;
  for (std::size_t i = 0; i < static_cast<std::size_t>(procscan::FileSection::Count); ++i) {
    const auto section = static_cast<procscan::FileSection>(i);
    const auto own = files.rows(task, section);
    const auto lead = files.rows(*leader.task, section);
    if (own.data() != lead.data() || own.size() != lead.size()) return false;
  }
  return task.fd_dir_errno == leader.task->fd_dir_errno;
}

const char* slot_name(FileSlot slot, bool deleted) {
  switch (slot) {
    case FileSlot::Cwd:
      return "cwd";
    case FileSlot::Root:
      return "rtd";
    case FileSlot::Exe:
      return "txt";
    case FileSlot::Mem:
      return deleted ? "DEL" : "mem";
    case FileSlot::Fd:
      return "";
  }
  return "";
}

const char* proc_link_name(FileSlot slot) {
  switch (slot) {
    case FileSlot::Cwd:
      return "cwd";
    case FileSlot::Root:
      return "root";
    case FileSlot::Exe:
      return "exe";
    default:
      return "";
  }
}

FileStat stat_of(const procscan::FileStat& s);

// The steps every row shares: the link text and the target's stat, or why they failed.
void link_and_target(const procscan::OpenFilesResult& files, const procscan::OpenFile& f,
                     RawFile& raw) {
  if (f.has_link()) {
    raw.link = std::string(files.name(f));
  } else {
    raw.link_errno = f.link_errno;
  }
  if (f.has_target()) {
    raw.target = stat_of(f.target);
  } else {
    raw.target_errno = f.target_errno;
  }
}

FileStat stat_of(const procscan::FileStat& s) {
  FileStat out;
  out.dev = s.dev;
  out.ino = s.ino;
  out.mode = s.mode;
  out.size = s.size;
  out.nlink = s.nlink;
  out.rdev = s.rdev;
  return out;
}

}  // namespace

struct Collector::Impl {
  const Options& options;
  Selection& selection;
  procscan::Scanner scanner;
  NameCache names;
  std::vector<NamedFile> named;
  bool name_errors = false;  // a name could not be stat'ed: lsof's exit status 1
  std::string debug;

  Impl(const Options& o, Selection& s) : options(o), selection(s), scanner(scanner_options(o)) {}

  static procscan::ScannerOptions scanner_options(const Options& o) {
    procscan::ScannerOptions so;
    if (!o.backend.empty()) procscan::parse_backend_choice(o.backend, so.backend);
    return so;
  }

  // The processes (and tasks) and what selects them, in pid then tid order.
  std::vector<TaskInfo> tasks(bool with_threads) {
    procscan::Query query;
    query.fields = {Field::Tgid, Field::Tid,  Field::Comm, Field::State,
                    Field::Ppid, Field::Pgid, Field::Euid};
    query.scope = with_threads ? procscan::Scope::ProcessesAndThreads : procscan::Scope::Processes;
    // Only listed pids can be selected when -p is the only way in (or ANDed); -E/+E looks
    // for endpoints in every process.
    const unsigned flags = selection.flags();
    if ((flags & kSelPid) && (flags == kSelPid || options.and_selections) && !options.endpoints) {
      query.pid_list_only = true;
      for (const auto& p : options.pids)
        if (!p.excluded) query.pids.push_back(static_cast<pid_t>(p.id));
    }
    std::vector<TaskInfo> out;
    std::string process_command;
    uid_t process_uid = 0;
    bool process_kept = false;
    scanner.scan(query, [&](const procscan::TaskRef& t) {
      const auto pid = static_cast<pid_t>(t.u64(Field::Tgid));
      const auto tid = static_cast<pid_t>(t.u64(Field::Tid));
      const auto view = lsof_stat_view(t.str(Field::Comm), static_cast<char>(t.u64(Field::State)),
                                       static_cast<pid_t>(t.u64(Field::Ppid)),
                                       static_cast<pid_t>(t.u64(Field::Pgid)));
      if (t.kind() == procscan::RowKind::Process) {
        // A process lsof cannot read its stat line for, or a zombie: not listed, nor its
        // threads.
        process_kept = view && !view->zombie;
        if (!process_kept) return;
        process_command = view->command;
        process_uid = static_cast<uid_t>(t.u64(Field::Euid));
        TaskInfo info;
        info.pid = pid;
        info.command = process_command;
        info.uid = process_uid;
        info.ppid = view->ppid;
        info.pgid = view->pgid;
        out.push_back(std::move(info));
        return;
      }
      if (!process_kept || !view || view->zombie || tid == pid) return;
      TaskInfo info;
      info.pid = pid;
      info.tid = tid;
      info.command = process_command;
      info.task_command = view->command;
      info.uid = process_uid;
      info.ppid = view->ppid;
      info.pgid = view->pgid;
      out.push_back(std::move(info));
    });
    // Threads first, as lsof's gather_proc_info does: with -a and -K a process whose task
    // directory held a kept thread is judged as a task too (tid = pid), though its rows
    // print as the process's.
    const bool and_tasks = options.and_selections && with_threads;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].tid) continue;
      bool kept_thread = false;
      for (std::size_t k = i + 1; k < out.size() && out[k].pid == out[i].pid && out[k].tid; ++k) {
        out[k].verdict = selection.judge_process(out[k].pid, out[k].pgid, out[k].uid,
                                                 out[k].command, out[k].tid);
        kept_thread = kept_thread || !out[k].verdict.excluded;
      }
      out[i].verdict = selection.judge_process(out[i].pid, out[i].pgid, out[i].uid, out[i].command,
                                               and_tasks && kept_thread ? out[i].pid : 0);
    }
    return out;
  }

  // +d/+D: the directory itself and the entries below it on its file system, symbolic
  // links skipped (unless -x l, -x f), each a name lsof looks for by device and inode.
  void prepare_directory(const Options::Directory& d, std::vector<std::string>& warnings) {
    std::string top = d.path;
    if (char* real = ::realpath(d.path.c_str(), nullptr)) {
      top = real;
      std::free(real);
    }
    struct stat st {};
    if (::stat(top.c_str(), &st) != 0) {
      if (options.warnings)
        warnings.push_back("WARNING: can't stat(" + top + "): " + std::strerror(errno));
      name_errors = true;
      return;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (options.warnings) warnings.push_back("WARNING: not a directory: " + top);
      name_errors = true;
      return;
    }
    const dev_t top_dev = st.st_dev;
    auto add = [&](const std::string& path, const struct stat& s) {
      NamedFile n;
      n.name = n.path = path;
      n.dev = s.st_dev;
      n.ino = s.st_ino;
      named.push_back(n);
    };
    add(top, st);
    std::vector<std::string> stack{top};
    while (!stack.empty()) {
      const std::string dir = stack.back();
      stack.pop_back();
      DIR* handle = ::opendir(dir.c_str());
      if (!handle) {
        if (errno != ENOENT && options.warnings)
          warnings.push_back("WARNING: can't opendir(" + dir + "): " + std::strerror(errno));
        continue;
      }
      const std::string prefix = dir.back() == '/' ? dir : dir + "/";
      while (const dirent* entry = ::readdir(handle)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..") continue;
        const std::string path = prefix + name;
        struct stat es {};
        if (::lstat(path.c_str(), &es) != 0) continue;
        if (!options.cross_file_systems && es.st_dev != top_dev) continue;
        if (S_ISLNK(es.st_mode)) {
          if (!options.cross_symlinks || ::stat(path.c_str(), &es) != 0) continue;
        }
        if (S_ISDIR(es.st_mode) && d.descend) stack.push_back(path);
        add(path, es);
      }
      ::closedir(handle);
    }
  }

  void prepare_names(std::vector<std::string>& warnings) {
    for (const auto& d : options.directories)
      prepare_directory(d, warnings);
    for (const auto& name : options.names) {
      struct stat st {};
      if (::stat(name.c_str(), &st) != 0) {
        if (!options.quiet_search) {
          warnings.push_back("status error on " + name + ": " + std::strerror(errno));
          name_errors = true;
        }
        continue;
      }
      NamedFile n;
      n.name = name;
      n.path = name;
      struct stat link {};
      if (::lstat(name.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        if (char* real = ::realpath(name.c_str(), nullptr)) {
          n.path = real;
          std::free(real);
        }
      }
      n.dev = st.st_dev;
      n.ino = st.st_ino;
      if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
        n.device = true;
        n.rdev = st.st_rdev;
      }
      if (options.filesystem_names == 2 ||
          (options.filesystem_names == 0 && is_mount_point(name, st))) {
        n.file_system = true;
      }
      named.push_back(n);
    }
  }

  // dfile.c is_file_named: a file by device and inode (it then takes the name it was asked
  // for by), or any file on an asked-for file system.
  std::optional<std::string> is_named(const FileRow& row, bool device) {
    (void)device;
    std::optional<std::string> result;
    // Of several names of one file, the one entered last (lsof's hash chains grow at their
    // head).
    for (auto it = named.rbegin(); it != named.rend(); ++it) {
      NamedFile& n = *it;
      if (n.file_system) continue;
      if (row.device && *row.device == n.dev && row.node == NodeKind::Inode && row.inode == n.ino) {
        n.found = true;
        if (!result) result = n.path;
      }
    }
    if (result) return result;
    for (auto& n : named) {
      if (!n.file_system) continue;
      if (row.device && *row.device == (n.device ? n.rdev : n.dev)) {
        n.found = true;
        if (!result) result = std::string();
      }
    }
    return result;
  }

  bool is_named_path(const std::string& path) {
    bool any = false;
    for (auto& n : named) {
      if (n.name == path) {
        n.found = true;
        any = true;
      }
    }
    return any;
  }
};

Collector::Collector(const Options& options, Selection& selection)
    : impl_(std::make_unique<Impl>(options, selection)) {}

Collector::~Collector() = default;

bool Collector::prepare(std::vector<std::string>& errors) {
  impl_->prepare_names(errors);
  if (impl_->name_errors) impl_->selection.note_error();
  // With -Q a name that cannot be stat'ed is not an error, even when it was the only one.
  return (impl_->options.names.empty() && impl_->options.directories.empty()) ||
         !impl_->named.empty() || impl_->options.quiet_search;
}

std::vector<ProcessRows> Collector::collect(std::vector<std::string>& warnings) {
  (void)warnings;  // nothing per pass yet that lsof warns about
  Impl& im = *impl_;
  const Options& options = im.options;
  Selection& selection = im.selection;
  for (auto& n : im.named)
    n.found = false;
  const bool with_threads = selection.lists_tasks();
  std::vector<TaskInfo> tasks = im.tasks(with_threads);

  procscan::OpenFilesQuery query;
  query.threads = with_threads;
  // --backend chooses the files' source too (PROCSCAN_BACKEND when it is auto).
  if (!options.backend.empty()) procscan::parse_backend_choice(options.backend, query.source);
  query.groups = {FileGroup::Fds, FileGroup::Link, FileGroup::LinkMode, FileGroup::Target,
                  FileGroup::FdInfo};
  for (const auto& e : options.exempt)
    query.stat_exempt_prefixes.push_back(e.path);
  // A regular file's or directory's fdinfo shows only in -o offsets and +f flags; a pipe's
  // or socket's offset is always 0 (taken as read below), so it shows only in +f flags
  // (and -e's quirks pass offsets around: read everything then).
  query.fdinfo_of_regular_files = options.offsets || options.file_flags;
  query.fdinfo_of_pipes_and_sockets = options.file_flags || !options.exempt.empty();
  // Only sockets are listed anywhere (lsof -i, -U): the other descriptors need no stat.
  // An exempt file is listed by its link alone, so -e changes nothing here.
  query.sockets_only = selection.sockets_only_everywhere();
  if (!selection.network_only()) {
    query.groups.add(FileGroup::CwdRootExe);
    query.groups.add(FileGroup::Maps);
  }
  // With -E/+E lsof reads excluded processes too: their endpoint files may be peers.
  std::set<pid_t> wanted;
  for (const auto& t : tasks)
    if (!t.verdict.excluded || options.endpoints) wanted.insert(t.pid);
  std::vector<ProcessRows> out;
  if (wanted.empty()) return out;
  query.pids.assign(wanted.begin(), wanted.end());
  const procscan::OpenFilesResult files = procscan::scan_open_files(query);

  const procscan::FileLocks locks = procscan::FileLocks::read();
  std::optional<procscan::SocketTable> sockets;
  auto socket_table = [&]() -> const procscan::SocketTable* {
    if (!sockets) {
      procscan::SocketQuery sq;
      sq.kinds = procscan::SocketKindSet::all();
      sq.unix_kernel_addresses = true;
      sockets = procscan::SocketTable::read(sq);
    }
    return &*sockets;
  };

  std::map<std::pair<pid_t, pid_t>, const TaskInfo*> by_id;
  for (const auto& t : tasks)
    if (!t.verdict.excluded || options.endpoints) by_id[{t.pid, t.tid}] = &t;

  std::optional<ListedLeader> leader;
  bool rows_name_the_directory = false;

  for (const auto& task : files.tasks()) {
    const pid_t tid = task.is_thread() ? task.tid : 0;
    auto found = by_id.find({task.tgid, tid});
    if (found == by_id.end()) continue;
    const TaskInfo& info = *found->second;
    if (!tid) leader.reset();
    if (tid && leader && shares_leader_rows(files, task, info, *leader, options.endpoints)) {
      ProcessRows rows = rows_header(info);
      ProcessRows& lead = out[leader->out_index];
      if (!lead.shared_files) {
        lead.shared_files = std::make_shared<const std::vector<FileRow>>(std::move(lead.files));
        lead.files.clear();
      }
      rows.shared_files = lead.shared_files;
      if (std::any_of(lead.shared_files->begin(), lead.shared_files->end(),
                      [](const FileRow& f) { return f.selected; }))
        selection.found_task();
      out.push_back(std::move(rows));
      continue;
    }
    rows_name_the_directory = false;
    ProcessRows rows = rows_header(info);
    const std::string dir =
        "/proc/" + std::to_string(info.pid) + (info.tid ? "/task/" + std::to_string(info.tid) : "");

    DescribeContext context(options);
    context.pid = info.pid;
    context.uid = info.uid;
    context.sockets_only = selection.sockets_only(info.verdict.primary ? info.verdict.flags : 0);
    context.network_only = selection.network_only();
    context.sockets = nullptr;
    context.address_found = &selection.address_found();
    context.lock = [&](std::uint64_t dev, std::uint64_t ino) {
      return locks.lock_of(info.pid, dev, ino);
    };
    context.socket_protocol = [](const std::string& path) {
      return procscan::socket_protocol_name(path.c_str());
    };
    if (!im.named.empty()) {
      context.named = [&](const FileRow& row, bool device) { return im.is_named(row, device); };
      context.named_path = [&](const std::string& path) { return im.is_named_path(path); };
    }
    context.state_found = [&](int state) { selection.found_tcp_state(state); };
    context.host_name = [&](const std::uint8_t* address, int family) {
      return im.names.host(address, family, options.host_names);
    };
    context.port_name = [&](int port, bool udp) { return im.names.port(port, udp); };

    // lsof's efs and lfr: whether a cwd or descriptor on an exempt file system came, and
    // the last such one if it is listed (each later descriptor's fdinfo offset and flags
    // land on it).
    bool exempt_seen = false;
    std::optional<std::size_t> exempt_row;
    auto add = [&](const RawFile& raw, const std::string& fd_name, int fd_number) {
      // Without a link, a row is named by its /proc path (lsof's "(readlink: ...)" and
      // NOFD rows): the task's own.
      if (raw.slot == RawSlot::FdDirectory || (raw.slot != RawSlot::Mapped && !raw.link))
        rows_name_the_directory = true;
      if (raw.slot == RawSlot::Fd && raw.link && raw.link->rfind("socket:", 0) == 0) {
        context.sockets = socket_table();
      }
      unsigned flags = 0;
      context.after_exempt = exempt_seen;
      FileRow& row = rows.files.emplace_back();
      if (!describe(raw, context, flags, row)) {
        rows.files.pop_back();
        return;
      }
      const unsigned file_flags = selection.file_flags(info.verdict, fd_name, fd_number) | flags;
      row.selected = selection.file_listed(file_flags);
      if (row.type == "UNKNcwd" || row.type == "UNKNfd") {
        exempt_seen = true;
        exempt_row.reset();
        if (row.selected) exempt_row = rows.files.size() - 1;
      }
      if (exempt_seen && exempt_row && raw.slot == RawSlot::Fd && raw.fdinfo) {
        FileRow& exempt = rows.files[*exempt_row];
        if (options.offsets && raw.fdinfo->pos) exempt.offset = raw.fdinfo->pos;
        if (options.file_flags && raw.fdinfo->flags) exempt.open_flags = raw.fdinfo->flags;
      }
      if (options.endpoints) {
        classify_endpoint(raw, row);
        // An excluded process's files matter only as someone's endpoints.
        if (info.verdict.excluded && !row.selected && row.endpoint == EndpointKind::None) {
          rows.files.pop_back();
          return;
        }
      }
      if (row.selected && (row.type == "IPv4" || row.type == "IPv6")) selection.found_network();
      if (row.selected && info.tid) selection.found_task();
    };

    rows.files.reserve(files.rows(task, FileSection::Fs).size() +
                       files.rows(task, FileSection::Vm).size() +
                       files.rows(task, FileSection::Fds).size() + 1);
    // cwd, rtd, txt, then mapped files, then descriptors (dproc.c process_id's order).
    std::optional<FileStat> exe_stat;
    for (FileSection section : {FileSection::Fs, FileSection::Vm}) {
      std::set<std::pair<std::uint64_t, std::uint64_t>> mapped;
      for (const procscan::OpenFile& f : files.rows(task, section)) {
        RawFile raw;
        if (f.slot == FileSlot::Mem) {
          if (f.map_dev == 0 && f.map_ino == 0) continue;
          if (exe_stat && exe_stat->dev == f.map_dev && exe_stat->ino == f.map_ino) continue;
          if (!mapped.insert({f.map_dev, f.map_ino}).second) continue;
          raw.slot = RawSlot::Mapped;
          raw.proc_path = std::string(files.name(f));
          raw.map_dev = f.map_dev;
          raw.map_ino = f.map_ino;
          raw.map_deleted = f.deleted;
          if (f.has_target()) {
            raw.target = stat_of(f.target);
          } else {
            raw.target_errno = f.target_errno > 0 ? f.target_errno : ENOENT;
          }
          add(raw, f.deleted ? "DEL" : "mem", -1);
          continue;
        }
        raw.slot = f.slot == FileSlot::Cwd    ? RawSlot::Cwd
                   : f.slot == FileSlot::Root ? RawSlot::Root
                                              : RawSlot::Exe;
        raw.proc_path = dir + "/" + proc_link_name(f.slot);
        link_and_target(files, f, raw);
        if (raw.target && f.slot == FileSlot::Exe) exe_stat = raw.target;
        add(raw, slot_name(f.slot, false), -1);
      }
    }
    if (task.fd_dir_errno) {
      RawFile raw;
      raw.slot = RawSlot::FdDirectory;
      raw.proc_path = dir + "/fd";
      raw.directory_errno = task.fd_dir_errno;
      add(raw, "NOFD", -1);
    }
    for (const procscan::OpenFile& f : files.rows(task, FileSection::Fds)) {
      RawFile raw;
      raw.slot = RawSlot::Fd;
      raw.fd = f.fd;
      raw.proc_path = dir + "/fd/" + std::to_string(f.fd);
      link_and_target(files, f, raw);
      if (f.has_link_mode()) {
        raw.link_mode = f.link_mode;
        raw.link_size = f.link_size;
      } else {
        raw.link_mode_errno = f.link_mode_errno;
      }
      if (f.has_fdinfo()) {
        FdInfoSeen seen;
        if (f.fdinfo.has_pos) seen.pos = f.fdinfo.pos;
        if (f.fdinfo.has_flags) seen.flags = f.fdinfo.flags;
        if (f.fdinfo.eventfd_id >= 0) seen.eventfd_id = f.fdinfo.eventfd_id;
        if (f.fdinfo.pidfd_pid >= 0) seen.pidfd_pid = f.fdinfo.pidfd_pid;
        if (f.fdinfo.tty_index >= 0) seen.tty_index = f.fdinfo.tty_index;
        for (int tfd : files.tfds(f.fdinfo)) {
          if (seen.epoll_fds.size() >= 32) break;
          seen.epoll_fds.push_back(tfd);
        }
        raw.fdinfo = seen;
      } else if (f.fdinfo_errno == -1 && !query.fdinfo_of_pipes_and_sockets && raw.link &&
                 (raw.link->starts_with("pipe:[") || raw.link->starts_with("socket:["))) {
        // Not read, by the query's choice: what it would have said.
        FdInfoSeen seen;
        seen.pos = 0;
        raw.fdinfo = seen;
      }
      add(raw, "", f.fd);
    }
    if (!tid) leader = ListedLeader{out.size(), &task, &info, rows_name_the_directory};
    out.push_back(std::move(rows));
  }
  std::vector<std::string> missing;
  for (const auto& n : im.named)
    if (!n.found)
      missing.push_back(
          std::string(n.file_system ? "no file system use located: " : "no file use located: ") +
          n.name);
  selection.set_missing_names(std::move(missing));
  std::sort(out.begin(), out.end(), [](const ProcessRows& a, const ProcessRows& b) {
    return a.pid != b.pid ? a.pid < b.pid : a.tid < b.tid;
  });
  if (options.endpoints) add_endpoints(out, sockets ? &*sockets : nullptr, options);

  im.debug = "backend=" + std::string(im.scanner.backend_name()) + " (" +
             im.scanner.choice_reason() + ") files=" + std::string(files.source()) + " (" +
             files.source_reason() + ") tasks=" + std::to_string(tasks.size());
  for (const auto& g : procscan::kFileGroupTable)
    im.debug += " " + std::string(g.name) + "=" + std::to_string(files.stats().reads_of(g.group));
  im.debug += " bpf_rows=" + std::to_string(files.stats().bpf_rows) +
              " bpf_completions=" + std::to_string(files.stats().bpf_completions);
  im.debug += " kcmp=" + std::to_string(files.stats().kcmp_calls) +
              " shared=" + std::to_string(files.stats().sections_shared);
  if (sockets) {
    im.debug += " sockets:";
    for (const auto& r : sockets->stats().reads)
      im.debug += " [" + r + "]";
  }
  return out;
}

std::string Collector::debug_line() const {
  return impl_->debug;
}

}  // namespace tdlsof
