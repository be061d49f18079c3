// The BPF task program, loaded here, against the tables that say what it sends
// (taskdiag/attributes.h, taskdiag/field_map.h) and against /proc: the memory figures of a
// process whose threads fault pages in on every CPU, so that its rss counters' per-CPU
// parts matter, from the bpf backend and the procfs backend.
// Needs root and BPF; without them it skips (77), or fails when CI is set.
#define CATCH_CONFIG_RUNNER
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bpf/iter_transport.h"
#include "procscan/scanner.h"
#include "taskdiag/decoder.h"
#include "taskdiag/dump_reader.h"
#include "taskdiag/request.h"

using namespace procscan;
using namespace procscan::taskdiag;

namespace {

std::unique_ptr<bpf::IterTransport> g_transport;

// One task's dump, all the task program offers asked for.
struct OneTask {
  DumpDecoder decoder;
  const TaskEntry* task = nullptr;
};
void dump_one(pid_t pid, OneTask& into) {
  std::vector<std::byte> buffer;
  const Request request{g_transport->attributes() & bpf::kTaskAttributes, DumpStrategy::One, pid,
                        1};
  const DumpRun run = run_dump(*g_transport, request, into.decoder, buffer);
  REQUIRE(run.status == DumpStatus::Ok);
  REQUIRE(into.decoder.tasks().size() == 1);
  into.task = &into.decoder.tasks()[0];
}

// The attributes of a task, as show bits.
std::uint64_t sent(const OneTask& one) {
  std::uint64_t bits = 0;
  for (const auto& row : kAttributeTable)
    if (one.decoder.payload(*one.task, row.attribute)) bits |= show_bit(row.attribute);
  return bits;
}

}  // namespace

TEST_CASE("the task program sends every attribute the table says it sends") {
  const std::uint64_t offered = g_transport->attributes() & bpf::kTaskAttributes;
  // CRED only to readers whose ids the kernel's equal (root here, in the initial namespace).
  CHECK((offered & show_bit(Attribute::Cred)) != 0);
  OneTask self;
  dump_one(::getpid(), self);
  // Our own process has an mm, a short command line and its comm as /proc names it: nothing
  // is marked for procfs, so EXT_PROCFS is the one offered attribute it does not carry.
  CHECK(sent(self) == (offered & ~show_bit(Attribute::ExtProcfs)));
  // kthreadd: no mm (no STATM, CMDLINE or EXT_MM), and a comm that /proc shows as it is.
  OneTask kthreadd;
  dump_one(2, kthreadd);
  constexpr std::uint64_t kNeedMm =
      show_bit(Attribute::Statm) | show_bit(Attribute::Cmdline) | show_bit(Attribute::ExtMm);
  CHECK(sent(kthreadd) == (offered & ~show_bit(Attribute::ExtProcfs) & ~kNeedMm));
}

namespace {

constexpr int kThreads = 48;
pid_t g_child = 0;
std::atomic<int> g_faulted{0};

// A thread of the child: on CPU `index` modulo the CPUs it may use, faults in a number of
// pages that is no multiple of any counter batch, and waits.
void* fault_pages(void* arg) {
  const long index = reinterpret_cast<long>(arg);
  cpu_set_t allowed;
  if (::sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
    const int cpus = CPU_COUNT(&allowed);
    int nth = static_cast<int>(index % (cpus > 0 ? cpus : 1));
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (!CPU_ISSET(cpu, &allowed) || nth-- != 0) continue;
      cpu_set_t one;
      CPU_ZERO(&one);
      CPU_SET(cpu, &one);
      ::pthread_setaffinity_np(::pthread_self(), sizeof one, &one);
      break;
    }
  }
  const std::size_t size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) * (5 + index % 11);
  void* memory = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory != MAP_FAILED) std::memset(memory, 1, size);
  ++g_faulted;
  for (;;)
    ::pause();
}

[[noreturn]] void child_main(int ready) {
  for (long i = 0; i < kThreads; ++i) {
    pthread_t thread;
    if (::pthread_create(&thread, nullptr, fault_pages, reinterpret_cast<void*>(i)) != 0)
      std::_Exit(2);
  }
  while (g_faulted < kThreads)
    ::usleep(1000);
  const char byte = 1;
  if (::write(ready, &byte, 1) != 1) std::_Exit(2);
  for (;;)
    ::pause();
}

// "Name:\t  1234 kB" of /proc/PID/status, in KiB.
std::uint64_t status_kib(pid_t pid, std::string_view name) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with(name) || line.size() <= name.size() || line[name.size()] != ':') continue;
    std::uint64_t value = 0;
    const char* at = line.data() + name.size() + 1;
    while (*at == ' ' || *at == '\t')
      ++at;
    std::from_chars(at, line.data() + line.size(), value);
    return value;
  }
  return 0;
}

std::uint64_t stat_rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  for (int i = 3; i <= 24 && fields >> field; ++i) {
  }
  return std::stoull(field) * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE)) / 1024;
}

}  // namespace

TEST_CASE("status' memory lines from EXT_MM on a process whose threads ran on every CPU") {
  const FieldSet memory{Field::VmRss,    Field::VmSize, Field::RssAnon,  Field::RssFile,
                        Field::RssShmem, Field::VmLck,  Field::RssPages, Field::Vsize};
  Query query;
  query.fields = memory;
  query.fields.add(FieldSet{Field::Tgid, Field::Tid});
  query.scope = Scope::ProcessesAndThreads;
  query.pid_list_only = true;
  query.pids = {g_child};
  // What status and stat print: the rss counters summed with their per-CPU parts, and not.
  const std::uint64_t vm_rss = status_kib(g_child, "VmRSS");
  const std::uint64_t stat_rss = stat_rss_kib(g_child);
  utsname name{};
  REQUIRE(::uname(&name) == 0);
  if (bpf::status_sums_rss(name.release) && vm_rss == stat_rss)
    WARN("the per-CPU parts add nothing here (one CPU?): the case proves less");

  Scanner bpf_scanner(ScannerOptions{.backend = BackendChoice::Bpf});
  Scanner procfs_scanner(ScannerOptions{.backend = BackendChoice::Procfs});
  const TaskTable from_bpf = bpf_scanner.scan(query);
  const TaskTable from_procfs = procfs_scanner.scan(query);
  // Nothing was left to procfs: every field came from the dump.
  CHECK(bpf_scanner.last_stats().reads[static_cast<std::size_t>(Group::Status)] == 0);
  CHECK(bpf_scanner.last_stats().reads[static_cast<std::size_t>(Group::Stat)] == 0);
  // The process row and a row per thread (the wire backend's include the leader's).
  REQUIRE(from_bpf.size() >= kThreads + 1);
  REQUIRE(from_procfs.size() >= kThreads + 1);
  CHECK(from_bpf[0].u64(Field::VmRss) == vm_rss);
  CHECK(from_bpf[0].u64(Field::RssPages) * ::sysconf(_SC_PAGESIZE) / 1024 == stat_rss);
  // The figures are the mm's: every row of both backends shows the procfs process row's.
  const TaskRef expected = from_procfs[0];
  for (const TaskTable* table : {&from_bpf, &from_procfs}) {
    for (std::size_t row = 0; row < table->size(); ++row) {
      const TaskRef got = (*table)[row];
      INFO((table == &from_bpf ? "bpf" : "procfs")
           << " row " << row << ", tid " << got.u64(Field::Tid));
      memory.for_each([&](Field field) {
        INFO(name_of(field));
        CHECK(got.has(field));
        CHECK(got.u64(field) == expected.u64(field));
      });
    }
  }
}

TEST_CASE("status sums the rss counters' per-CPU parts from Linux 6.16") {
  CHECK_FALSE(bpf::status_sums_rss("6.15.9-generic"));
  CHECK(bpf::status_sums_rss("6.16.0"));
  CHECK(bpf::status_sums_rss("6.18.44-fc-v1272"));
  CHECK(bpf::status_sums_rss("7.0"));
  CHECK_FALSE(bpf::status_sums_rss("5.19.17"));
  CHECK_FALSE(bpf::status_sums_rss("garbage"));
}

TEST_CASE("FMODE_BACKING is bit 25 from Linux 6.6 and bit 24 from 6.14") {
  CHECK(bpf::fmode_backing_bit("6.5.13") == 0);
  CHECK(bpf::fmode_backing_bit("6.6.0-generic") == 1U << 25);
  CHECK(bpf::fmode_backing_bit("6.13.12") == 1U << 25);
  CHECK(bpf::fmode_backing_bit("6.14.0") == 1U << 24);
  CHECK(bpf::fmode_backing_bit("6.18.44-fc-v1272") == 1U << 24);
  CHECK(bpf::fmode_backing_bit("7.1") == 1U << 24);
  CHECK(bpf::fmode_backing_bit("") == 0);
}

namespace {
bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}
int skip(const std::string& why) {
  std::printf("%s: %s\n", in_ci() ? "FAILED" : "SKIPPED", why.c_str());
  return in_ci() ? 1 : 77;
}
}  // namespace

int main(int argc, char** argv) {
  if (::geteuid() != 0) return skip("needs root to load BPF iterators");
  std::string why;
  g_transport = bpf::IterTransport::load(why);
  if (!g_transport) return skip(why);
  int ready[2];
  if (::pipe(ready) != 0) return 1;
  g_child = ::fork();
  if (g_child == 0) {
    ::close(ready[0]);
    child_main(ready[1]);
  }
  ::close(ready[1]);
  char byte;
  const bool started = ::read(ready[0], &byte, 1) == 1;
  const int result = started ? Catch::Session().run(argc, argv) : 1;
  if (!started) std::printf("the child could not start its threads\n");
  ::kill(g_child, SIGKILL);
  ::waitpid(g_child, nullptr, 0);
  g_transport.reset();
  return result;
}
