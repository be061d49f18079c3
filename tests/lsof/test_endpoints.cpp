// -E/+E on rows built here (pipes, eventfds, ptys; sockets are covered by the differential
// cases on the fixture world): what lsof adds to names and which peers +E lists.
#include <catch2/catch.hpp>

#include "endpoints.h"
#include "options.h"

using namespace tdlsof;

namespace {

FileRow endpoint(const char* fd, char access, EndpointKind kind, std::uint64_t key, bool selected) {
  FileRow f;
  f.fd = fd;
  f.access = access;
  f.type = "FIFO";
  f.name = "pipe";
  f.endpoint = kind;
  f.endpoint_key = key;
  f.selected = selected;
  return f;
}

ProcessRows process(pid_t pid, const char* command, std::vector<FileRow> files, pid_t tid = 0) {
  ProcessRows p;
  p.pid = pid;
  p.tid = tid;
  p.command = command;
  p.files = std::move(files);
  return p;
}

Options with_endpoints(int level) {
  Options o;
  o.endpoints = level;
  return o;
}

}  // namespace

TEST_CASE("-E adds the other ends of a listed pipe, in pid order, never the file itself") {
  std::vector<ProcessRows> rows = {
      process(10, "writer_with_a_long_name",
              {endpoint("   1", 'w', EndpointKind::Pipe, 77, true),
               endpoint("   5", 'r', EndpointKind::Pipe, 77, true)}),
      process(20, "reader", {endpoint("   0", 'r', EndpointKind::Pipe, 77, false)}),
      process(30, "other", {endpoint("   0", 'r', EndpointKind::Pipe, 78, false)}),
  };
  add_endpoints(rows, nullptr, with_endpoints(1));
  CHECK(rows[0].files[0].name_addition == "10,writer_wi,5r 20,reader,0r");
  CHECK(rows[0].files[1].name_addition == "10,writer_wi,1w 20,reader,0r");
  // -E lists nothing more, and names of files not listed stay as they were.
  CHECK_FALSE(rows[1].files[0].selected);
  CHECK(rows[1].files[0].name_addition.empty());
  CHECK(rows[2].files[0].name_addition.empty());
}

TEST_CASE("+E lists the peers' files with their own ends, and nothing unrelated") {
  std::vector<ProcessRows> rows = {
      process(10, "writer", {endpoint("   1", 'w', EndpointKind::Pipe, 77, true)}),
      process(20, "reader",
              {endpoint("   0", 'r', EndpointKind::Pipe, 77, false),
               endpoint("   3", 'u', EndpointKind::EventFd, 5, false)}),
  };
  add_endpoints(rows, nullptr, with_endpoints(2));
  CHECK(rows[0].files[0].name_addition == "20,reader,0r");
  CHECK(rows[1].files[0].selected);
  CHECK(rows[1].files[0].name_addition == "10,writer,1w");
  CHECK_FALSE(rows[1].files[1].selected);
}

TEST_CASE("+c sets the command width of endpoints; +c 0 leaves the command out") {
  std::vector<ProcessRows> rows = {
      process(1, "abcdefghijklmnop", {endpoint("  10", 'r', EndpointKind::EventFd, 2, true)}),
      process(2, "qrstuvwxyz", {endpoint("  11", 'u', EndpointKind::EventFd, 2, true)}),
  };
  Options o = with_endpoints(1);
  o.command_width = 0;
  add_endpoints(rows, nullptr, o);
  CHECK(rows[0].files[0].name_addition == "2,,11u");
  for (auto& p : rows)
    for (auto& f : p.files)
      f.name_addition.clear();
  o.command_width = 15;
  add_endpoints(rows, nullptr, o);
  CHECK(rows[1].files[0].name_addition == "1,abcdefghijklmno,10r");
}

TEST_CASE("a pty master shows its slaves after the slave's path, a slave its masters") {
  std::vector<ProcessRows> rows = {
      process(5, "term",
              {endpoint("  10", 'u', EndpointKind::PtyMaster, 3, true),
               endpoint("  11", 'u', EndpointKind::PtySlave, 3, true)}),
      process(6, "shell", {endpoint("   0", 'u', EndpointKind::PtySlave, 3, true)}),
      // Another pty's slave and a master whose index differs.
      process(7, "shell2",
              {endpoint("   0", 'u', EndpointKind::PtySlave, 4, true),
               endpoint("   9", 'u', EndpointKind::PtyMaster, 5, true)}),
  };
  add_endpoints(rows, nullptr, with_endpoints(1));
  CHECK(rows[0].files[0].name_addition == "->/dev/pts/3 5,term,11u 6,shell,0u");
  CHECK(rows[0].files[1].name_addition == "5,term,10u");
  CHECK(rows[1].files[0].name_addition == "5,term,10u");
  CHECK(rows[2].files[0].name_addition.empty());
  CHECK(rows[2].files[1].name_addition.empty());
}

TEST_CASE("threads sharing a table count once, the thread read before its process") {
  // Sorted as tdlsof sorts rows: the process, then its threads.
  std::vector<ProcessRows> rows = {
      process(10, "leader", {endpoint("   4", 'r', EndpointKind::Pipe, 9, false)}),
      process(10, "leader", {endpoint("   4", 'r', EndpointKind::Pipe, 9, false)}, 11),
      process(20, "writer", {endpoint("   1", 'w', EndpointKind::Pipe, 9, true)}),
  };
  add_endpoints(rows, nullptr, with_endpoints(2));
  CHECK(rows[2].files[0].name_addition == "10,leader,4r");
  // lsof entered the thread's descriptor, so +E lists the thread's row, not the process's.
  CHECK_FALSE(rows[0].files[0].selected);
  CHECK(rows[1].files[0].selected);
  CHECK(rows[1].files[0].name_addition == "20,writer,1w");
}
