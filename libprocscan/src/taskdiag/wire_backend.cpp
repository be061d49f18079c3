#include "taskdiag/wire_backend.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <exception>
#include <functional>
#include <future>
#include <span>
#include <string>
#include <thread>
#include <utility>

#include "row_delivery.h"
#include "taskdiag/attributes.h"
#include "taskdiag/decoder.h"
#include "taskdiag/dump_reader.h"
#include "taskdiag/field_map.h"
#include "taskdiag/reconcile.h"
#include "util/tasks_on_machine.h"

namespace procscan::taskdiag {

namespace {

constexpr std::uint32_t kKthreadd = 2;
constexpr std::uint32_t kPfKthread = 0x00200000;  // PF_KTHREAD in task->flags

// Room for the messages of a whole dump: the kernel's count of tasks, plus a process message
// for each (ALL_PROCESS_THREAD) at most; reserved pages a dump does not reach cost nothing.
std::size_t whole_dump_messages() {
  return 2 * util::tasks_on_machine() + 64;
}

// The EXT_PROCFS marks of a decoded task, 0 for none.
std::uint64_t procfs_marks(const DumpDecoder& decoder, std::uint32_t index) {
  const auto unserved = decoder.payload(decoder.tasks()[index], Attribute::ExtProcfs);
  if (!unserved || unserved->size() < sizeof(task_diag_ext_procfs)) return 0;
  task_diag_ext_procfs marks;
  std::memcpy(&marks, unserved->data(), sizeof marks);
  return marks.fields;
}

}  // namespace

struct WireBackend::PidFilter {
  bool active = false;
  std::vector<pid_t> pids;  // sorted, unique, positive
  bool contains(std::uint32_t pid) const {
    return !active || std::binary_search(pids.begin(), pids.end(), static_cast<pid_t>(pid));
  }
};

struct WireBackend::Plan {
  FieldSet wanted;
  std::uint64_t ask = 0;       // for DUMP_ONE and THREAD of single pids
  std::uint64_t bulk_ask = 0;  // for ALL and ALL_THREAD
  FieldSet completion;         // fields procfs fills when `ask` was requested
  FieldSet bulk_completion;    // ... when `bulk_ask` was
  std::optional<FieldSources> sources, bulk_sources;  // fill_fields' for `ask`, `bulk_ask`
  bool process_rows = false;
  bool thread_rows = false;
  // Process rows taken from the leaders of the thread dump: STAT is the only attribute
  // whose values differ between a process and its main thread.
  bool processes_from_threads = false;
  // Both row kinds from one ALL_PROCESS_THREAD dump instead of ALL and ALL_THREAD.
  bool one_walk = false;
  PidFilter filter;
  bool one_per_pid = false;
  // The transport marks kernel threads whose /proc name differs from comm (EXT_PROCFS).
  bool marks_complete = false;
};

// One row to emit: task `index` of Collected::dumps[dump], or (dump kFromProcfs) a task the
// dumps left out, read from procfs alone. 16 bytes: a scan holds one for every task.
struct Pending {
  static constexpr std::uint32_t kFromProcfs = ~std::uint32_t{0};
  std::uint32_t dump;
  std::uint32_t index;
  std::uint32_t tgid;
  std::uint32_t tid;
};

struct WireBackend::Collected {
  struct Dump {
    std::unique_ptr<DumpDecoder> decoder;
    std::uint64_t requested;  // its show_flags
  };
  std::vector<Dump> dumps;
  std::vector<Pending> processes;
  std::vector<Pending> threads;
};

WireBackend::WireBackend(std::unique_ptr<Transport> transport, TaskSource& tasks, bool reconcile)
    : transport_(std::move(transport)),
      tasks_(tasks),
      completer_(tasks.completer()),
      reconcile_(reconcile) {
  const long page = ::sysconf(_SC_PAGESIZE);
  page_size_ = page > 0 ? static_cast<std::uint64_t>(page) : 4096;
}

WireBackend::~WireBackend() = default;

FieldSet WireBackend::serves(const Query& /*query*/) const {
  return served_fields(transport_->attributes());
}

void WireBackend::dump(const Request& request, const PidFilter& filter, Collected& into,
                       bool thread_rows, ScanStats& stats) {
  auto decoder = std::make_unique<DumpDecoder>(request.show_flags,
                                               request.strategy == DumpStrategy::AllProcessThread);
  if (request.strategy == DumpStrategy::All || request.strategy == DumpStrategy::AllThread ||
      request.strategy == DumpStrategy::AllProcessThread)
    decoder->reserve(whole_dump_messages());
  const DumpRun run = run_dump(*transport_, request, *decoder, buffer_);
  stats.transport_reads += run.reads;
  keep_rows(request, run, std::move(decoder), filter, into, thread_rows);
}

std::optional<std::uint32_t> WireBackend::split_boundary(
    const Plan& plan, std::optional<std::vector<pid_t>>& listed) const {
  if (!plan.one_walk || plan.filter.active || !reconcile_) return std::nullopt;
  if (split_ == Split::Never || (split_ == Split::Auto && !listed)) return std::nullopt;
  if (!listed) {
    listed.emplace();
    if (!tasks_.list_processes(*listed)) return std::nullopt;
  }
  if (listed->empty() || (split_ == Split::Auto && listed->size() < kSplitProcesses))
    return std::nullopt;
  std::vector<pid_t> pids = *listed;
  const auto at = pids.begin() +
                  static_cast<std::ptrdiff_t>(static_cast<double>(pids.size()) * kFirstPartShare);
  std::nth_element(pids.begin(), at, pids.end());
  return static_cast<std::uint32_t>(*at);
}

bool WireBackend::scan_split(const Plan& plan, std::uint32_t boundary, std::vector<pid_t> listed,
                             TaskTable& out, RowVisitor* visitor, ScanStats& stats) {
  const Request walk{plan.bulk_ask, DumpStrategy::AllProcessThread, 0, ++seq_};
  const std::size_t messages = whole_dump_messages();
  // Each part reconciles with the listed processes on its side of the boundary.
  const auto lower = std::partition(listed.begin(), listed.end(), [&](pid_t pid) {
    return static_cast<std::uint32_t>(pid) < boundary;
  });
  std::vector<pid_t> upper_listed(lower, listed.end());
  listed.erase(lower, listed.end());

  // The second part, read, decoded, completed and built into rows on a second thread, which
  // the caller gets where they lie once the first part's are out.
  struct Later {
    TaskTable rows;
    ScanStats stats;
    std::unique_ptr<TaskCompleter> completer;
    DumpRun run;
    bool emitted = false;
    std::exception_ptr failure;  // thrown while building rows: rethrown on the caller's thread
  } later{TaskTable(out.layout().fields()), {}, tasks_.completer(), {}, false, nullptr};
  std::promise<pid_t> reader_tid;
  std::promise<bool> go;
  std::thread reader([&, start = go.get_future()]() mutable {
    reader_tid.set_value(static_cast<pid_t>(::gettid()));
    if (!start.get()) return;
    auto decoder = std::make_unique<DumpDecoder>(walk.show_flags, true);
    try {
      decoder->reserve(messages);
      std::vector<std::byte> buffer;
      later.run =
          read_dump([&](std::span<std::byte> into) { return transport_->receive_second(into); },
                    *decoder, buffer);
    } catch (const std::exception& e) {  // out of memory
      later.run = {DumpStatus::Failed, ENOMEM, 0, e.what()};
    }
    later.stats.transport_reads += later.run.reads;
    Collected rows;
    try {
      keep_rows(walk, later.run, std::move(decoder), plan.filter, rows, true);
    } catch (const DumpError&) {
      return;  // its processes are left to procfs, on the scanning thread
    }
    try {
      reconcile(plan, rows, upper_listed, *later.completer);
      order(plan, rows);
      emit_rows(plan, rows, Sink{later.rows, nullptr, later.stats, *later.completer});
      later.emitted = true;
    } catch (...) {
      later.failure = std::current_exception();
    }
  });
  bool released = false;
  auto release = [&](bool read) {
    if (released) return;
    released = true;
    go.set_value(read);
  };
  auto finish_reader = [&] {
    release(false);
    if (reader.joinable()) reader.join();
  };
  struct OnExit {
    std::function<void()> run;
    ~OnExit() { run(); }
  } on_exit{finish_reader};

  if (!transport_->split_next_dump(boundary, reader_tid.get_future().get())) return false;
  auto first = std::make_unique<DumpDecoder>(walk.show_flags, true);
  first->reserve(messages);
  const RequestBuffer bytes = encode_request(walk);
  if (const int rc = transport_->send(bytes); rc < 0)
    throw DumpError(std::string(transport_->name()) + ": request failed: " + std::strerror(-rc));
  release(true);
  const DumpRun first_run = read_dump(
      [&](std::span<std::byte> into) { return transport_->receive(into); }, *first, buffer_);
  stats.transport_reads += first_run.reads;
  ++stats.split_dumps;

  // The first part's failure throws before any row of ours, so the scanner can still fall
  // back to procfs (the second part's rows are dropped).
  const Sink sink{out, visitor, stats, *completer_};
  {
    Collected rows;
    keep_rows(walk, first_run, std::move(first), plan.filter, rows, true);
    reconcile(plan, rows, std::move(listed), *completer_);
    order(plan, rows);
    emit_rows(plan, rows, sink);
  }
  finish_reader();
  if (later.failure) std::rethrow_exception(later.failure);
  stats.add(later.stats);
  if (!later.emitted) {
    // Rows are out by now: a failed second part leaves its processes to procfs (they are
    // all in the listing) rather than failing a half-printed scan.
    Collected rows;
    reconcile(plan, rows, std::move(upper_listed), *completer_);
    order(plan, rows);
    emit_rows(plan, rows, sink);
  } else {
    deliver_rows(later.rows, out, visitor);
  }
  return true;
}

void WireBackend::keep_rows(const Request& request, const DumpRun& run,
                            std::unique_ptr<DumpDecoder> decoder, const PidFilter& filter,
                            Collected& into, bool thread_rows) {
  const bool both_kinds = request.strategy == DumpStrategy::AllProcessThread;
  const bool single = request.strategy != DumpStrategy::All &&
                      request.strategy != DumpStrategy::AllThread && !both_kinds;
  if (run.status == DumpStatus::Failed && single && run.error_number == ESRCH) return;
  if (run.status != DumpStatus::Ok)
    throw DumpError(std::string(transport_->name()) + ": " + run.why);
  const auto& tasks = decoder->tasks();
  // A whole dump that stopped inside a task lost every task after it (reference 3.1).
  if (!single && !tasks.empty() && tasks.back().incomplete)
    throw DumpError(std::string(transport_->name()) + ": the dump ended inside task " +
                    std::to_string(tasks.back().pid) + "; later tasks are missing");
  const auto dump = static_cast<std::uint32_t>(into.dumps.size());
  for (std::uint32_t i = 0; i < tasks.size(); ++i) {
    // A tid asked for by ONE or THREAD comes back under its own tgid: a /proc listing shows
    // only leaders, and so does procfs' pid list. ALL lists only leaders itself.
    const bool leader = tasks[i].pid == tasks[i].tgid;
    if (single ? tasks[i].tgid != static_cast<std::uint32_t>(request.pid)
               : !filter.contains(tasks[i].tgid))
      continue;
    if (!thread_rows && !leader) continue;
    const Pending pending{dump, i, tasks[i].tgid, tasks[i].pid};
    if (both_kinds)
      (tasks[i].process ? into.processes : into.threads).push_back(pending);
    else if (thread_rows)
      into.threads.push_back(pending);
    else
      into.processes.push_back(pending);
  }
  into.dumps.push_back({std::move(decoder), request.show_flags});
}

void WireBackend::collect(const Plan& plan, Collected& into, ScanStats& stats,
                          std::optional<std::vector<pid_t>> listed) {
  auto request = [&](std::uint64_t show, DumpStrategy strategy, pid_t pid) {
    return Request{show, strategy, pid, ++seq_};
  };
  if (plan.one_per_pid) {
    for (pid_t pid : plan.filter.pids) {
      if (plan.process_rows && !plan.processes_from_threads)
        dump(request(plan.ask, DumpStrategy::One, pid), plan.filter, into, false, stats);
      if (plan.thread_rows)
        dump(request(plan.ask, DumpStrategy::Thread, pid), plan.filter, into, true, stats);
    }
  } else if (plan.one_walk) {
    dump(request(plan.bulk_ask, DumpStrategy::AllProcessThread, 0), plan.filter, into, true, stats);
  } else {
    if (plan.process_rows && !plan.processes_from_threads)
      dump(request(plan.bulk_ask, DumpStrategy::All, 0), plan.filter, into, false, stats);
    if (plan.thread_rows)
      dump(request(plan.bulk_ask, DumpStrategy::AllThread, 0), plan.filter, into, true, stats);
  }

  if (reconcile_) reconcile(plan, into, std::move(listed), *completer_);
  order(plan, into);
}

void WireBackend::order(const Plan& plan, Collected& rows) const {
  if (plan.processes_from_threads)
    for (const Pending& p : rows.threads)
      if (p.tid == p.tgid) rows.processes.push_back(p);
  auto by_tgid = [](const Pending& a, const Pending& b) { return a.tgid < b.tgid; };
  std::stable_sort(rows.processes.begin(), rows.processes.end(), by_tgid);
  std::stable_sort(rows.threads.begin(), rows.threads.end(), by_tgid);
  // A process whose threads came in tid order where the kernel's thread order differs:
  // in the order /proc/PID/task lists them, as procfs gives them.
  for (auto run = rows.threads.begin(); run != rows.threads.end();) {
    const auto end = std::find_if(run, rows.threads.end(),
                                  [tgid = run->tgid](const Pending& p) { return p.tgid != tgid; });
    if (end - run > 1 && std::any_of(run, end, [&](const Pending& p) {
          return p.tid == p.tgid && p.dump != Pending::kFromProcfs &&
                 (procfs_marks(*rows.dumps[p.dump].decoder, p.index) &
                  TASK_DIAG_PROCFS_THREAD_ORDER);
        }))
      order_as_listed(std::span(run, end));
    run = end;
  }
}

void WireBackend::order_as_listed(std::span<Pending> threads) const {
  std::vector<pid_t> listed;
  if (!tasks_.list_threads(static_cast<pid_t>(threads.front().tgid), listed))
    return;                                           // gone meanwhile
  std::vector<std::pair<pid_t, std::size_t>> places;  // by tid: its place in the listing
  for (std::size_t i = 0; i < listed.size(); ++i)
    places.emplace_back(listed[i], i);
  std::sort(places.begin(), places.end());
  // Threads the listing lacks (gone since the dump) keep their place after the others.
  auto place = [&](const Pending& p) {
    const auto tid = static_cast<pid_t>(p.tid);
    const auto at = std::lower_bound(places.begin(), places.end(), std::pair(tid, std::size_t{0}));
    return at != places.end() && at->first == tid ? at->second : listed.size();
  };
  std::stable_sort(threads.begin(), threads.end(),
                   [&](const Pending& a, const Pending& b) { return place(a) < place(b); });
}

void WireBackend::reconcile(const Plan& plan, Collected& into,
                            std::optional<std::vector<pid_t>> listed_before,
                            TaskCompleter& completer) {
  // A process's rows mostly come together: one entry per run of a tgid spares the sort.
  std::vector<std::uint32_t> delivered;
  for (const auto* rows : {&into.processes, &into.threads})
    for (const Pending& p : *rows)
      if (delivered.empty() || delivered.back() != p.tgid) delivered.push_back(p.tgid);
  std::vector<pid_t> missing;
  if (plan.filter.active) {
    // A pid list: only its undelivered pids, each checked as procfs' own pid list does
    // (a listing shows leaders only), rather than a listing of the whole root.
    for (const pid_t pid : undelivered(std::move(delivered), plan.filter.pids))
      if (completer.lists_process(pid)) missing.push_back(pid);
  } else {
    // A listing from before the dumps serves as well as one after: a process it names that
    // exited since is skipped when read, one it lacks was delivered by a dump or started
    // after the scan began.
    std::vector<pid_t> listed;
    if (listed_before)
      listed = std::move(*listed_before);
    else if (!tasks_.list_processes(listed))
      return;  // procfs would fail the same way
    missing = undelivered(std::move(delivered), listed);
  }
  std::vector<pid_t> tids;
  for (const pid_t pid : missing) {
    const auto tgid = static_cast<std::uint32_t>(pid);
    if (plan.process_rows && !plan.processes_from_threads)
      into.processes.push_back(Pending{Pending::kFromProcfs, 0, tgid, tgid});
    if (!plan.thread_rows) continue;
    tids.clear();
    if (!tasks_.list_threads(pid, tids)) continue;  // gone meanwhile
    for (const pid_t tid : tids)
      into.threads.push_back(
          Pending{Pending::kFromProcfs, 0, tgid, static_cast<std::uint32_t>(tid)});
  }
}

bool WireBackend::emit(const Plan& plan, const Collected& from, std::size_t index,
                       const Sink& sink) {
  TaskTable& out = sink.out;
  ScanStats& stats = sink.stats;
  const bool thread = index >= from.processes.size();
  const Pending& p = thread ? from.threads[index - from.processes.size()] : from.processes[index];
  const RowKind kind = thread ? RowKind::Thread : RowKind::Process;
  // Reads `fields` of the open row from the task source and commits the row; false when the
  // task vanished meanwhile.
  const auto complete_and_commit = [&](std::uint32_t tgid, std::uint32_t tid,
                                       const FieldSet& fields) {
    if (!fields.empty() && !sink.completer.complete(tgid, tid, kind, fields, out, stats)) {
      out.discard_row();
      ++stats.vanished;
      return false;
    }
    ++stats.rows;
    commit_row(out, sink.visitor);
    return true;
  };
  if (p.dump == Pending::kFromProcfs) {
    out.begin_row(kind);
    out.set_u64(Field::Tgid, p.tgid);
    out.set_u64(Field::Tid, p.tid);
    return complete_and_commit(p.tgid, p.tid, plan.wanted.minus(FieldSet{Field::Tgid, Field::Tid}));
  }
  const DumpDecoder& decoder = *from.dumps[p.dump].decoder;
  const std::uint64_t requested = from.dumps[p.dump].requested;
  const TaskEntry& task = decoder.tasks()[p.index];

  out.begin_row(kind);
  // Every dump asked for `ask` or `bulk_ask`.
  const bool asked = requested == plan.ask;
  FieldSet from_procfs =
      fill_fields(decoder, task, asked ? *plan.sources : *plan.bulk_sources, page_size_, out);
  from_procfs.add(asked ? plan.completion : plan.bulk_completion);
  if (plan.wanted.contains(Field::Comm) && !plan.marks_complete) {
    // /proc shows kernel threads' full names (workqueue workers with their queue); the
    // kernel's comm stops at 15 bytes.
    bool kernel_thread = false;
    if (const auto base = decoder.payload(task, Attribute::Base)) {
      task_diag_base b;
      std::memcpy(&b, base->data(), sizeof b);
      kernel_thread = b.ppid == kKthreadd;
    }
    if (const auto sched = decoder.payload(task, Attribute::ExtSched)) {
      task_diag_ext_sched s;
      std::memcpy(&s, sched->data(), sizeof s);
      kernel_thread = (s.flags & kPfKthread) != 0;
    }
    if (kernel_thread) from_procfs.add(Field::Comm);
  }
  const std::uint64_t marks = procfs_marks(decoder, p.index);
  if ((marks & TASK_DIAG_PROCFS_COMM) && plan.wanted.contains(Field::Comm))
    from_procfs.add(Field::Comm);
  if ((marks & TASK_DIAG_PROCFS_CMDLINE) && plan.wanted.contains(Field::Cmdline))
    from_procfs.add(Field::Cmdline);
  return complete_and_commit(task.tgid, task.pid, from_procfs);
}

ScanStats WireBackend::scan(const Query& query, TaskTable& out, RowVisitor* visitor) {
  Plan plan;
  plan.wanted = out.layout().fields();
  const std::uint64_t attributes = transport_->attributes();
  plan.ask = attributes_for(plan.wanted, attributes);
  plan.bulk_ask = plan.ask;
  // The kernel ends a dump silently when one attribute outgrows an empty chunk, which a long
  // command line can (reference 3.1): whole dumps of the kernel leave CMDLINE to procfs.
  if (transport_->name() == "taskdiag") plan.bulk_ask &= ~show_bit(Attribute::Cmdline);
  const FieldSet identity{Field::Tgid, Field::Tid};
  plan.completion = plan.wanted.minus(served_fields(plan.ask)).minus(identity);
  plan.bulk_completion = plan.wanted.minus(served_fields(plan.bulk_ask)).minus(identity);
  plan.sources.emplace(plan.wanted, plan.ask);
  plan.bulk_sources.emplace(plan.wanted, plan.bulk_ask);
  plan.marks_complete = (attributes & show_bit(Attribute::ExtProcfs)) != 0;
  plan.process_rows = query.scope != Scope::Threads;
  plan.thread_rows = query.scope != Scope::Processes;
  plan.processes_from_threads =
      plan.process_rows && plan.thread_rows && !(plan.ask & show_bit(Attribute::Stat));
  plan.one_walk = plan.process_rows && plan.thread_rows && !plan.processes_from_threads &&
                  transport_->serves_processes_with_threads();
  if (query.pid_list_only) {
    plan.filter.active = true;
    plan.filter.pids = query.pids;
    std::sort(plan.filter.pids.begin(), plan.filter.pids.end());
    plan.filter.pids.erase(std::unique(plan.filter.pids.begin(), plan.filter.pids.end()),
                           plan.filter.pids.end());
    std::erase_if(plan.filter.pids, [](pid_t pid) { return pid <= 0; });
    plan.one_per_pid = plan.filter.pids.size() <= kOnePerPidLimit;
  }

  ScanStats stats;
  std::optional<std::vector<pid_t>> listed = std::exchange(early_listing_, std::nullopt);
  if (const auto boundary = split_boundary(plan, listed))
    if (scan_split(plan, *boundary, *listed, out, visitor, stats)) return stats;
  Collected rows;
  collect(plan, rows, stats, std::move(listed));
  emit_rows(plan, rows, Sink{out, visitor, stats, *completer_});
  // ps -q's thread ids, read at /proc/TID as procps does (no dump serves that view).
  stats.add(tasks_.scan_listed_threads(query, out, visitor));
  return stats;
}

void WireBackend::emit_rows(const Plan& plan, const Collected& rows, const Sink& sink) {
  // Process rows in tgid order, each followed by its threads (both lists are by tgid).
  std::size_t t = 0;
  const std::size_t threads_base = rows.processes.size();
  if (!plan.process_rows) {
    for (; t < rows.threads.size(); ++t)
      emit(plan, rows, threads_base + t, sink);
    return;
  }
  for (std::size_t i = 0; i < rows.processes.size(); ++i) {
    const std::uint32_t tgid = rows.processes[i].tgid;
    while (t < rows.threads.size() && rows.threads[t].tgid < tgid)
      ++t;  // a process that appeared between the two dumps: no process row, no threads
    const bool shown = emit(plan, rows, i, sink);
    for (; t < rows.threads.size() && rows.threads[t].tgid == tgid; ++t)
      if (shown) emit(plan, rows, threads_base + t, sink);
  }
}

}  // namespace procscan::taskdiag
