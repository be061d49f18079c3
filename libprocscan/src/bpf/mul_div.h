/* The exact floor(a * b / c) of the kernel's mul_u64_u64_div_u64(), which cputime_adjust()
 * uses, for the task program. Plain C on __u64, so that tests/libprocscan can check it
 * against unsigned __int128 on the build machine. The program makes mul_div() a global BPF
 * function (MUL_DIV_FUNCTION __noinline), verified once instead of at each call. */
#ifndef PROCSCAN_MUL_DIV_H
#define PROCSCAN_MUL_DIV_H

#ifndef MUL_DIV_INLINE
#define MUL_DIV_INLINE static inline
#endif
#ifndef MUL_DIV_FUNCTION
#define MUL_DIV_FUNCTION static inline
#endif

/* Hides a value from the compiler, so that arithmetic written without branches stays so:
 * the task program defines it as barrier_var(). A branch that depends on a value the
 * verifier knows makes that value precise, and each of its values a path of its own. */
#ifndef MUL_DIV_OPAQUE
#define MUL_DIV_OPAQUE(var) (void)0
#endif

/* 1 when the value, below 2^63, is 0, else 0: without a branch. */
MUL_DIV_INLINE __u64 is_zero(__u64 below_2_63) {
  __u64 t = below_2_63 - 1;
  MUL_DIV_OPAQUE(t);
  return t >> 63;
}

/* Leading zero bits of a nonzero value, by halving, without branches (each step would
 * double the verifier's paths: 32 of them, the count known in each). */
MUL_DIV_INLINE int leading_zeros(__u64 x) {
  __u64 n = 0, k;
  k = is_zero(x >> 32) << 5;
  n += k;
  x <<= k;
  k = is_zero(x >> 48) << 4;
  n += k;
  x <<= k;
  k = is_zero(x >> 56) << 3;
  n += k;
  x <<= k;
  k = is_zero(x >> 60) << 2;
  n += k;
  x <<= k;
  k = is_zero(x >> 62) << 1;
  n += k;
  x <<= k;
  n += is_zero(x >> 63);
  return (int)n;
}

/* One 32-bit digit of the quotient of (high digits, next digit) by the normalised divisor
 * (Knuth's algorithm D: the estimate is corrected at most twice). */
MUL_DIV_INLINE __u64 quotient_digit(__u64 top, __u64 digit, __u64 vn1, __u64 vn0) {
  const __u64 b = 1ULL << 32;
  __u64 q = top / vn1, rhat = top - q * vn1;
  if (q >= b || q * vn0 > b * rhat + digit) {
    q -= 1;
    rhat += vn1;
    if (rhat < b && (q >= b || q * vn0 > b * rhat + digit)) q -= 1;
  }
  return q;
}

/* mul_u64_u64_div_u64(a, b, c): floor(a * b / c) over the exact 128-bit product, as x86's
 * divq gives it; the callers guarantee a <= c, so the quotient fits in 64 bits. Loop-free
 * (Hacker's Delight divlu) because a loop of 64 steps costs the verifier dearly. */
MUL_DIV_FUNCTION __u64 mul_div(__u64 a, __u64 b, __u64 c) {
  __u64 a_lo = (__u32)a, a_hi = a >> 32, b_lo = (__u32)b, b_hi = b >> 32;
  __u64 p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
  __u64 mid = (p0 >> 32) + (__u32)p1 + (__u32)p2;
  __u64 lo = (mid << 32) | (__u32)p0;
  __u64 hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
  if (hi == 0) return lo / c;
  if (hi >= c) return ~0ULL; /* cannot happen for a <= c */
  int s = leading_zeros(c) & 63;
  __u64 v = c << s;
  __u64 vn1 = v >> 32, vn0 = v & 0xffffffff;
  /* lo >> (64 - s), 0 for s = 0 (a shift by 64 is no shift at all), without a branch. */
  __u64 un32 = (hi << s) | ((lo >> 1) >> (63 - s));
  __u64 un10 = lo << s;
  __u64 un1 = un10 >> 32, un0 = un10 & 0xffffffff;
  __u64 q1 = quotient_digit(un32, un1, vn1, vn0);
  __u64 un21 = (un32 << 32) + un1 - q1 * v;
  __u64 q0 = quotient_digit(un21, un0, vn1, vn0);
  return (q1 << 32) + q0;
}

#endif /* PROCSCAN_MUL_DIV_H */
