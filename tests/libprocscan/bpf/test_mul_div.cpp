// The task program's 128-bit multiply-divide (libprocscan/src/bpf/mul_div.h) against
// unsigned __int128, over edge values and many pseudo-random ones, in the domain
// cputime_adjust() uses it: a <= c, c > 0 (a = stime, b = rtime, c = stime + utime).
#include <linux/types.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <vector>

#include "bpf/mul_div.h"

namespace {

std::uint64_t reference(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return static_cast<std::uint64_t>(static_cast<unsigned __int128>(a) * b / c);
}

}  // namespace

TEST_CASE("leading_zeros counts like __builtin_clzll") {
  for (int bit = 0; bit < 64; ++bit) {
    const std::uint64_t x = std::uint64_t{1} << bit;
    CHECK(leading_zeros(x) == __builtin_clzll(x));
    CHECK(leading_zeros(x | 1) == __builtin_clzll(x | 1));
    CHECK(leading_zeros(x | (x - 1)) == __builtin_clzll(x | (x - 1)));
  }
}

TEST_CASE("mul_div equals the 128-bit quotient at the edges") {
  const std::vector<std::uint64_t> edges = {1,
                                            2,
                                            3,
                                            7,
                                            0xffff,
                                            0x10000,
                                            0xffffffff,
                                            0x100000000,
                                            0x100000001,
                                            0x7fffffffffffffff,
                                            0x8000000000000000,
                                            0xfffffffffffffffe,
                                            0xffffffffffffffff,
                                            1000000000,
                                            999999999937};
  for (const std::uint64_t c : edges)
    for (const std::uint64_t a : edges)
      for (const std::uint64_t b : edges) {
        if (a > c) continue;
        INFO(a << " * " << b << " / " << c);
        REQUIRE(mul_div(a, b, c) == reference(a, b, c));
      }
  for (const std::uint64_t b : edges)
    CHECK(mul_div(0, b, 5) == 0);
}

TEST_CASE("mul_div equals the 128-bit quotient on random values of every size") {
  std::mt19937_64 random(20240611);
  for (int i = 0; i < 2000000; ++i) {
    // Values of random bit lengths, so that small, mixed and full-width operands all occur.
    auto draw = [&] {
      const int bits = static_cast<int>(random() % 64) + 1;
      return random() >> (64 - bits);
    };
    std::uint64_t c = draw();
    if (c == 0) c = 1;
    std::uint64_t a = draw();
    if (a > c) a = c - random() % (c / 2 + 1);
    const std::uint64_t b = draw();
    INFO(a << " * " << b << " / " << c);
    REQUIRE(mul_div(a, b, c) == reference(a, b, c));
  }
}
