// tdlsof: lsof 4.95's output from libprocscan. Text, field (-F) and terse (-t) output are
// lsof's bytes; --json, --backend and --debug go beyond it (tdlsof(1)).
#include <unistd.h>

#include <clocale>
#include <cstring>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "block_warnings.h"
#include "collect.h"
#include "help.h"
#include "json_output.h"
#include "options.h"
#include "output.h"
#include "output_buffer.h"
#include "procscan/mount_table.h"
#include "selection.h"

namespace {

std::string program_name(const char* argv0) {
  const char* slash = std::strrchr(argv0, '/');
  return slash ? slash + 1 : argv0;
}

// The options beyond lsof's, taken out before lsof's parsing sees the rest: only before
// "--", where lsof's options end.
struct Extras {
  bool json = false;
  bool debug = false;
  std::string backend;
  std::vector<std::string> rest;
};

Extras take_extras(int argc, char** argv) {
  Extras extras;
  bool ended = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (!ended && arg == "--") ended = true;
    if (!ended && arg == "--json") {
      extras.json = true;
    } else if (!ended && arg == "--debug") {
      extras.debug = true;
    } else if (!ended && arg.rfind("--backend=", 0) == 0) {
      extras.backend = arg.substr(10);
    } else {
      extras.rest.push_back(arg);
    }
  }
  return extras;
}

// lsof writes through stdio and never checks: a failed write (a full disk, /dev/full) loses
// the output and changes nothing else.
void flush(td::common::OutputBuffer& out) {
  try {
    out.flush();
  } catch (const std::system_error&) {
  }
}

int run(int argc, char** argv) {
  std::setlocale(LC_CTYPE, "");
  // SIGPIPE keeps its default action: lsof dies by it when its reader goes away, and so do
  // we (tdlsof ... | head). Other write errors are ignored, as lsof's stdio output ignores
  // them (tdlsof > /dev/full exits 0).
  const std::string program = program_name(argv[0]);
  Extras extras = take_extras(argc, argv);
  tdlsof::ParseResult parsed = tdlsof::parse_options(extras.rest);
  tdlsof::Options& options = parsed.options;
  options.json = extras.json;
  options.debug = extras.debug;
  options.backend = extras.backend;
  if (!options.backend.empty() && options.backend != "auto" && options.backend != "procfs" &&
      options.backend != "bpf" && options.backend != "taskdiag") {
    parsed.errors.push_back("--backend=" + options.backend +
                            ": not one of auto, taskdiag, bpf, procfs");
    parsed.failed = true;
  }
  // -e/+e name mount points (main.c, after the options): each must be one now. lsof reads
  // the mount table for that check, or later in its initialisation unless -i was given;
  // -b reports each mount point it then avoids.
  const bool blocking_notes = options.avoid_blocking || !options.readlinks_avoided.empty();
  const procscan::MountTable mounts = blocking_notes || !options.exempt.empty()
                                          ? procscan::MountTable::read()
                                          : procscan::MountTable();
  if (blocking_notes) std::cerr << tdlsof::block_warnings(mounts, options, program);
  if (!options.exempt.empty()) {
    for (const auto& e : options.exempt) {
      if (mounts.entries().empty() || mounts.has_mount_point(e.path)) continue;
      parsed.errors.push_back("\"-e " + e.path + "\" is not a mounted file system.");
      parsed.failed = true;
    }
  }
  for (const auto& error : parsed.errors)
    std::cerr << program << ": " << error << "\n";
  if (parsed.failed) {
    std::cerr << tdlsof::short_usage(program);
    return 1;
  }
  if (options.field_help || options.help || options.version) {
    if (options.field_help) std::cerr << tdlsof::field_help(program);
    if (options.help) std::cerr << tdlsof::help_text(program);
    if (options.version) std::cerr << tdlsof::version_text(program);
    return 0;
  }

  tdlsof::Selection selection(options);
  tdlsof::Collector collector(options, selection);
  {
    std::vector<std::string> errors;
    const bool named = collector.prepare(errors);
    for (const auto& e : errors)
      std::cerr << program << ": " << e << "\n";
    if (!named) return 1;
  }
  td::common::OutputBuffer out;
  tdlsof::Logins logins(options.uid_numbers);
  bool failed = false;
  bool listed_any = false;
  for (int cycle = 1;; ++cycle) {
    std::vector<std::string> warnings;
    const std::vector<tdlsof::ProcessRows> rows = collector.collect(warnings);
    for (const auto& w : warnings)
      if (options.warnings) std::cerr << program << ": " << w << "\n";
    bool listed = false;
    const tdlsof::Emit emit = [&](std::string& text) {
      listed = true;
      out.append(text);
      text.clear();
      flush(out);
    };
    std::string text;
    if (options.json) {
      text = tdlsof::json_output(rows, options, logins);
    } else if (options.terse) {
      text = tdlsof::terse_output(rows, emit);
    } else if (options.fields) {
      text = tdlsof::field_output(rows, options, logins, emit);
    } else {
      text = tdlsof::text_output(rows, options, logins, emit);
    }
    if (!text.empty()) listed = true;
    if (options.warnings && !options.uid_numbers) {
      for (uid_t uid : logins.missing())
        std::cerr << program << ": no pwd entry for UID " << uid << "\n";
    }
    out.append(text);
    if (options.debug) {
      flush(out);
      std::cerr << program << ": " << collector.debug_line() << "\n";
    }
    if (listed) listed_any = true;
    if (!options.repeat_seconds) break;
    // +r ends at the first cycle that lists nothing, before its marker.
    if (options.repeat_until_empty && !listed) break;
    if (options.fields) {
      out.append("m");
      out.push_back(options.terminator);
      if (options.terminator != '\n') out.push_back('\n');
    } else {
      out.append("=======\n");
    }
    flush(out);
    ::sleep(static_cast<unsigned>(options.repeat_seconds));
    if (options.repeat_count && cycle >= options.repeat_count) break;
  }
  flush(out);
  if (options.verbose_search) {
    for (const auto& line : selection.not_found())
      std::cout << program << ": " << line << "\n";
  }
  if (selection.search_failed() && !options.quiet_search) failed = true;
  if (selection.had_error()) failed = true;
  // +r: a run that never listed anything ends with status 1 (main.c's ev).
  if (options.repeat_until_empty && !listed_any) failed = true;
  return failed ? 1 : 0;
}

}  // namespace

// A scan that cannot run at all (PROCSCAN_BACKEND or --backend naming a backend this user
// cannot use, an unreadable /proc) ends with its reason, as tdps ends, not with an abort.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << program_name(argc > 0 ? argv[0] : "tdlsof") << ": " << e.what() << "\n";
  }
  return 1;
}
