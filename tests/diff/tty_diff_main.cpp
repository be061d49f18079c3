// td-tty-diff: interactive top against interactive tdtop. Each tool runs in a tmux session
// of a fixed size, inside the fixture world (pid 1000 in its pid namespace, its /proc),
// gets the same keys (`tmux send-keys`, one at a time, as a person types them), and the
// screens (`tmux capture-pane -p`) are compared after top_masks.h hides the numbers that
// move and the tool's own row is dropped. Cases are lines of tty_cases.txt (its header
// has the syntax). A failure prints both screens whole.
//
// Also its own helper: `td-tty-diff --exec-in-world NSDIR PID EXE ARGV0 ARGS...` is what
// tmux starts in a pane; it enters the world's pid namespace (clone3 with set_tid) and
// mount namespace and execs the tool with the pane as its terminal.
#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tool_links.h"
#include "top_masks.h"
#include "world_client.h"

namespace {

constexpr pid_t kToolPid = 1000;

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0' && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}

int skip(const std::string& reason) {
  if (in_ci()) {
    std::cout << "FAILED: CI is set, so this must not skip: " << reason << std::endl;
    return 1;
  }
  std::cout << "SKIPPED: " << reason << std::endl;
  return 77;
}

// ---- the helper tmux starts --------------------------------------------------------------

int exec_in_world(int argc, char** argv) {
  if (argc < 6) return 127;
  const std::string ns = argv[2];
  const pid_t pid = static_cast<pid_t>(std::atoi(argv[3]));
  const int pid_ns = open((ns + "pid_for_children").c_str(), O_RDONLY | O_CLOEXEC);
  const int mnt_ns = open((ns + "mnt").c_str(), O_RDONLY | O_CLOEXEC);
  if (pid_ns < 0 || mnt_ns < 0 || setns(pid_ns, CLONE_NEWPID) != 0) {
    std::perror("td-tty-diff: entering the world");
    return 127;
  }
  clone_args args{};
  args.exit_signal = SIGCHLD;
  pid_t wanted = pid;
  args.set_tid = reinterpret_cast<__u64>(&wanted);
  args.set_tid_size = 1;
  long child = syscall(SYS_clone3, &args, sizeof args);
  // The last run's tool may still hold the pid for a moment.
  for (int retry = 0; child < 0 && errno == EEXIST && retry < 300; ++retry) {
    usleep(10000);
    child = syscall(SYS_clone3, &args, sizeof args);
  }
  if (child < 0) {
    std::perror("td-tty-diff: clone3");
    return 127;
  }
  if (child == 0) {
    if (setns(mnt_ns, CLONE_NEWNS) != 0 || chdir("/") != 0) _exit(127);
    std::vector<char*> tool_argv(argv + 5, argv + argc);
    tool_argv.push_back(nullptr);
    const char* term = std::getenv("TERM");
    std::string term_entry = std::string("TERM=") + (term ? term : "dumb");
    std::vector<std::string> env = {term_entry, "HOME=/nonexistent", "XDG_CONFIG_HOME=/nonexistent",
                                    "LANG=C.UTF-8"};
    // A sanitizer build's settings (meson's diff_env) reach the tools as they reach td-diff's.
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS"})
      if (const char* value = std::getenv(name)) env.push_back(std::string(name) + "=" + value);
    if (const char* extra = std::getenv("TD_TTY_ENV")) {
      std::istringstream words(extra);
      for (std::string word; words >> word;)
        env.push_back(word);
    }
    std::vector<char*> envp;
    for (std::string& e : env)
      envp.push_back(e.data());
    envp.push_back(nullptr);
    execve(argv[4], tool_argv.data(), envp.data());
    _exit(127);
  }
  // The pane's signals (HUP when the session ends) reach the tool in this process group.
  signal(SIGHUP, SIG_IGN);
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  int status = 0;
  while (waitpid(static_cast<pid_t>(child), &status, 0) < 0 && errno == EINTR) {
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  // The pane stays alive with what the tool left on it: tmux marks a pane dead (and writes
  // its line) only once every holder of the terminal has closed it, some time after the
  // exit. The harness reads the status from the file instead; we stay until kill-server
  // hangs the terminal up (its HUP may have come already: it is what ended the tool).
  if (const char* path = std::getenv("TD_TTY_STATUS")) {
    // Only into the file the harness made: after it has read and removed it, a tool that
    // kill-server's HUP ended leaves nothing behind.
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
      const std::string text = std::to_string(code) + "\n";
      if (::write(fd, text.data(), text.size()) < 0) std::perror("td-tty-diff: status");
      ::close(fd);
    }
    // Keys that come after the tool left are read and dropped; end of file or an error on
    // the terminal is the hangup. The HUP itself ends us from now on, and so does an alarm
    // if tmux were never killed.
    signal(SIGHUP, SIG_DFL);
    alarm(600);
    char key = 0;
    for (pollfd terminal{STDIN_FILENO, POLLIN, 0};;) {
      if (::poll(&terminal, 1, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (terminal.revents & (POLLHUP | POLLERR | POLLNVAL)) break;
      if (::read(STDIN_FILENO, &key, 1) <= 0) break;
    }
  }
  return code;
}

// ---- tmux ----------------------------------------------------------------------------------

std::string run_capture(const std::vector<std::string>& argv) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return {};
  const pid_t child = fork();
  if (child == 0) {
    dup2(out[1], 1);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(child, &status, 0);
  return text;
}

bool have_tmux() {
  return run_capture({"tmux", "-V"}).rfind("tmux", 0) == 0;
}

struct Case {
  int line = 0;
  std::string text;
  int columns = 80, rows = 24;
  std::vector<std::string> args;  // the tool's options
  std::vector<std::string> keys;  // tmux key names; @resize=WxH, @wait=MS
  bool attributes = false;        // @attrs: the cells' attributes are compared too
};

// "80x24 -d 30 : l t Enter" -> size, options, keys.
bool parse_case(const std::string& line, int number, Case* c) {
  std::istringstream words(line);
  std::string size;
  words >> size;
  if (std::sscanf(size.c_str(), "%dx%d", &c->columns, &c->rows) != 2) return false;
  bool keys = false;
  for (std::string word; words >> word;) {
    if (word == ":" && !keys) {
      keys = true;
      continue;
    }
    if (!keys && word == "@attrs") {
      c->attributes = true;
      continue;
    }
    (keys ? c->keys : c->args).push_back(word == "\\:" ? ":" : word);
  }
  c->line = number;
  c->text = line;
  return true;
}

class Tmux {
 public:
  explicit Tmux(std::string socket) : socket_(std::move(socket)) {}
  ~Tmux() {
    run({"kill-server"});
    ::unlink(socket_.c_str());
  }
  std::string run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"tmux", "-S", socket_});
    return run_capture(args);
  }

 private:
  std::string socket_;
};

void sleep_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// A cell's attributes as SGR sequences leave them: what a screen shows, whatever bytes
// drew it.
struct CellLook {
  std::set<int> flags;  // 1 bold, 2 dim, 3 italic, 4 underline, 5 blink, 7 reverse, 8, 9
  std::string foreground, background;  // "" default, else the SGR parameters
  bool operator==(const CellLook&) const = default;
  std::string text() const {
    std::string out;
    for (int f : flags)
      out += std::to_string(f) + ",";
    return out + "f" + foreground + ",b" + background;
  }
};

// Applies one SGR sequence's parameters ("1;31", "" is a reset) to `look`.
void apply_sgr(const std::string& parameters, CellLook& look) {
  std::vector<int> p;
  std::istringstream in(parameters);
  for (std::string item; std::getline(in, item, ';');)
    p.push_back(item.empty() ? 0 : std::atoi(item.c_str()));
  if (p.empty()) p.push_back(0);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const int n = p[i];
    // 38;5;N and 38;2;R;G;B (48 for the background): the colour is all of them.
    if ((n == 38 || n == 48) && i + 1 < p.size()) {
      const std::size_t count = p[i + 1] == 5 ? 2 : p[i + 1] == 2 ? 4 : 1;
      std::string colour = std::to_string(n);
      for (std::size_t j = 1; j <= count && i + j < p.size(); ++j)
        colour += ";" + std::to_string(p[i + j]);
      (n == 38 ? look.foreground : look.background) = colour;
      i += count;
    } else if (n == 0) {
      look = {};
    } else if (n >= 1 && n <= 9) {
      look.flags.insert(n);
    } else if (n == 22) {
      look.flags.erase(1);
      look.flags.erase(2);
    } else if (n >= 23 && n <= 29) {
      look.flags.erase(n - 20);
    } else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) {
      look.foreground = std::to_string(n);
    } else if (n == 39) {
      look.foreground.clear();
    } else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) {
      look.background = std::to_string(n);
    } else if (n == 49) {
      look.background.clear();
    }
  }
}

// A screen captured with -e (tmux's SGR sequences where a cell's attributes change, also
// across lines) as @attrs cases compare it: each line's text without them and its
// trailing blanks (as -p gives it), then, when its cells are not all plain, " |attrs|" and
// COLUMN:LOOK wherever the look changes, from plain at the line's start. A line's track
// depends on its own cells only, so the masks and the dropped rows apply to it with its
// text.
std::string with_attributes(const std::string& captured) {
  std::string out;
  std::istringstream lines(captured);
  CellLook carried;  // what tmux's last sequence left on
  for (std::string line; std::getline(lines, line);) {
    std::string text, track;
    CellLook look = carried, shown;  // `shown`: the look of the last cell the track has
    int column = 0;
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] == '\033' && i + 1 < line.size() && line[i + 1] == '[') {
        std::size_t end = i + 2;
        while (end < line.size() && !(line[end] >= '@' && line[end] <= '~'))
          ++end;
        if (end < line.size() && line[end] == 'm') apply_sgr(line.substr(i + 2, end - i - 2), look);
        i = end + 1;
        continue;
      }
      // A column per character (the fixture world's text is ASCII; UTF-8 counts once).
      if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) {
        if (!(look == shown)) track += " " + std::to_string(column) + ":" + look.text();
        shown = look;
        ++column;
      }
      text.push_back(line[i++]);
    }
    carried = look;
    // Trailing blanks go with their looks (-p drops them too).
    const std::size_t kept = text.find_last_not_of(' ') + 1;
    if (kept < text.size()) {
      const int last = static_cast<int>(kept);
      std::string cut;
      std::istringstream entries(track);
      for (std::string entry; entries >> entry;)
        if (std::atoi(entry.c_str()) < last) cut += " " + entry;
      track = cut;
      text.erase(kept);
    }
    out += text;
    if (!track.empty()) out += " |attrs|" + track;
    out += "\n";
  }
  return out;
}

// One tool through one case: the screen after the keys.
std::string play(const std::string& self, const std::string& ns, const std::string& tool,
                 const Case& c, const std::string& socket, std::string* ending) {
  static std::atomic<int> runs{0};
  const std::string name = socket + "-" + std::to_string(++runs);
  Tmux tmux(name);
  const std::string status_path = name + ".status";
  std::ofstream{status_path, std::ios::trunc};  // empty while the tool runs
  std::string command = "TD_TTY_STATUS='" + status_path + "' exec '" + self +
                        "' --exec-in-world '" + ns + "' " + std::to_string(kToolPid) + " '" + tool +
                        "' top";
  for (const std::string& a : c.args)
    command += " '" + a + "'";
  // One client command, so the options hold before a tool that exits at once is gone; the
  // dead pane's line without tmux's clock (its default has the time the pane died).
  tmux.run({"-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            std::to_string(c.columns),
            "-y",
            std::to_string(c.rows),
            "-s",
            "t",
            command,
            ";",
            "set-option",
            "-t",
            "t",
            "remain-on-exit",
            "on",
            ";",
            "set-option",
            "-t",
            "t",
            "remain-on-exit-format",
            "Pane is dead (status #{pane_dead_status})"});
  // The first frame: a header line, or whatever is there after five seconds.
  for (int i = 0; i < 50; ++i) {
    sleep_ms(100);
    if (tmux.run({"capture-pane", "-p", "-t", "t"}).find("PID") != std::string::npos) break;
  }
  sleep_ms(300);
  for (const std::string& key : c.keys) {
    int w = 0, h = 0;
    if (std::sscanf(key.c_str(), "@resize=%dx%d", &w, &h) == 2) {
      tmux.run({"resize-window", "-t", "t", "-x", std::to_string(w), "-y", std::to_string(h)});
    } else if (std::sscanf(key.c_str(), "@wait=%d", &w) == 1) {
      sleep_ms(w);
      continue;
    } else {
      tmux.run({"send-keys", "-t", "t", key});
    }
    sleep_ms(250);
  }
  // A message stays 1.25 s before the next frame.
  sleep_ms(1600);
  std::string screen = c.attributes
                           ? with_attributes(tmux.run({"capture-pane", "-p", "-e", "-t", "t"}))
                           : tmux.run({"capture-pane", "-p", "-t", "t"});
  // Compared too: whether the tool is still running, or how it ended.
  std::ifstream status(status_path);
  std::string code;
  *ending = status >> code ? "[the tool exited with status " + code + "]\n" : "[the tool runs]\n";
  ::unlink(status_path.c_str());
  return screen;
}

int count_lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

bool has_word(const std::string& line, const std::string& wanted) {
  std::istringstream words(line);
  for (std::string word; words >> word;)
    if (word == wanted) return true;
  return false;
}

// The task rows of the tool itself (PID 1000) after a column header; a prompt on the
// message line does not matter.
void drop_self_rows(std::string& text) {
  std::istringstream lines(text);
  std::string out;
  bool rows = false;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (rows && first == std::to_string(kToolPid)) continue;
    // The header: PID is a word of it (its first with numbers left-justified, J).
    rows = rows || has_word(line, "PID");
    out += line + "\n";
  }
  text = out;
}

// The lines under the last column header: [first, first + rows) are task rows, up to the
// first blank line (a screen after q has a blank line and more below its rows).
struct TaskArea {
  std::size_t first = 0, rows = 0;
  bool found = false;
};

TaskArea task_area(const std::vector<std::string>& lines) {
  TaskArea area;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (has_word(lines[i], "PID")) {
      area.first = i + 1;
      area.found = true;
    }
  while (area.found && area.first + area.rows < lines.size() &&
         !lines[area.first + area.rows].empty())
    ++area.rows;
  return area;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// `longer` did not show the tool's row where `shorter` did (and lost it): the line the row
// displaced goes from `longer` too. With more task rows than `shorter` kept, that is its
// last task row (a full screen, a window of # tasks); with as many, every task fitted and
// it is the first blank line under them.
void drop_displaced_line(std::string& longer, const std::string& shorter) {
  std::vector<std::string> lines = split_lines(longer);
  const TaskArea area = task_area(lines), other = task_area(split_lines(shorter));
  if (!area.found) return;
  std::size_t drop = area.first + area.rows;  // the first line under the rows
  if (area.rows > other.rows) drop -= 1;
  if (drop >= lines.size() || (drop == area.first + area.rows && !lines[drop].empty())) return;
  lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(drop));
  longer.clear();
  for (const std::string& line : lines)
    longer += line + "\n";
}

// The masks, and the tool's own row dropped (its %CPU, memory and place differ between two
// programs). When only one screen showed the tool's row, the line it displaced goes from
// the other screen too (drop_displaced_line).
void mask_pair(std::string& reference, std::string& candidate) {
  const int ref_lines = count_lines(reference), cand_lines = count_lines(candidate);
  for (std::string* s : {&reference, &candidate}) {
    td::diff::mask_top_output(*s, "top");
    drop_self_rows(*s);
  }
  const bool ref_self = count_lines(reference) < ref_lines;
  const bool cand_self = count_lines(candidate) < cand_lines;
  if (ref_self && !cand_self && count_lines(candidate) == count_lines(reference) + 1)
    drop_displaced_line(candidate, reference);
  if (cand_self && !ref_self && count_lines(reference) == count_lines(candidate) + 1)
    drop_displaced_line(reference, candidate);
}

void show(std::ostream& out, const char* title, const std::string& screen) {
  out << "---- " << title << " ----\n";
  std::istringstream lines(screen);
  int n = 0;
  for (std::string line; std::getline(lines, line);) {
    ++n;
    out << (n < 10 ? " " : "") << n << "|" << line << "\n";
  }
}

// One case in one world: "ok ..." or "FAIL ..." with both screens, masked and as captured.
bool run_case(const std::string& self, const std::string& ns, const td::diff::ToolLinks& links,
              const Case& c, const std::string& socket, std::string* report) {
  std::string ref_end, cand_end;
  std::string ref = play(self, ns, links.reference(), c, socket, &ref_end);
  std::string cand = play(self, ns, links.candidate(), c, socket, &cand_end);
  std::string ref_masked = ref, cand_masked = cand;
  mask_pair(ref_masked, cand_masked);
  for (auto [screen, ending] :
       {std::pair{&ref, &ref_end}, std::pair{&cand, &cand_end}, std::pair{&ref_masked, &ref_end},
        std::pair{&cand_masked, &cand_end}})
    *screen += *ending;
  std::ostringstream out;
  const bool same = ref_masked == cand_masked;
  out << (same ? "ok   " : "FAIL ") << c.line << ": " << c.text << "\n";
  if (!same) {
    show(out, "reference (masked)", ref_masked);
    show(out, "candidate (masked)", cand_masked);
    show(out, "reference (as captured)", ref);
    show(out, "candidate (as captured)", cand);
  }
  *report = out.str();
  return same;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--exec-in-world") == 0) return exec_in_world(argc, argv);
  std::string world, reference, candidate, cases;
  int jobs = 2;
  int sample = 1;  // every Nth case (the sanitizer build's run: its tdtop is slower)
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](const char* name) { return a.substr(std::strlen(name)); };
    if (a.rfind("--world=", 0) == 0) world = value("--world=");
    if (a.rfind("--reference=", 0) == 0) reference = value("--reference=");
    if (a.rfind("--candidate=", 0) == 0) candidate = value("--candidate=");
    if (a.rfind("--cases=", 0) == 0) cases = value("--cases=");
    if (a.rfind("--jobs=", 0) == 0) jobs = std::max(1, std::atoi(value("--jobs=").c_str()));
    if (a.rfind("--sample=", 0) == 0) sample = std::max(1, std::atoi(value("--sample=").c_str()));
  }
  if (world.empty() || reference.empty() || candidate.empty() || cases.empty()) {
    std::cerr << "usage: td-tty-diff --world=EXE --reference=TOP --candidate=TDTOP --cases=FILE "
                 "[--jobs=N] [--sample=N]\n";
    return 2;
  }
  if (!have_tmux()) return skip("tmux is not installed (apt-get install tmux)");
  if (const std::string why = td::diff::WorldClient::probe_unshare(); !why.empty())
    return skip("needs root for unshare --pid: " + why);
  // Cases run in `jobs` worlds at once, each case's two runs in the same world: a case
  // mostly waits (keys 0.25 s apart, a message's 1.25 s), and every world is the same.
  std::string error;
  std::vector<std::unique_ptr<td::diff::WorldClient>> worlds;
  for (int i = 0; i < jobs; ++i) {
    worlds.push_back(td::diff::WorldClient::start(world, &error));
    if (!worlds.back()) {
      std::cout << "FAILED: the fixture world: " << error << std::endl;
      return 1;
    }
  }
  td::diff::ToolLinks links;
  if (!links.make("top", reference, candidate, &error)) {
    std::cout << "FAILED: " << error << std::endl;
    return 1;
  }
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return 1;
  self[n] = '\0';
  const std::string socket = "/tmp/td-tty-diff-" + std::to_string(getpid());

  std::ifstream in(cases);
  std::vector<Case> table;
  int number = 0, failed = 0, passed = 0, seen = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (seen++ % sample != 0) continue;
    Case c;
    if (!parse_case(line, number, &c)) {
      std::cout << "FAILED: " << cases << ":" << number << ": not a case: " << line << "\n";
      ++failed;
      continue;
    }
    table.push_back(c);
  }
  std::atomic<std::size_t> next{0};
  std::mutex print;
  std::vector<const Case*> differed;
  std::vector<std::thread> workers;
  for (const auto& w : worlds)
    workers.emplace_back([&, ns = w->namespace_dir()] {
      for (std::size_t i; (i = next++) < table.size();) {
        std::string report;
        const bool same = run_case(self, ns, links, table[i], socket, &report);
        std::lock_guard<std::mutex> lock(print);
        if (same) {
          ++passed;
        } else {
          differed.push_back(&table[i]);
        }
        std::cout << report << std::flush;
      }
    });
  for (std::thread& t : workers)
    t.join();
  // A case that differed runs once more, alone in the first world: a screen captured while
  // the machine was too busy for the tool to draw in time differs once; a real difference
  // differs again. Both reports are printed.
  for (const Case* c : differed) {
    std::string report;
    const bool same = run_case(self, worlds.front()->namespace_dir(), links, *c, socket, &report);
    std::cout << "rerun alone: " << report << std::flush;
    ++(same ? passed : failed);
  }
  std::cout << passed << " passed, " << failed << " failed";
  if (!differed.empty()) std::cout << " (" << differed.size() << " differed once)";
  std::cout << std::endl;
  return failed ? 1 : 0;
}
