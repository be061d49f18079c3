// The stream decoder on byte streams built from the reference's offsets (wire_bytes.h).
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "taskdiag/decoder.h"
#include "taskdiag/vma_records.h"
#include "wire_bytes.h"

using namespace procscan::taskdiag;
using namespace td_test;
using namespace std::string_literals;

namespace {

template <typename T>
T struct_of(const DumpDecoder& decoder, const TaskEntry& task, Attribute a) {
  const auto payload = decoder.payload(task, a);
  REQUIRE(payload);
  REQUIRE(payload->size() >= sizeof(T));
  T value;
  std::memcpy(&value, payload->data(), sizeof value);
  return value;
}

Bytes payload_bytes(const DumpDecoder& decoder, const TaskEntry& task, Attribute a) {
  const auto payload = decoder.payload(task, a);
  REQUIRE(payload);
  return Bytes(payload->begin(), payload->end());
}

std::string text_of(const DumpDecoder& decoder, const TaskEntry& task, Attribute a) {
  const auto payload = decoder.payload(task, a);
  REQUIRE(payload);
  return std::string(reinterpret_cast<const char*>(payload->data()), payload->size());
}

Message full_task(std::uint32_t pid) {
  Message m{pid, pid};
  m.with(TASK_DIAG_BASE, base_payload(pid, pid, 1, 0, pid, pid, 1, "worker"))
      .with(TASK_DIAG_CRED, creds_payload(0, 0x1ff, 0x3, ~0ull, {1, 2, 3, 4, 5, 6, 7, 8}))
      .with(TASK_DIAG_STAT, stat_payload({10, 11, 12, 13, 14, 15, 16, 17}, 3));
  return m;
}

DumpDecoder decode(std::initializer_list<Bytes> reads) {
  DumpDecoder decoder;
  for (const Bytes& read : reads)
    REQUIRE(decoder.feed(read));
  decoder.finish();
  return decoder;
}

DecodeErrorKind failure(const Bytes& read) {
  DumpDecoder decoder;
  CHECK_FALSE(decoder.feed(read));
  REQUIRE(decoder.error());
  CHECK_FALSE(decoder.error()->what.empty());
  return decoder.error()->kind;
}

}  // namespace

TEST_CASE("one hand-written message, byte by byte", "[taskdiag][decoder]") {
  // nlmsghdr: len 76 = 28 + 48 (BASE), type 0xD101, NLM_F_MULTI, seq 9, pid 0;
  // task_diag_msg: pid 300, tgid 300, flags 0; nlattr len 48 type 0; task_diag_base.
  const unsigned char raw[] = {
      76,   0,    0,   0,   0x01, 0xD1, 0x02, 0x00, 9, 0, 0, 0, 0, 0, 0, 0,  // nlmsghdr
      0x2C, 1,    0,   0,   0x2C, 1,    0,    0,    0, 0, 0, 0,              // msg 300/300
      48,   0,    0,   0,                                                    // nlattr BASE
      0x2C, 1,    0,   0,   0x2C, 1,    0,    0,    1, 0, 0, 0, 0, 0, 0, 0,  // tgid pid ppid tpid
      0x2C, 1,    0,   0,   0x2C, 1,    0,    0,    6,                       // sid pgid state Z
      'b',  'a',  's', 'h', 0,    0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0,
      0xFF, 0xFF, 0xFF};  // comm, pad
  static_assert(sizeof raw == 76);
  Bytes read(sizeof raw);
  std::memcpy(read.data(), raw, sizeof raw);
  const DumpDecoder decoder = decode({read});
  REQUIRE(decoder.tasks().size() == 1);
  const auto base = struct_of<task_diag_base>(decoder, decoder.tasks()[0], Attribute::Base);
  CHECK(base.pid == 300);
  CHECK(base.ppid == 1);
  CHECK(base.state == TASK_DIAG_ZOMBIE);
  CHECK(std::string(base.comm) == "bash");
}

TEST_CASE("several messages per read and every attribute", "[taskdiag][decoder]") {
  const std::uint64_t stat[10] = {4096, 0, 0, 8192, 0, 4096, 4096, 0, 0, 4096ull << 12};
  const Bytes vmas = concat({vma_record(0x400000, 0x401000, 0x5, "/bin/true", stat),
                             vma_record(0x7f0000, 0x7f1000, 0x3, "", stat)});
  Message one = full_task(10);
  one.with(TASK_DIAG_VMA, vmas)
      .with(TASK_DIAG_STATM, u64s_payload({1, 2, 3, 4, 5, 6, 7, 8, 4096, 9, 10, 11, 12, 13, 14}))
      .with(TASK_DIAG_CMDLINE, bytes_of("sleep\0infinity\0"s))
      .with(TASK_DIAG_EXT_SCHED, Bytes(48, std::byte{1}))
      .with(TASK_DIAG_EXT_TTY, Bytes(8, std::byte{2}))
      .with(TASK_DIAG_EXT_MM, Bytes(64, std::byte{3}))
      .with(17, Bytes(5, std::byte{9}));  // unknown: skipped
  const DumpDecoder decoder =
      decode({concat({one.encode(), full_task(11).encode()}), full_task(12).encode()});
  REQUIRE(decoder.tasks().size() == 3);
  CHECK(decoder.message_count() == 3);
  const TaskEntry& t = decoder.tasks()[0];
  CHECK(t.pid == 10);
  CHECK_FALSE(t.incomplete);
  const auto creds = struct_of<task_diag_creds>(decoder, t, Attribute::Cred);
  CHECK(creds.cap_permitted.cap[0] == 0x1ff);
  CHECK(creds.cap_bset.cap[1] == 0xffffffffu);
  CHECK(creds.euid == 2);
  CHECK(creds.fsgid == 8);
  const auto st = struct_of<task_diag_stat>(decoder, t, Attribute::Stat);
  CHECK(st.utime == 14);
  CHECK(st.cstime == 17);
  CHECK(st.threads == 3);
  const auto statm = struct_of<task_diag_statm>(decoder, t, Attribute::Statm);
  CHECK(statm.ptes == 4096);
  CHECK(statm.pinned_vm == 14);
  CHECK(text_of(decoder, t, Attribute::Cmdline) == "sleep\0infinity\0"s);
  CHECK(decoder.payload(t, Attribute::ExtSched)->size() == 48);
  CHECK(decoder.payload(t, Attribute::ExtTty)->size() == 8);
  CHECK(decoder.payload(t, Attribute::ExtMm)->size() == 64);

  VmaReader reader(*decoder.payload(t, Attribute::Vma));
  auto first = reader.next();
  REQUIRE(first);
  CHECK(first->header.start == 0x400000);
  CHECK(first->header.pgoff == 0x1000);
  CHECK(first->header.inode == 1234);
  CHECK(first->name == "/bin/true");
  REQUIRE(first->stat);
  CHECK(first->stat->resident == 4096);
  CHECK(first->stat->private_dirty == 0);
  CHECK(first->stat->pss == 4096ull << 12);
  auto second = reader.next();
  REQUIRE(second);
  CHECK(second->name.empty());
  CHECK(second->header.vm_flags == 0x3);
  CHECK_FALSE(reader.next());
  CHECK(reader.error().empty());
  CHECK_FALSE(decoder.payload(decoder.tasks()[1], Attribute::Vma));
}

TEST_CASE("a continued task: CONT with garbage high bits, VMA records concatenated",
          "[taskdiag][decoder]") {
  Message head{20, 20, 0xdeadbee0u | TASK_DIAG_FLAG_CONT};
  head.with(TASK_DIAG_BASE, base_payload(20, 20, 1, 0, 20, 20, 1, "big"))
      .with(TASK_DIAG_VMA, concat({vma_record(0x1000, 0x2000, 1, "/lib/a.so"),
                                   vma_record(0x2000, 0x3000, 1, "/lib/b.so")}));
  // The next read resumes after the last vm_start sent, then the pending STAT.
  Message tail{20, 20, 0xdeadbee0u};
  tail.with(TASK_DIAG_VMA, vma_record(0x3000, 0x4000, 1, "[vdso]"))
      .with(TASK_DIAG_STAT, stat_payload({1, 2, 3, 4, 5, 6, 7, 8}, 1));
  const DumpDecoder decoder = decode({head.encode(), tail.encode(), full_task(21).encode()});
  REQUIRE(decoder.tasks().size() == 2);
  const TaskEntry& t = decoder.tasks()[0];
  CHECK_FALSE(t.incomplete);
  CHECK(decoder.payload(t, Attribute::Stat));
  VmaReader reader(*decoder.payload(t, Attribute::Vma));
  std::vector<std::string> names;
  while (auto vma = reader.next())
    names.emplace_back(vma->name);
  CHECK(reader.error().empty());
  CHECK(names == std::vector<std::string>{"/lib/a.so", "/lib/b.so", "[vdso]"});
}

TEST_CASE("same pid and tgid continue a task even without the CONT bit", "[taskdiag][decoder]") {
  Message a{30, 30, 0xffff0000u};
  a.with(TASK_DIAG_BASE, base_payload(30, 30, 1, 0, 30, 30, 0, "x"));
  Message b{30, 30, 0};
  b.with(TASK_DIAG_STAT, stat_payload({}, 1));
  const DumpDecoder decoder = decode({concat({a.encode(), b.encode()})});
  REQUIRE(decoder.tasks().size() == 1);
  CHECK(decoder.payload(decoder.tasks()[0], Attribute::Base));
  CHECK(decoder.payload(decoder.tasks()[0], Attribute::Stat));
  CHECK(decoder.message_count() == 2);
}

TEST_CASE("CONT on the last message before the end marks the task incomplete",
          "[taskdiag][decoder]") {
  Message a = full_task(40);
  a.flags = TASK_DIAG_FLAG_CONT;
  const DumpDecoder decoder = decode({full_task(39).encode(), a.encode()});
  REQUIRE(decoder.tasks().size() == 2);
  CHECK_FALSE(decoder.tasks()[0].incomplete);
  CHECK(decoder.tasks()[1].incomplete);
}

TEST_CASE("a task sent twice keeps its last copy", "[taskdiag][decoder]") {
  Message old_copy = full_task(50);
  Message new_copy = full_task(50);
  new_copy.attributes[0].second = base_payload(50, 50, 1, 0, 50, 50, 2, "newer");
  const DumpDecoder decoder =
      decode({old_copy.encode(), full_task(51).encode(), new_copy.encode()});
  REQUIRE(decoder.tasks().size() == 2);
  CHECK(decoder.tasks()[0].pid == 51);
  CHECK(decoder.tasks()[1].pid == 50);
  CHECK(std::string(struct_of<task_diag_base>(decoder, decoder.tasks()[1], Attribute::Base).comm) ==
        "newer");
}

TEST_CASE("copies are found whatever the pids, and none where there are none",
          "[taskdiag][decoder]") {
  // Pids above the kernel's limit (garbage, or a fuzzer's) take the sorting path.
  constexpr std::uint32_t kHuge = 0xfffffff0u;
  const DumpDecoder huge =
      decode({full_task(kHuge).encode(), full_task(7).encode(), full_task(kHuge).encode()});
  REQUIRE(huge.tasks().size() == 2);
  CHECK(huge.tasks()[0].pid == 7);
  CHECK(huge.tasks()[1].pid == kHuge);
  // Distinct pids, out of order, stay as they came.
  const DumpDecoder distinct =
      decode({full_task(9).encode(), full_task(4194304).encode(), full_task(3).encode()});
  REQUIRE(distinct.tasks().size() == 3);
  CHECK(distinct.tasks()[0].pid == 9);
  CHECK(distinct.tasks()[1].pid == 4194304);
  CHECK(distinct.tasks()[2].pid == 3);
}

TEST_CASE("ALL_PROCESS_THREAD: a process message and its leader's are two tasks",
          "[taskdiag][decoder]") {
  // A thread whose tid is below its leader's wrote itself first; then the process, flagged;
  // then the leader thread and the other thread, unflagged, with the same pid and tgid.
  Message early{58, 60, 0};
  early.with(TASK_DIAG_STAT, stat_payload({1}, 3));
  Message process{60, 60, TASK_DIAG_FLAG_PROCESS};
  process.with(TASK_DIAG_STAT, stat_payload({300}, 3));
  Message leader{60, 60, 0};
  leader.with(TASK_DIAG_STAT, stat_payload({100}, 3));
  Message other{61, 60, 0};
  other.with(TASK_DIAG_STAT, stat_payload({200}, 3));
  const Bytes stream = concat({early.encode(), process.encode(), leader.encode(), other.encode()});

  DumpDecoder both(~std::uint64_t{0}, true);
  REQUIRE(both.feed(stream));
  both.finish();
  REQUIRE(both.tasks().size() == 4);
  std::vector<std::pair<std::uint32_t, bool>> seen;
  for (const TaskEntry& t : both.tasks())
    seen.emplace_back(t.pid, t.process);
  // finish() keeps the order of first messages; the process and its leader stay apart.
  CHECK(seen == std::vector<std::pair<std::uint32_t, bool>>{
                    {58, false}, {60, true}, {60, false}, {61, false}});
  CHECK(struct_of<task_diag_stat>(both, both.tasks()[1], Attribute::Stat).minflt == 300);
  CHECK(struct_of<task_diag_stat>(both, both.tasks()[2], Attribute::Stat).minflt == 100);

  // A process sent twice keeps its last copy, apart from its leader's.
  Message again{60, 60, TASK_DIAG_FLAG_PROCESS};
  again.with(TASK_DIAG_STAT, stat_payload({301}, 3));
  DumpDecoder twice(~std::uint64_t{0}, true);
  REQUIRE(twice.feed(concat({stream, again.encode()})));
  twice.finish();
  REQUIRE(twice.tasks().size() == 4);
  CHECK(twice.tasks()[3].process);
  CHECK(struct_of<task_diag_stat>(twice, twice.tasks()[3], Attribute::Stat).minflt == 301);

  // Other answers: bit 1 is the kernel's garbage, and the leader continues the "process".
  const DumpDecoder plain = decode({stream});
  REQUIRE(plain.tasks().size() == 3);
  for (const TaskEntry& t : plain.tasks())
    CHECK_FALSE(t.process);
  CHECK(struct_of<task_diag_stat>(plain, plain.tasks()[1], Attribute::Stat).minflt == 100);
}

TEST_CASE("NLMSG_NOOP is skipped and NLMSG_DONE ends the dump", "[taskdiag][decoder]") {
  Message noop{0, 0};
  noop.type = 1;
  Message done{0, 0};
  done.type = 3;
  DumpDecoder decoder;
  REQUIRE(decoder.feed(
      concat({noop.encode(), full_task(60).encode(), done.encode(), Bytes{std::byte{0xFF}}})));
  CHECK(decoder.saw_done());
  decoder.finish();
  CHECK(decoder.tasks().size() == 1);
}

TEST_CASE("the last message of a read may lack its padding", "[taskdiag][decoder]") {
  Message m{70, 70};
  m.with(TASK_DIAG_CMDLINE, bytes_of("ab"));  // nla_len 6, padded to 8
  Bytes read = m.encode();
  put_at<std::uint32_t>(read, 0, static_cast<std::uint32_t>(read.size() - 2));
  read.resize(read.size() - 2);
  const DumpDecoder decoder = decode({read});
  CHECK(text_of(decoder, decoder.tasks()[0], Attribute::Cmdline) == "ab");
}

TEST_CASE("an empty CMDLINE attribute is a present, empty command line", "[taskdiag][decoder]") {
  Message m{71, 71};
  m.with(TASK_DIAG_CMDLINE, {});
  const DumpDecoder decoder = decode({m.encode()});
  CHECK(text_of(decoder, decoder.tasks()[0], Attribute::Cmdline).empty());
}

TEST_CASE("threads repeating their process's command line share one copy", "[taskdiag][decoder]") {
  auto thread = [](std::uint32_t pid, std::uint32_t tgid, std::string_view cmdline) {
    Message m{pid, tgid};
    m.with(TASK_DIAG_CMDLINE, bytes_of(cmdline));
    return m.encode();
  };
  const DumpDecoder decoder =
      decode({concat({thread(80, 80, "app\0--x\0"s), thread(81, 80, "app\0--x\0"s)}),
              concat({thread(82, 80, "app\0--y\0"s), thread(90, 90, "app\0--y\0"s)})});
  REQUIRE(decoder.tasks().size() == 4);
  const auto& tasks = decoder.tasks();
  CHECK(text_of(decoder, tasks[0], Attribute::Cmdline) == "app\0--x\0"s);
  CHECK(text_of(decoder, tasks[1], Attribute::Cmdline) == "app\0--x\0"s);
  CHECK(text_of(decoder, tasks[2], Attribute::Cmdline) == "app\0--y\0"s);
  CHECK(text_of(decoder, tasks[3], Attribute::Cmdline) == "app\0--y\0"s);
  auto bytes_at = [&](std::size_t i) {
    return decoder.payload(tasks[i], Attribute::Cmdline)->data();
  };
  CHECK(bytes_at(0) == bytes_at(1));  // same process, same text: shared
  CHECK(bytes_at(1) != bytes_at(2));  // other text
  CHECK(bytes_at(2) != bytes_at(3));  // same text, other process: its own copy
}

TEST_CASE("a task with every attribute, in any order, and a task with none",
          "[taskdiag][decoder]") {
  // Attributes come in no particular order; each is found again by its own kind.
  Message every{100, 100};
  every.with(TASK_DIAG_EXT_FILE, Bytes{})
      .with(TASK_DIAG_EXT_PROCFS, Bytes(8, std::byte{10}))
      .with(TASK_DIAG_EXT_MM, Bytes(64, std::byte{9}))
      .with(TASK_DIAG_EXT_TTY, Bytes(8, std::byte{8}))
      .with(TASK_DIAG_EXT_SCHED, Bytes(48, std::byte{7}))
      .with(TASK_DIAG_CMDLINE, bytes_of("sh\0"s))
      .with(TASK_DIAG_STATM, Bytes(120, std::byte{5}))
      .with(TASK_DIAG_STAT, stat_payload({4}, 1))
      .with(TASK_DIAG_VMA, vma_record(0x1000, 0x2000, 1, "/bin/sh"))
      .with(TASK_DIAG_CRED, creds_payload(0, 0, 0, 0, {2, 0, 0, 0, 0, 0, 0, 0}))
      .with(TASK_DIAG_BASE, base_payload(100, 100, 1, 0, 100, 100, 1, "sh"));
  const Message none{101, 101};
  Message one{102, 102};
  one.with(TASK_DIAG_EXT_TTY, Bytes(8, std::byte{3}));
  const DumpDecoder decoder = decode({concat({every.encode(), none.encode(), one.encode()})});
  REQUIRE(decoder.tasks().size() == 3);
  const TaskEntry& all = decoder.tasks()[0];
  for (std::size_t a = 0; a < kAttributeCount; ++a)
    CHECK(decoder.payload(all, static_cast<Attribute>(a)));
  CHECK(decoder.payload(all, Attribute::ExtFile)->empty());
  CHECK(payload_bytes(decoder, all, Attribute::ExtProcfs) == Bytes(8, std::byte{10}));
  CHECK(payload_bytes(decoder, all, Attribute::ExtMm) == Bytes(64, std::byte{9}));
  CHECK(payload_bytes(decoder, all, Attribute::ExtTty) == Bytes(8, std::byte{8}));
  CHECK(payload_bytes(decoder, all, Attribute::ExtSched) == Bytes(48, std::byte{7}));
  CHECK(text_of(decoder, all, Attribute::Cmdline) == "sh\0"s);
  CHECK(payload_bytes(decoder, all, Attribute::Statm) == Bytes(120, std::byte{5}));
  CHECK(struct_of<task_diag_stat>(decoder, all, Attribute::Stat).minflt == 4);
  CHECK(payload_bytes(decoder, all, Attribute::Vma) == vma_record(0x1000, 0x2000, 1, "/bin/sh"));
  CHECK(struct_of<task_diag_creds>(decoder, all, Attribute::Cred).uid == 2);
  CHECK(std::string(struct_of<task_diag_base>(decoder, all, Attribute::Base).comm) == "sh");
  for (std::size_t a = 0; a < kAttributeCount; ++a)
    CHECK_FALSE(decoder.payload(decoder.tasks()[1], static_cast<Attribute>(a)));
  for (std::size_t a = 0; a < kAttributeCount; ++a)
    CHECK(decoder.payload(decoder.tasks()[2], static_cast<Attribute>(a)).has_value() ==
          (static_cast<Attribute>(a) == Attribute::ExtTty));
  CHECK(payload_bytes(decoder, decoder.tasks()[2], Attribute::ExtTty) == Bytes(8, std::byte{3}));
}

TEST_CASE("a repeated attribute keeps its last copy, VMA and EXT_FILE records add up",
          "[taskdiag][decoder]") {
  Message m{110, 110};
  m.with(TASK_DIAG_STAT, stat_payload({1}, 1))
      .with(TASK_DIAG_VMA, vma_record(0x1000, 0x2000, 1, "a"))
      .with(TASK_DIAG_CMDLINE, bytes_of("first"))
      .with(TASK_DIAG_STAT, stat_payload({2}, 1))
      .with(TASK_DIAG_VMA, vma_record(0x2000, 0x3000, 1, "b"))
      .with(TASK_DIAG_CMDLINE, bytes_of("second, longer"))
      .with(TASK_DIAG_CMDLINE, bytes_of("3rd"));
  const DumpDecoder decoder = decode({m.encode()});
  REQUIRE(decoder.tasks().size() == 1);
  const TaskEntry& t = decoder.tasks()[0];
  CHECK(struct_of<task_diag_stat>(decoder, t, Attribute::Stat).minflt == 2);
  CHECK(text_of(decoder, t, Attribute::Cmdline) == "3rd");
  CHECK(payload_bytes(decoder, t, Attribute::Vma) ==
        concat({vma_record(0x1000, 0x2000, 1, "a"), vma_record(0x2000, 0x3000, 1, "b")}));
}

TEST_CASE("a task continued over several reads gets every message's attributes",
          "[taskdiag][decoder]") {
  // STAT comes before BASE, a repeated CRED replaces the first, and the VMA records of the
  // three reads are one list, kept in place rather than copied again at each read.
  Message first{120, 120, TASK_DIAG_FLAG_CONT};
  first.with(TASK_DIAG_STAT, stat_payload({5}, 1))
      .with(TASK_DIAG_CRED, creds_payload(0, 0, 0, 0, {1, 0, 0, 0, 0, 0, 0, 0}))
      .with(TASK_DIAG_VMA, vma_record(0x1000, 0x2000, 1, "a"));
  Message second{120, 120, TASK_DIAG_FLAG_CONT};
  second.with(TASK_DIAG_VMA, vma_record(0x2000, 0x3000, 1, "b"));
  Message third{120, 120};
  third.with(TASK_DIAG_VMA, vma_record(0x3000, 0x4000, 1, "c"))
      .with(TASK_DIAG_CRED, creds_payload(0, 0, 0, 0, {2, 0, 0, 0, 0, 0, 0, 0}))
      .with(TASK_DIAG_BASE, base_payload(120, 120, 1, 0, 120, 120, 1, "long"));
  const DumpDecoder decoder =
      decode({first.encode(), second.encode(), third.encode(), full_task(121).encode()});
  REQUIRE(decoder.tasks().size() == 2);
  const TaskEntry& t = decoder.tasks()[0];
  CHECK_FALSE(t.incomplete);
  CHECK(struct_of<task_diag_stat>(decoder, t, Attribute::Stat).minflt == 5);
  CHECK(struct_of<task_diag_creds>(decoder, t, Attribute::Cred).uid == 2);
  CHECK(std::string(struct_of<task_diag_base>(decoder, t, Attribute::Base).comm) == "long");
  const auto vma = decoder.payload(t, Attribute::Vma);
  REQUIRE(vma);
  CHECK(Bytes(vma->begin(), vma->end()) ==
        concat({vma_record(0x1000, 0x2000, 1, "a"), vma_record(0x2000, 0x3000, 1, "b"),
                vma_record(0x3000, 0x4000, 1, "c")}));
  // In place: right after the first CRED copy, where the first read stored it.
  CHECK(vma->data() == decoder.payload(t, Attribute::Stat)->data() + 72 + sizeof(task_diag_creds));
  CHECK_FALSE(decoder.payload(t, Attribute::Cmdline));
  CHECK(decoder.payload(decoder.tasks()[1], Attribute::Base));
  CHECK_FALSE(decoder.payload(decoder.tasks()[1], Attribute::Vma));
}

TEST_CASE("a task continued after finish() dropped a copy", "[taskdiag][decoder]") {
  Message later{130, 130};
  later.with(TASK_DIAG_STAT, stat_payload({7}, 1));
  DumpDecoder decoder;
  REQUIRE(decoder.feed(concat({full_task(130).encode(), full_task(131).encode()})));
  REQUIRE(decoder.feed(full_task(130).encode()));
  decoder.finish();
  REQUIRE(decoder.tasks().size() == 2);
  REQUIRE(decoder.feed(later.encode()));
  decoder.finish();
  REQUIRE(decoder.tasks().size() == 2);
  const TaskEntry& t = decoder.tasks()[1];
  CHECK(t.pid == 130);
  CHECK(struct_of<task_diag_stat>(decoder, t, Attribute::Stat).minflt == 7);
  CHECK(struct_of<task_diag_base>(decoder, t, Attribute::Base).pid == 130);
  CHECK(struct_of<task_diag_creds>(decoder, t, Attribute::Cred).fsgid == 8);
  CHECK(struct_of<task_diag_stat>(decoder, decoder.tasks()[0], Attribute::Stat).utime == 14);
}

TEST_CASE("threads share equal attributes, never VMA or EXT_FILE records", "[taskdiag][decoder]") {
  const Bytes creds = creds_payload(0, 0, 0, 0, {1, 1, 1, 1, 1, 1, 1, 1});
  const Bytes tty(8, std::byte{4});
  const Bytes vmas = vma_record(0x1000, 0x2000, 1, "/bin/app");
  auto thread = [&](std::uint32_t pid, std::uint32_t tgid, const Bytes& cred,
                    std::uint32_t flags = 0) {
    Message m{pid, tgid, flags};
    m.with(TASK_DIAG_CRED, cred).with(TASK_DIAG_EXT_TTY, tty).with(TASK_DIAG_VMA, vmas);
    m.with(TASK_DIAG_STAT, stat_payload({pid}, 2));
    return m.encode();
  };
  Message more{141, 140};
  more.with(TASK_DIAG_VMA, vma_record(0x5000, 0x6000, 1, "[stack]"));
  const Bytes other_creds = creds_payload(0, 0, 0, 0, {2, 2, 2, 2, 2, 2, 2, 2});
  const DumpDecoder decoder =
      decode({concat({thread(140, 140, creds), thread(141, 140, creds, TASK_DIAG_FLAG_CONT),
                      more.encode(), thread(142, 140, other_creds), thread(150, 150, creds)})});
  REQUIRE(decoder.tasks().size() == 4);
  const auto& tasks = decoder.tasks();
  auto at = [&](std::size_t i, Attribute a) { return decoder.payload(tasks[i], a)->data(); };
  CHECK(at(0, Attribute::Cred) == at(1, Attribute::Cred));
  CHECK(at(0, Attribute::ExtTty) == at(1, Attribute::ExtTty));
  CHECK(at(1, Attribute::ExtTty) == at(2, Attribute::ExtTty));
  CHECK(at(1, Attribute::Cred) != at(2, Attribute::Cred));      // other bytes
  CHECK(at(2, Attribute::ExtTty) != at(3, Attribute::ExtTty));  // other process
  CHECK(at(0, Attribute::Stat) != at(1, Attribute::Stat));
  CHECK(payload_bytes(decoder, tasks[2], Attribute::Cred) == other_creds);
  CHECK(payload_bytes(decoder, tasks[3], Attribute::Cred) == creds);
  // The continued thread's records grew; the thread before keeps its own.
  CHECK(payload_bytes(decoder, tasks[0], Attribute::Vma) == vmas);
  CHECK(payload_bytes(decoder, tasks[1], Attribute::Vma) ==
        concat({vmas, vma_record(0x5000, 0x6000, 1, "[stack]")}));
  CHECK(payload_bytes(decoder, tasks[2], Attribute::Vma) == vmas);
}

TEST_CASE("unusable bytes give a clear error and never read out of bounds", "[taskdiag][decoder]") {
  const Bytes good = full_task(80).encode();

  SECTION("fewer bytes than a header") {
    CHECK(failure(Bytes(good.begin(), good.begin() + 10)) == DecodeErrorKind::TruncatedMessage);
  }
  SECTION("nlmsg_len below the header") {
    Bytes bad = good;
    put_at<std::uint32_t>(bad, 0, 8);
    CHECK(failure(bad) == DecodeErrorKind::TruncatedMessage);
  }
  SECTION("a task message without its task_diag_msg") {
    Bytes bad(good.begin(), good.begin() + 20);
    put_at<std::uint32_t>(bad, 0, 20);
    CHECK(failure(bad) == DecodeErrorKind::TruncatedMessage);
  }
  SECTION("nlmsg_len past the read") {
    Bytes bad = good;
    put_at<std::uint32_t>(bad, 0, static_cast<std::uint32_t>(good.size() + 4));
    CHECK(failure(bad) == DecodeErrorKind::MessageOverrun);
  }
  SECTION("a message cut off mid-way") {
    CHECK(failure(Bytes(good.begin(), good.end() - 8)) == DecodeErrorKind::MessageOverrun);
  }
  SECTION("an attribute longer than its message") {
    Bytes bad = good;
    put_at<std::uint16_t>(bad, 28, 400);
    CHECK(failure(bad) == DecodeErrorKind::AttributeOverrun);
  }
  SECTION("a zero-length attribute") {
    Bytes bad = good;
    put_at<std::uint16_t>(bad, 28, 0);
    CHECK(failure(bad) == DecodeErrorKind::ZeroLengthAttribute);
  }
  SECTION("fewer bytes than an attribute header at the end of a message") {
    Message m{81, 81};
    Bytes bad = m.encode();
    bad.resize(bad.size() + 2);
    put_at<std::uint32_t>(bad, 0, static_cast<std::uint32_t>(bad.size()));
    CHECK(failure(bad) == DecodeErrorKind::TruncatedAttribute);
  }
  SECTION("a struct attribute of the wrong size") {
    Message m{82, 82};
    m.with(TASK_DIAG_BASE, Bytes(40, std::byte{0}));
    CHECK(failure(m.encode()) == DecodeErrorKind::BadPayloadSize);
    Message n{83, 83};
    n.with(TASK_DIAG_STAT, Bytes(80, std::byte{0}));
    CHECK(failure(n.encode()) == DecodeErrorKind::BadPayloadSize);
  }
  SECTION("an unexpected message type") {
    Message m{84, 84};
    m.type = 0x1234;
    CHECK(failure(m.encode()) == DecodeErrorKind::UnexpectedMessageType);
  }
  SECTION("an NLMSG_ERROR message") {
    Message m{0, 0};
    m.type = 2;
    Bytes bad = m.encode();
    put_at<std::int32_t>(bad, 16, -EPERM);
    DumpDecoder decoder;
    CHECK_FALSE(decoder.feed(bad));
    CHECK(decoder.error()->kind == DecodeErrorKind::NetlinkError);
    CHECK(decoder.error()->what.find("Operation not permitted") != std::string::npos);
    // The most negative code has no positive counterpart in 32 bits (a fuzzer's find).
    put_at<std::int32_t>(bad, 16, INT32_MIN);
    DumpDecoder lowest;
    CHECK_FALSE(lowest.feed(bad));
    CHECK(lowest.error()->what.find("error 2147483648") != std::string::npos);
  }
  SECTION("errors stick: later reads change nothing") {
    DumpDecoder decoder;
    CHECK_FALSE(decoder.feed(Bytes(good.begin(), good.begin() + 10)));
    CHECK_FALSE(decoder.feed(good));
    CHECK(decoder.tasks().empty());
  }
}

TEST_CASE("malformed VMA records are refused", "[taskdiag][decoder][vma]") {
  const Bytes record = vma_record(0x1000, 0x2000, 1, "/bin/sh");
  auto refused = [](Bytes payload) {
    Message m{90, 90};
    m.with(TASK_DIAG_VMA, std::move(payload));
    return failure(m.encode()) == DecodeErrorKind::MalformedVma;
  };
  Bytes bad = record;
  SECTION("vma_len of zero") {
    put_at<std::uint16_t>(bad, 52, 0);
    CHECK(refused(bad));
  }
  SECTION("vma_len not a multiple of 4") {
    put_at<std::uint16_t>(bad, 52, 66);
    CHECK(refused(bad));
  }
  SECTION("vma_len past the payload") {
    put_at<std::uint16_t>(bad, 52, static_cast<std::uint16_t>(record.size() + 4));
    CHECK(refused(bad));
  }
  SECTION("a record shorter than its header") {
    CHECK(refused(Bytes(record.begin(), record.begin() + 40)));
  }
  SECTION("a name outside its record") {
    put_at<std::uint16_t>(bad, 56, 200);
    CHECK(refused(bad));
  }
  SECTION("a stat block of the wrong size") {
    put_at<std::uint16_t>(bad, 58, 64);
    put_at<std::uint16_t>(bad, 60, 8);
    CHECK(refused(bad));
  }
  SECTION("a stat block past the record") {
    put_at<std::uint16_t>(bad, 58, 64);
    put_at<std::uint16_t>(bad, 60, 80);
    CHECK(refused(bad));
  }
}
