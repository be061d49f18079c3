#include "comparison.h"

#include <pwd.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>

#include "byte_diff.h"

namespace td::diff {
namespace {

// Reruns in a quiet window before a difference counts; each gets a longer window.
constexpr int kQuietAttempts = 5;

struct Observed {
  RunResult result;
  std::string out;  // stdout after @noself
  bool self_row_found = true;
  std::chrono::milliseconds took{};
};

// stderr: whether it is empty, or with @stderr its bytes.
bool same_stderr(const Case& c, const Observed& a, const Observed& b) {
  return c.compare_stderr ? a.result.err == b.result.err
                          : a.result.err.empty() == b.result.err.empty();
}

bool same(const Case& c, const Observed& a, const Observed& b) {
  return a.out == b.out && a.result.wait_status == b.result.wait_status && same_stderr(c, a, b);
}

// A number as ps and top print them (digits with at most one '.'), or else one byte.
std::string_view next_token(std::string_view text) {
  size_t n = 0;
  bool dot = false;
  while (n < text.size() && (std::isdigit(static_cast<unsigned char>(text[n])) ||
                             (text[n] == '.' && !dot && n > 0 && n + 1 < text.size() &&
                              std::isdigit(static_cast<unsigned char>(text[n + 1]))))) {
    dot = dot || text[n] == '.';
    ++n;
  }
  return text.substr(0, n ? n : 1);
}

bool is_number(std::string_view token) {
  return std::isdigit(static_cast<unsigned char>(token.front()));
}

double number_of(std::string_view token) {
  return std::strtod(std::string(token).c_str(), nullptr);
}

// The first of `ours` lines that line_between rejects, or -1.
long first_line_not_between(std::string_view early, std::string_view ours, std::string_view late) {
  const auto a = split_lines(early), b = split_lines(ours), c = split_lines(late);
  if (a.size() != b.size() || b.size() != c.size()) return 0;
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i].has_newline != a[i].has_newline || !line_between(a[i].text, b[i].text, c[i].text))
      return static_cast<long>(i);
  }
  return -1;
}

// The candidate ran between two reference runs: each of its lines must be what the
// reference printed at some moment in between (line_between). A row whose elapsed time or
// CPU share ticked over during the three runs then passes, however many tasks' clocks tick
// (a slow world's start times leave no quiet window), while any line that neither
// reference run could have printed still fails the case.
bool between(const Case& c, const Observed& before, const Observed& candidate,
             const Observed& after) {
  if (candidate.result.wait_status != before.result.wait_status ||
      candidate.result.wait_status != after.result.wait_status ||
      !same_stderr(c, candidate, before))
    return false;
  return first_line_not_between(before.out, candidate.out, after.out) < 0;
}

std::string describe_run(const char* label, const Observed& run) {
  std::string text =
      std::string(label) + ": " + describe_wait_status(run.result.wait_status) + ", stderr ";
  if (run.result.err.empty()) return text + "empty\n";
  std::string err = run.result.err.substr(0, 600);
  return text + "\"" + escape_bytes(err) + (err.size() < run.result.err.size() ? "..." : "") +
         "\"\n";
}

std::string describe_invocation(const Case& c, const RunRequest& request, pid_t tool_pid) {
  std::string text = "case: " + c.text + "\nargv:";
  for (const auto& arg : request.argv)
    text += " \"" + escape_bytes(arg) + "\"";
  text += "\nstdout: ";
  std::string size = std::to_string(c.cols) + "x" + std::to_string(c.rows);
  switch (c.output) {
    case Output::pipe:
      text +=
          c.head_lines ? "pipe closed after " + std::to_string(c.head_lines) + " lines" : "pipe";
      break;
    case Output::tty:
      text += "pty " + size;
      break;
    case Output::closed:
      text += "pipe with no reader";
      break;
    case Output::full:
      text += "/dev/full";
      break;
  }
  text += c.ctty ? ", controlling tty " + size : ", no controlling tty";
  text += ", tool pid " + std::to_string(tool_pid);
  if (c.drop_self_row) text += ", own row dropped (@noself)";
  if (c.compare_stderr) text += ", stderr compared (@stderr)";
  if (!c.user.empty()) text += ", run as user " + c.user + " (@user)";
  return text + "\n";
}

}  // namespace

bool line_between(std::string_view early, std::string_view ours, std::string_view late) {
  if (ours == early || ours == late) return true;
  while (!ours.empty()) {
    if (early.empty() || late.empty()) return false;
    const auto a = next_token(early), b = next_token(ours), c = next_token(late);
    if (b != a && b != c) {
      if (!is_number(a) || !is_number(b) || !is_number(c)) return false;
      const double x = number_of(a), y = number_of(b), z = number_of(c);
      if (y < std::min(x, z) || y > std::max(x, z)) return false;
    }
    early.remove_prefix(a.size());
    ours.remove_prefix(b.size());
    late.remove_prefix(c.size());
  }
  return early.empty() && late.empty();
}

bool make_request(const Case& c, const CaseContext& context, const std::string& exe,
                  RunRequest* request, std::string* error) {
  *request = {};
  request->exe = exe;
  request->pid = context.tool_pid;
  request->output = c.output;
  request->ctty = c.ctty;
  request->cols = c.cols;
  request->rows = c.rows;
  request->head_lines = c.head_lines;
  auto lookup = [&](const std::string& key) -> std::optional<std::string> {
    std::string name = key.substr(key.find(':') + 1);
    if (key.starts_with("tty:")) return context.world.tty_of(name);
    if (key.starts_with("data:")) {
      if (context.data_dir.empty()) return std::nullopt;
      return context.data_dir + "/" + name;
    }
    if (name == "self") return std::to_string(context.tool_pid);
    // lsof 4.95 forks a helper for its stat and readlink calls: the next pid in the world.
    if (name == "self-child") return std::to_string(context.tool_pid + 1);
    auto pid = key.starts_with("tid:") ? context.world.tid_of(name) : context.world.pid_of(name);
    if (!pid) return std::nullopt;
    return std::to_string(*pid);
  };
  for (const auto& word : c.argv) {
    std::string expanded;
    if (!expand_placeholders(word, lookup, &expanded, error)) return false;
    request->argv.push_back(expanded);
  }
  request->env = context.base_env;
  const auto& side_env =
      exe == context.candidate_exe ? context.candidate_env : context.reference_env;
  for (const auto& assignment : side_env) {
    std::string key = assignment.substr(0, assignment.find('=') + 1);
    std::erase_if(request->env, [&](const std::string& var) { return var.starts_with(key); });
    request->env.push_back(assignment);
  }
  for (const auto& written : c.env) {
    std::string assignment;
    if (!expand_placeholders(written, lookup, &assignment, error)) return false;
    std::string key = assignment.substr(0, assignment.find('=') + 1);
    std::erase_if(request->env, [&](const std::string& var) { return var.starts_with(key); });
    request->env.push_back(assignment);
  }
  if (!c.user.empty()) {
    const passwd* user = getpwnam(c.user.c_str());
    if (!user) {
      *error = "@user=" + c.user + ": no such user";
      return false;
    }
    request->user = RunRequest::User{user->pw_uid, user->pw_gid};
  }
  return true;
}

bool drop_self_row(std::string* out, pid_t pid) {
  size_t header_end = out->find('\n');
  if (header_end == std::string::npos) return false;
  std::string_view header(out->data(), header_end);
  // The header "PID" itself, not "PPID" or "TPGID": blanks (or line ends) on both sides.
  size_t column_end = std::string::npos;
  for (size_t at = header.find("PID"); at != std::string_view::npos;
       at = header.find("PID", at + 1)) {
    bool starts = at == 0 || header[at - 1] == ' ';
    bool ends = at + 3 == header.size() || header[at + 3] == ' ';
    if (starts && ends) {
      column_end = at + 3;
      break;
    }
  }
  if (column_end == std::string::npos) return false;
  // ps right-aligns PID under its header. Every row of the tool's own pid goes (with -L the
  // tool shows a row per thread, and how many threads it has depends on the backend's
  // choices), and so do the thread rows after its process row that m formats print with
  // "-" for a PID.
  const std::string value = std::to_string(pid);
  auto cell_is = [&](std::string_view line, const std::string& text) {
    if (line.size() < column_end || column_end < text.size()) return false;
    const size_t first = column_end - text.size();
    return line.substr(first, text.size()) == text && (first == 0 || line[first - 1] == ' ') &&
           (column_end == line.size() || line[column_end] == ' ');
  };
  bool dropped = false, in_self = false;
  for (size_t start = header_end + 1; start < out->size();) {
    size_t end = out->find('\n', start);
    if (end == std::string::npos) end = out->size();
    std::string_view line(out->data() + start, end - start);
    const bool self = cell_is(line, value);
    if (self || (in_self && cell_is(line, "-"))) {
      out->erase(start, end - start + (end < out->size() ? 1 : 0));
      dropped = in_self = true;
      continue;
    }
    in_self = false;
    start = end + 1;
  }
  return dropped;
}

CaseOutcome run_case(const Case& c, CaseContext& context) {
  CaseOutcome outcome;
  RunRequest reference, candidate;
  std::string error;
  if (!make_request(c, context, context.reference_exe, &reference, &error) ||
      !make_request(c, context, context.candidate_exe, &candidate, &error)) {
    outcome.report = "case: " + c.text + "\n" + error;
    return outcome;
  }
  std::string invocation = describe_invocation(c, reference, context.tool_pid);

  auto observe = [&](const RunRequest& request, Observed* run) {
    auto start = std::chrono::steady_clock::now();
    context.world.run(request, &run->result);
    run->took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    run->out = run->result.out;
    if (c.drop_self_row) run->self_row_found = context.drop_self(&run->out, context.tool_pid);
    if (context.mask) context.mask(run->out);
    return run->result.error.empty();
  };
  Observed first, td, second;
  if (!observe(reference, &first)) {
    outcome.report = invocation + "reference run failed: " + first.result.error;
    return outcome;
  }
  outcome.reference_output =
      "---- " + c.text + " (" + describe_wait_status(first.result.wait_status) + ", stderr " +
      (first.result.err.empty() ? "empty" : "\"" + escape_bytes(first.result.err) + "\"") + ")\n";
  for (size_t start = 0; start < first.result.out.size();) {
    size_t end = first.result.out.find('\n', start);
    if (end == std::string::npos) end = first.result.out.size();
    outcome.reference_output +=
        escape_bytes(std::string_view(first.result.out).substr(start, end - start)) + "$\n";
    start = end + 1;
  }
  if (c.drop_self_row && !first.self_row_found) {
    outcome.report = invocation + "@noself: the reference output has no row for pid " +
                     std::to_string(context.tool_pid) + " under a PID header";
    return outcome;
  }
  if (!observe(candidate, &td)) {
    outcome.report = invocation + "candidate run failed: " + td.result.error;
    return outcome;
  }
  if (same(c, first, td)) {
    outcome.passed = true;
    return outcome;
  }
  if (!observe(reference, &second)) {
    outcome.report = invocation + "second reference run failed: " + second.result.error;
    return outcome;
  }
  if (same(c, second, td) || between(c, first, td, second)) {
    outcome.passed = true;
    return outcome;
  }
  // Run the pair again where no clock second ticks, and check afterwards that it really
  // ran there: under load runs take longer than the first two suggested.
  auto length = (first.took + td.took) * 3 / 2 + std::chrono::milliseconds(20);
  Observed third, td_again, fourth;
  bool quiet = false;
  bool seconds_quiet = false;  // the last pair: no elapsed second ticked, shares may have
  for (int attempt = 0; attempt < kQuietAttempts && !quiet; ++attempt, length = length * 3 / 2) {
    context.quiet.wait(length);
    long long from = QuietWindow::now_ms_absolute();
    if (!observe(reference, &third) || !observe(candidate, &td_again)) {
      outcome.report = invocation + "run in a quiet window failed: " + third.result.error +
                       td_again.result.error;
      return outcome;
    }
    if (same(c, third, td_again)) {
      outcome.passed = true;
      return outcome;
    }
    fourth = {};
    if (observe(reference, &fourth) && between(c, third, td_again, fourth)) {
      outcome.passed = true;
      return outcome;
    }
    const long long to = QuietWindow::now_ms_absolute();
    quiet = context.quiet.quiet_between(from, to);
    seconds_quiet = context.quiet.seconds_quiet_between(from, to);
  }

  std::string report =
      invocation +
      (quiet ? "(shown: the last of the pairs rerun where no clock second ticks and no CPU "
               "share steps)\n"
       : seconds_quiet
           ? "(shown: the last rerun pair, where no clock second ticked; no stretch free of "
             "CPU-share steps was found, so %CPU or C may have stepped between them)\n"
           : "(shown: the last rerun pair; no quiet window was found, so clock seconds may "
             "have ticked between them)\n") +
      describe_run("reference", third) + describe_run("candidate", td_again);
  if (!same(c, first, third)) {
    report += "note: the reference runs differ among themselves too (first vs last):\n" +
              describe_difference(first.out, third.out, "ref1", "ref3", 3);
  }
  if (third.out != td_again.out) {
    report += describe_difference(third.out, td_again.out, "ref", "td");
    const long line = first_line_not_between(third.out, td_again.out, fourth.out);
    if (line >= 0 && fourth.result.error.empty()) {
      const auto ours = split_lines(td_again.out), after = split_lines(fourth.out);
      report += "the reference run after td printed " + std::to_string(after.size()) +
                " lines; td's line " + std::to_string(line + 1) +
                " is what neither run printed nor lies between them:\n";
      if (static_cast<size_t>(line) < ours.size())
        report += "  td:    " + escape_bytes(ours[line].text) + "$\n";
      if (static_cast<size_t>(line) < after.size())
        report += "  after: " + escape_bytes(after[line].text) + "$\n";
    }
  } else {
    report += "stdout is identical; the difference is in exit status or stderr\n";
  }
  outcome.report = report;
  return outcome;
}

}  // namespace td::diff
