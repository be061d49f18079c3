#include "command_line.h"

#include <array>
#include <cctype>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "getopt_model.h"

#ifndef TD_VERSION
#error "TD_VERSION must be defined by the build"
#endif

namespace td::top {

namespace {

// Codes of the long options tdtop adds to top's; they match only by their whole names.
enum ExtraOption : int { kJson = 256, kDebug, kBackend };

struct OptionSpec {
  char letter;
  std::string_view long_name;
  Argument argument;
  std::string_view help_argument;  // how the usage text shows the argument
  std::string_view help;
};

// top.c parse_args' options, in the order of its usage text; -h and -V come last, after
// a blank line.
constexpr std::array<OptionSpec, 20> kOptions{{
    {'b', "batch-mode", Argument::None, "", "run in non-interactive batch mode"},
    {'c', "cmdline-toggle", Argument::None, "", "reverse last remembered 'c' state"},
    {'d', "delay", Argument::Required, " =SECS [.TENTHS]", "iterative delay as SECS [.TENTHS]"},
    {'E', "scale-summary-mem", Argument::Required, " =SCALE", "set mem as: k,m,g,t,p,e for SCALE"},
    {'e', "scale-task-mem", Argument::Required, " =SCALE", "set mem with: k,m,g,t,p for SCALE"},
    {'H', "threads-show", Argument::None, "", "show tasks plus all their threads"},
    {'i', "idle-toggle", Argument::None, "", "reverse last remembered 'i' state"},
    {'n', "iterations", Argument::Required, " =NUMBER", "exit on maximum iterations NUMBER"},
    {'O', "list-fields", Argument::None, "", "output all field names, then exit"},
    {'o', "sort-override", Argument::Required, " =FIELD", "force sorting on this named FIELD"},
    {'p', "pid", Argument::Required, " =PIDLIST", "monitor only the tasks in PIDLIST"},
    {'S', "accum-time-toggle", Argument::None, "", "reverse last remembered 'S' state"},
    {'s', "secure-mode", Argument::None, "", "run with secure mode restrictions"},
    {'U', "filter-any-user", Argument::Required, " =USER", "show only processes owned by USER"},
    {'u', "filter-only-euser", Argument::Required, " =USER", "show only processes owned by USER"},
    {'w', "width", Argument::Optional, " [=COLUMNS]", "change print width [,use COLUMNS]"},
    {'1', "single-cpu-toggle", Argument::None, "", "reverse last remembered '1' state"},
    {'\0', "", Argument::None, "", ""},  // the blank line
    {'h', "help", Argument::None, "", "display this help text, then exit"},
    {'V', "version", Argument::None, "", "output version information & exit"},
}};

// getopt_long's table is in top.c's own order, which decides nothing but the order in
// which an ambiguous prefix lists its possibilities.
constexpr std::array<LongOption, 19> kLongOptions{{
    {"batch-mode", Argument::None, 'b'},
    {"cmdline-toggle", Argument::None, 'c'},
    {"delay", Argument::Required, 'd'},
    {"scale-summary-mem", Argument::Required, 'E'},
    {"scale-task-mem", Argument::Required, 'e'},
    {"threads-show", Argument::None, 'H'},
    {"help", Argument::None, 'h'},
    {"idle-toggle", Argument::None, 'i'},
    {"iterations", Argument::Required, 'n'},
    {"list-fields", Argument::None, 'O'},
    {"sort-override", Argument::Required, 'o'},
    {"pid", Argument::Required, 'p'},
    {"accum-time-toggle", Argument::None, 'S'},
    {"secure-mode", Argument::None, 's'},
    {"filter-any-user", Argument::Required, 'U'},
    {"filter-only-euser", Argument::Required, 'u'},
    {"version", Argument::None, 'V'},
    {"width", Argument::Optional, 'w'},
    {"single-cpu-toggle", Argument::None, '1'},
}};

constexpr std::array<LongOption, 3> kExtraOptions{{
    {"json", Argument::None, kJson},
    {"debug", Argument::None, kDebug},
    {"backend", Argument::Required, kBackend},
}};

constexpr std::string_view kShortOptions = "bcd:E:e:Hhin:Oo:p:SsU:u:Vw::1";

// top.c mkfloat: a whole number as strtol(, 0) reads it, or a float as strtof() does (with
// '.' and ',' swapped on a second try), below INT_MAX.
std::optional<float> make_float(const std::string& text, bool whole) {
  char* end = nullptr;
  float value = 0;
  if (whole) {
    value = static_cast<float>(std::strtol(text.c_str(), &end, 0));
    if (end != text.c_str() && *end == '\0' && value < static_cast<float>(INT_MAX)) return value;
    return std::nullopt;
  }
  std::string copy = text.substr(0, std::min<std::size_t>(text.size(), 127));
  value = std::strtof(copy.c_str(), &end);
  if (*end != '\0') {
    if (*end == '.')
      *end = ',';
    else if (*end == ',')
      *end = '.';
    value = std::strtof(copy.c_str(), &end);
  }
  if (end != copy.c_str() && *end == '\0' && value < static_cast<float>(INT_MAX)) return value;
  return std::nullopt;
}

EarlyExit fail(const ParseContext& context, const std::string& message) {
  return {"", context.program + ": " + message + "\n", EXIT_FAILURE};
}

// top.c bye_bye(NULL): a batch run ends its output with a newline.
EarlyExit quit(const RunOptions& run, std::string out = "") {
  if (run.batch) out.push_back('\n');
  return {std::move(out), "", EXIT_SUCCESS};
}

WindowConfig& current(TopConfig& config) {
  return config.windows[static_cast<std::size_t>(config.current_window)];
}

// top.c user_certify: a name or a number (a number without a passwd entry is kept too).
std::optional<std::string> certify_user(const ParseContext& context, std::string text, char type,
                                        UserFilter& filter) {
  filter = UserFilter{};
  if (text.empty()) return std::nullopt;
  if (text[0] == '!') {
    text.erase(0, 1);
    filter.include = false;
  }
  char* end = nullptr;
  const auto number = static_cast<uid_t>(std::strtoul(text.c_str(), &end, 0));
  std::optional<uid_t> uid;
  if (*end == '\0') {
    if (!context.uid_exists(number)) {
      filter.uid = number;
      filter.type = type;
      return std::nullopt;
    }
    uid = number;
  } else {
    uid = context.user_by_name(text);
  }
  if (!uid) return std::string("Invalid user");
  filter.uid = *uid;
  filter.type = type;
  return std::nullopt;
}

// -p: comma-separated pids, each as sscanf("%d") reads it, none with '+', '-' or '.'
// anywhere after it; 0 is top itself.
std::optional<EarlyExit> add_pids(const ParseContext& context, const std::string& list,
                                  RunOptions& run) {
  std::size_t at = 0;
  do {
    const std::string rest = list.substr(at);
    if (run.pids.size() >= kMaxPids)
      return fail(context, "pid limit (" + std::to_string(kMaxPids) + ") exceeded");
    int pid = 0;
    if (std::sscanf(rest.c_str(), "%d", &pid) != 1 ||
        rest.find_first_of("+-.") != std::string::npos)
      return fail(context, "bad pid '" + rest + "'");
    if (pid == 0) pid = context.self;
    if (std::find(run.pids.begin(), run.pids.end(), pid) == run.pids.end()) run.pids.push_back(pid);
    const std::size_t comma = list.find(',', at);
    if (comma == std::string::npos) break;
    at = comma + 1;
  } while (at < list.size());
  return std::nullopt;
}

std::optional<EarlyExit> memory_scale(const ParseContext& context, const std::string& value,
                                      std::string_view letters, int& scale) {
  const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(value[0])));
  const std::size_t at = letters.find(c);
  if (at == std::string_view::npos || value.size() > 1)
    return fail(context, "bad memory scaling arg '" + value + "'");
  scale = static_cast<int>(at);
  return std::nullopt;
}

}  // namespace

std::string usage_text(std::string_view program) {
  std::string text = "\nUsage:\n " + std::string(program) + " [options]\n\nOptions:\n";
  for (const OptionSpec& option : kOptions) {
    if (option.letter == '\0') {
      text.push_back('\n');
      continue;
    }
    std::string left = std::string(" -") + option.letter + ", --" + std::string(option.long_name) +
                       std::string(option.help_argument);
    if (left.size() < 33) left.append(33 - left.size(), ' ');
    text += left + std::string(option.help) + "\n";
  }
  text += "\nFor more details see top(1).\n";
  return text;
}

std::optional<EarlyExit> parse_command_line(const std::vector<std::string>& args,
                                            const ParseContext& context, TopConfig& config,
                                            RunOptions& run) {
  GetoptModel getopt(args, kShortOptions, kLongOptions, kExtraOptions);
  for (;;) {
    GetoptEvent event = getopt.next();
    if (event.kind == GetoptEvent::End) {
      if (event.leftover) return fail(context, "unknown option '" + *event.leftover + "'");
      break;
    }
    // getopt has printed its complaint by now; top carries on to end as on 'q' below.
    std::string complaint = event.kind == GetoptEvent::Error ? event.message : "";
    const int ch = event.code;
    // top's GETOPTFIX: an option still without an argument takes the next word unless it
    // starts with '-'; "=VALUE" loses its '='; an empty one takes the word after it.
    std::optional<std::string> cp = event.argument;
    if (!cp) cp = getopt.take_next_word();
    if (cp) {
      if (!cp->empty() && (*cp)[0] == '=') cp->erase(0, 1);
      if (cp->empty()) {
        cp = getopt.take_word();
        if (!cp) {
          const char letter = ch < 256 ? static_cast<char>(ch) : '?';
          EarlyExit exit = fail(context, std::string("-") + letter + " argument missing");
          exit.err.insert(0, complaint);
          return exit;
        }
      }
    }
    WindowConfig& window = current(config);
    bool takes_value = true;
    switch (ch) {
      case '1':
        if (window.flags & kViewCpuNodes)
          window.flags &= ~kViewCpuSum;
        else
          window.flags ^= kViewCpuSum;
        window.flags &= ~kViewCpuNodes;
        window.flags |= kViewStates;
        takes_value = false;
        break;
      case 'b':
        run.batch = true;
        takes_value = false;
        break;
      case 'c':
        window.flags ^= kShowCommandLine;
        takes_value = false;
        break;
      case 'd': {
        const auto delay = make_float(*cp, false);
        if (!delay) return fail(context, "bad delay interval '" + *cp + "'");
        if (0 > *delay) return fail(context, "-d requires positive argument");
        run.delay = *delay;
        break;
      }
      case 'E':
        if (auto exit = memory_scale(context, *cp, "kmgtpe", config.summary_scale)) return exit;
        break;
      case 'e':
        if (auto exit = memory_scale(context, *cp, "kmgtp", config.task_scale)) return exit;
        break;
      case 'H':
        run.threads = true;
        takes_value = false;
        break;
      case 'h':
        return quit(run, usage_text(context.program));
      case 'i':
        window.flags ^= kShowIdle;
        window.max_tasks = 0;
        takes_value = false;
        break;
      case 'n': {
        const auto count = make_float(*cp, true);
        if (!count || 1.0 > *count) return fail(context, "bad iterations argument '" + *cp + "'");
        run.iterations = static_cast<int>(*count);
        break;
      }
      case 'O':
        return quit(run, field_list_text());
      case 'o': {
        std::string name = *cp;
        if (!name.empty() && name[0] == '+') {
          window.flags |= kSortHighFirst;
          name.erase(0, 1);
        } else if (!name.empty() && name[0] == '-') {
          window.flags &= ~kSortHighFirst;
          name.erase(0, 1);
        }
        const auto field = field_by_header(name);
        if (!field) return fail(context, "unrecognized field name '" + name + "'");
        window.flags &= ~kShowForest;
        window.sort_field = static_cast<int>(*field);
        break;
      }
      case 'p':
        if (run.user.type) return fail(context, "conflicting process selections (U/p/u)");
        if (auto exit = add_pids(context, *cp, run)) return exit;
        break;
      case 'S':
        window.flags ^= kShowCumulative;
        takes_value = false;
        break;
      case 's':
        run.secure = true;
        takes_value = false;
        break;
      case 'U':
      case 'u':
        if (!run.pids.empty() || run.user.type)
          return fail(context, "conflicting process selections (U/p/u)");
        if (auto message = certify_user(context, *cp, static_cast<char>(ch), run.user))
          return fail(context, *message);
        break;
      case 'V':
        return quit(run, context.program + " from td " TD_VERSION "\n");
      case 'w': {
        float width = -1;
        if (cp) {
          const auto value = make_float(*cp, true);
          if (!value || *value < 3 || *value > 512)
            return fail(context, "bad width arg '" + *cp + "'");
          width = *value;
        }
        run.width = static_cast<int>(width);
        break;
      }
      case kJson:
        run.json = true;
        takes_value = false;
        break;
      case kDebug:
        run.debug = true;
        takes_value = false;
        break;
      case kBackend: {
        procscan::BackendChoice choice;
        if (!procscan::parse_backend_choice(*cp, choice))
          return fail(context, "unknown backend '" + *cp + "' (auto, taskdiag, bpf, procfs)");
        run.backend = choice;
        break;
      }
      default: {
        // An option getopt refused ('?'): top 4.0.2 ends with status 0.
        EarlyExit exit = quit(run);
        exit.err = complaint;
        return exit;
      }
    }
    if (!takes_value && cp) return fail(context, "unknown option '" + *cp + "'");
  }
  if (run.delay) {
    if (run.secure) return fail(context, "-d disallowed in \"secure\" mode");
    config.delay = *run.delay;
  }
  return std::nullopt;
}

}  // namespace td::top
