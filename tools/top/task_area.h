// One window's task area in a batch frame (top.c window_show, window_hlp, task_show): the
// header, then a line per task in the window's order, after its filters (idle tasks, user,
// other filters) and within its room.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "cell_context.h"
#include "columns.h"
#include "command_line.h"
#include "config.h"
#include "palette.h"

namespace td::top {

// What a window keeps from frame to frame: where its rows start. top moves the first row
// of the current window to the first task its user and other filters let through, once, at
// the first frame; later frames start at that position.
struct WindowPosition {
  int first_task = 0;  // begtask
  int step = 0;        // begnext: +1 asks for the first visible task
  int first_pid = 0;   // the pid of the task at first_task in the window's order
  // Scrolled sideways: the first position of scroll_flags() shown (begpflg), and the
  // columns a lone variable column's text is shifted by (varcolbeg).
  int first_flag = 0;
  int text_offset = 0;
  int first_task_before_idle = 0;  // 'i': where the window stood when idle tasks were hidden
  // L and &: the text looked for (findstr), and a search the next frame makes in its new
  // order from `find_from` (top searches at the key, in the last frame's rows, which tdtop's
  // key thread may not read while a scan runs).
  std::string find;
  bool find_pending = false;
  int find_from = 0;
  bool found_before = false;  // find_string's `found`: "another" in the not-found message
  std::string find_failed;    // set when the search found nothing: the text it looked for
  // From the last frame: its task count (PIDSmaxt) and the window's rows (winlines).
  int tasks_total = 0;
  int window_lines = 0;
};

struct WindowPrint {
  const WindowConfig* window = nullptr;
  const ColumnLayout* layout = nullptr;
  const FrameFacts* frame = nullptr;
  NameCaches* names = nullptr;
  UserFilter user;  // the -u/-U filter, for the current window
  bool alternate_display = false;
  int max_lines = 0;                 // lines left on the screen for the window, its header included
  int window_lines = 0;              // rows the window asks for (its maximum tasks, or its share)
  bool trim = true;                  // batch output drops trailing blanks; the screen keeps them
  const Palette* palette = nullptr;  // the screen's attributes; none in batch mode
  int text_offset = 0;               // varcolbeg: the variable columns' text starts this far in
};

// Appends the window (a newline before the header and before each row, trailing blanks
// dropped) and returns the lines it took. `tasks` get their forest levels. Columns whose
// values were cut are marked in `cut` (for X -1). A pending L or & search is made first.
int append_window(std::string& out, const WindowPrint& print, std::vector<TaskView>& tasks,
                  WindowPosition& position, std::array<bool, kFieldCount>& cut);

// The cells of one row as top builds it (before its trailing blanks are dropped); nothing
// when an other filter hides it. A window that shows no column has empty rows, which top
// prints as empty lines without counting them.
std::optional<std::string> task_row(const WindowPrint& print, const TaskView& task,
                                    std::array<bool, kFieldCount>& cut);

// Whether the task's state is 'R' (what 'y' highlights).
bool is_running(const TaskView& task);

// Whether a task passes the -u/-U filter (top.c wins_usrselect).
bool passes_user_filter(const UserFilter& filter, const TaskView& task);

// Appends `text` without its trailing blanks (top's batch output drops them from rows).
void append_trimmed(std::string& out, std::string_view text);

}  // namespace td::top
