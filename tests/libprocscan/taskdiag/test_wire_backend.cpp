// The wire backend on a scripted transport, completing fields from the hand-made /proc tree
// (tests/data/proc-tree, NOTES.md there): field mapping, row order, strategies, completion.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <tuple>

#include "fake_transport.h"
#include "procfs/procfs_backend.h"
#include "taskdiag/field_map.h"
#include "taskdiag/wire_backend.h"

using namespace procscan;
using namespace procscan::taskdiag;
using namespace td_test;
using namespace std::string_literals;

namespace {

constexpr std::uint64_t kKernelAttributes =
    TASK_DIAG_SHOW(TASK_DIAG_BASE) | TASK_DIAG_SHOW(TASK_DIAG_CRED) |
    TASK_DIAG_SHOW(TASK_DIAG_STAT) | TASK_DIAG_SHOW(TASK_DIAG_STATM) |
    TASK_DIAG_SHOW(TASK_DIAG_CMDLINE);
constexpr std::uint64_t kAllAttributes = kKernelAttributes | TASK_DIAG_SHOW(TASK_DIAG_EXT_SCHED) |
                                         TASK_DIAG_SHOW(TASK_DIAG_EXT_TTY) |
                                         TASK_DIAG_SHOW(TASK_DIAG_EXT_MM);

std::string tree() {
  return std::string(TESTS_DATA_DIR) + "/proc-tree";
}

Message basic(std::uint32_t pid, std::uint32_t tgid, std::string_view comm,
              std::uint32_t ppid = 1) {
  Message m{pid, tgid};
  m.with(TASK_DIAG_BASE, base_payload(tgid, pid, ppid, 0, tgid, tgid, 1, comm));
  return m;
}

struct Fixture {
  procfs::ProcfsBackend procfs{tree()};
  FakeTransport* transport = nullptr;
  std::unique_ptr<WireBackend> backend;

  // Without reconciliation the rows are the dump's alone; with it, the tree's processes the
  // dump lacks are added from procfs.
  explicit Fixture(std::uint64_t attributes = kKernelAttributes, bool reconcile = false) {
    auto fake = std::make_unique<FakeTransport>(attributes);
    transport = fake.get();
    backend = std::make_unique<WireBackend>(std::move(fake), procfs, reconcile);
  }
  TaskTable scan(const Query& query, ScanStats* stats = nullptr) {
    TaskTable table(query.fields);
    const ScanStats s = backend->scan(query, table, nullptr);
    if (stats) *stats = s;
    return table;
  }
};

// A whole process dump of init (1) and a worker (100) only; returns init's message.
Message script_init_and_worker(Fixture& f) {
  Message p1 = basic(1, 1, "init", 0);
  const Message p100 = basic(100, 100, "worker");
  f.transport->script(TASK_DIAG_DUMP_ALL, 0, {concat({p1.encode(), p100.encode()})});
  return p1;
}

// Tgid, tid and comm of the processes alone.
Query comm_of_processes() {
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm};
  query.scope = Scope::Processes;
  return query;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> ids(const TaskTable& table) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
  for (std::size_t i = 0; i < table.size(); ++i)
    out.emplace_back(table[i].u64(Field::Tgid), table[i].u64(Field::Tid));
  return out;
}

}  // namespace

TEST_CASE("every attribute fills its fields with /proc units", "[taskdiag][fields]") {
  Fixture f(kAllAttributes);
  const long page = ::sysconf(_SC_PAGESIZE);
  const std::uint64_t kib = static_cast<std::uint64_t>(page) / 1024;
  Message m{100, 100};
  m.with(TASK_DIAG_BASE, base_payload(100, 100, 1, 7, 90, 95, TASK_DIAG_TRACE_STOP, "worker"))
      .with(TASK_DIAG_CRED, creds_payload(0x1, 0x2000000001ull, 0x3, 0x1ffffffffffull,
                                          {1000, 1001, 1002, 1003, 50, 51, 52, 53}))
      .with(TASK_DIAG_STAT, stat_payload({10, 11, 12, 13, 14, 15, 16, 17}, 2))
      // anon file shmem hiwater_vm hiwater_rss text lib swap ptes total_rss total_vm data_vm
      // stack_vm locked_vm pinned_vm
      .with(TASK_DIAG_STATM, u64s_payload({5, 6, 7, 100, 10, 3, 4, 2, 8192, 18, 120, 30, 9, 1, 0}))
      .with(TASK_DIAG_CMDLINE, bytes_of("worker\0--fast\0"s));
  Bytes sched;
  append<std::int32_t>(sched, -51);        // priority (real time)
  append<std::int32_t>(sched, -5);         // nice
  append<std::uint32_t>(sched, 1);         // policy SCHED_FIFO
  append<std::uint32_t>(sched, 50);        // rt_priority
  append<std::uint32_t>(sched, 3);         // processor
  append<std::uint32_t>(sched, 0x400040);  // flags
  append<std::uint64_t>(sched, 123456);    // start_time
  append<std::uint32_t>(sched, 17);        // exit_signal
  append<std::uint32_t>(sched, 2);         // nlwp
  append<std::uint64_t>(sched, 0);         // pad
  Bytes tty;
  append<std::uint32_t>(tty, 34816);
  append<std::int32_t>(tty, -1);
  m.with(TASK_DIAG_EXT_SCHED, sched).with(TASK_DIAG_EXT_TTY, tty);
  // EXT_MM: vsize rss rss_anon rss_file rss_shmem locked_vm start_code end_code
  m.with(TASK_DIAG_EXT_MM, u64s_payload({4096000, 18, 5, 6, 7, 1, 0x400000, 0x401000}));
  f.transport->script(TASK_DIAG_DUMP_ALL, 0, {m.encode()});

  Query query;
  query.fields = served_fields(kAllAttributes);
  query.fields.remove(Field::Vsize);  // tested on its own below (two sources)
  const TaskTable table = f.scan(query);
  REQUIRE(table.size() == 1);
  const TaskRef t = table[0];
  CHECK(t.u64(Field::Tgid) == 100);
  CHECK(t.u64(Field::Tid) == 100);
  CHECK(t.u64(Field::Ppid) == 1);
  CHECK(t.u64(Field::TracerPid) == 7);
  CHECK(t.u64(Field::Sid) == 90);
  CHECK(t.u64(Field::Pgid) == 95);
  CHECK(t.u64(Field::State) == 't');
  CHECK(t.str(Field::Comm) == "worker");
  CHECK(t.u64(Field::CapInheritable) == 0x1);
  CHECK(t.u64(Field::CapPermitted) == 0x2000000001ull);
  CHECK(t.u64(Field::CapBounding) == 0x1ffffffffffull);
  CHECK(t.u64(Field::Ruid) == 1000);
  CHECK(t.u64(Field::Euid) == 1001);
  CHECK(t.u64(Field::Suid) == 1002);
  CHECK(t.u64(Field::Fsuid) == 1003);
  CHECK(t.u64(Field::Rgid) == 50);
  CHECK(t.u64(Field::Fsgid) == 53);
  CHECK(t.u64(Field::MinFlt) == 10);
  CHECK(t.u64(Field::CmajFlt) == 13);
  CHECK(t.u64(Field::Utime) == 14);
  CHECK(t.u64(Field::Cstime) == 17);
  CHECK(t.u64(Field::NumThreads) == 2);
  CHECK(t.u64(Field::RssAnon) == 5 * kib);
  CHECK(t.u64(Field::RssShmem) == 7 * kib);
  CHECK(t.u64(Field::VmPeak) == 120 * kib);  // total_vm above hiwater_vm: status prints the max
  CHECK(t.u64(Field::VmHwm) == 18 * kib);
  CHECK(t.u64(Field::VmExe) == 3 * kib);
  CHECK(t.u64(Field::VmPte) == 8);  // bytes to KiB
  CHECK(t.u64(Field::VmRss) == 18 * kib);
  CHECK(t.u64(Field::VmStk) == 9 * kib);
  CHECK(t.u64(Field::VmLck) == 1 * kib);
  CHECK(t.u64(Field::StatmSize) == 120);
  CHECK(t.u64(Field::StatmResident) == 18);
  CHECK(t.u64(Field::StatmShared) == 13);  // file + shmem
  CHECK(t.u64(Field::StatmText) == 3);
  CHECK(t.u64(Field::StatmData) == 39);  // data + stack
  CHECK(t.u64(Field::RssPages) == 18);
  CHECK(t.str(Field::Cmdline) == "worker\0--fast\0"s);
  CHECK(t.i64(Field::Priority) == -51);
  CHECK(t.i64(Field::Nice) == -5);
  CHECK(t.u64(Field::Policy) == 1);
  CHECK(t.u64(Field::RtPriority) == 50);
  CHECK(t.u64(Field::Processor) == 3);
  CHECK(t.u64(Field::Flags) == 0x400040);
  CHECK(t.u64(Field::StartTime) == 123456);
  CHECK(t.i64(Field::ExitSignal) == 17);
  CHECK(t.u64(Field::TtyNr) == 34816);
  CHECK(t.i64(Field::Tpgid) == -1);
  CHECK(t.u64(Field::StartCode) == 0x400000);
  CHECK(t.u64(Field::EndCode) == 0x401000);
  // Nothing had to come from procfs.
  CHECK(f.transport->sent().size() == 1);
}

TEST_CASE("vsize comes from STATM's total_vm in bytes, or from EXT_MM", "[taskdiag][fields]") {
  const std::uint64_t page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Vsize};
  Message m = basic(100, 100, "worker");
  m.with(TASK_DIAG_STATM, u64s_payload({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 250, 0, 0, 0, 0}));
  Fixture f;
  f.transport->script(TASK_DIAG_DUMP_ALL, 0, {m.encode()});
  CHECK(f.scan(query)[0].u64(Field::Vsize) == 250 * page);
  CHECK(f.transport->sent()[0].show ==
        (TASK_DIAG_SHOW(TASK_DIAG_BASE) | TASK_DIAG_SHOW(TASK_DIAG_STATM)));
}

TEST_CASE("status' memory lines and stat's from a captured EXT_MM", "[taskdiag][fields]") {
  // tests/data/taskdiag/NOTES.md: what status and stat said when it was captured.
  std::ifstream in(std::string(TESTS_DATA_DIR) + "/taskdiag/ext-mm-threads.bin", std::ios::binary);
  std::vector<char> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(file.size() > 1);
  const auto* bytes = reinterpret_cast<const std::byte*>(file.data());
  Fixture f(TASK_DIAG_SHOW(TASK_DIAG_BASE) | TASK_DIAG_SHOW(TASK_DIAG_EXT_MM));
  f.transport->script(TASK_DIAG_DUMP_ONE, 9513, {Bytes(bytes + 1, bytes + file.size())});
  Query query;
  query.fields =
      FieldSet{Field::Tgid,    Field::Tid,      Field::VmRss, Field::VmSize,   Field::RssAnon,
               Field::RssFile, Field::RssShmem, Field::VmLck, Field::RssPages, Field::Vsize};
  query.pid_list_only = true;
  query.pids = {9513};
  const TaskTable table = f.scan(query);
  REQUIRE(table.size() == 1);
  const std::uint64_t kib = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE)) / 1024;
  REQUIRE(kib == 4);  // captured with 4 KiB pages
  CHECK(table[0].u64(Field::VmRss) == 3848);
  CHECK(table[0].u64(Field::VmSize) == 332372);
  CHECK(table[0].u64(Field::RssAnon) == 2484);
  CHECK(table[0].u64(Field::RssFile) == 1364);
  CHECK(table[0].u64(Field::RssShmem) == 0);
  CHECK(table[0].u64(Field::VmLck) == 0);
  CHECK(table[0].u64(Field::RssPages) == 917);
  CHECK(table[0].u64(Field::Vsize) == 340348928);
  // Nothing left to procfs: the tree has no pid 9513, whose row would have vanished.
  CHECK(f.transport->sent().size() == 1);
  CHECK(f.transport->sent()[0].show ==
        (TASK_DIAG_SHOW(TASK_DIAG_BASE) | TASK_DIAG_SHOW(TASK_DIAG_EXT_MM)));
}

TEST_CASE("an mm attribute absent from a kernel thread reads as /proc shows it",
          "[taskdiag][fields]") {
  Fixture f(kAllAttributes);
  // Only BASE came back for pid 2 although STATM, CMDLINE and EXT_MM were asked for.
  f.transport->script(TASK_DIAG_DUMP_ALL, 0, {basic(2, 2, "kthreadd", 0).encode()});
  Query query;
  query.fields = FieldSet{Field::Tgid,  Field::Tid,       Field::Cmdline,   Field::Vsize,
                          Field::VmRss, Field::StatmSize, Field::StartCode, Field::RssAnon};
  const TaskTable table = f.scan(query);
  REQUIRE(table.size() == 1);
  const TaskRef t = table[0];
  CHECK(t.has(Field::Cmdline));
  CHECK(t.str(Field::Cmdline).empty());
  CHECK(t.u64(Field::Vsize, 99) == 0);
  CHECK(t.u64(Field::StatmSize, 99) == 0);
  CHECK(t.u64(Field::StartCode, 99) == 0);
  CHECK_FALSE(t.has(Field::VmRss));  // status has no Vm lines without an mm
  CHECK_FALSE(t.has(Field::RssAnon));
}

TEST_CASE("rows come out in procfs order whatever the dump order", "[taskdiag][order]") {
  Fixture f;
  Message p100 = basic(100, 100, "worker");
  p100.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 20, 9, 0, 0}, 2));
  Message p1 = basic(1, 1, "init", 0);
  p1.with(TASK_DIAG_STAT, stat_payload({}, 1));
  f.transport->script(TASK_DIAG_DUMP_ALL, 0, {concat({p100.encode(), p1.encode()})});
  Message t100 = basic(100, 100, "worker");
  t100.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 14, 6, 0, 0}, 2));
  Message t101 = basic(101, 100, "worker");
  t101.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 6, 3, 0, 0}, 2));
  Message t1 = basic(1, 1, "init", 0);
  t1.with(TASK_DIAG_STAT, stat_payload({}, 1));
  f.transport->script(TASK_DIAG_DUMP_ALL_THREAD, 0,
                      {concat({t1.encode(), t100.encode()}), t101.encode()});

  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Utime};
  query.scope = Scope::ProcessesAndThreads;
  const TaskTable table = f.scan(query);
  using P = std::pair<std::uint64_t, std::uint64_t>;
  CHECK(ids(table) == std::vector<P>{{1, 1}, {1, 1}, {100, 100}, {100, 100}, {100, 101}});
  CHECK(table[2].kind() == RowKind::Process);
  CHECK(table[2].u64(Field::Utime) == 20);  // group total from ALL
  CHECK(table[3].kind() == RowKind::Thread);
  CHECK(table[3].u64(Field::Utime) == 14);  // per thread from ALL_THREAD
  CHECK(table[4].u64(Field::Utime) == 6);

  SECTION("threads only") {
    query.scope = Scope::Threads;
    CHECK(ids(f.scan(query)) == std::vector<P>{{1, 1}, {100, 100}, {100, 101}});
  }
  SECTION("without STAT, process rows come from the thread dump's leaders") {
    query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm};
    const std::size_t before = f.transport->sent().size();
    CHECK(ids(f.scan(query)) == std::vector<P>{{1, 1}, {1, 1}, {100, 100}, {100, 100}, {100, 101}});
    CHECK(f.transport->sent().size() == before + 1);
    CHECK(f.transport->sent().back().strategy == TASK_DIAG_DUMP_ALL_THREAD);
  }
}

TEST_CASE("a source that walks processes and threads at once is asked once for both",
          "[taskdiag][order]") {
  Fixture f;
  f.transport->serve_one_walk();
  // Thread 99 of process 100 has a smaller tid and wrote itself before its leader.
  Message early = basic(99, 100, "worker");
  early.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 1, 1, 0, 0}, 3));
  Message p100 = basic(100, 100, "worker");
  p100.flags = TASK_DIAG_FLAG_PROCESS;
  p100.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 21, 10, 0, 0}, 3));
  Message t100 = basic(100, 100, "worker");
  t100.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 14, 6, 0, 0}, 3));
  Message t101 = basic(101, 100, "worker");
  t101.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 6, 3, 0, 0}, 3));
  Message p1 = basic(1, 1, "init", 0);
  p1.flags = TASK_DIAG_FLAG_PROCESS;
  p1.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 5, 0, 0, 0}, 1));
  Message t1 = basic(1, 1, "init", 0);
  t1.with(TASK_DIAG_STAT, stat_payload({0, 0, 0, 0, 4, 0, 0, 0}, 1));
  f.transport->script(TASK_DIAG_DUMP_ALL_PROCESS_THREAD, 0,
                      {concat({p1.encode(), t1.encode(), early.encode(), p100.encode()}),
                       concat({t100.encode(), t101.encode()})});

  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Utime};
  query.scope = Scope::ProcessesAndThreads;
  const TaskTable table = f.scan(query);
  REQUIRE(f.transport->sent().size() == 1);
  CHECK(f.transport->sent()[0].strategy == TASK_DIAG_DUMP_ALL_PROCESS_THREAD);
  using P = std::pair<std::uint64_t, std::uint64_t>;
  CHECK(ids(table) ==
        std::vector<P>{{1, 1}, {1, 1}, {100, 100}, {100, 99}, {100, 100}, {100, 101}});
  const std::vector<RowKind> kinds{RowKind::Process, RowKind::Thread, RowKind::Process,
                                   RowKind::Thread,  RowKind::Thread, RowKind::Thread};
  const std::vector<std::uint64_t> utime{5, 4, 21, 1, 14, 6};
  for (std::size_t i = 0; i < table.size(); ++i) {
    CHECK(table[i].kind() == kinds[i]);
    CHECK(table[i].u64(Field::Utime) == utime[i]);
  }

  SECTION("processes only, or threads only: the kernel's strategies") {
    f.transport->script(TASK_DIAG_DUMP_ALL, 0, {});
    f.transport->script(TASK_DIAG_DUMP_ALL_THREAD, 0, {});
    query.scope = Scope::Processes;
    f.scan(query);
    CHECK(f.transport->sent().back().strategy == TASK_DIAG_DUMP_ALL);
    query.scope = Scope::Threads;
    f.scan(query);
    CHECK(f.transport->sent().back().strategy == TASK_DIAG_DUMP_ALL_THREAD);
  }
}

TEST_CASE("processes the dump left out are read from procfs, in their place",
          "[taskdiag][reconcile]") {
  Fixture f(kKernelAttributes, true);
  // The proc tree lists 1, 2, 42, 77, 100 and 300; the dump delivers 1 and 100 only, as a
  // source that hides tasks would. 77 has no stat (gone) and makes no row.
  const Message p1 = script_init_and_worker(f);
  Query query = comm_of_processes();
  const TaskTable table = f.scan(query);
  using P = std::pair<std::uint64_t, std::uint64_t>;
  CHECK(ids(table) == std::vector<P>{{1, 1}, {2, 2}, {42, 42}, {100, 100}, {300, 300}});
  CHECK(table[1].str(Field::Comm) == "kthreadd");
  CHECK(table[4].str(Field::Comm) == "worker");

  // Threads of a left-out process come from its task/ directory.
  Fixture g(kKernelAttributes, true);
  g.transport->script(TASK_DIAG_DUMP_ALL_THREAD, 0, {p1.encode()});
  query.scope = Scope::Threads;
  const TaskTable threads = g.scan(query);
  const auto rows = ids(threads);
  CHECK(std::count(rows.begin(), rows.end(), P{100, 100}) == 1);
  CHECK(std::count(rows.begin(), rows.end(), P{100, 101}) == 1);
}

TEST_CASE("a listing taken before the scan serves its reconciliation, once",
          "[taskdiag][reconcile]") {
  Fixture f(kKernelAttributes, true);
  script_init_and_worker(f);
  const Query query = comm_of_processes();
  using P = std::pair<std::uint64_t, std::uint64_t>;
  // The tree lists 2, 42 and 300 besides; the listing handed over names only 42 of them.
  f.backend->take_listing({1, 42, 100});
  CHECK(ids(f.scan(query)) == std::vector<P>{{1, 1}, {42, 42}, {100, 100}});
  // The next scan lists the tree itself.
  CHECK(ids(f.scan(query)) == std::vector<P>{{1, 1}, {2, 2}, {42, 42}, {100, 100}, {300, 300}});
}

TEST_CASE("a dump split between two readers gives the rows of a whole one", "[taskdiag][split]") {
  // The proc tree lists 1, 2, 42, 77, 100 and 300; the split falls at the listed pid 57%
  // of the way: 77. The dump delivers 1 (with a thread) below it, 100 (two threads) above.
  auto process = [](std::uint32_t pid, std::string_view comm) {
    Message m = basic(pid, pid, comm, pid == 1 ? 0 : 1);
    m.flags = TASK_DIAG_FLAG_PROCESS;
    return m.encode();
  };
  auto thread = [](std::uint32_t tid, std::uint32_t tgid, std::string_view comm) {
    return basic(tid, tgid, comm, tgid == 1 ? 0 : 1).encode();
  };
  const Bytes first = concat({process(1, "init"), thread(1, 1, "init"), thread(5, 1, "init")});
  const Bytes second =
      concat({process(100, "worker"), thread(100, 100, "worker"), thread(101, 100, "worker")});
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm, Field::Utime};
  query.scope = Scope::ProcessesAndThreads;

  Fixture whole(kKernelAttributes, true);
  whole.transport->serve_one_walk();
  whole.transport->script(TASK_DIAG_DUMP_ALL_PROCESS_THREAD, 0, {first, second});
  whole.backend->set_split(WireBackend::Split::Never);
  const TaskTable expected = whole.scan(query);
  auto rows = [](const TaskTable& table) {
    std::vector<std::tuple<RowKind, std::uint64_t, std::uint64_t, std::string>> out;
    for (std::size_t i = 0; i < table.size(); ++i)
      out.emplace_back(table[i].kind(), table[i].u64(Field::Tgid), table[i].u64(Field::Tid),
                       std::string(table[i].str(Field::Comm)));
    return out;
  };
  // 1 and 100: a process row and two thread rows each; 2, 42 and 300 from procfs, which has
  // no task/ directories for them: a process row each.
  REQUIRE(expected.size() == 9);

  Fixture f(kKernelAttributes, true);
  f.transport->serve_one_walk();
  f.backend->set_split(WireBackend::Split::Always);

  SECTION("both parts read, the second on a thread of its own") {
    f.transport->script_split({first}, {second});
    ScanStats stats;
    const TaskTable table = f.scan(query, &stats);
    CHECK(rows(table) == rows(expected));
    CHECK(stats.split_dumps == 1);
    CHECK(f.transport->boundary() == 77);
    CHECK(f.transport->second_reader() == f.transport->second_caller());
    CHECK(f.transport->second_caller() != static_cast<pid_t>(::gettid()));
  }
  SECTION("a second part that fails leaves its processes to procfs") {
    f.transport->script_split({first}, {Read{-EIO}});
    const TaskTable table = f.scan(query);
    auto got = rows(table);
    CHECK(std::count_if(got.begin(), got.end(), [](const auto& r) {
            return std::get<1>(r) == 100 && std::get<2>(r) == 101;
          }) == 1);
    CHECK(table.size() == expected.size());
  }
  SECTION("a first part that fails fails the scan before any row") {
    f.transport->script_split({Read{-EIO}}, {second});
    CHECK_THROWS_AS(f.scan(query), DumpError);
  }
  SECTION("a transport that cannot split gets one whole dump") {
    f.transport->script(TASK_DIAG_DUMP_ALL_PROCESS_THREAD, 0, {first, second});
    ScanStats stats;
    CHECK(rows(f.scan(query, &stats)) == rows(expected));
    CHECK(stats.split_dumps == 0);
  }
  SECTION("a visitor sees every row in order on the scanning thread") {
    // Rows as a streaming caller sees them, each with the thread it came on.
    struct Visitor final : RowVisitor {
      std::vector<std::tuple<RowKind, std::uint64_t, std::uint64_t, std::string>> rows;
      std::set<pid_t> threads;
      void visit(const TaskRef& row) override {
        rows.emplace_back(row.kind(), row.u64(Field::Tgid), row.u64(Field::Tid),
                          std::string(row.str(Field::Comm)));
        threads.insert(static_cast<pid_t>(::gettid()));
      }
    } visitor;
    TaskTable scratch(query.fields);
    auto visit = [&] { return f.backend->scan(query, scratch, &visitor); };
    const pid_t caller = static_cast<pid_t>(::gettid());

    SECTION("both parts read: the second part's rows after the first's") {
      f.transport->script_split({first}, {second});
      CHECK(visit().split_dumps == 1);
      CHECK(visitor.rows == rows(expected));
      CHECK(visitor.threads == std::set<pid_t>{caller});
      CHECK(f.transport->second_caller() != caller);
      CHECK(scratch.empty());  // a streaming scan keeps no row
    }
    SECTION("a second part that fails: its processes from procfs, in their place") {
      f.transport->script_split({first}, {Read{-EIO}});
      visit();
      CHECK(visitor.rows.size() == expected.size());
      CHECK(visitor.threads == std::set<pid_t>{caller});
    }
    SECTION("a first part that fails: no row at all") {
      f.transport->script_split({Read{-EIO}}, {second});
      CHECK_THROWS_AS(visit(), DumpError);
      CHECK(visitor.rows.empty());
    }
  }
  SECTION("Auto splits only a large listing handed over early") {
    f.backend->set_split(WireBackend::Split::Auto);
    f.transport->script_split({first}, {second});
    f.transport->script(TASK_DIAG_DUMP_ALL_PROCESS_THREAD, 0, {first, second});
    ScanStats stats;
    f.scan(query, &stats);
    CHECK(stats.split_dumps == 0);
  }
}

TEST_CASE("fields the transport lacks come from procfs, for just those fields",
          "[taskdiag][completion]") {
  Fixture f;  // the kernel's attributes: no nice, no tty
  f.transport->script(TASK_DIAG_DUMP_ALL, 0,
                      {concat({basic(1, 1, "init", 0).encode(), basic(77, 77, "gone").encode(),
                               basic(100, 100, "worker").encode()})});
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm, Field::Nice, Field::TtyNr};
  ScanStats stats;
  const TaskTable table = f.scan(query, &stats);
  using P = std::pair<std::uint64_t, std::uint64_t>;
  CHECK(ids(table) == std::vector<P>{{1, 1}, {100, 100}});  // 77 vanished from /proc
  CHECK(stats.vanished == 1);
  CHECK(stats.rows == 2);
  CHECK(stats.transport_reads == 2);
  CHECK(stats.reads[static_cast<std::size_t>(Group::Stat)] == 3);
  CHECK(stats.reads[static_cast<std::size_t>(Group::Status)] == 0);
  CHECK(table[1].u64(Field::TtyNr) == 34816);
  CHECK(table[1].i64(Field::Nice) == 0);
}

TEST_CASE("no procfs read when the transport serves every field", "[taskdiag][completion]") {
  Fixture f;
  f.transport->script(TASK_DIAG_DUMP_ALL, 0, {basic(5000, 5000, "not-in-tree").encode()});
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm, Field::Ppid, Field::State};
  ScanStats stats;
  const TaskTable table = f.scan(query, &stats);
  REQUIRE(table.size() == 1);  // not in the tree, but nothing needed reading there
  CHECK(table[0].str(Field::Comm) == "not-in-tree");
  for (std::size_t reads : stats.reads)
    CHECK(reads == 0);
}

TEST_CASE("a kernel thread's comm comes from procfs", "[taskdiag][completion]") {
  Fixture f;
  // The kernel's 16-byte comm of a child of kthreadd; the tree's stat says "kthreadd".
  f.transport->script(TASK_DIAG_DUMP_ALL, 0, {basic(2, 2, "truncated-name", 2).encode()});
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm};
  CHECK(f.scan(query)[0].str(Field::Comm) == "kthreadd");
}

TEST_CASE("a pid list is read with one DUMP_ONE per pid", "[taskdiag][pids]") {
  Fixture f;
  f.transport->script(TASK_DIAG_DUMP_ONE, 100, {basic(100, 100, "worker").encode()});
  f.transport->script(TASK_DIAG_DUMP_ONE, 1, {basic(1, 1, "init", 0).encode()});
  // 101 is a thread: ONE answers for it under tgid 100, and a /proc listing would not show it.
  f.transport->script(TASK_DIAG_DUMP_ONE, 101, {basic(101, 100, "worker").encode()});
  // 4242 does not exist (ESRCH); 5 is invisible to us (EOF at once).
  f.transport->script(TASK_DIAG_DUMP_ONE, 5, {});
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm};
  query.pid_list_only = true;
  query.pids = {100, 4242, 1, 101, 100, 5, -3};
  using P = std::pair<std::uint64_t, std::uint64_t>;
  CHECK(ids(f.scan(query)) == std::vector<P>{{1, 1}, {100, 100}});
  CHECK(f.transport->sent().size() == 5);
  for (const auto& sent : f.transport->sent())
    CHECK(sent.strategy == TASK_DIAG_DUMP_ONE);

  SECTION("with threads, THREAD per pid") {
    f.transport->script(
        TASK_DIAG_DUMP_THREAD, 100,
        {concat({basic(100, 100, "worker").encode(), basic(101, 100, "worker").encode()})});
    f.transport->script(
        TASK_DIAG_DUMP_THREAD, 101,
        {concat({basic(100, 100, "worker").encode(), basic(101, 100, "worker").encode()})});
    query.pids = {100, 101};
    query.scope = Scope::ProcessesAndThreads;
    CHECK(ids(f.scan(query)) == std::vector<P>{{100, 100}, {100, 100}, {100, 101}});
  }
}

TEST_CASE("a long pid list is one whole dump, filtered", "[taskdiag][pids]") {
  Fixture f;
  f.transport->script(TASK_DIAG_DUMP_ALL, 0,
                      {concat({basic(1, 1, "init", 0).encode(), basic(100, 100, "w").encode()})});
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid};
  query.pid_list_only = true;
  for (pid_t pid = 100; pid < 100 + static_cast<pid_t>(WireBackend::kOnePerPidLimit) + 1; ++pid)
    query.pids.push_back(pid);
  using P = std::pair<std::uint64_t, std::uint64_t>;
  CHECK(ids(f.scan(query)) == std::vector<P>{{100, 100}});
  CHECK(f.transport->sent().size() == 1);
}

TEST_CASE("dumps that fail or end inside a task", "[taskdiag][errors]") {
  Fixture f;
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Cmdline};

  SECTION("a failed read is a DumpError") {
    f.transport->script(TASK_DIAG_DUMP_ALL, 0, {basic(1, 1, "init").encode(), Read{-EIO}});
    CHECK_THROWS_AS(f.scan(query), DumpError);
  }
  SECTION("a whole dump that ends inside a task lost the tasks after it") {
    Message cut = basic(1, 1, "init", 0);
    cut.flags = TASK_DIAG_FLAG_CONT;
    f.transport->script(TASK_DIAG_DUMP_ALL, 0, {cut.encode()});
    CHECK_THROWS_WITH(f.scan(query), Catch::Contains("ended inside task 1"));
  }
  SECTION("a single task cut short gets what is missing from procfs") {
    // The kernel could not fit the command line (reference 3.1): CONT, then the end.
    Message cut = basic(1, 1, "init", 0);
    cut.flags = 0xabc00000u | TASK_DIAG_FLAG_CONT;
    f.transport->script(TASK_DIAG_DUMP_ONE, 1, {cut.encode()});
    query.pid_list_only = true;
    query.pids = {1};
    const TaskTable table = f.scan(query);
    REQUIRE(table.size() == 1);
    CHECK(table[0].str(Field::Cmdline) == "/sbin/init\0splash\0"s);
    CHECK(f.transport->sent()[0].show & TASK_DIAG_SHOW(TASK_DIAG_CMDLINE));
  }
  SECTION("the kernel's whole dumps leave CMDLINE to procfs") {
    f.transport->name_ = "taskdiag";
    f.transport->script(TASK_DIAG_DUMP_ALL, 0, {basic(1, 1, "init", 0).encode()});
    const TaskTable table = f.scan(query);
    REQUIRE(table.size() == 1);
    CHECK(table[0].str(Field::Cmdline) == "/sbin/init\0splash\0"s);
    CHECK_FALSE(f.transport->sent()[0].show & TASK_DIAG_SHOW(TASK_DIAG_CMDLINE));
  }
  SECTION("garbage where a message should be") {
    f.transport->script(TASK_DIAG_DUMP_ALL, 0, {Bytes(7, std::byte{0x41})});
    CHECK_THROWS_WITH(f.scan(query), Catch::Contains("truncated message"));
  }
}

TEST_CASE("task_diag states become /proc's letters", "[taskdiag][fields]") {
  CHECK(state_letter(TASK_DIAG_RUNNING) == 'R');
  CHECK(state_letter(TASK_DIAG_TRACE_STOP) == 't');
  CHECK(state_letter(TASK_DIAG_IDLE) == 'I');
  CHECK(state_letter(9) == '\0');
}
