// The read loop against a scripted transport: 0 ends a dump, failed reads are errors.
#include <catch2/catch.hpp>

#include "fake_transport.h"
#include "taskdiag/dump_reader.h"

using namespace procscan::taskdiag;
using namespace td_test;

namespace {
Bytes task(std::uint32_t pid) {
  Message m{pid, pid};
  m.with(TASK_DIAG_BASE, base_payload(pid, pid, 1, 0, pid, pid, 1, "t"));
  return m.encode();
}
}  // namespace

TEST_CASE("a dump reads until a read returns 0", "[taskdiag][dump]") {
  FakeTransport transport(TASK_DIAG_SHOW(TASK_DIAG_BASE));
  transport.script(TASK_DIAG_DUMP_ALL, 0, {concat({task(1), task(2)}), task(3)});
  std::vector<std::byte> buffer;
  DumpDecoder decoder;
  const DumpRun run = run_dump(transport, {1, DumpStrategy::All, 0, 1}, decoder, buffer);
  CHECK(run.status == DumpStatus::Ok);
  CHECK(run.reads == 3);
  CHECK(decoder.tasks().size() == 3);
  CHECK(buffer.size() >= 16 * 1024);  // the first read must offer at least 16 KiB
}

TEST_CASE("a failed read is an error with its errno", "[taskdiag][dump]") {
  FakeTransport transport(TASK_DIAG_SHOW(TASK_DIAG_BASE));
  transport.script(TASK_DIAG_DUMP_ALL, 0, {task(1), Read{-ENOMEM}});
  std::vector<std::byte> buffer;
  DumpDecoder decoder;
  const DumpRun run = run_dump(transport, {1, DumpStrategy::All, 0, 1}, decoder, buffer);
  CHECK(run.status == DumpStatus::Failed);
  CHECK(run.error_number == ENOMEM);
  CHECK(run.why.find("Cannot allocate memory") != std::string::npos);
}

TEST_CASE("ESRCH for an unknown pid, EBUSY from send", "[taskdiag][dump]") {
  FakeTransport transport(TASK_DIAG_SHOW(TASK_DIAG_BASE));
  std::vector<std::byte> buffer;
  DumpDecoder decoder;
  DumpRun run = run_dump(transport, {1, DumpStrategy::One, 4242, 1}, decoder, buffer);
  CHECK(run.status == DumpStatus::Failed);
  CHECK(run.error_number == ESRCH);
  transport.fail_send(EBUSY);
  DumpDecoder second;
  run = run_dump(transport, {1, DumpStrategy::All, 0, 2}, second, buffer);
  CHECK(run.status == DumpStatus::Failed);
  CHECK(run.error_number == EBUSY);
  CHECK(run.reads == 0);
}

TEST_CASE("undecodable bytes stop the dump", "[taskdiag][dump]") {
  FakeTransport transport(TASK_DIAG_SHOW(TASK_DIAG_BASE));
  Bytes bad = task(1);
  put_at<std::uint16_t>(bad, 28, 2);
  transport.script(TASK_DIAG_DUMP_ALL, 0, {bad});
  std::vector<std::byte> buffer;
  DumpDecoder decoder;
  const DumpRun run = run_dump(transport, {1, DumpStrategy::All, 0, 1}, decoder, buffer);
  CHECK(run.status == DumpStatus::Undecodable);
  CHECK(run.why.find("zero-length attribute") != std::string::npos);
}
