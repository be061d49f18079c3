#include "world_client.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "protocol.h"

extern char** environ;

namespace td::diff {
namespace {

// What world helpers get as environment; fixtures get their own (launcher.h).
const std::vector<std::string> kHelperEnv = {"HOME=/", "PATH=/usr/bin:/bin"};

std::vector<std::string> unshare_argv(const std::string& program, bool net = false) {
  if (net) return {"unshare", "--pid", "--fork", "--mount-proc", "--net", "--kill-child", program};
  return {"unshare", "--pid", "--fork", "--mount-proc", "--kill-child", program};
}

// Spawns args with stdin/stdout/stderr redirected to the given fds (-1: inherit).
pid_t spawn(const std::vector<std::string>& args, int in, int out, int err, std::string* error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in >= 0) posix_spawn_file_actions_adddup2(&actions, in, 0);
  if (out >= 0) posix_spawn_file_actions_adddup2(&actions, out, 1);
  if (err >= 0) posix_spawn_file_actions_adddup2(&actions, err, 2);
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& arg : copy)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    *error = std::string("cannot run ") + argv[0] + ": " + std::strerror(rc);
    return -1;
  }
  return pid;
}

std::string first_line(std::string text) {
  size_t newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
  return text;
}

}  // namespace

std::string WorldClient::probe_unshare() {
  int err_pipe[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return std::string("pipe: ") + std::strerror(errno);
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  std::string error;
  pid_t pid = spawn(unshare_argv("true"), null, null, err_pipe[1], &error);
  close(err_pipe[1]);
  close(null);
  std::string message;
  char chunk[4096];
  ssize_t n;
  while ((n = read(err_pipe[0], chunk, sizeof chunk)) > 0)
    message.append(chunk, n);
  close(err_pipe[0]);
  if (pid < 0) return error;
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  std::string why = first_line(message);
  return why.empty() ? describe_wait_status(status) : why;
}

std::unique_ptr<WorldClient> WorldClient::start(const std::string& world_exe, std::string* error,
                                                bool for_lsof) {
  int sockets[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    *error = std::string("socketpair: ") + std::strerror(errno);
    return nullptr;
  }
  pid_t pid = spawn(unshare_argv(world_exe, for_lsof), sockets[1], -1, -1, error);
  close(sockets[1]);
  if (pid < 0) {
    close(sockets[0]);
    return nullptr;
  }
  std::unique_ptr<WorldClient> world(new WorldClient(world_exe, pid, sockets[0], for_lsof));
  // pid 1 says it runs, and only then do its namespaces exist to be entered.
  char byte;
  if (read(world->init_socket_, &byte, 1) != 1) {
    *error = "td-world (pid 1) did not start (see stderr above)";
    return nullptr;
  }
  if (!world->open_runner(error) || !world->spawn_fixtures(error)) return nullptr;
  return world;
}

WorldClient::~WorldClient() {
  runner_.reset();
  if (fixture_tty_master_ >= 0) close(fixture_tty_master_);
  close(init_socket_);
  int status;
  while (waitpid(unshare_pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

bool WorldClient::open_runner(std::string* error) {
  // unshare itself stays in the parent pid namespace but forks into the new one, and lives
  // in the new mount (and for lsof network) namespace: exactly those that helpers and tools
  // enter.
  std::string ns = "/proc/" + std::to_string(unshare_pid_) + "/ns/";
  int pid_ns = open((ns + "pid_for_children").c_str(), O_RDONLY | O_CLOEXEC);
  int mnt_ns = open((ns + "mnt").c_str(), O_RDONLY | O_CLOEXEC);
  int net_ns = for_lsof_ ? open((ns + "net").c_str(), O_RDONLY | O_CLOEXEC) : -1;
  if (pid_ns < 0 || mnt_ns < 0 || (for_lsof_ && net_ns < 0)) {
    *error = "open " + ns + "*: " + std::strerror(errno);
    return false;
  }
  runner_ = std::make_unique<ToolRunner>(pid_ns, mnt_ns, net_ns);
  return true;
}

bool WorldClient::spawn_fixtures(std::string* error) {
  int sockets[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    *error = std::string("socketpair: ") + std::strerror(errno);
    return false;
  }
  std::vector<std::string> argv = {"td-world", "--spawn"};
  if (for_lsof_) argv.push_back("--with=lsof");
  pid_t helper = runner_->start_helper(world_exe_, argv, kHelperEnv, sockets[1], error);
  close(sockets[1]);
  std::vector<int> fds;
  fixtures::Fields fields;
  fixtures::FieldReader reader(sockets[0]);
  bool ok = helper > 0 && fixtures::receive_fds(sockets[0], &fds) && reader.read_message(&fields);
  close(sockets[0]);
  if (helper > 0) waitpid(helper, nullptr, 0);
  if (fds.size() == 2) {
    fixture_tty_master_ = fds[0];
  } else {
    for (int fd : fds)
      close(fd);
  }
  if (!ok) {
    if (error->empty()) *error = "td-world --spawn ended before announcing (see stderr above)";
    return false;
  }
  if (!parse_announcement(fields, error)) return false;
  runner_->set_tool_tty(fds[1], tool_tty_path_);
  return true;
}

bool WorldClient::parse_announcement(const std::vector<std::string>& fields, std::string* error) {
  if (fields.size() >= 2 && fields[0] == "error") {
    *error = "td-world: " + fields[1];
    return false;
  }
  if (fields.empty() || fields[0] != "world" || fixture_tty_master_ < 0) {
    *error = "td-world sent no announcement";
    return false;
  }
  for (size_t i = 1; i < fields.size();) {
    const std::string& key = fields[i];
    auto has = [&](size_t n) { return i + n < fields.size(); };
    if (key == "proc" && has(5)) {
      WorldProcess process;
      process.name = fields[i + 1];
      const std::string& pid = fields[i + 2];
      std::from_chars(pid.data(), pid.data() + pid.size(), process.pid);
      process.state = fields[i + 3].empty() ? '?' : fields[i + 3][0];
      const std::string& threads = fields[i + 4];
      std::from_chars(threads.data(), threads.data() + threads.size(), process.threads);
      process.fixture = fields[i + 5];
      processes_.push_back(process);
      i += 6;
    } else if (key == "tids" && has(2)) {
      auto process = std::find_if(processes_.begin(), processes_.end(),
                                  [&](const WorldProcess& p) { return p.name == fields[i + 1]; });
      if (process == processes_.end()) {
        *error = "td-world: tids of an unknown process " + fields[i + 1];
        return false;
      }
      std::string_view list = fields[i + 2];
      while (!list.empty()) {
        pid_t tid = 0;
        std::from_chars(list.data(), list.data() + list.size(), tid);
        process->tids.push_back(tid);
        size_t comma = list.find(',');
        list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
      }
      i += 3;
    } else if ((key == "fixture-tty" || key == "tool-tty") && has(1)) {
      ttys_[key == "fixture-tty" ? "fixtures" : "tool"] = fields[i + 1];
      i += 2;
    } else if (key == "tool-tty-path" && has(1)) {
      tool_tty_path_ = fields[i + 1];
      i += 2;
    } else if (key == "start-ticks" && has(1)) {
      std::string_view list = fields[i + 1];
      while (!list.empty()) {
        unsigned long long tick = 0;
        std::from_chars(list.data(), list.data() + list.size(), tick);
        start_ticks_.push_back(tick);
        size_t comma = list.find(',');
        list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
      }
      i += 2;
    } else if (key == "cpu-use" && has(1)) {
      std::string_view list = fields[i + 1];
      while (!list.empty()) {
        CpuShare use;
        const char* p = list.data();
        const char* end = list.data() + list.size();
        p = std::from_chars(p, end, use.start_ticks).ptr;
        if (p < end && *p == ':') p = std::from_chars(p + 1, end, use.cpu_ticks).ptr;
        if (p < end && *p == ':') p = std::from_chars(p + 1, end, use.cumulative_ticks).ptr;
        cpu_use_.push_back(use);
        size_t comma = list.find(',');
        list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
      }
      i += 2;
    } else if (key == "note" && has(1)) {
      notes_.push_back(fields[i + 1]);
      i += 2;
    } else {
      *error = "td-world: bad announcement field " + key;
      return false;
    }
  }
  return true;
}

std::string WorldClient::check() {
  RunRequest request;
  request.exe = world_exe_;
  request.argv = {"td-world", "--check"};
  for (const auto& p : processes_) {
    request.argv.push_back(p.name + ":" + std::to_string(p.pid) + ":" + p.state + ":" +
                           std::to_string(p.threads));
  }
  request.env = kHelperEnv;
  RunResult result;
  runner_->run(request, &result);
  if (!result.error.empty()) return result.error;
  if (result.out == "ok\n") return "";
  return result.out.empty() ? "td-world --check: " + describe_wait_status(result.wait_status)
                            : result.out;
}

std::optional<pid_t> WorldClient::pid_of(const std::string& name) const {
  for (const auto& process : processes_) {
    if (process.name == name) return process.pid;
  }
  return std::nullopt;
}

std::optional<pid_t> WorldClient::tid_of(const std::string& name) const {
  for (const auto& process : processes_) {
    if (process.name != name) continue;
    for (const pid_t tid : process.tids)
      if (tid != process.pid) return tid;
  }
  return std::nullopt;
}

std::optional<std::string> WorldClient::tty_of(const std::string& which) const {
  auto it = ttys_.find(which);
  if (it == ttys_.end()) return std::nullopt;
  return it->second;
}

}  // namespace td::diff
