#include "rcfile.h"

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "other_filters.h"
#include "scanf_reader.h"

namespace td::top {

namespace {

constexpr std::size_t kLineBuffer = 512;  // LRGBUFSIZ, the fgets() buffer of configs_file
constexpr std::size_t kSmallBuffer = 128;
constexpr std::string_view kPlusH = "\\]^_`abcdefghij";  // RCF_PLUS_H
constexpr std::string_view kPlusJ = "klmnopqrstuvwxyz";  // RCF_PLUS_J
// The length of the 3.x default field strings (DEF_FORMER ...): how many entries cfg_xform
// converts.
constexpr std::size_t kFormerLength = 86;
// CVT_FORMER: where the 26 (+2 SuSE) fields of 3.2.8's letters went.
constexpr std::string_view kConvertedFormer =
    "%&*'(-0346789:;<=>?@ACDEFGML)+,./125BHIJKNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kOldFieldCount = 28;  // CVT_FLDMAX

std::string incompatible(std::string_view name) {
  return "incompatible rcfile, you should delete '" + std::string(name) + "'";
}

std::string corrupt_window(int number, std::string_view name) {
  return "window entry #" + std::to_string(number) + " corrupt, please delete '" +
         std::string(name) + "'";
}

// top.c cfg_xform: a 3.x field string (one byte per field, the high bit for shown) into
// fieldscur entries; 3.2.8's letters ('a' files) are mapped first. False where 'a' fails.
bool transform_former_fields(char id, WindowConfig& w, std::string& fields) {
  if (id == 'a') {
    // 3.2.8's flag bits that moved.
    static constexpr int kFlagMoves[][2] = {
        {0x000001, kViewNoBold},     {0x000008, kShowTasks}, {0x000010, kSortHighFirst},
        {0x000200, kShowHighColumn}, {0x010000, 0},
    };
    int old = w.flags;
    w.flags = 0;
    for (const auto& move : kFlagMoves) {
      if (old & move[0]) {
        old &= ~move[0];
        w.flags |= move[1];
      }
    }
    w.flags |= old;

    const std::size_t count = fields.size();
    if (count >= kOldFieldCount) return false;
    std::string converted(kConvertedFormer);
    // SuSE's two extra fields were shown by '[' and '\\'; count them in as '{' and '|'.
    const std::size_t open_bracket = fields.find('[');
    const std::size_t backslash = fields.find('\\');
    if (open_bracket != std::string::npos) fields[open_bracket] = '{';
    if (backslash != std::string::npos) fields[backslash] = '|';
    for (std::size_t i = 0; i < count; ++i) {
      const unsigned char c = static_cast<unsigned char>(fields[i]);
      const int x = std::tolower(c) - 'a';
      if (x < 0 || x >= static_cast<int>(kOldFieldCount)) return false;
      converted[i] = kConvertedFormer[static_cast<std::size_t>(x)];
      if (std::isupper(c)) converted[i] = static_cast<char>(converted[i] | 0x80);
    }
    if (open_bracket != std::string::npos)
      converted[open_bracket] = static_cast<char>(converted[open_bracket] | 0x80);
    if (backslash != std::string::npos)
      converted[backslash] = static_cast<char>(converted[backslash] | 0x80);

    // The sort field was a letter's position: find that letter among the fields.
    static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
    const char letter = w.sort_field >= 0 && w.sort_field < static_cast<int>(kLetters.size())
                            ? kLetters[static_cast<std::size_t>(w.sort_field)]
                            : '\0';
    w.sort_field = 0;
    const std::string_view window(fields.data(), std::min(fields.size() + 1, kOldFieldCount));
    std::size_t at = window.find(letter);
    if (at == std::string_view::npos)
      at = window.find(static_cast<char>(std::toupper(static_cast<unsigned char>(letter))));
    if (at != std::string_view::npos)
      w.sort_field = (static_cast<unsigned char>(converted[at]) & 0x7f) - '%';
    fields = converted;
  }
  for (std::size_t i = 0; i < kFormerLength; ++i) {
    const unsigned char c = i < fields.size() ? static_cast<unsigned char>(fields[i]) : 0;
    w.fields[i] = ((c & 0x7f) << 1) | ((c & 0x80) ? 1 : 0);
  }
  return true;
}

// top.c mlen: entries up to the first 0.
std::size_t entries(const WindowConfig& w) {
  std::size_t n = 0;
  while (n < w.fields.size() && w.fields[n] != 0)
    ++n;
  return n;
}

// The per-window part of configs_file; "" when accepted.
std::string parse_window(ScanfReader& in, TopConfig& config, int index, std::string_view name) {
  WindowConfig& w = config.windows[static_cast<std::size_t>(index)];
  const std::string bad = corrupt_window(index + 1, name);
  std::string window_name;
  if (1 != in.scan("%3s\tfieldscur=", {ScanfReader::out(window_name)})) return bad;
  w.name = window_name;
  std::string former;
  if (config.id < 'k') {
    in.scan("%s\n", {ScanfReader::out(former)});
    if (former.size() >= kLineBuffer) former.resize(kLineBuffer - 1);
  } else {
    for (std::size_t j = 0;; ++j) {
      int entry = 0;
      if (1 != in.scan("%d", {ScanfReader::out(entry)})) break;
      if (j < w.fields.size()) w.fields[j] = entry;
    }
  }
  using R = ScanfReader;
  if (3 > in.scan("\twinflags=%d, sortindx=%d, maxtasks=%d, graph_cpus=%d, graph_mems=%d"
                  ", double_up=%d, combine_cpus=%d, core_types=%d\n",
                  {R::out(w.flags), R::out(w.sort_field), R::out(w.max_tasks), R::out(w.graph_cpus),
                   R::out(w.graph_memory), R::out(w.double_up), R::out(w.combine_cpus),
                   R::out(w.core_types)}))
    return bad;
  if (w.sort_field < 0 || w.sort_field >= static_cast<int>(kFieldCount)) return bad;
  if (w.max_tasks < 0) return bad;
  if (w.graph_cpus < 0 || w.graph_cpus > 2) return bad;
  if (w.graph_memory < 0 || w.graph_memory > 2) return bad;
  if (w.double_up < 0 || w.double_up >= 8) return bad;  // ADJOIN_limit
  if (w.combine_cpus < 0) return bad;
  if (w.core_types < 0 || w.core_types > 3) return bad;
  if (4 != in.scan("\tsummclr=%d, msgsclr=%d, headclr=%d, taskclr=%d\n",
                   {R::out(w.summary_color), R::out(w.message_color), R::out(w.header_color),
                    R::out(w.task_color)}))
    return bad;
  for (int color : {w.summary_color, w.message_color, w.header_color, w.task_color})
    if (color < 0 || color > 255) return bad;

  // Older files, oldest first; each release's step falls through to the next one's.
  const char id = config.id;
  if (id <= 'f') w.flags |= kJustifyNumbers;
  if (id <= 'g' && id > 'a') former.append(kPlusH);
  if (id <= 'h') {
    w.graph_cpus = w.graph_memory = 0;
    config.summary_scale = config.task_scale = 0;
  }
  if (id <= 'i') {
    if (id > 'a') former.append(kPlusJ);
    w.double_up = w.combine_cpus = 0;
  }
  if (id <= 'j') {
    if (!transform_former_fields(id, w, former)) return bad;
    config.tics_scaled = 0;
  }
  if (entries(w) < kFieldCount) return bad;
  for (std::size_t x = 0; x < kFieldCount; ++x) {
    const int field = entry_field(w.fields[x]);
    if (field >= static_cast<int>(kFieldCount) || field < 0) return bad;
  }
  // No entry may repeat one before it (a hand-edited file).
  for (std::size_t n = 0; n < kFieldCount; ++n)
    for (std::size_t m = 0; m < n; ++m)
      if (w.fields[m] == w.fields[n]) return bad;
  return "";
}

// config_osel: the "other filter" block W writes after the settings. Returns with `line`
// holding the first line after it (or the line that was not its start).
void parse_other_filters(ScanfReader& in, TopConfig& config, std::string& line) {
  static constexpr std::string_view kBegin = "begin: saved other filter data -------------------\n";
  static constexpr std::string_view kEnd = "end  : saved other filter data -------------------\n";
  bool begun = false;
  for (;;) {
    if (!in.read_line(line, kLineBuffer)) {
      line.clear();
      return;
    }
    if (line[0] == '\n') continue;
    const bool is_begin = line.find(kBegin) != std::string::npos;
    if (!begun && !is_begin) return;
    if (!begun) {
      begun = true;
      continue;
    }
    if (line.find(kEnd) != std::string::npos) break;
    int window = 0, total = 0;
    ScanfReader header(line);
    if (2 != header.scan("window #%d, osel_tot=%d\n",
                         {ScanfReader::out(window), ScanfReader::out(total)}))
      return;
    if (window < 0 || window >= kWindows || total < 0) return;
    for (int i = 0; i < total; ++i) {
      if (!in.read_line(line, kLineBuffer)) return;
      int type = 0;
      ScanfReader entry(line);
      if (1 > entry.scan("\ttype=%d,", {ScanfReader::out(type)})) return;
      if (const std::size_t eol = line.find('\n'); eol != std::string::npos) line.resize(eol);
      const std::size_t at = line.find("filter=");
      if (at == std::string::npos) return;
      if (!add_other_filter(config.windows[static_cast<std::size_t>(window)].filters, type,
                            line.substr(at + 7), FilterSource::Rcfile)
               .empty())
        return;
    }
  }
  in.read_line(line, kLineBuffer);
}

}  // namespace

std::string parse_rcfile(std::string_view text, std::string_view name, TopConfig& config,
                         float& delay) {
  using R = ScanfReader;
  ScanfReader in(text);
  std::string line;
  in.read_line(line, kLineBuffer);  // the eye catcher
  int whole = 0, fraction = 0, window = 0;
  if (6 != in.scan("Id:%c, Mode_altscr=%d, Mode_irixps=%d, Delay_time=%d.%d, Curwin=%d\n",
                   {R::out(config.id), R::out(config.alternate_display), R::out(config.irix_mode),
                    R::out(whole), R::out(fraction), R::out(window)}))
    return incompatible(name);
  if (config.id < 'a' || config.id > 'k') return incompatible(name);
  if (std::strchr("bcde", config.id) != nullptr) return incompatible(name);
  if (config.alternate_display < 0 || config.alternate_display > 1) return incompatible(name);
  if (config.irix_mode < 0 || config.irix_mode > 1) return incompatible(name);
  if (whole < 0) return incompatible(name);
  if (window < 0 || window >= kWindows) return incompatible(name);
  config.current_window = window;
  delay = static_cast<float>(whole) + static_cast<float>(fraction) / 1000;

  for (int i = 0; i < kWindows; ++i)
    if (std::string error = parse_window(in, config, i, name); !error.empty()) return error;

  in.scan("Fixed_widest=%d, Summ_mscale=%d, Task_mscale=%d, Zero_suppress=%d, Tics_scaled=%d\n",
          {R::out(config.fixed_widest), R::out(config.summary_scale), R::out(config.task_scale),
           R::out(config.zero_suppress), R::out(config.tics_scaled)});
  if (config.fixed_widest < -1 || config.fixed_widest > 512) config.fixed_widest = 0;
  if (config.summary_scale < 0 || config.summary_scale > 5) config.summary_scale = 0;
  if (config.task_scale < 0 || config.task_scale > 4) config.task_scale = 0;
  if (config.zero_suppress < 0 || config.zero_suppress > 1) config.zero_suppress = 0;
  if (config.tics_scaled < 0 || config.tics_scaled > 6) config.tics_scaled = 0;

  // Then the other filters; the Inspect entries after them do not change batch output.
  parse_other_filters(in, config, line);
  return "";
}

RcSources process_rc_sources(std::string_view program) {
  RcSources sources;
  sources.program = std::string(program);
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] == '/') {
    sources.home = home;
  } else if (const passwd* pw = ::getpwuid(::getuid());
             pw != nullptr && pw->pw_dir != nullptr && pw->pw_dir[0] == '/') {
    sources.home = pw->pw_dir;
  }
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME")) sources.xdg_config_home = xdg;
  sources.root = ::getuid() == 0;
  sources.read = [](const std::string& path) -> std::optional<std::string> {
    if (path.empty()) return std::nullopt;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string text;
    char chunk[4096];
    ssize_t n;
    while ((n = ::read(fd, chunk, sizeof chunk)) > 0)
      text.append(chunk, static_cast<std::size_t>(n));
    ::close(fd);
    return text;
  };
  return sources;
}

RcReadResult read_rc_files(const RcSources& sources, TopConfig& config) {
  RcReadResult result;
  float delay = 3.0f;
  if (auto restrictions = sources.read(sources.restrictions)) {
    ScanfReader in(*restrictions);
    std::string line;
    if (in.read_line(line, kSmallBuffer)) {
      result.secure = true;
      if (in.read_line(line, kSmallBuffer)) {
        // sscanf("%f") into the delay; a line that is not a number leaves it.
        char* end = nullptr;
        const float value = std::strtof(line.c_str(), &end);
        if (end != line.c_str()) config.delay = value;
      }
    }
  }

  std::optional<std::string> text;
  std::string name;
  // OURPATHSZ: a longer path cannot be made, and W would have nowhere to write.
  auto fits = [](const std::string& path) { return path.size() < 1024; };
  if (sources.home) {
    std::string legacy = *sources.home + "/." + sources.program + "rc";
    if (fits(legacy)) {
      result.path = legacy;
      text = sources.read(legacy);
    }
  }
  bool system_default = false;
  if (!text) {
    std::string base;
    if (sources.xdg_config_home && !sources.xdg_config_home->empty() &&
        (*sources.xdg_config_home)[0] == '/')
      base = *sources.xdg_config_home;
    else if (sources.home)
      base = *sources.home + "/.config";
    else
      system_default = true;
    if (!system_default) {
      std::string path = base + "/procps/" + sources.program + "rc";
      if (!fits(base + "/procps") || !fits(path)) {
        result.path.clear();
        system_default = true;
      } else {
        result.path = path;
        text = sources.read(path);
      }
    }
  }
  if (text) {
    name = result.path;
  } else {
    text = sources.read(sources.system_defaults);
    name = sources.system_defaults;
  }
  if (text) {
    result.error = parse_rcfile(*text, name, config, delay);
    if (!result.error.empty()) return result;
  }
  if (sources.root) result.secure = false;
  if (!result.secure) config.delay = delay;
  return result;
}

}  // namespace td::top
