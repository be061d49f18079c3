#include "task_lines.h"

namespace td::ps {

ThreadView thread_view(unsigned thread_flags) {
  if (thread_flags & kThreadShowBoth) return ThreadView::Nested;
  if (thread_flags & (kThreadShowTask | kThreadLooseTasks)) return ThreadView::Flat;
  return ThreadView::Processes;
}

}  // namespace td::ps
