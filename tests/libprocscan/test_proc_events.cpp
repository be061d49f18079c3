// The proc connector: the parser on captured and hand-made datagrams, and the live listener
// (root, initial pid namespace) seeing a child fork, exec and exit.
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "proc_events.h"

using procscan::ProcEvent;
using Kind = procscan::ProcEvent::Kind;

namespace {

std::vector<std::vector<std::byte>> captured(const std::string& name) {
  std::ifstream in(std::string(TESTS_DATA_DIR) + "/proc_events/" + name, std::ios::binary);
  std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
  std::vector<std::vector<std::byte>> datagrams;
  std::size_t at = 0;
  while (at + 4 <= bytes.size()) {
    std::uint32_t length;
    std::memcpy(&length, bytes.data() + at, 4);
    at += 4;
    REQUIRE(at + length <= bytes.size());
    const auto* first = reinterpret_cast<const std::byte*>(bytes.data() + at);
    datagrams.emplace_back(first, first + length);
    at += length;
  }
  return datagrams;
}

bool has(const std::vector<ProcEvent>& events, Kind kind, pid_t pid, pid_t tgid) {
  return std::any_of(events.begin(), events.end(), [&](const ProcEvent& e) {
    return e.kind == kind && e.pid == pid && e.tgid == tgid;
  });
}

// One datagram holding one proc_event of `what` with the given pids in event_data.
std::vector<std::byte> datagram(std::uint32_t what, std::vector<std::int32_t> pids,
                                std::uint32_t ack = 0) {
  proc_event event{};
  event.what = static_cast<decltype(event.what)>(what);
  std::memcpy(&event.event_data, pids.data(), pids.size() * sizeof(std::int32_t));
  cn_msg message{};
  message.id.idx = CN_IDX_PROC;
  message.id.val = CN_VAL_PROC;
  message.ack = ack;
  message.len = sizeof event;
  nlmsghdr header{};
  header.nlmsg_len = NLMSG_HDRLEN + sizeof message + sizeof event;
  header.nlmsg_type = NLMSG_DONE;
  std::vector<std::byte> out(NLMSG_ALIGN(header.nlmsg_len));
  std::memcpy(out.data(), &header, sizeof header);
  std::memcpy(out.data() + NLMSG_HDRLEN, &message, sizeof message);
  std::memcpy(out.data() + NLMSG_HDRLEN + sizeof message, &event, sizeof event);
  return out;
}

}  // namespace

TEST_CASE("captured datagrams: the acknowledgement, and a shell's fork, exec and exit") {
  std::vector<ProcEvent> events;
  int acknowledgements = 0;
  for (const auto& d : captured("sh-true.bin")) {
    const auto notes = procscan::parse_proc_events(d, events);
    CHECK_FALSE(notes.malformed);
    if (notes.acknowledged) {
      ++acknowledgements;
      CHECK(notes.ack_error == 0);
    }
  }
  CHECK(acknowledgements == 1);
  constexpr pid_t kShell = 28364;  // README.md
  CHECK(has(events, Kind::Fork, kShell, kShell));
  CHECK(has(events, Kind::Exec, kShell, kShell));
  CHECK(has(events, Kind::Exit, kShell, kShell));
  // The shell's child: forked, exec'd /bin/true and exited, in that order.
  const auto child = std::find_if(events.begin(), events.end(), [&](const ProcEvent& e) {
    return e.kind == Kind::Fork && e.pid != kShell && has(events, Kind::Exec, e.pid, e.pid) &&
           has(events, Kind::Exit, e.pid, e.pid);
  });
  REQUIRE(child != events.end());
  CHECK(child->pid == child->tgid);
}

TEST_CASE("fork reports the child, exec and exit the task itself") {
  std::vector<ProcEvent> events;
  procscan::parse_proc_events(datagram(proc_event::PROC_EVENT_FORK, {10, 10, 12, 10}), events);
  procscan::parse_proc_events(datagram(proc_event::PROC_EVENT_EXEC, {20, 20}), events);
  procscan::parse_proc_events(datagram(proc_event::PROC_EVENT_EXIT, {31, 30, 0, 17, 1, 1}), events);
  procscan::parse_proc_events(datagram(proc_event::PROC_EVENT_UID, {40, 40, 0, 0}), events);
  REQUIRE(events.size() == 3);
  CHECK((events[0].kind == Kind::Fork && events[0].pid == 12 && events[0].tgid == 10));
  CHECK((events[1].kind == Kind::Exec && events[1].pid == 20 && events[1].tgid == 20));
  CHECK((events[2].kind == Kind::Exit && events[2].pid == 31 && events[2].tgid == 30));
}

TEST_CASE("only our own acknowledgement counts, with its error") {
  std::vector<ProcEvent> events;
  CHECK_FALSE(procscan::parse_proc_events(datagram(proc_event::PROC_EVENT_NONE, {0}, 5), events)
                  .acknowledged);
  const auto notes = procscan::parse_proc_events(
      datagram(proc_event::PROC_EVENT_NONE, {EPERM}, 0x74647074), events);
  CHECK(notes.acknowledged);
  CHECK(notes.ack_error == EPERM);
  CHECK(events.empty());
}

TEST_CASE("truncated and lying datagrams are malformed, never read past their end") {
  const auto whole = datagram(proc_event::PROC_EVENT_FORK, {1, 1, 2, 2});
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    std::vector<std::byte> part(whole.begin(), whole.begin() + cut);
    std::vector<ProcEvent> events;
    const auto notes = procscan::parse_proc_events(part, events);
    CHECK(events.empty());
    if (cut >= NLMSG_HDRLEN) CHECK(notes.malformed);
  }
  auto lying = whole;
  const std::uint32_t too_long = 4096;
  std::memcpy(lying.data(), &too_long, sizeof too_long);
  std::vector<ProcEvent> events;
  CHECK(procscan::parse_proc_events(lying, events).malformed);
  CHECK(events.empty());
}

TEST_CASE("several messages in one datagram") {
  auto both = datagram(proc_event::PROC_EVENT_EXEC, {5, 5});
  const auto second = datagram(proc_event::PROC_EVENT_EXIT, {6, 6});
  both.insert(both.end(), second.begin(), second.end());
  std::vector<ProcEvent> events;
  CHECK_FALSE(procscan::parse_proc_events(both, events).malformed);
  REQUIRE(events.size() == 2);
  CHECK(events[1].pid == 6);
}

TEST_CASE("a last message without its padding ends the datagram (found by the fuzzer)") {
  // 18 bytes whose one message claims 17: aligned, it would end at 20, past the datagram.
  std::vector<std::byte> bytes(18);
  nlmsghdr header{};
  header.nlmsg_len = 17;
  header.nlmsg_type = NLMSG_DONE;
  std::memcpy(bytes.data(), &header, sizeof header);
  std::vector<ProcEvent> events;
  CHECK(procscan::parse_proc_events(bytes, events).malformed);
  CHECK(events.empty());
}
