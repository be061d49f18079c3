#include "fields_screen.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "special_text.h"
#include "tty_mode.h"
#include "utf8_cells.h"

namespace td::top {

namespace {

// top_nls.c: the screen's three lines of help, and each field's description (Desc_nlstab),
// in FieldId order.
constexpr std::string_view kHeader =
    "Fields Management~2 for window ~1{}~6, whose current sort field is ~1{}~2\n"
    "   Navigate with Up/Dn, Right selects for move then <Enter> or Left commits,\n"
    "   'd' or <Space> toggles display, 's' sets sort.  Use 'q' or <Esc> to end!\n";
constexpr std::string_view kForestView = "forest view";
constexpr std::string_view kTooSmall = "even using field names only, window is now too small";

constexpr std::array<std::string_view, kFieldCount> kDescriptions = {
    "Process Id",            // EU_PID
    "Parent Process pid",    // EU_PPD
    "Effective User Id",     // EU_UED
    "Effective User Name",   // EU_UEN
    "Real User Id",          // EU_URD
    "Real User Name",        // EU_URN
    "Saved User Id",         // EU_USD
    "Saved User Name",       // EU_USN
    "Group Id",              // EU_GID
    "Group Name",            // EU_GRP
    "Process Group Id",      // EU_PGD
    "Controlling Tty",       // EU_TTY
    "Tty Process Grp Id",    // EU_TPG
    "Session Id",            // EU_SID
    "Priority",              // EU_PRI
    "Nice Value",            // EU_NCE
    "Number of Threads",     // EU_THD
    "Last Used Cpu (SMP)",   // EU_CPN
    "CPU Usage",             // EU_CPU
    "CPU Time",              // EU_TME
    "CPU Time, hundredths",  // EU_TM2
    "Memory Usage (RES)",    // EU_MEM
    "Virtual Image (KiB)",   // EU_VRT
    "Swapped Size (KiB)",    // EU_SWP
    "Resident Size (KiB)",   // EU_RES
    "Code Size (KiB)",       // EU_COD
    "Data+Stack (KiB)",      // EU_DAT
    "Shared Memory (KiB)",   // EU_SHR
    "Major Page Faults",     // EU_FL1
    "Minor Page Faults",     // EU_FL2
    "Dirty Pages Count",     // EU_DRT
    "Process Status",        // EU_STA
    "Command Name/Line",     // EU_CMD
    "Sleeping in Function",  // EU_WCH
    "Task Flags <sched.h>",  // EU_FLG
    "Control Groups",        // EU_CGR
    "Supp Groups IDs",       // EU_SGD
    "Supp Groups Names",     // EU_SGN
    "Thread Group Id",       // EU_TGD
    "OOMEM Adjustment",      // EU_OOA
    "OOMEM Score current",   // EU_OOM
    "Environment vars",      // EU_ENV
    "Major Faults delta",    // EU_FV1
    "Minor Faults delta",    // EU_FV2
    "Res+Swap Size (KiB)",   // EU_USE
    "IPC namespace Inode",   // EU_NS1
    "MNT namespace Inode",   // EU_NS2
    "NET namespace Inode",   // EU_NS3
    "PID namespace Inode",   // EU_NS4
    "USER namespace Inode",  // EU_NS5
    "UTS namespace Inode",   // EU_NS6
    "LXC container name",    // EU_LXC
    "RES Anonymous (KiB)",   // EU_RZA
    "RES File-based (KiB)",  // EU_RZF
    "RES Locked (KiB)",      // EU_RZL
    "RES Shared (KiB)",      // EU_RZS
    "Control Group name",    // EU_CGN
    "Last Used NUMA node",   // EU_NMA
    "Login User Id",         // EU_LID
    "Executable Path",       // EU_EXE
    "Res Mem (smaps), KiB",  // EU_RSS
    "Proportion RSS,  KiB",  // EU_PSS
    "Proportion Anon, KiB",  // EU_PZA
    "Proportion File, KiB",  // EU_PZF
    "Proportion Shrd, KiB",  // EU_PZS
    "Unique RSS, KiB",       // EU_USS
    "I/O Bytes Read",        // EU_IRB
    "I/O Read Operations",   // EU_IRO
    "I/O Bytes Written",     // EU_IWB
    "I/O Write Operations",  // EU_IWO
    "Autogroup Identifier",  // EU_AGI
    "Autogroup Nice Value",  // EU_AGN
    "Start Time from boot",  // EU_TM3
    "Elapsed Running Time",  // EU_TM4
    "CPU Utilization",       // EU_CUU
    "Utilization + child",   // EU_CUC
    "CGRP namespace Inode",  // EU_NS7
    "TIME namespace Inode",  // EU_NS8
};

// display_fields' geometry: 4 rows of help, then columns of fields; each column is a
// 10-column prefix ('*', name) and a description of up to 22 columns ("= " included), with a
// blank between columns when there are several.
constexpr int kReservedRows = 4;              // yRSVD
constexpr int kPrefix = 10;                   // xPRFX without the blank between columns
constexpr int kSuffix = 22;                   // xSUFX
constexpr int kEquals = 2;                    // xEQUS, the "= " before a description
constexpr int kNameColumns = 8;               // a name's room
constexpr int kFieldMinColumns = 11;          // mxCOL's divisor: a name alone with its marks
constexpr int kScreenMax = 512;               // SCREENMAX
constexpr int kMinColumns = 3, kMinRows = 3;  // W_MIN_COL, W_MIN_ROW

struct Geometry {
  int rows = 0;          // field rows per column (rmax)
  int column_width = 0;  // cmax
  int description = 0;   // smax: the description's room, "= " included
  bool fits = false;
};

Geometry geometry(int columns, int rows, int count) {
  Geometry g;
  g.rows = rows - kReservedRows;
  const int most_columns = std::max(columns / kFieldMinColumns, 1);
  const int odd = count % most_columns ? 1 : 0;
  if (g.rows < odd + count / most_columns || g.rows <= 0) return g;
  int needed = count / g.rows + (count % g.rows ? 1 : 0);
  int between = 0;
  g.column_width = columns;
  if (needed > 1) {
    g.column_width /= needed;
    between = 1;
  }
  g.column_width = std::min(g.column_width, kPrefix + between + kSuffix);
  g.description = g.column_width - (kPrefix + between);
  g.fits = g.description >= 0;
  return g;
}

// "%-*.*s" for screen columns: `text` cut to `width` columns and padded to them.
std::string padded(std::string_view text, int width) {
  const int keep = std::max(0, std::min<int>(utf8_embody(text, width), text.size()));
  std::string out(text.substr(0, static_cast<std::size_t>(keep)));
  const int shown = keep - utf8_delta(out);
  if (shown < width) out.append(static_cast<std::size_t>(width - shown), ' ');
  return out;
}

// A key, or 0 after a resize (SIGWINCH), which top's screen answers by drawing itself anew at
// the new size (adj_geometry: one column less where the last one would scroll).
int next_key(TtyScreen& screen, KeyInput& keys, bool* resized) {
  pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {tty::redraw_fd(), POLLIN, 0}};
  while (::poll(fds, 2, -1) < 0) {
  }
  if ((fds[1].revents & POLLIN) && tty::take_redraw()) {
    int columns = screen.columns(), rows = screen.rows();
    if (tty::window_size(&columns, &rows)) {
      if (screen.caps().avoid_eol) --columns;
      screen.resize(std::clamp(columns, kMinColumns, kScreenMax), std::max(rows, kMinRows));
    }
    *resized = true;
    return 0;
  }
  return keys.command();
}

class FieldsScreen {
 public:
  FieldsScreen(TopConfig& config, TtyScreen& screen) : config_(config), screen_(screen) {
    find_sort_field();
  }

  void run(KeyInput& keys) {
    screen_.put(screen_.caps().clear);
    bool resized = false;
    int key;
    do {
      draw();
      key = next_key(screen_, keys, &resized);
      if (key < 1) {
        screen_.put(screen_.caps().clear);
        continue;
      }
      act(key);
    } while (key != 'q' && key != kKeyEscape);
    // The resize this screen took is passed on, for the task screen's size.
    if (resized) ::raise(SIGWINCH);
  }

 private:
  WindowConfig& window() {
    return config_.windows[static_cast<std::size_t>(config_.current_window)];
  }
  int& entry(int index) { return window().fields[static_cast<std::size_t>(index)]; }
  int count() {
    int n = 0;
    while (n < static_cast<int>(kFieldCount) && entry(n))
      ++n;
    return n;
  }

  // spewFI: the cursor starts on the sort field, wherever it is in the order.
  void find_sort_field() {
    focus_ = 0;
    for (int i = 0; i < count(); ++i)
      if (entry_field(entry(i)) == window().sort_field) focus_ = i;
    moving_ = -1;
  }

  // unSCRL: a change of fields ends the column highlight (and, in top, horizontal scroll).
  void unscroll() { window().flags &= ~kShowHighColumn; }

  // swapEM: the field being moved follows the cursor.
  void move_to(int index) {
    unscroll();
    std::swap(entry(index), entry(moving_));
    moving_ = index;
  }

  void act(int key) {
    const int last = count() - 1;
    switch (key) {
      case kKeyUp:
        if (focus_ > 0) {
          --focus_;
          if (moving_ >= 0) move_to(focus_);
        }
        break;
      case kKeyDown:
        if (focus_ < last) {
          ++focus_;
          if (moving_ >= 0) move_to(focus_);
        }
        break;
      case kKeyLeft:
      case kKeyEnter:
        moving_ = -1;
        break;
      case kKeyRight:
        moving_ = focus_;
        break;
      case kKeyHome:
      case kKeyPageUp:
        if (moving_ < 0) focus_ = 0;
        break;
      case kKeyEnd:
      case kKeyPageDown:
        if (moving_ < 0) focus_ = last;
        break;
      case ' ':
      case 'd':
        if (moving_ < 0) {
          entry(focus_) ^= 1;
          unscroll();
        }
        break;
      case 's':
        if (moving_ < 0) {
          window().sort_field = entry_field(entry(focus_));
          unscroll();
          window().flags &= ~kShowForest;
        }
        break;
      case 'a':
      case 'w':
        config_.current_window =
            (config_.current_window + (key == 'a' ? 1 : kWindows - 1)) % kWindows;
        find_sort_field();
        break;
      default:
        break;
    }
  }

  void draw() {
    const TtyCaps& caps = screen_.caps();
    const WindowConfig& w = window();
    const std::string sort_name =
        w.flags & kShowForest ? std::string(kForestView)
                              : std::string(field_spec(static_cast<FieldId>(w.sort_field)).header);
    const std::string header =
        fmt::format(fmt::runtime(kHeader),
                    std::to_string(config_.current_window + 1) + ":" + w.name, sort_name);
    std::string lines;
    append_special(lines, header, screen_.columns());
    std::string out = caps.home;
    for (std::size_t at = 0, eol; (eol = lines.find('\n', at)) != std::string::npos; at = eol + 1) {
      out.append(lines, at, eol - at);
      out += caps.erase_line;
      out.push_back('\n');
    }
    const int total = count();
    const Geometry g = geometry(screen_.columns(), screen_.rows(), total);
    if (!g.fits) {
      out.push_back('\n');
      out += kTooSmall;
      screen_.put(out);
      return;
    }
    for (int i = 0; i < total; ++i) {
      const int e = entry(i);
      const bool shown = entry_visible(e);
      const FieldId field = static_cast<FieldId>(entry_field(e));
      std::string_view picked;
      if (i == focus_ && moving_ >= 0) picked = caps.reverse;
      out += caps.go((i / g.rows) * g.column_width, i % g.rows + kReservedRows);
      out.push_back(shown ? '*' : ' ');
      out += shown ? caps.bold : caps.caps_off;
      out += picked;
      out.push_back(' ');
      if (i == focus_) out += caps.reverse;
      out += padded(field_spec(field).header, kNameColumns);
      out += caps.caps_off;
      if (shown) out += caps.bold;
      out += picked;
      out.push_back(' ');
      const std::string_view description = kDescriptions[static_cast<std::size_t>(field)];
      const int room = std::max(0, g.description - kEquals);
      const int keep =
          std::max(0, std::min<int>(utf8_embody(description, room), description.size()));
      out += padded("= " + std::string(description.substr(0, static_cast<std::size_t>(keep))),
                    g.description);
      out += caps.caps_off;
    }
    out += caps.caps_off;
    screen_.put(out);
  }

  TopConfig& config_;
  TtyScreen& screen_;
  int focus_ = 0;
  int moving_ = -1;  // the index of the field being moved, -1 when none is
};

}  // namespace

void manage_fields(TopConfig& config, TtyScreen& screen, KeyInput& keys) {
  FieldsScreen(config, screen).run(keys);
}

}  // namespace td::top
