// OutputBuffer: the held buffer of lines made on another thread, and flush_with.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "output_buffer.h"

using td::common::OutputBuffer;

namespace {

// What was written to `file` so far.
std::string contents(std::FILE* file) {
  std::fflush(file);
  std::string text;
  char chunk[256];
  ::lseek(fileno(file), 0, SEEK_SET);
  ssize_t n;
  while ((n = ::read(fileno(file), chunk, sizeof chunk)) > 0)
    text.append(chunk, static_cast<std::size_t>(n));
  return text;
}

}  // namespace

TEST_CASE("a held buffer keeps its text until another buffer writes it out", "[output]") {
  std::FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  {
    OutputBuffer out(fileno(file), 4);
    OutputBuffer later = OutputBuffer::held();
    out.append("head 1\n");
    out.flush_if_full();  // past its threshold: written
    later.append("later 1\n");
    later.flush_if_full();
    later.flush();  // held: nothing goes anywhere
    out.append("head 2\n");
    CHECK(contents(file) == "head 1\n");
    later.append("later 2\n");
    out.flush_with(later);
    CHECK(contents(file) == "head 1\nhead 2\nlater 1\nlater 2\n");
    CHECK(later.text().empty());
    out.append("tail\n");
  }
  CHECK(contents(file) == "head 1\nhead 2\nlater 1\nlater 2\ntail\n");
  std::fclose(file);
}

TEST_CASE("a held buffer takes another's text after its own", "[output]") {
  OutputBuffer first = OutputBuffer::held();
  OutputBuffer second = OutputBuffer::held();
  first.append("a\n");
  second.append("b\n");
  first.flush_with(second);
  CHECK(first.text() == "a\nb\n");
  CHECK(second.text().empty());
}

TEST_CASE("a held buffer of megabytes keeps every line, in order", "[output]") {
  std::FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  std::string expected = "head\n";
  {
    OutputBuffer out(fileno(file));
    OutputBuffer later = OutputBuffer::held();
    out.append("head\n");
    for (int line = 0; line < 300000; ++line) {  // about 3 MiB: several held blocks
      const std::string text = "line " + std::to_string(line) + "\n";
      later.append(text);
      later.flush_if_full();
      expected += text;
    }
    out.flush_with(later);
    out.append("end\n");
  }
  expected += "end\n";
  CHECK(contents(file) == expected);
  std::fclose(file);
}
