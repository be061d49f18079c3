// ps' own test columns (_left, _left2, _right, _right2, _unlimited, _unlimited2): fixed
// sample texts of each justification, picked by the line's place before the next header,
// which `ps L` lists and -o accepts like any other specifier.
#include <array>
#include <string_view>

#include "printers.h"

namespace td::ps {

using procscan::TaskRef;

namespace {

// output.c indexes its samples with lines_to_next_header % N in unsigned arithmetic.
template <std::size_t N>
std::string_view sample(const PrintContext& ctx, const std::array<std::string_view, N>& texts) {
  return texts[static_cast<unsigned>(ctx.lines_to_next_header) % N];
}

int append_sample(std::string& out, std::string_view text) {
  out.append(text);
  return static_cast<int>(text.size());
}

// The unlimited samples go through snprintf(buf, max_rightward + 1, ...): cut to the room.
int append_cut_sample(const PrintContext& ctx, std::string& out, std::string_view text) {
  const auto room = static_cast<std::size_t>(ctx.max_cells > 0 ? ctx.max_cells : 0);
  return append_sample(out, text.substr(0, room));
}

constexpr std::array<std::string_view, 5> kLeft{"tty7", "pts/9999", "iseries/vtty42", "ttySMX0",
                                                "3270/tty4"};
constexpr std::array<std::string_view, 4> kLeft2{"tty7", "pts/9999", "ttySMX0", "3270/tty4"};
constexpr std::array<std::string_view, 4> kRight{"999-23:59:59", "99-23:59:59", "9-23:59:59",
                                                 "59:59"};
constexpr std::array<std::string_view, 3> kRight2{"999-23:59:59", "99-23:59:59", "9-23:59:59"};
constexpr std::array<std::string_view, 3> kUnlimited{"[123456789-12345] <defunct>", "ps",
                                                     "123456789-123456"};
constexpr std::array<std::string_view, 4> kUnlimited2{"unlimited", "[123456789-12345] <defunct>",
                                                      "ps", "123456789-123456"};

}  // namespace

int print_test_left(const PrintContext& ctx, const TaskRef&, std::string& out) {
  return append_sample(out, sample(ctx, kLeft));
}
int print_test_left2(const PrintContext& ctx, const TaskRef&, std::string& out) {
  return append_sample(out, sample(ctx, kLeft2));
}
int print_test_right(const PrintContext& ctx, const TaskRef&, std::string& out) {
  return append_sample(out, sample(ctx, kRight));
}
int print_test_right2(const PrintContext& ctx, const TaskRef&, std::string& out) {
  return append_sample(out, sample(ctx, kRight2));
}
int print_test_unlimited(const PrintContext& ctx, const TaskRef&, std::string& out) {
  return append_cut_sample(ctx, out, sample(ctx, kUnlimited));
}
int print_test_unlimited2(const PrintContext& ctx, const TaskRef&, std::string& out) {
  return append_cut_sample(ctx, out, sample(ctx, kUnlimited2));
}

}  // namespace td::ps
