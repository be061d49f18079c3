// The refresh engine on hand-made /proc trees that change between refreshes
// (tests/data/refresh-tree, see its NOTES.md): identity, births, deaths, previous values.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <new>
#include <set>
#include <string>
#include <vector>

#include "procscan/refresh.h"
#include "procscan/scanner.h"

using namespace procscan;
namespace fs = std::filesystem;

// Every allocation of this test program, counted: the refresh engine may allocate per
// refresh but not per task. (Every form of new and delete is replaced, or the sanitizers'
// own would meet ours.)
namespace {
std::size_t allocations = 0;
}
void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return operator new(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++allocations;
  return std::malloc(size ? size : 1);
}
void* operator new[](std::size_t size, const std::nothrow_t& nothrow) noexcept {
  return operator new(size, nothrow);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

fs::path step(int n) {
  return fs::path(TESTS_DATA_DIR) / "refresh-tree" / ("step" + std::to_string(n));
}

bool is_number(const std::string& name) {
  return !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
}

void write_in_place(const fs::path& to, const fs::path& from) {
  std::ifstream in(from, std::ios::binary);
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  out << in.rdbuf();
  REQUIRE(out.good());
}

// A scratch proc root that takes on one step's tree after another: tasks the step lacks
// are removed, every file is rewritten in place (kept descriptors see the new text).
struct ScratchRoot {
  ScratchRoot() {
    char name[] = "/tmp/td-refresh-XXXXXX";
    REQUIRE(::mkdtemp(name));
    path = name;
  }
  ~ScratchRoot() { fs::remove_all(path); }

  void install(const fs::path& tree) {
    for (const auto& entry : fs::directory_iterator(path))
      if (is_number(entry.path().filename()) && !fs::exists(tree / entry.path().filename()))
        fs::remove_all(entry.path());
    for (const auto& entry : fs::recursive_directory_iterator(tree)) {
      const fs::path to = path / fs::relative(entry.path(), tree);
      if (entry.is_directory())
        fs::create_directories(to);
      else
        write_in_place(to, entry.path());
    }
    // A thread gone from a task/ directory that stays.
    std::vector<fs::path> gone;
    for (const auto& entry : fs::recursive_directory_iterator(path))
      if (entry.is_directory() && entry.path().parent_path().filename() == "task" &&
          !fs::exists(tree / fs::relative(entry.path(), path)))
        gone.push_back(entry.path());
    for (const auto& dir : gone)
      fs::remove_all(dir);
  }

  fs::path path;
};

Scanner tree_scanner(const fs::path& root) {
  ScannerOptions options;
  options.backend = BackendChoice::Procfs;
  options.proc_root = root.string();
  options.threads = 1;
  return Scanner(options);
}

Query query_of(Scope scope, FieldSet fields = {Field::Tgid, Field::Comm, Field::Utime, Field::Stime,
                                               Field::MinFlt}) {
  Query query;
  query.fields = fields;
  query.scope = scope;
  return query;
}

const SystemFigureSet kFigures{SystemFigure::CpuUser, SystemFigure::CpuIdle,
                               SystemFigure::UptimeCentis, SystemFigure::MemFree};

// Rows by tid.
std::map<std::uint64_t, std::size_t> rows_of(const TaskTable& table) {
  std::map<std::uint64_t, std::size_t> rows;
  for (std::size_t i = 0; i < table.size(); ++i)
    rows[table[i].u64(Field::Tid)] = i;
  return rows;
}

// The tids and start times of the dead.
std::set<std::pair<std::uint64_t, std::uint64_t>> deaths_of(const Refresh& r) {
  std::set<std::pair<std::uint64_t, std::uint64_t>> dead;
  for (std::size_t row : r.deaths()) {
    const TaskRef task = r.previous_tasks()[row];
    dead.insert({task.u64(Field::Tid), task.u64(Field::StartTime)});
  }
  return dead;
}

}  // namespace

TEST_CASE("the first refresh: every task born, no previous rows", "[refresh]") {
  ScratchRoot root;
  root.install(step(1));
  Scanner scanner = tree_scanner(root.path);
  Refresher refresher(scanner, query_of(Scope::Processes), kFigures, {}, root.path.string());
  // Identity needs the tid and the start time, whatever the query asked.
  CHECK(refresher.query().fields.contains(Field::Tid));
  CHECK(refresher.query().fields.contains(Field::StartTime));

  const Refresh& r = refresher.refresh();
  CHECK(r.number() == 1);
  CHECK(r.interval_seconds() == 0);
  REQUIRE(r.tasks().size() == 5);
  CHECK(r.previous_tasks().empty());
  CHECK(r.deaths().empty());
  for (std::size_t row = 0; row < r.tasks().size(); ++row) {
    CHECK(r.born(row));
    CHECK(r.previous_row(row) == kNoRow);
    CHECK(r.previous_u64(row, Field::Utime, 77) == 77);
  }
  CHECK(r.system().value(SystemFigure::CpuUser) == 1000);
  CHECK(r.system().cpus.size() == 2);
  CHECK_FALSE(r.previous_system().has(SystemFigure::CpuUser));
  CHECK(r.stats().rows == 5);
  CHECK(r.stats().reads[static_cast<std::size_t>(Group::Stat)] == 5);
  CHECK(r.system_reads()[static_cast<std::size_t>(SystemGroup::Stat)] == 1);
  CHECK(r.system_reads()[static_cast<std::size_t>(SystemGroup::Meminfo)] == 1);
  CHECK(r.system_reads()[static_cast<std::size_t>(SystemGroup::Loadavg)] == 0);
  CHECK(r.system_reads()[static_cast<std::size_t>(SystemGroup::Users)] == 0);
}

TEST_CASE("births, deaths, a reused pid and moving counters between two refreshes", "[refresh]") {
  ScratchRoot root;
  root.install(step(1));
  Scanner scanner = tree_scanner(root.path);
  Refresher refresher(scanner, query_of(Scope::Processes), kFigures, {}, root.path.string());
  refresher.refresh();
  root.install(step(2));
  const Refresh& r = refresher.refresh();
  CHECK(r.number() == 2);
  CHECK(r.interval_seconds() > 0);

  const auto rows = rows_of(r.tasks());
  REQUIRE(rows.size() == 5);
  REQUIRE(rows.count(1));
  REQUIRE(rows.count(50));
  REQUIRE(rows.count(70));
  REQUIRE(rows.count(80));
  REQUIRE(rows.count(90));
  CHECK_FALSE(rows.count(60));

  // Stays, unchanged.
  CHECK_FALSE(r.born(rows.at(1)));
  CHECK(r.previous_u64(rows.at(1), Field::Utime) == 150);
  // Stays, its counters moved: the previous values are the last refresh's.
  const std::size_t stays = rows.at(50);
  REQUIRE_FALSE(r.born(stays));
  CHECK(r.tasks()[stays].u64(Field::Utime) == 130);
  CHECK(r.previous_u64(stays, Field::Utime) == 100);
  CHECK(r.previous_u64(stays, Field::Stime) == 50);
  CHECK(r.previous_u64(stays, Field::MinFlt) == 1000);
  CHECK(r.previous_tasks()[r.previous_row(stays)].u64(Field::Tid) == 50);
  // Pid 70 now names another task (a later start time): born, and the old one died.
  CHECK(r.born(rows.at(70)));
  CHECK(r.tasks()[rows.at(70)].str(Field::Comm) == "new");
  CHECK(r.previous_u64(rows.at(70), Field::Utime, 999) == 999);
  CHECK(r.born(rows.at(90)));
  CHECK_FALSE(r.born(rows.at(80)));
  CHECK(r.previous_u64(rows.at(80), Field::Utime) == 40);

  using Dead = std::set<std::pair<std::uint64_t, std::uint64_t>>;
  CHECK(deaths_of(r) == Dead{{60, 600}, {70, 700}});
  CHECK(r.previous_tasks()[r.deaths()[0]].kind() == RowKind::Process);

  // The machine's figures of both refreshes; cpu1 went offline.
  CHECK(r.previous_system().value(SystemFigure::CpuUser) == 1000);
  CHECK(r.system().value(SystemFigure::CpuUser) == 1100);
  CHECK(r.system().value(SystemFigure::UptimeCentis) == 10300);
  CHECK(r.previous_system().value(SystemFigure::MemFree) == 8000000);
  REQUIRE(r.system().cpus.size() == 1);
  CHECK(r.system().cpus[0].cpu == 0);
  CHECK(r.previous_system().cpus.size() == 2);

  // Nothing changes: nobody is born or dies, every row is its own previous row's task.
  const Refresh& again = refresher.refresh();
  CHECK(again.number() == 3);
  CHECK(again.deaths().empty());
  for (std::size_t row = 0; row < again.tasks().size(); ++row) {
    REQUIRE_FALSE(again.born(row));
    const TaskRef now = again.tasks()[row];
    const TaskRef before = again.previous_tasks()[again.previous_row(row)];
    CHECK(now.u64(Field::Tid) == before.u64(Field::Tid));
    CHECK(now.u64(Field::StartTime) == before.u64(Field::StartTime));
    CHECK(again.previous_u64(row, Field::Utime) == now.u64(Field::Utime));
  }
}

TEST_CASE("thread rows: a thread that ends and one that starts in a process that stays",
          "[refresh][threads]") {
  ScratchRoot root;
  root.install(step(1));
  Scanner scanner = tree_scanner(root.path);
  Refresher refresher(scanner, query_of(Scope::Threads), {}, {}, root.path.string());
  const Refresh& first = refresher.refresh();
  CHECK(first.tasks().size() == 6);
  root.install(step(2));
  const Refresh& r = refresher.refresh();
  const auto rows = rows_of(r.tasks());
  REQUIRE(rows.size() == 6);  // 1 50 70 80 82 90
  for (const auto& [tid, row] : rows)
    CHECK(r.tasks()[row].kind() == RowKind::Thread);
  CHECK_FALSE(r.born(rows.at(80)));
  CHECK(r.previous_u64(rows.at(80), Field::Utime) == 25);  // the thread's, not the process'
  CHECK(r.born(rows.at(82)));
  CHECK(r.born(rows.at(70)));
  CHECK(r.born(rows.at(90)));
  using Dead = std::set<std::pair<std::uint64_t, std::uint64_t>>;
  CHECK(deaths_of(r) == Dead{{60, 600}, {70, 700}, {81, 805}});
  // No figures asked, none read.
  for (std::size_t reads : r.system_reads())
    CHECK(reads == 0);
}

TEST_CASE("a new query: rows of another kind are other tasks, other fields carry over",
          "[refresh]") {
  ScratchRoot root;
  root.install(step(1));
  Scanner scanner = tree_scanner(root.path);
  Refresher refresher(scanner, query_of(Scope::Processes, {Field::Utime}), {}, {},
                      root.path.string());
  refresher.refresh();

  // More fields, same scope: the tasks are the same; a field the last refresh did not read
  // has no previous value.
  refresher.set_query(query_of(Scope::Processes, {Field::Utime, Field::MinFlt}));
  CHECK(refresher.query().fields.contains(Field::StartTime));
  const Refresh& wider = refresher.refresh();
  REQUIRE(wider.tasks().size() == 5);
  CHECK(wider.deaths().empty());
  const auto rows = rows_of(wider.tasks());
  CHECK(wider.previous_u64(rows.at(50), Field::Utime) == 100);
  CHECK(wider.previous_u64(rows.at(50), Field::MinFlt, 5) == 5);
  CHECK(wider.tasks()[rows.at(50)].u64(Field::MinFlt) == 1000);

  // Threads instead of processes: a process row sums its threads, so thread rows are new
  // tasks and the process rows die, even where a tid is the same.
  refresher.set_query(query_of(Scope::Threads, {Field::Utime}));
  const Refresh& threads = refresher.refresh();
  CHECK(threads.tasks().size() == 6);
  for (std::size_t row = 0; row < threads.tasks().size(); ++row)
    CHECK(threads.born(row));
  CHECK(threads.deaths().size() == 5);
}

TEST_CASE("a steady refresh allocates nothing per task", "[refresh]") {
  // The allocations of a refresh of 8 processes and of 400, after a first refresh of each:
  // the same but for the few (growing a listing) that do not scale with the tasks.
  auto steady_allocations = [](int processes) {
    ScratchRoot root;
    const std::string stat_tail =
        " S 1 1 1 0 -1 4194560 1 0 0 0 1 1 0 0 20 0 1 0 100 10000000 500 18446744073709551615 "
        "1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    for (int pid = 1; pid <= processes; ++pid) {
      fs::create_directories(root.path / std::to_string(pid));
      std::ofstream(root.path / std::to_string(pid) / "stat")
          << pid << " (p" << pid << ")" << stat_tail;
    }
    fs::copy_file(step(1) / "stat", root.path / "stat");
    Scanner scanner = tree_scanner(root.path);
    Refresher refresher(scanner, query_of(Scope::Processes), kFigures, {}, root.path.string());
    refresher.refresh();
    refresher.refresh();
    const std::size_t before = allocations;
    const Refresh& r = refresher.refresh();
    const std::size_t made = allocations - before;
    CHECK(r.tasks().size() == static_cast<std::size_t>(processes));
    CHECK(r.deaths().empty());
    return made;
  };
  const std::size_t few = steady_allocations(8);
  const std::size_t many = steady_allocations(400);
  INFO("allocations: " << few << " for 8 processes, " << many << " for 400");
  CHECK(many < few + 16);
}
