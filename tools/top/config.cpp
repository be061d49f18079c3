#include "config.h"

namespace td::top {

namespace {

constexpr int kDefaultFlags = kViewLoadAverage | kViewStates | kViewCpuSum | kViewMemory |
                              kShowHighBold | kShowHighRows | kShowIdle | kShowTasks |
                              kJustifyNumbers | kSortHighFirst;

// top.h DEF_FIELDS (ORIG_TOPDEFS), JOB_FIELDS, MEM_FIELDS, USR_FIELDS.
constexpr int kDefaultFields[kWindows][100] = {
    {75,  81,  103, 105, 119, 123, 129, 137, 111, 117, 115, 139, 76,  78,  82,  84,  86,
     88,  90,  92,  94,  96,  98,  100, 106, 108, 112, 120, 124, 126, 130, 132, 134, 140,
     142, 144, 146, 148, 150, 152, 154, 156, 158, 160, 162, 164, 166, 168, 170, 172, 174,
     176, 178, 180, 182, 184, 186, 188, 190, 192, 194, 196, 198, 200, 202, 204, 206, 208,
     210, 212, 214, 216, 218, 220, 222, 224, 226, 228, 230, 232, 234, 236, 238, 240, 242,
     244, 246, 248, 250, 252, 254, 256, 258, 260, 262, 264, 266, 268, 270, 272},
    {75,  77,  115, 111, 117, 80,  103, 105, 137, 119, 123, 128, 120, 79,  139, 82,  84,
     86,  88,  90,  92,  94,  96,  98,  100, 106, 108, 112, 124, 126, 130, 132, 134, 140,
     142, 144, 146, 148, 150, 152, 154, 156, 158, 160, 162, 164, 166, 168, 170, 172, 174,
     176, 178, 180, 182, 184, 186, 188, 190, 192, 194, 196, 198, 200, 202, 204, 206, 208,
     210, 212, 214, 216, 218, 220, 222, 224, 226, 228, 230, 232, 234, 236, 238, 240, 242,
     244, 246, 248, 250, 252, 254, 256, 258, 260, 262, 264, 266, 268, 270, 272},
    {75,  117, 119, 120, 123, 125, 127, 129, 131, 154, 132, 156, 135, 136, 102, 104, 111,
     139, 76,  78,  80,  82,  84,  86,  88,  90,  92,  94,  96,  98,  100, 106, 108, 112,
     114, 140, 142, 144, 146, 148, 150, 152, 158, 160, 162, 164, 166, 168, 170, 172, 174,
     176, 178, 180, 182, 184, 186, 188, 190, 192, 194, 196, 198, 200, 202, 204, 206, 208,
     210, 212, 214, 216, 218, 220, 222, 224, 226, 228, 230, 232, 234, 236, 238, 240, 242,
     244, 246, 248, 250, 252, 254, 256, 258, 260, 262, 264, 266, 268, 270, 272},
    {75,  77,  79,  81,  85,  97,  115, 111, 117, 137, 139, 82,  86,  88,  90,  92,  94,
     98,  100, 102, 104, 106, 108, 112, 118, 120, 122, 124, 126, 128, 130, 132, 134, 140,
     142, 144, 146, 148, 150, 152, 154, 156, 158, 160, 162, 164, 166, 168, 170, 172, 174,
     176, 178, 180, 182, 184, 186, 188, 190, 192, 194, 196, 198, 200, 202, 204, 206, 208,
     210, 212, 214, 216, 218, 220, 222, 224, 226, 228, 230, 232, 234, 236, 238, 240, 242,
     244, 246, 248, 250, 252, 254, 256, 258, 260, 262, 264, 266, 268, 270, 272},
};

struct WindowDefaults {
  FieldId sort;
  int flags;
  int double_up;
  int colors[4];  // summary, message, header, task (curses COLOR_*)
  const char* name;
};

// COLOR_RED 1, YELLOW 3, CYAN 6, WHITE 7, MAGENTA 5, BLUE 4, GREEN 2.
constexpr WindowDefaults kWindowDefaults[kWindows] = {
    {FieldId::Cpu, kDefaultFlags, 1, {1, 1, 3, 1}, "Def"},
    {FieldId::Pid, kDefaultFlags, 0, {6, 6, 7, 6}, "Job"},
    {FieldId::Mem, kDefaultFlags, 0, {5, 5, 4, 5}, "Mem"},
    {FieldId::User, kDefaultFlags, 0, {3, 3, 2, 3}, "Usr"},
};

}  // namespace

TopConfig default_config() {
  TopConfig config;
  for (int i = 0; i < kWindows; ++i) {
    const WindowDefaults& d = kWindowDefaults[i];
    WindowConfig& w = config.windows[static_cast<std::size_t>(i)];
    w.sort_field = static_cast<int>(d.sort);
    w.flags = d.flags;
    w.double_up = d.double_up;
    w.summary_color = d.colors[0];
    w.message_color = d.colors[1];
    w.header_color = d.colors[2];
    w.task_color = d.colors[3];
    w.name = d.name;
    for (int j = 0; j < 100; ++j)
      w.fields[static_cast<std::size_t>(j)] = kDefaultFields[i][j];
  }
  return config;
}

}  // namespace td::top
