// Noise for "usable but invisible" queries (issue 13): the randomness that domain/private_aggregate.h adds to what a
// data-market query releases, and the Laplace distribution it is shaped into. Pure but for the randomness: no I/O, no
// clock, no state beyond the generator's.
//
// The uniform. A NoiseSource gives 64 random bits at a time; uniform() turns them into k / 2^53 for k uniform in
// 1 .. 2^53 - 1 (the top 53 bits, drawing again on the 2^-53 chance that they are all 0). So the uniform is never 0
// or 1, every value is exactly representable, and 1 - u is computed exactly (it is (2^53 - k) / 2^53): u and 1 - u
// are equally likely, which makes the Laplace sample below exactly symmetric.
//   - SodiumNoise: libsodium's randombytes_buf (the operating system's generator), for every real release.
//   - SeededNoise: xoshiro256** seeded through splitmix64, deterministic, for tests only. Its output is predictable
//     from its seed, and a predictable noise is no noise: an attacker who knows the seed subtracts it.
//
// The Laplace sample, by inverse CDF: X = b ln(2u) when u < 1/2, X = -b ln(2(1 - u)) otherwise, so that
// P(X <= x) = F(x) = e^(x/b) / 2 for x < 0 and 1 - e^(-x/b) / 2 for x >= 0 (laplace_cdf). |X| is at most
// b ln(2^52) ≈ 36.04 b (the smallest u is 2^-53).
//
// The floating-point caveat (Mironov, "On significance of the least significant bits for differential privacy", CCS
// 2012). The Laplace mechanism's proof is about real numbers. In doubles, value + X can take only some of the doubles
// near value, and which ones depends on value's own low-order bits: an output can be reachable from one input and
// not from its neighbour, so seeing it tells which input it was — outright, whatever ε says. What is done here is
// Google's remedy (their "Secure noise generation" note and LaplaceMechanism: the input and the noise are put on a
// lattice of a power of two), not Mironov's full snapping mechanism:
//   - the granularity g (laplace_granularity) is the smallest power of 2 >= b_nominal / 2^10, b_nominal being
//     sensitivity / ε before this correction;
//   - the exact aggregate is rounded to a multiple of g, and so is the noise (snap_to_granularity); their sum is a
//     multiple of g too, computed without rounding (both are below 2^53 g). The outputs reachable from any input
//     are then the same lattice of multiples of g, so the low-order bits carry nothing;
//   - rounding moves a value by at most g/2, so neighbours' rounded aggregates differ by at most sensitivity + g:
//     the scale is b = (sensitivity + g) / ε, and the rounded noise is a discretised Laplace whose ratio between two
//     lattice points j g apart is at most e^(j g / b) (shifting one rounding interval onto the other). So ε holds on
//     the lattice, in exact arithmetic of the probabilities;
//   - the probabilities are not exact: u has 2^53 values, so the probability of a lattice point is a count of values
//     of u, off by up to one from its ideal 2^53 p. A lattice point has p >= (g / 2b) e^(-t/b) ≳ 2^-11 e^(-t/b) at
//     distance t, so the relative error is below 1% while t < 24.5 b (noise beyond that has probability e^-24.5 ≈
//     2.3 x 10^-11), and outputs beyond 36 b from the exact value are impossible for one input and perhaps not for
//     its neighbour (probability below 2^-52 e^ε). In other words the release is, by this argument and not by a
//     proof, (ε + 0.01, ~10^-10)-differentially private rather than ε-: a small δ that the budget does not charge.
//   The libm logarithm is assumed accurate to an ulp and monotone (glibc's is), which moves the rounding intervals'
//   edges by amounts far below g.
//
// Not withstood:
//   - the residual tail above (the quantised probabilities beyond ~24 b, the truncation at ~36 b): not proved, not
//     charged. Google's library samples a discrete Laplace (geometric) exactly instead of using the inverse CDF; that
//     is the upgrade path if a proof is wanted;
//   - timing: the rejection of u = 0, the logarithm and every caller's loops take data- and noise-dependent time;
//   - a weak or known seed: SeededNoise in production would void everything (nothing here can tell);
//   - the exponential mechanism's own floating point (domain/private_aggregate.h): weights are doubles, those far
//     below the best underflow to 0, and the choice is a scan of a floating-point cumulative sum. Not snapped.
#pragma once

#include <array>
#include <cstdint>

namespace tongban::domain {

// The granularity divisor: g is the smallest power of 2 >= b_nominal / kLaplaceGranularityDivisor. Larger means a
// finer lattice (less rounding) but a shorter range in which the 53-bit uniform resolves the lattice's
// probabilities (above: 1% error up to ~24.5 b at 2^10, ~17.6 b at 2^20).
inline constexpr double kLaplaceGranularityDivisor = 1024;

// Random bits, and uniforms made of them.
class NoiseSource {
 public:
  virtual ~NoiseSource() = default;
  // 64 uniformly random bits.
  virtual std::uint64_t bits() = 0;
  // k / 2^53 for k uniform in 1 .. 2^53 - 1: in (0, 1), never 0 or 1.
  double uniform();
};

// The operating system's randomness through libsodium (initialised once per process; throws std::runtime_error if
// libsodium cannot be). For every real release.
class SodiumNoise final : public NoiseSource {
 public:
  SodiumNoise();
  std::uint64_t bits() override;
};

// xoshiro256** seeded by splitmix64: the same seed gives the same bits, on every platform. Tests only.
class SeededNoise final : public NoiseSource {
 public:
  explicit SeededNoise(std::uint64_t seed);
  std::uint64_t bits() override;

 private:
  std::array<std::uint64_t, 4> state_{};
};

// A Laplace sample of scale b > 0 (finite) by inverse CDF, not snapped. Throws std::invalid_argument for a bad scale.
double laplace_sample(NoiseSource& noise, double scale);

// F(x) = P(X <= x) for X of Laplace(0, scale).
double laplace_cdf(double x, double scale);

// The half-width h with P(|X| <= h) = confidence, for X of Laplace(0, scale): scale * ln(1 / (1 - confidence)).
// 0 < confidence < 1. The 95% half-width is scale * ln 20 ≈ 3.00 scale.
double laplace_half_width(double scale, double confidence);

// The smallest power of 2 >= nominal_scale / kLaplaceGranularityDivisor, for 0 < nominal_scale (finite, normal).
double laplace_granularity(double nominal_scale);

// x rounded to the nearest multiple of g (halves away from zero); g a power of 2. Exact (no rounding error of its
// own) while |x| / g < 2^52.
double snap_to_granularity(double x, double granularity);

// snap(laplace_sample(scale), g): the noise as it is added to a value already on the lattice of g.
double snapped_laplace(NoiseSource& noise, double scale, double granularity);

}  // namespace tongban::domain
