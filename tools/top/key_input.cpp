#include "key_input.h"

#include <termios.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "tty_mode.h"

namespace td::top {

namespace {

// iokey's alternatives to the terminfo strings: meta and ctrl+meta with vim's h, j, k, l.
struct Alternative {
  const char* text;
  int key;
};
constexpr Alternative kAlternatives[] = {
    {"\033h", kKeyLeft},      {"\033j", kKeyDown},        {"\033k", kKeyUp},
    {"\033l", kKeyRight},     {"\033\010", kKeyHome},     {"\033\012", kKeyPageDown},
    {"\033\013", kKeyPageUp}, {"\033\014", kKeyEnd},      {"\xC3\xA8", kKeyLeft},
    {"\xC3\xAA", kKeyDown},   {"\xC3\xAB", kKeyUp},       {"\xC3\xAC", kKeyRight},
    {"\xC2\x88", kKeyHome},   {"\xC2\x8A", kKeyPageDown}, {"\xC2\x8B", kKeyPageUp},
    {"\xC2\x8C", kKeyEnd},    {"\033\011", kKeyBackTab},
};

}  // namespace

int KeyInput::read_some() {
  buffer_.clear();
  position_ = 0;
  char bytes[512];
  ssize_t n;
  do {
    n = ::read(STDIN_FILENO, bytes, sizeof bytes - 1);
  } while (n < 0 && errno == EINTR && !tty::take_redraw());
  // EOF: detached from the terminal.
  if (n == 0) tty::end(0);
  // It may have been the start of a long escape sequence.
  ::tcflush(STDIN_FILENO, TCIFLUSH);
  if (n < 0) return 0;
  // top handles its buffer as a C string.
  buffer_.assign(bytes, static_cast<std::size_t>(n));
  buffer_.resize(std::strlen(buffer_.c_str()));
  return static_cast<int>(buffer_.size());
}

int KeyInput::translate() const {
  // Some emulators repeat keys too well: the last escape sequence counts.
  std::size_t start = buffer_.rfind('\033');
  if (start == std::string::npos)
    start = 0;
  else if (start > 0 && buffer_[start - 1] == '\033')
    --start;
  const std::string tail = buffer_.substr(start);
  for (const KeyString& k : caps_.keys)
    if (k.text == tail) return k.key;
  for (const Alternative& a : kAlternatives)
    if (tail == a.text) return a.key;
  if (buffer_.empty()) return 0;
  if (buffer_[0] == '\033' && buffer_.size() > 1) return -1;
  return static_cast<unsigned char>(buffer_[0]);
}

int KeyInput::command() {
  if (read_some() < 1) return 0;
  // The rest of the read is dropped: a prompt that follows reads afresh.
  position_ = buffer_.size();
  return translate();
}

int KeyInput::next() {
  if (position_ < buffer_.size()) return static_cast<unsigned char>(buffer_[position_++]);
  if (read_some() < 1) return 0;
  if (!std::iscntrl(static_cast<unsigned char>(buffer_[0]))) {
    position_ = 1;
    return static_cast<unsigned char>(buffer_[0]);
  }
  position_ = buffer_.size();
  return translate();
}

}  // namespace td::top
