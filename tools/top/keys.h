// The interactive commands (top.c do_key, keys_global, keys_summary, keys_task, keys_xtra,
// write_rcfile): one row per key with its handler, and top's prompts and messages as data.
// A key without a row is unknown to tdtop, and gets top's "Unknown command" message.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "columns.h"
#include "command_line.h"
#include "config.h"
#include "fields.h"
#include "key_input.h"
#include "task_area.h"
#include "tty_screen.h"

namespace td::top {

// What a handler reads and changes, and what it asks of the refresh loop.
struct KeyContext {
  KeyContext(TopConfig& c, RunOptions& r, TtyScreen& s, KeyInput& k)
      : config(c), run(r), screen(s), keys(k) {}
  TopConfig& config;
  RunOptions& run;
  TtyScreen& screen;
  KeyInput& keys;
  std::string program;
  std::string rc_path;         // where W writes
  int cpus = 1;                // Cpu_cnt
  int numa_nodes = 0;          // Numa_node_tot
  int message_row = 0;         // Msg_row of the last frame
  int first_pid = 0;           // the current window's first task (k, r defaults)
  std::vector<FieldId> shown;  // the current window's shown fields (<, >)
  // The columns' widths now (o, O).
  const FieldWidths* widths = nullptr;
  WindowPosition* position = nullptr;  // the current window's scroll state (scroll_keys.h)
  // Every window's scroll state, by window number (f edits any of them).
  std::array<WindowPosition*, kWindows> positions{};
  ScrollFacts scroll;  // and its columns as scrolled
  // Answers for the loop.
  bool clear_screen = false;   // the screen was used for something else: clear it
  bool reprime = false;        // threads on or off: prime the CPU figures again
  bool message_shown = false;  // a message is up: the next frame waits top's 1.25 s
  bool window_reset = false;   // '=': the current window starts at its first task again
  // show_msg.
  void message(const std::string& text);
};

// Handles `key`; false when tdtop has no such command (the caller shows top's message).
bool handle_key(KeyContext& context, int key);

// top's message for a key it does not know.
const char* unknown_command_text();

// The window the keys act on (Curwin).
inline WindowConfig& current(KeyContext& c) {
  return c.config.windows[static_cast<std::size_t>(c.config.current_window)];
}

// VIZCHKw: whether the current window takes task commands (else top's message is shown).
bool window_takes_task_keys(KeyContext& context);

}  // namespace td::top
