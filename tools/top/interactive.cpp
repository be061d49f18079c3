#include "interactive.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "key_input.h"
#include "keys.h"
#include "palette.h"
#include "scan_worker.h"
#include "scroll_keys.h"
#include "tty_mode.h"
#include "tty_screen.h"

namespace td::top {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kMessageHold = std::chrono::microseconds(1250000);  // MSG_USLEEP
constexpr int kScreenMax = 512;                                    // SCREENMAX
constexpr int kMinColumns = 3, kMinRows = 3;                       // W_MIN_COL, W_MIN_ROW

// adj_geometry: terminfo's size, then the window's, one column less on a terminal that
// would scroll at the last one, within top's limits; -w N narrows it.
void screen_size(const TtyCaps& caps, const RunOptions& run, int* columns, int* rows) {
  *columns = caps.terminfo_columns;
  *rows = caps.terminfo_rows;
  tty::window_size(columns, rows);
  if (caps.avoid_eol) --*columns;
  *columns = std::clamp(*columns, kMinColumns, kScreenMax);
  if (run.width > 0 && run.width < *columns) *columns = std::max(run.width, kMinColumns);
  *rows = std::max(*rows, kMinRows);
}

class Session {
 public:
  Session(TopConfig& config, RunOptions& run, const RunFacts& facts, procscan::Scanner& scanner,
          const TtyCaps& caps, std::string rc_path)
      : config_(config),
        run_(run),
        facts_(facts),
        caps_(caps),
        rc_path_(std::move(rc_path)),
        screen_(caps),
        keys_(caps),
        maker_(config, run, facts),
        refresher_(scanner, maker_.query(), maker_.figures()),
        worker_(refresher_) {
    maker_.keep_trailing_blanks(true);
    maker_.hide_helper_threads_of(static_cast<int>(::getpid()));
    screen_.resize(facts.columns, facts.rows);
  }

  ScanWorker& worker() { return worker_; }

  int run() {
    iterations_ = run_.iterations;
    ask_refresh(true);
    clear_next_ = true;
    for (;;) {
      pollfd fds[3] = {
          {STDIN_FILENO, POLLIN, 0}, {tty::redraw_fd(), POLLIN, 0}, {worker_.done_fd(), POLLIN, 0}};
      const int ready = ::poll(fds, 3, timeout_ms());
      if (ready < 0) continue;  // a signal: its descriptor says what it wants
      if (fds[2].revents & POLLIN) refresh_done();
      if (fds[1].revents & POLLIN) resized();
      if (fds[0].revents & (POLLIN | POLLHUP)) key();
      if (!worker_.busy() && !held_frame_ && Clock::now() >= next_frame_) ask_refresh(false);
      if (held_frame_ && Clock::now() >= hold_until_) draw();
    }
  }

 private:
  int timeout_ms() const {
    const auto now = Clock::now();
    Clock::time_point until = held_frame_ ? hold_until_ : next_frame_;
    if (worker_.busy() && !held_frame_) return -1;
    if (until <= now) return 0;
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count() + 1);
  }

  // A refresh with the settings as they are now; one at a time.
  void ask_refresh(bool primed) {
    if (worker_.busy()) {
      wanted_ = true;
      wanted_primed_ = wanted_primed_ || primed;
      return;
    }
    maker_.set_settings(config_, run_);
    refresher_.set_query(maker_.query());
    started_generation_ = generation_;
    worker_.start(primed);
  }

  void refresh_done() {
    const procscan::Refresh& refresh = worker_.finish();
    // Settings changed while it ran: it may lack what they need; the next one is made now.
    if (wanted_ && started_generation_ != generation_) {
      wanted_ = false;
      const bool primed = wanted_primed_;
      wanted_primed_ = false;
      ask_refresh(primed);
      return;
    }
    wanted_ = false;
    refresh_ = &refresh;
    made_ = false;
    held_frame_ = true;
    if (Clock::now() >= hold_until_) draw();
  }

  // capsmk for every window, from the settings as they are now.
  void paint() {
    std::array<Palette, kWindows> palettes;
    for (std::size_t i = 0; i < palettes.size(); ++i)
      palettes[i] = make_palette(caps_, config_.windows[i]);
    maker_.set_palettes(palettes);
    screen_.set_palette(palettes[static_cast<std::size_t>(config_.current_window)]);
  }

  void draw() {
    held_frame_ = false;
    if (!made_) {
      const int message_row = maker_.message_row();
      maker_.set_settings(config_, run_);
      paint();
      text_.clear();
      maker_.append_text(text_, *refresh_, 1);
      made_ = true;
      // L or & found nothing: top says so over the last frame, then waits its 1.25 s.
      WindowPosition& position = maker_.position(config_.current_window);
      if (!position.find_failed.empty()) {
        screen_.message(locate_failed_text(position.find_failed, position.found_before),
                        message_row);
        position.find_failed.clear();
        hold_until_ = Clock::now() + kMessageHold;
        held_frame_ = true;
        return;
      }
    }
    made_ = false;
    std::vector<std::string> finds;
    for (int window : shown_windows())
      finds.push_back(maker_.position(window).find);
    screen_.frame(text_, maker_.header_lines(), maker_.message_row(), clear_next_, finds);
    show_coordinates();
    clear_next_ = false;
    if (0 < iterations_) --iterations_;
    if (!iterations_) tty::end(0);
    // Columns widened: the next frame comes at once, as in top.
    next_frame_ = maker_.widths_grew() ? Clock::now() : Clock::now() + delay();
  }

  // The windows a frame shows, in order (as FrameMaker::append_text goes through them).
  std::vector<int> shown_windows() const {
    if (!config_.alternate_display) return {config_.current_window};
    std::vector<int> shown;
    for (int i = 0; i < kWindows; ++i)
      if (config_.windows[static_cast<std::size_t>(i)].flags & kShowTasks) shown.push_back(i);
    return shown;
  }

  // frame_make's show_scroll, for a current window that shows tasks.
  void show_coordinates() {
    const int index = config_.current_window;
    const WindowConfig& w = config_.windows[static_cast<std::size_t>(index)];
    if (!(w.flags & kViewScroll)) return;
    if (config_.alternate_display && !(w.flags & kShowTasks)) return;
    screen_.status(coordinates_text(w, maker_.position(index), maker_.scroll_facts(index)),
                   maker_.message_row());
  }

  Clock::duration delay() const {
    return std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(static_cast<double>(config_.delay)));
  }

  void resized() {
    if (!tty::take_redraw()) return;
    int columns = 0, rows = 0;
    screen_size(caps_, run_, &columns, &rows);
    screen_.resize(columns, rows);
    maker_.set_screen(columns, rows);
    tty::set_restore_text(caps_, rows);
    ++generation_;
    clear_next_ = true;
    ask_refresh(false);
  }

  void key() {
    const int key = keys_.command();
    if (key == 0 || key == kKeyEscape || key == -1) return;
    if (key == 'q') tty::end(0);
    KeyContext context{config_, run_, screen_, keys_};
    context.program = facts_.program;
    context.rc_path = rc_path_;
    context.cpus = facts_.cpus;
    for (int node : facts_.numa_nodes)
      context.numa_nodes = std::max(context.numa_nodes, node + 1);
    context.message_row = maker_.message_row();
    context.first_pid = maker_.first_task_pid();
    context.shown = maker_.shown_fields(config_.current_window);
    paint();
    context.widths = &maker_.widths();
    context.position = &maker_.position(config_.current_window);
    for (int window = 0; window < kWindows; ++window)
      context.positions[static_cast<std::size_t>(window)] = &maker_.position(window);
    context.scroll = maker_.scroll_facts(config_.current_window);
    if (!handle_key(context, key)) {
      context.message(unknown_command_text());
    } else {
      maker_.set_settings(config_, run_);
      if (context.window_reset) maker_.reset_position();
      maker_.after_key();
    }
    screen_.put(caps_.curs_hide);
    ++generation_;
    if (context.message_shown) hold_until_ = Clock::now() + kMessageHold;
    if (context.clear_screen) clear_next_ = true;
    // top makes a new frame after every key, from a new refresh.
    held_frame_ = false;
    made_ = false;
    ask_refresh(context.reprime);
  }

  TopConfig& config_;
  RunOptions& run_;
  RunFacts facts_;
  const TtyCaps& caps_;
  std::string rc_path_;
  TtyScreen screen_;
  KeyInput keys_;
  FrameMaker maker_;
  procscan::Refresher refresher_;
  ScanWorker worker_;
  const procscan::Refresh* refresh_ = nullptr;
  int iterations_ = -1;
  bool clear_next_ = false;
  bool held_frame_ = false;
  bool made_ = false;  // text_ is the frame of refresh_, held behind a message
  std::string text_;
  bool wanted_ = false, wanted_primed_ = false;
  unsigned generation_ = 0, started_generation_ = 0;
  Clock::time_point next_frame_ = Clock::now();
  Clock::time_point hold_until_ = Clock::now();
};

}  // namespace

int run_interactive(TopConfig& config, RunOptions& run, RunFacts facts, procscan::Scanner& scanner,
                    const TtyCaps& caps, const std::string& rc_path) {
  std::string error;
  if (!tty::enter(caps, &error)) {
    std::fputs((facts.program + ": " + error + "\n").c_str(), stderr);
    tty::end(1);
  }
  int columns = 0, rows = 0;
  screen_size(caps, run, &columns, &rows);
  facts.columns = columns;
  facts.rows = rows;
  tty::set_restore_text(caps, rows);
  tty::install_signal_handlers(facts.program);
  try {
    Session session(config, run, facts, scanner, caps, rc_path);
    // The keys on their own thread; the scans on this one (scan_worker.h says why).
    std::thread keys([&session, &facts] {
      try {
        session.run();
      } catch (const std::exception& e) {
        tty::restore();
        std::fputs((facts.program + ": " + e.what() + "\n").c_str(), stderr);
        ::_exit(EXIT_FAILURE);
      }
    });
    session.worker().run();
    keys.join();
    return 0;
  } catch (...) {
    tty::restore();
    throw;
  }
}

}  // namespace td::top
