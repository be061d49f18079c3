// The BPF task program, loaded here, against the tables that say what it sends
// (taskdiag/attributes.h, taskdiag/field_map.h) and against /proc.
// Needs root and BPF; without them it skips (77), or fails when CI is set.
#define CATCH_CONFIG_RUNNER
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bpf/iter_transport.h"
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
  const int result = Catch::Session().run(argc, argv);
  g_transport.reset();
  return result;
}
