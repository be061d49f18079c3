#include "keys.h"

#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "fields_screen.h"
#include "help_text.h"
#include "line_input.h"
#include "other_filters.h"
#include "palette.h"
#include "rcfile_writer.h"
#include "scroll_keys.h"
#include "signal_names.h"

namespace td::top {

namespace {

// top's prompts and messages (top_nls.c), by the job they do.
struct Texts {
  const char* delay_prompt = "Change delay from {:.1f} to";
  const char* max_tasks_prompt = "Maximum tasks = {}, change to (0 is unlimited)";
  const char* bad_max_tasks = "Invalid maximum";
  const char* user_prompt = "Which user (blank for all)";
  const char* bad_user = "Invalid user";
  const char* bad_float = "Unacceptable floating point";
  const char* bad_integer = "Unacceptable integer";
  const char* secure = "Unavailable in secure mode";
  const char* kill_pid_prompt = "PID to signal/kill [default pid = {}]";
  const char* kill_signal_prompt = "Send pid {} signal [{}/sigterm]";
  const char* kill_failed = "Failed signal pid '{}' with '{}': {}";
  const char* bad_signal = "Invalid signal";
  const char* renice_pid_prompt = "PID to renice [default pid = {}]";
  const char* renice_value_prompt = "Renice PID {} to value";
  const char* renice_failed = "Failed renice of PID {} to {}: {}";
  const char* threads = "Show threads {}";
  const char* irix = "Irix mode {}";
  const char* one_cpu = "Only 1 cpu detected";
  const char* cumulative = "Cumulative time {}";
  const char* forest = "Forest mode {}";
  const char* wrong_mode = "wrong mode, command inactive";
  const char* no_numa = "sorry, NUMA extensions unavailable";
  const char* window_off = "Command disabled, activate {} with '-' or '_'";
  const char* wrote_rcfile = "Wrote configuration to '{}'";
  const char* rcfile_open_failed = "Failed '{}' open: {}";
  const char* unknown = "Unknown command - try 'h' for help";
  const char* no_colors = "No colors to map!";
  const char* filter_prompt = "add filter #{} ({}) as: [!]FLD?VAL";
  const char* ignoring_case = "ignoring case";
  const char* case_sensitive = "case sensitive";
  const char* filter_list = "<Enter> to resume, filters: {}";
  const char* none = "none";
  const char* on = "On";
  const char* off = "Off";
};
constexpr Texts kText;

constexpr int kAdjoinLimit = 8;  // ADJOIN_limit
constexpr int kKeyCtrlO = '\017';
constexpr std::size_t kFilterListMax = 512 - 1;  // SCREENMAX less the terminator

const char* on_off(bool on) {
  return on ? kText.on : kText.off;
}

bool has(const WindowConfig& w, int flag) {
  return (w.flags & flag) != 0;
}

void toggle(WindowConfig& w, int flag) {
  w.flags ^= flag;
}

// VIZCHKw: in alternate display mode, a window without its task display takes no task
// commands; top says so.
bool visible(KeyContext& c) {
  const WindowConfig& w = current(c);
  if (!c.config.alternate_display || has(w, kShowTasks)) return true;
  c.message(fmt::format(fmt::runtime(kText.window_off),
                        std::to_string(c.config.current_window + 1) + ":" + w.name));
  return false;
}

// get_float and get_int: the answer, or why there is none.
enum class Answer { value, escaped, empty, bad };
struct Number {
  Answer answer;
  float value = 0;
};

std::string ask(KeyContext& c, const std::string& prompt) {
  return read_line(c.screen, c.keys, prompt, c.message_row);
}

// mkfloat: a whole number in any base strtol knows, or a float with '.' or ','.
bool make_float(const std::string& text, float* value, bool whole) {
  char* end = nullptr;
  if (whole) {
    *value = static_cast<float>(std::strtol(text.c_str(), &end, 0));
    return end != text.c_str() && *end == '\0' && *value < static_cast<float>(INT_MAX);
  }
  std::string copy = text;
  *value = std::strtof(copy.c_str(), &end);
  if (*end != '\0') {
    if (*end == '.')
      *end = ',';
    else if (*end == ',')
      *end = '.';
    *value = std::strtof(copy.c_str(), &end);
  }
  return end != copy.c_str() && *end == '\0' && *value < static_cast<float>(INT_MAX);
}

Number get_number(KeyContext& c, const std::string& prompt, bool whole) {
  const std::string line = ask(c, prompt);
  if (!line.empty() && line[0] == '\033') return {Answer::escaped};
  if (line.empty()) return {Answer::empty};
  float value = 0;
  if (!make_float(line, &value, whole) || (!whole && value < 0)) {
    c.message(whole ? kText.bad_integer : kText.bad_float);
    return {Answer::bad};
  }
  return {Answer::value, whole ? static_cast<float>(static_cast<int>(value)) : value};
}

// ---- keys_global -------------------------------------------------------------------------

// help_view: the first screen until 'q' or Escape; 'h', '?' or 'H' there show the second
// until Enter, Escape or 'q'. Other keys show the screen again (top's second screen also
// changes the current window on 'a', 'w', 'g' and '1' to '4', which tdtop does not do).
void key_help(KeyContext& c, int) {
  HelpFacts facts;
  const WindowConfig& w = current(c);
  facts.group_name = std::to_string(c.config.current_window + 1) + ":" + w.name;
  facts.cumulative = has(w, kShowCumulative);
  facts.delay = c.config.delay;
  facts.secure = c.run.secure;
  for (std::size_t i = 0; i < facts.window_names.size(); ++i)
    facts.window_names[i] = c.config.windows[i].name;
  c.screen.put(c.screen.caps().curs_huge);
  for (;;) {
    c.screen.page(basic_help(facts));
    const int key = c.keys.command();
    if (key == kKeyEscape || key == 'q') break;
    if (key == '?' || key == 'h' || key == 'H') {
      int next;
      do {
        c.screen.page(windows_help(facts));
        next = c.keys.command();
      } while (next != kKeyEnter && next != kKeyEscape && next != 'q');
      break;
    }
  }
  c.clear_screen = true;
}

// f: the field management screen; the task screen is drawn anew after it.
void key_fields(KeyContext& c, int) {
  const auto before = c.config.windows;
  manage_fields(c.config, c.screen, c.keys);
  // fields_utility's unSCRL: a window whose fields or sort changed scrolls back to its
  // first column.
  for (std::size_t i = 0; i < before.size(); ++i) {
    const WindowConfig& was = before[i];
    const WindowConfig& now = c.config.windows[i];
    if ((was.fields == now.fields && was.sort_field == now.sort_field) || !c.positions[i]) continue;
    c.positions[i]->first_flag = 0;
    c.positions[i]->text_offset = 0;
  }
  c.clear_screen = true;
}

void key_delay(KeyContext& c, int) {
  if (c.run.secure) return c.message(kText.secure);
  const Number n =
      get_number(c, fmt::format(fmt::runtime(kText.delay_prompt), c.config.delay), false);
  if (n.answer == Answer::value) c.config.delay = n.value;
}

void key_memory_scale(KeyContext& c, int key) {
  if (key == 'E') {
    if (++c.config.summary_scale > 5) c.config.summary_scale = 0;
  } else if (++c.config.task_scale > 5) {
    c.config.task_scale = 0;
  }
}

void key_threads(KeyContext& c, int) {
  c.run.threads = !c.run.threads;
  if (!has(current(c), kViewStates))
    c.message(fmt::format(fmt::runtime(kText.threads), on_off(c.run.threads)));
  c.reprime = true;
  c.clear_screen = true;
}

void key_irix(KeyContext& c, int) {
  if (c.cpus > 1) {
    c.config.irix_mode = !c.config.irix_mode;
    c.message(fmt::format(fmt::runtime(kText.irix), on_off(c.config.irix_mode)));
  } else {
    c.message(kText.one_cpu);
  }
}

void key_kill(KeyContext& c, int) {
  if (c.run.secure) return c.message(kText.secure);
  const int fallback = c.first_pid;
  const Number pid_answer =
      get_number(c, fmt::format(fmt::runtime(kText.kill_pid_prompt), fallback), true);
  if (pid_answer.answer == Answer::escaped || pid_answer.answer == Answer::bad) return;
  const int pid =
      pid_answer.answer == Answer::empty ? fallback : static_cast<int>(pid_answer.value);
  const std::string line =
      ask(c, fmt::format(fmt::runtime(kText.kill_signal_prompt), pid, SIGTERM));
  if (!line.empty() && line[0] == '\033') return;
  const int number = line.empty() ? SIGTERM : signal_name_to_number(line);
  if (number > 0 && ::kill(pid, number) != 0)
    c.message(fmt::format(fmt::runtime(kText.kill_failed), pid, number, std::strerror(errno)));
  else if (number < 0)
    c.message(kText.bad_signal);
}

void key_renice(KeyContext& c, int) {
  if (c.run.secure) return c.message(kText.secure);
  const int fallback = c.first_pid;
  const Number pid_answer =
      get_number(c, fmt::format(fmt::runtime(kText.renice_pid_prompt), fallback), true);
  if (pid_answer.answer == Answer::escaped || pid_answer.answer == Answer::bad) return;
  const int pid =
      pid_answer.answer == Answer::empty ? fallback : static_cast<int>(pid_answer.value);
  const Number nice =
      get_number(c, fmt::format(fmt::runtime(kText.renice_value_prompt), pid), true);
  if (nice.answer != Answer::value) return;
  const int value = static_cast<int>(nice.value);
  if (::setpriority(PRIO_PROCESS, static_cast<id_t>(pid), value) != 0)
    c.message(fmt::format(fmt::runtime(kText.renice_failed), pid, value, std::strerror(errno)));
}

void key_zeros(KeyContext& c, int) {
  c.config.zero_suppress = !c.config.zero_suppress;
}

void key_time_scale(KeyContext& c, int) {
  if (++c.config.tics_scaled > 7) c.config.tics_scaled = 0;
}

void key_refresh(KeyContext&, int) {}

// ---- keys_summary ------------------------------------------------------------------------

void key_combine(KeyContext& c, int) {
  WindowConfig& w = current(c);
  if (has(w, kViewCpuSum) || has(w, kViewCpuNodes)) return c.message(kText.wrong_mode);
  w.combine_cpus = w.combine_cpus ? w.combine_cpus * 2 : 1;
  if (w.combine_cpus >= c.cpus) w.combine_cpus = 0;
  w.core_types = 0;
}

void key_cpu_sum(KeyContext& c, int) {
  WindowConfig& w = current(c);
  if (has(w, kViewCpuNodes))
    w.flags &= ~kViewCpuSum;
  else
    toggle(w, kViewCpuSum);
  w.flags &= ~kViewCpuNodes;
  w.flags |= kViewStates;
  w.double_up = 0;
  w.core_types = 0;
}

void key_numa(KeyContext& c, int) {
  if (!c.numa_nodes) return c.message(kText.no_numa);
  // NUMA views are not done: this machine's nodes are known, but tdtop has no '2' here.
  c.message(kText.unknown);
}

void key_abreast(KeyContext& c, int) {
  WindowConfig& w = current(c);
  w.double_up += 1;
  if (w.double_up >= kAdjoinLimit || w.double_up >= c.cpus) w.double_up = 0;
  if (w.double_up > 1 && !w.graph_cpus) w.double_up = 0;
  w.flags &= ~(kViewCpuSum | kViewCpuNodes);
}

void key_load(KeyContext& c, int) {
  toggle(current(c), kViewLoadAverage);
}

void key_memory(KeyContext& c, int) {
  WindowConfig& w = current(c);
  if (!has(w, kViewMemory)) {
    w.flags |= kViewMemory;
  } else if (++w.graph_memory > 2) {
    w.graph_memory = 0;
    w.flags &= ~kViewMemory;
  }
}

void key_states(KeyContext& c, int) {
  WindowConfig& w = current(c);
  if (!has(w, kViewStates)) {
    w.flags |= kViewStates;
  } else if (++w.graph_cpus > 2) {
    w.graph_cpus = 0;
    w.flags &= ~kViewStates;
  }
  if (w.double_up > 1 && !w.graph_cpus) w.double_up = 0;
}

// ---- keys_task ---------------------------------------------------------------------------

void key_max_tasks(KeyContext& c, int) {
  if (!visible(c)) return;
  WindowConfig& w = current(c);
  const Number n =
      get_number(c, fmt::format(fmt::runtime(kText.max_tasks_prompt), w.max_tasks), true);
  if (n.answer != Answer::value) return;
  if (n.value > -1)
    w.max_tasks = static_cast<int>(n.value);
  else
    c.message(kText.bad_max_tasks);
}

// '<' and '>': the sort field moves to its neighbour among the shown fields.
void key_move_sort(KeyContext& c, int key) {
  if (!visible(c)) return;
  WindowConfig& w = current(c);
  const auto& shown = c.shown;
  if (shown.empty()) return;
  auto at = std::find(shown.rbegin(), shown.rend() - 1, static_cast<FieldId>(w.sort_field));
  std::size_t index = static_cast<std::size_t>(shown.rend() - at - 1);
  if (shown[index] != static_cast<FieldId>(w.sort_field)) return;
  if (key == '<') {
    if (index == 0) return;
    --index;
  } else {
    if (index + 1 >= shown.size()) return;
    ++index;
  }
  w.sort_field = static_cast<int>(shown[index]);
  w.flags &= ~kShowForest;
}

void key_window_toggle(KeyContext& c, int key) {
  if (!visible(c)) return;
  WindowConfig& w = current(c);
  switch (key) {
    case 'c':
      toggle(w, kShowCommandLine);
      break;
    case 'J':
      toggle(w, kJustifyNumbers);
      break;
    case 'j':
      toggle(w, kJustifyText);
      break;
    case 'R':
      toggle(w, kSortHighFirst);
      w.flags &= ~kShowForest;
      break;
    case 'S':
      toggle(w, kShowCumulative);
      c.message(fmt::format(fmt::runtime(kText.cumulative), on_off(has(w, kShowCumulative))));
      break;
    case 'V': {
      toggle(w, kShowForest);
      bool command_shown = false;
      for (FieldId f : c.shown)
        command_shown = command_shown || f == FieldId::Command;
      if (!command_shown)
        c.message(fmt::format(fmt::runtime(kText.forest), on_off(has(w, kShowForest))));
      break;
    }
    default:
      break;
  }
}

// Hiding idle tasks starts the window at its first task; showing them again goes back to
// the row it started at before.
void key_idle(KeyContext& c, int) {
  if (WindowPosition* p = c.position) {
    if (has(current(c), kShowIdle)) {
      p->first_task_before_idle = p->first_task;
      p->first_task = 0;
    } else {
      p->first_task = p->first_task_before_idle;
      p->first_task_before_idle = 0;
    }
  }
  if (!visible(c)) return;
  toggle(current(c), kShowIdle);
}

void key_user(KeyContext& c, int key) {
  if (!visible(c)) return;
  const std::string line = ask(c, kText.user_prompt);
  if (!line.empty() && line[0] == '\033') return;
  // user_certify: the filter goes first; a name or number that passwd knows, or any number.
  UserFilter filter;
  if (!line.empty()) {
    std::string_view name = line;
    filter.include = true;
    if (name.front() == '!') {
      name.remove_prefix(1);
      filter.include = false;
    }
    const std::string text(name);
    char* end = nullptr;
    const auto number = static_cast<uid_t>(std::strtoul(text.c_str(), &end, 0));
    const passwd* pw = nullptr;
    if (*end == '\0') {
      pw = ::getpwuid(number);
      if (!pw) {
        filter.uid = number;
        filter.type = static_cast<char>(key);
        c.run.user = filter;
        return;
      }
    } else {
      pw = ::getpwnam(text.c_str());
    }
    c.run.user = {};
    if (!pw) return c.message(kText.bad_user);
    filter.uid = pw->pw_uid;
    filter.type = static_cast<char>(key);
  }
  c.run.user = filter;
}

// 'x', 'y', 'z', 'b' and 'B': highlights and colours, the window's attributes made again
// before the next frame (capsmk). The task keys ask for a window that shows tasks; 'x'
// needs the sort field on the screen (ENUviz), and says nothing when it is not.
void key_highlight(KeyContext& c, int key) {
  struct Highlight {
    int key;
    int flag;
    bool task_key;
  };
  constexpr Highlight kHighlights[] = {{'x', kShowHighColumn, true},
                                       {'y', kShowHighRows, true},
                                       {'z', kShowColors, true},
                                       {'b', kShowHighBold, false},
                                       {'B', kViewNoBold, false}};
  for (const Highlight& h : kHighlights) {
    if (h.key != key) continue;
    if (h.task_key && !visible(c)) return;
    WindowConfig& w = current(c);
    if (key == 'x' && std::find(c.shown.begin(), c.shown.end(),
                                static_cast<FieldId>(w.sort_field)) == c.shown.end())
      return;
    toggle(w, h.flag);
  }
}

// 'Z' (wins_colors): the colour mapping screen of the current window, its colours on while
// it shows. S, M, H, T choose the target; 0 to 7, Up and Down its colour; B, z, b toggle;
// 'a' and 'w' keep the changes and go on with the next or the previous window; Enter keeps
// them; 'q' and Escape put the window back as it was.
void key_colors(KeyContext& c, int) {
  const int colors = c.screen.caps().colors;
  if (colors <= 0) return c.message(kText.no_colors);
  struct Target {
    char key;
    int WindowConfig::*color;
  };
  constexpr Target kTargets[] = {{'S', &WindowConfig::summary_color},
                                 {'M', &WindowConfig::message_color},
                                 {'H', &WindowConfig::header_color},
                                 {'T', &WindowConfig::task_color}};
  WindowConfig saved;
  Target target = kTargets[3];
  auto begin = [&] {  // wins_clrhlp(w, 1)
    saved = current(c);
    current(c).flags |= kShowColors;
    target = kTargets[3];
  };
  begin();
  c.screen.put(c.screen.caps().curs_huge);
  int key;
  do {
    WindowConfig& w = current(c);
    c.screen.set_palette(make_palette(c.screen.caps(), w));
    ColorHelpFacts facts;
    facts.group_name = std::to_string(c.config.current_window + 1) + ":" + w.name;
    facts.no_bold = has(w, kViewNoBold);
    facts.colors = has(w, kShowColors);
    facts.high_bold = has(w, kShowHighBold);
    facts.target = target.key;
    facts.colors_count = colors;
    facts.color = w.*target.color;
    c.screen.page(color_help(facts));
    key = c.keys.command();
    if (key == kKeyEscape) break;
    for (const Target& t : kTargets)
      if (t.key == key) target = t;
    if (key >= '0' && key <= '7') w.*target.color = key - '0';
    if (key == kKeyUp && ++(w.*target.color) >= colors) w.*target.color = 0;
    if (key == kKeyDown && --(w.*target.color) < 0) w.*target.color = colors - 1;
    if (key == 'B') toggle(w, kViewNoBold);
    if (key == 'b') toggle(w, kShowHighBold);
    if (key == 'z') toggle(w, kShowColors);
    if (key == 'a' || key == 'w') {
      c.config.current_window =
          (c.config.current_window + (key == 'a' ? 1 : kWindows - 1)) % kWindows;
      begin();
    }
  } while (key != kKeyEnter && key != 'q');
  if (key == 'q' || key == kKeyEscape) {  // wins_clrhlp(w, 0)
    WindowConfig& w = current(c);
    w.flags = saved.flags;
    w.summary_color = saved.summary_color;
    w.message_color = saved.message_color;
    w.header_color = saved.header_color;
    w.task_color = saved.task_color;
  }
  c.clear_screen = true;
}

// other_filters: o and O ask for one more filter of the window (ignoring case or not), ^O
// lists them in the order typed (an rcfile's last first) at a prompt that Enter or Escape ends.
void key_other_filter(KeyContext& c, int key) {
  if (!visible(c)) return;
  WindowConfig& w = current(c);
  if (key == kKeyCtrlO) {
    std::string list;
    for (auto it = w.filters.rbegin(); it != w.filters.rend(); ++it)
      list += " + '" + it->raw + "'";
    list.resize(std::min(list.size(), kFilterListMax));
    list.erase(0, list.find_first_not_of(" +"));
    ask(c, fmt::format(fmt::runtime(kText.filter_list), list.empty() ? kText.none : list));
    return;
  }
  const std::string line =
      ask(c, fmt::format(fmt::runtime(kText.filter_prompt), w.filters.size() + 1,
                         key == 'o' ? kText.ignoring_case : kText.case_sensitive));
  if (line.empty() || line[0] == '\033') return;
  const std::string error = add_other_filter(w.filters, key, line, FilterSource::Typed, c.widths);
  if (!error.empty()) c.message(error);
}

// ---- keys_window -------------------------------------------------------------------------

// '=' (win_reset): the current window shows idle tasks again, with no task limit, user or
// other filter, and no CPUs combined; the -p pids and the time scale (^E) go too.
void key_reset_window(KeyContext& c, int) {
  WindowConfig& w = current(c);
  w.flags |= kShowIdle | kShowTasks;
  w.max_tasks = 0;
  w.filters.clear();
  w.combine_cpus = 0;
  w.core_types = 0;
  c.run.user = {};
  // Tasks -p left out were not read: their CPU figures need a priming refresh.
  c.reprime = !c.run.pids.empty();
  c.run.pids.clear();
  c.config.tics_scaled = 0;
  c.window_reset = true;
}

// ---- keys_xtra ---------------------------------------------------------------------------

void key_sort_field(KeyContext& c, int key) {
  WindowConfig& w = current(c);
  w.flags &= ~kShowForest;
  struct SortKey {
    int key;
    FieldId field;
  };
  constexpr SortKey kSortKeys[] = {
      {'M', FieldId::Mem}, {'N', FieldId::Pid}, {'P', FieldId::Cpu}, {'T', FieldId::TimePlus}};
  for (const SortKey& s : kSortKeys)
    if (s.key == key) w.sort_field = static_cast<int>(s.field);
}

// ---- W -----------------------------------------------------------------------------------

void key_write(KeyContext& c, int) {
  const std::string text = rcfile_text(c.config, c.program);
  std::FILE* file = std::fopen(c.rc_path.c_str(), "w");
  if (!file)
    return c.message(
        fmt::format(fmt::runtime(kText.rcfile_open_failed), c.rc_path, std::strerror(errno)));
  std::fwrite(text.data(), 1, text.size(), file);
  std::fclose(file);
  c.message(fmt::format(fmt::runtime(kText.wrote_rcfile), c.rc_path));
}

struct KeyRow {
  int key;
  void (*handle)(KeyContext&, int);
};

// One row per command tdtop knows; keys top has and tdtop lacks are left out.
constexpr KeyRow kKeys[] = {
    {'d', key_delay},         {'s', key_delay},
    {'E', key_memory_scale},  {'e', key_memory_scale},
    {'H', key_threads},       {'I', key_irix},
    {'k', key_kill},          {'r', key_renice},
    {'0', key_zeros},         {'\005', key_time_scale},
    {kKeyEnter, key_refresh}, {' ', key_refresh},
    {'!', key_combine},       {'1', key_cpu_sum},
    {'2', key_numa},          {'4', key_abreast},
    {'l', key_load},          {'m', key_memory},
    {'t', key_states},        {'#', key_max_tasks},
    {'n', key_max_tasks},     {'<', key_move_sort},
    {'>', key_move_sort},     {'c', key_window_toggle},
    {'J', key_window_toggle}, {'j', key_window_toggle},
    {'R', key_window_toggle}, {'S', key_window_toggle},
    {'V', key_window_toggle}, {'i', key_idle},
    {'u', key_user},          {'U', key_user},
    {'M', key_sort_field},    {'N', key_sort_field},
    {'P', key_sort_field},    {'T', key_sort_field},
    {'W', key_write},         {'h', key_help},
    {'?', key_help},          {'x', key_highlight},
    {'y', key_highlight},     {'z', key_highlight},
    {'b', key_highlight},     {'B', key_highlight},
    {'Z', key_colors},        {'o', key_other_filter},
    {'O', key_other_filter},  {kKeyCtrlO, key_other_filter},
    {'=', key_reset_window},  {'f', key_fields},
    {kKeyUp, key_scroll},     {kKeyDown, key_scroll},
    {kKeyLeft, key_scroll},   {kKeyRight, key_scroll},
    {kKeyPageUp, key_scroll}, {kKeyPageDown, key_scroll},
    {kKeyHome, key_scroll},   {kKeyEnd, key_scroll},
    {'C', key_coordinates},   {'L', key_locate},
    {'&', key_locate},
};

}  // namespace

void KeyContext::message(const std::string& text) {
  screen.message(text, message_row);
  message_shown = true;
}

bool handle_key(KeyContext& context, int key) {
  for (const KeyRow& row : kKeys)
    if (row.key == key) {
      row.handle(context, key);
      return true;
    }
  return false;
}

const char* unknown_command_text() {
  return kText.unknown;
}

bool window_takes_task_keys(KeyContext& context) {
  return visible(context);
}

}  // namespace td::top
