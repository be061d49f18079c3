// The refresh engine on processes this test makes: a child that forks, whose child execs and
// is killed, and (as root, in a fresh pid namespace) a pid freed and given to another task
// between two refreshes.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>
#include "test_skip.h"

#include "procscan/refresh.h"
#include "procscan/scanner.h"

using namespace procscan;

namespace {

Query process_query() {
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Ppid, Field::Comm, Field::Utime};
  return query;
}

std::optional<std::size_t> row_of(const TaskTable& table, pid_t tid) {
  for (std::size_t row = 0; row < table.size(); ++row)
    if (table[row].u64(Field::Tid) == static_cast<std::uint64_t>(tid)) return row;
  return std::nullopt;
}

bool died(const Refresh& r, pid_t tid) {
  for (std::size_t row : r.deaths())
    if (r.previous_tasks()[row].u64(Field::Tid) == static_cast<std::uint64_t>(tid)) return true;
  return false;
}

bool write_all(int fd, const void* data, std::size_t size) {
  return ::write(fd, data, size) == static_cast<ssize_t>(size);
}

// A child that obeys one-byte orders: 'f' forks a grandchild (its pid is the answer), 'e'
// makes the grandchild exec sleep and answers once it has, 'k' kills and reaps it, 'q' ends.
class Parent {
 public:
  Parent() {
    int orders[2], answers[2];
    REQUIRE(::pipe2(orders, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(answers, O_CLOEXEC) == 0);
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(orders[1]);
      ::close(answers[0]);
      serve(orders[0], answers[1]);
      ::_exit(0);
    }
    ::close(orders[0]);
    ::close(answers[1]);
    orders_ = orders[1];
    answers_ = answers[0];
  }
  ~Parent() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    ::close(orders_);
    ::close(answers_);
  }
  pid_t order(char what) {
    pid_t answer = -1;
    REQUIRE(write_all(orders_, &what, 1));
    REQUIRE(::read(answers_, &answer, sizeof answer) == sizeof answer);
    return answer;
  }
  void end() {
    const char quit = 'q';
    REQUIRE(write_all(orders_, &quit, 1));
    REQUIRE(::waitpid(pid, nullptr, 0) == pid);
    pid = -1;
  }

  pid_t pid = -1;

 private:
  static void serve(int orders, int answers) {
    pid_t child = -1;
    int go = -1, execed = -1;
    char what;
    while (::read(orders, &what, 1) == 1 && what != 'q') {
      pid_t answer = 0;
      if (what == 'f') {
        int go_pipe[2], exec_pipe[2];
        if (::pipe(go_pipe) != 0 || ::pipe2(exec_pipe, O_CLOEXEC) != 0) ::_exit(2);
        child = ::fork();
        if (child == 0) {
          char byte;
          (void)!::read(go_pipe[0], &byte, 1);
          ::execl("/bin/sleep", "sleep", "1000", static_cast<char*>(nullptr));
          ::_exit(3);
        }
        ::close(go_pipe[0]);
        ::close(exec_pipe[1]);
        go = go_pipe[1];
        execed = exec_pipe[0];
        answer = child;
      } else if (what == 'e') {
        char byte = 'g';
        (void)!::write(go, &byte, 1);
        (void)!::read(execed, &byte, 1);  // end of file: the exec closed its end
      } else if (what == 'k') {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
      }
      if (!write_all(answers, &answer, sizeof answer)) ::_exit(4);
    }
  }

  int orders_ = -1;
  int answers_ = -1;
};

}  // namespace

TEST_CASE("a child forks, its child execs and is killed, the child ends", "[refresh][live]") {
  Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});
  Refresher refresher(scanner, process_query(), {SystemFigure::CpuUser});
  Parent parent;

  const Refresh& first = refresher.refresh();
  const auto parent_row = row_of(first.tasks(), parent.pid);
  REQUIRE(parent_row);
  CHECK(first.born(*parent_row));

  const pid_t child = parent.order('f');
  REQUIRE(child > 0);
  const Refresh& forked = refresher.refresh();
  CHECK(forked.interval_seconds() > 0);
  const auto child_row = row_of(forked.tasks(), child);
  REQUIRE(child_row);
  CHECK(forked.born(*child_row));
  CHECK(forked.tasks()[*child_row].u64(Field::Ppid) == static_cast<std::uint64_t>(parent.pid));
  REQUIRE(row_of(forked.tasks(), parent.pid));
  CHECK_FALSE(forked.born(*row_of(forked.tasks(), parent.pid)));
  CHECK_FALSE(died(forked, parent.pid));

  // An exec keeps the task: same pid, same start time, another name.
  parent.order('e');
  const Refresh& execed = refresher.refresh();
  const auto execed_row = row_of(execed.tasks(), child);
  REQUIRE(execed_row);
  REQUIRE_FALSE(execed.born(*execed_row));
  CHECK(execed.tasks()[*execed_row].str(Field::Comm) == "sleep");
  CHECK(execed.previous_tasks()[execed.previous_row(*execed_row)].str(Field::Comm) != "sleep");
  CHECK_FALSE(died(execed, child));

  parent.order('k');
  const Refresh& killed = refresher.refresh();
  CHECK_FALSE(row_of(killed.tasks(), child));
  CHECK(died(killed, child));
  CHECK_FALSE(died(killed, parent.pid));

  const pid_t parent_pid = parent.pid;
  parent.end();
  const Refresh& ended = refresher.refresh();
  CHECK_FALSE(row_of(ended.tasks(), parent_pid));
  CHECK(died(ended, parent_pid));
  CHECK_FALSE(died(ended, child));  // died once, not again
  CHECK(ended.number() == 5);
}

namespace {

bool set_last_pid(pid_t pid) {
  const int fd = ::open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const std::string text = std::to_string(pid);
  const bool ok = write_all(fd, text.data(), text.size());
  ::close(fd);
  return ok;
}

pid_t idle_child() {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::pause();
    ::_exit(0);
  }
  return pid;
}

void sleep_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// Runs as pid 1 of a fresh pid namespace with a private mount namespace: refreshes its own
// proc mount around a pid that is freed and handed out again. Returns "" or what went wrong.
std::string reuse_a_pid() {
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return "mount private";
  char dir[] = "/tmp/td-refresh-proc-XXXXXX";
  if (!::mkdtemp(dir)) return "mkdtemp";
  if (::mount("proc", dir, "proc", 0, nullptr) != 0) return "mount proc";
  std::string failure;
  {
    ScannerOptions options{BackendChoice::Procfs, dir};
    options.threads = 1;
    Scanner scanner(options);
    Refresher refresher(scanner, process_query(), {});
    const pid_t first = idle_child();
    sleep_ms(30);
    const Refresh& before = refresher.refresh();
    const auto first_row = row_of(before.tasks(), first);
    const std::uint64_t first_start =
        first_row ? before.tasks()[*first_row].u64(Field::StartTime) : 0;
    const std::size_t opened_before = before.kept_files().opened;  // `before` is reused
    ::kill(first, SIGKILL);
    ::waitpid(first, nullptr, 0);
    // Start times count clock ticks: the second task starts a few ticks later.
    sleep_ms(50);
    const pid_t second = set_last_pid(first - 1) ? idle_child() : -1;
    const Refresh& after = refresher.refresh();
    const auto second_row = row_of(after.tasks(), second);
    if (!first_row)
      failure = "the first child is not listed";
    else if (second != first)
      failure = "ns_last_pid did not give pid " + std::to_string(first) + " again (got " +
                std::to_string(second) + ")";
    else if (!second_row)
      failure = "the second child is not listed";
    else if (after.tasks()[*second_row].u64(Field::StartTime) <= first_start)
      failure = "the second child does not start later";
    else if (!after.born(*second_row))
      failure = "the reused pid is not a birth";
    else if (!died(after, first))
      failure = "the first task of the pid is not a death";
    else if (after.deaths().size() != 1)
      failure = std::to_string(after.deaths().size()) + " deaths, not 1";
    // The first task's kept stat failed with ESRCH and was closed; the second's was opened.
    else if (opened_before != 2 || after.kept_files().closed != 1 ||
             after.kept_files().opened != 1 || after.kept_files().rereads != 1)
      failure = "kept files: " + std::to_string(after.kept_files().closed) + " closed, " +
                std::to_string(after.kept_files().opened) + " opened, " +
                std::to_string(after.kept_files().rereads) + " read again";
    if (second > 0) {
      ::kill(second, SIGKILL);
      ::waitpid(second, nullptr, 0);
    }
  }
  ::umount2(dir, MNT_DETACH);
  ::rmdir(dir);
  return failure;
}

}  // namespace

TEST_CASE("a pid freed and given to another task between two refreshes", "[refresh][live]") {
  if (::geteuid() != 0) {
    td_test::skip_test("needs root for a pid namespace and ns_last_pid");
    return;
  }
  int report[2];
  REQUIRE(::pipe2(report, O_CLOEXEC) == 0);
  const pid_t outer = ::fork();
  REQUIRE(outer >= 0);
  if (outer == 0) {
    // The namespace's first child is its pid 1.
    if (::unshare(CLONE_NEWPID | CLONE_NEWNS) != 0) {
      const std::string why = "SKIP unshare";
      (void)!::write(report[1], why.data(), why.size());
      ::_exit(0);
    }
    const pid_t init = ::fork();
    if (init == 0) {
      const std::string failure = reuse_a_pid();
      (void)!::write(report[1], failure.data(), failure.size());
      ::_exit(failure.empty() ? 0 : 1);
    }
    int status = 0;
    ::waitpid(init, &status, 0);
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 2);
  }
  ::close(report[1]);
  std::string message;
  char buffer[256];
  for (ssize_t n; (n = ::read(report[0], buffer, sizeof buffer)) > 0;)
    message.append(buffer, static_cast<std::size_t>(n));
  ::close(report[0]);
  int status = 0;
  REQUIRE(::waitpid(outer, &status, 0) == outer);
  if (message.rfind("SKIP", 0) == 0) {
    td_test::skip_test("cannot make a pid namespace here");
    return;
  }
  INFO(message);
  CHECK(message.empty());
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

namespace {

// Children that pause until killed.
struct IdleChildren {
  explicit IdleChildren(int count) {
    for (int i = 0; i < count; ++i)
      pids.push_back(idle_child());
  }
  ~IdleChildren() {
    for (pid_t pid : pids)
      end(pid);
  }
  static void end(pid_t pid) {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  std::vector<pid_t> pids;
};

Query kept_query(const std::vector<pid_t>& pids) {
  Query query;
  // One field of each kept file: stat, statm, status.
  query.fields = FieldSet{Field::Utime, Field::StatmResident, Field::VmRss};
  query.pid_list_only = true;
  query.pids = pids;
  return query;
}

// Our descriptors that name `file` of one of `pids`.
std::size_t kept_descriptors(const std::vector<pid_t>& pids, const std::string& file) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    const std::string target = std::filesystem::read_symlink(entry.path(), ec).string();
    for (pid_t pid : pids)
      if (target == "/proc/" + std::to_string(pid) + "/" + file) ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("kept files: opened once, read again, closed when their task ends",
          "[refresh][live][kept]") {
  IdleChildren children(4);
  Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});
  Refresher refresher(scanner, kept_query(children.pids), {});

  const Refresh& first = refresher.refresh();
  REQUIRE(first.tasks().size() == 4);
  CHECK(first.kept_files().opened == 12);
  CHECK(first.kept_files().kept == 12);
  CHECK(first.kept_files().kernel_bytes == 12 * kKeptFileKernelBytes);
  CHECK(first.kept_files().rereads == 0);
  CHECK(first.stats().reads[static_cast<std::size_t>(Group::Statm)] == 4);
  for (const char* file : {"stat", "statm", "status"})
    CHECK(kept_descriptors(children.pids, file) == 4);

  const Refresh& second = refresher.refresh();
  CHECK(second.kept_files().rereads == 12);
  CHECK(second.kept_files().opened == 0);
  CHECK(second.kept_files().closed == 0);
  CHECK(second.deaths().empty());
  for (std::size_t row = 0; row < second.tasks().size(); ++row) {
    CHECK_FALSE(second.born(row));
    CHECK(second.tasks()[row].has(Field::VmRss));
  }

  const pid_t ended = children.pids[1];
  IdleChildren::end(ended);
  children.pids[1] = -1;
  const Refresh& third = refresher.refresh();
  CHECK(third.tasks().size() == 3);
  CHECK(died(third, ended));
  CHECK(third.kept_files().closed == 3);
  CHECK(third.kept_files().kept == 9);
  CHECK(kept_descriptors({ended}, "stat") == 0);
}

TEST_CASE("kept files within a memory budget: status first, then statm", "[refresh][live][kept]") {
  IdleChildren children(4);
  Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});
  RefreshOptions options;
  options.kept_file_memory = 5 * kKeptFileKernelBytes;
  Refresher refresher(scanner, kept_query(children.pids), {}, options);
  const Refresh& first = refresher.refresh();
  CHECK(first.kept_files().limit == 5);
  CHECK(first.kept_files().opened == 5);
  CHECK(first.kept_files().unkept == 7);
  refresher.refresh();
  const Refresh& steady = refresher.refresh();
  CHECK(steady.kept_files().kept == 5);
  CHECK(steady.kept_files().rereads == 5);
  CHECK(kept_descriptors(children.pids, "status") == 4);
  CHECK(kept_descriptors(children.pids, "statm") == 1);
  CHECK(kept_descriptors(children.pids, "stat") == 0);
  // Every row whole, kept or not.
  for (std::size_t row = 0; row < steady.tasks().size(); ++row) {
    CHECK(steady.tasks()[row].has(Field::Utime));
    CHECK(steady.tasks()[row].has(Field::StatmResident));
    CHECK(steady.tasks()[row].has(Field::VmRss));
  }

  RefreshOptions none;
  none.kept_file_memory = 0;
  Refresher unkept(scanner, kept_query(children.pids), {}, none);
  const Refresh& plain = unkept.refresh();
  CHECK(plain.tasks().size() == 4);
  CHECK(plain.kept_files().kept == 0);
  CHECK(plain.kept_files().limit == 0);
}

TEST_CASE("kept files over a whole listing, scanned on one thread", "[refresh][live][kept]") {
  Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});  // two threads allowed
  Query query;
  query.fields = FieldSet{Field::Utime, Field::StatmResident};
  Refresher refresher(scanner, query, {});
  const Refresh& first = refresher.refresh();
  REQUIRE(first.tasks().size() > 0);
  CHECK(first.kept_files().opened >= 2 * first.tasks().size());
  const Refresh& second = refresher.refresh();
  std::size_t stayed = 0;
  for (std::size_t row = 0; row < second.tasks().size(); ++row)
    if (!second.born(row)) ++stayed;
  // Every task that stayed was read from its kept files (kept by this very thread).
  CHECK(second.kept_files().rereads >= 2 * stayed);
  CHECK(second.kept_files().rereads + second.kept_files().opened + second.kept_files().unkept <=
        second.stats().reads[static_cast<std::size_t>(Group::Stat)] +
            second.stats().reads[static_cast<std::size_t>(Group::Statm)]);
}

TEST_CASE("births from the proc connector: no listing while no event is lost",
          "[refresh][live][events]") {
  Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});
  Refresher refresher(scanner, process_query(), {});
  const Refresh& first = refresher.refresh();
  const ProcEventStats events = first.proc_events();
  INFO("listening " << events.listening << ", refused " << events.refused);
  CHECK(events.listed);
  if (!events.listening) {
    // Refused (no CAP_NET_ADMIN, or not the initial pid namespace): every refresh lists.
    CHECK(events.refused != 0);
    CHECK_FALSE((td_test::in_ci() && ::geteuid() == 0 && events.refused == EPERM));
    CHECK(refresher.refresh().proc_events().listed);
    return;
  }
  const pid_t child = idle_child();
  REQUIRE(child > 0);
  const Refresh& forked = refresher.refresh();
  CHECK_FALSE(forked.proc_events().listed);
  CHECK(forked.proc_events().events > 0);
  const auto child_row = row_of(forked.tasks(), child);
  REQUIRE(child_row);
  CHECK(forked.born(*child_row));
  CHECK(row_of(forked.tasks(), ::getpid()));

  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  const Refresh& killed = refresher.refresh();
  CHECK_FALSE(killed.proc_events().listed);
  CHECK_FALSE(row_of(killed.tasks(), child));
  CHECK(died(killed, child));

  // The same rows as a listing gives, on a machine whose other processes come and go.
  Scanner listing_scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});
  RefreshOptions no_events;
  no_events.proc_connector = false;
  Refresher listing(listing_scanner, process_query(), {}, no_events);
  const Refresh& listed = listing.refresh();
  CHECK(listed.proc_events().listed);
  CHECK_FALSE(listed.proc_events().listening);
  const Refresh& again = refresher.refresh();
  CHECK_FALSE(again.proc_events().listed);
  std::vector<pid_t> from_events, from_listing;
  for (std::size_t row = 0; row < again.tasks().size(); ++row)
    from_events.push_back(static_cast<pid_t>(again.tasks()[row].u64(Field::Tgid)));
  for (std::size_t row = 0; row < listed.tasks().size(); ++row)
    from_listing.push_back(static_cast<pid_t>(listed.tasks()[row].u64(Field::Tgid)));
  // Long-lived processes are in both; short-lived ones may be in either.
  std::vector<pid_t> missing;
  for (pid_t pid : from_listing)
    if (pid < ::getpid() &&
        std::find(from_events.begin(), from_events.end(), pid) == from_events.end() &&
        ::kill(pid, 0) == 0)
      missing.push_back(pid);
  std::string seen;
  for (pid_t pid : missing)
    seen += " " + std::to_string(pid);
  INFO("listed, alive, older than this test, not read from the events:" << seen);
  CHECK(missing.empty());
}
