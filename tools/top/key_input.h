// Reading the keyboard as top does (top.c iokey, ioch): one read() of what is waiting,
// the terminal's cursor-key strings and top's alternatives turned into key codes; once
// per command, or byte by byte for a prompt's line.
#pragma once

#include <string>

#include "tty_caps.h"

namespace td::top {

class KeyInput {
 public:
  explicit KeyInput(const TtyCaps& caps) : caps_(caps) {}

  // A command key (IOKEY_ONCE): reads what is waiting and answers its first key; the rest
  // of the read is dropped, as top drops it. -1 for an escape sequence top does not know,
  // 0 when nothing came (EOF ends the program, as in top).
  int command();
  // The next key of a line being typed (IOKEY_NEXT): bytes left from the last read first.
  int next();

 private:
  int read_some();
  int translate() const;

  const TtyCaps& caps_;
  std::string buffer_;
  std::size_t position_ = 0;
};

}  // namespace td::top
