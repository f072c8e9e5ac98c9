// Noise (domain/noise_source.h): the 53-bit uniform and its ends, the seeded generator's determinism, libsodium's
// source, the Laplace sample's exact symmetry, its moments, tail and CDF over 20,000 samples, and the lattice.
//
// The stochastic checks use SeededNoise with fixed seeds, so they are deterministic: each either passes always or
// fails always. Their tolerances are four standard errors of the statistic at n = 20,000 samples, so that a correct
// sampler fails one of them for about one seed in a few thousand (P(|Z| > 4) = 6 x 10^-5 for each), while a wrong
// one fails (the KS test is shown to reject a scale 5% off):
//   - mean of X: Var X = 2 b^2, so the standard error is b sqrt(2 / n) = 0.0100 b; tolerance 0.04 b;
//   - mean of |X|: |X| is exponential of mean b and variance b^2, standard error b / sqrt(n) = 0.00707 b; tolerance
//     0.0283 b;
//   - the fraction beyond b ln 20: a binomial proportion of p = 0.05, standard error sqrt(p (1 - p) / n) = 0.00154;
//     tolerance 0.0062;
//   - the Kolmogorov–Smirnov statistic D = sup |F_n - F| against the Laplace CDF: its 1% critical value for large n
//     is sqrt(ln(2 / 0.01) / 2) / sqrt(n) = 1.628 / sqrt(n) = 0.01151.
#include "domain/noise_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

namespace tongban::domain {
namespace {

// Plays back fixed words, then repeats the last one.
class ScriptedNoise final : public NoiseSource {
 public:
  explicit ScriptedNoise(std::vector<std::uint64_t> words) : words_(std::move(words)) {}
  std::uint64_t bits() override { return words_[std::min(next_++, words_.size() - 1)]; }
  std::size_t drawn() const { return next_; }

 private:
  std::vector<std::uint64_t> words_;
  std::size_t next_ = 0;
};

// The 64-bit word whose top 53 bits are k: uniform() = k / 2^53.
std::uint64_t word_for(std::uint64_t k) {
  return k << 11;
}

constexpr int kSamples = 20'000;

std::vector<double> laplace_samples(std::uint64_t seed, double scale) {
  SeededNoise noise(seed);
  std::vector<double> samples(kSamples);
  for (double& x : samples) x = laplace_sample(noise, scale);
  return samples;
}

TEST(NoiseSource, TheUniformIsKOver2To53AndNeverZeroOrOne) {
  ScriptedNoise lowest({0, word_for(1)});  // 53 zero bits are drawn again
  EXPECT_EQ(lowest.uniform(), 0x1p-53);
  EXPECT_EQ(lowest.drawn(), 2u);
  ScriptedNoise highest({~std::uint64_t{0}});
  EXPECT_EQ(highest.uniform(), 1 - 0x1p-53);
  ScriptedNoise half({word_for(std::uint64_t{1} << 52)});
  EXPECT_EQ(half.uniform(), 0.5);
  ScriptedNoise low_bits_ignored({word_for(3) | 0x7ff});
  EXPECT_EQ(low_bits_ignored.uniform(), 3 * 0x1p-53);
}

TEST(NoiseSource, SeededNoiseRepeatsItsSeedAndNoOther) {
  SeededNoise a(42);
  SeededNoise b(42);
  SeededNoise c(43);
  std::set<std::uint64_t> seen;
  int same_as_other_seed = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t x = a.bits();
    EXPECT_EQ(x, b.bits());
    same_as_other_seed += x == c.bits();
    seen.insert(x);
  }
  EXPECT_EQ(same_as_other_seed, 0);
  EXPECT_EQ(seen.size(), 1000u);
  SeededNoise zero(0);  // a zero seed still gives a live generator
  EXPECT_NE(zero.bits(), zero.bits());
}

TEST(NoiseSource, SodiumNoiseGivesUniformsInTheOpenInterval) {
  SodiumNoise noise;
  std::set<double> seen;
  double sum = 0;
  for (int i = 0; i < 10'000; ++i) {
    const double u = noise.uniform();
    ASSERT_GT(u, 0);
    ASSERT_LT(u, 1);
    sum += u;
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 10'000u);                   // 53 bits: a repeat has a chance of about 10^-8
  EXPECT_NEAR(sum / 10'000, 0.5, 4 * 0.2887 / 100);  // sd of U is 1/sqrt(12); four standard errors
}

TEST(LaplaceSample, IsExactlySymmetricAndZeroAtOneHalf) {
  for (std::uint64_t k :
       {std::uint64_t{1}, std::uint64_t{12345}, std::uint64_t{1} << 40, (std::uint64_t{1} << 52) - 1}) {
    ScriptedNoise low({word_for(k)});
    ScriptedNoise high({word_for((std::uint64_t{1} << 53) - k)});
    const double x = laplace_sample(low, 3.0);
    EXPECT_LT(x, 0) << k;
    EXPECT_EQ(x, -laplace_sample(high, 3.0)) << k;
  }
  ScriptedNoise half({word_for(std::uint64_t{1} << 52)});
  EXPECT_EQ(laplace_sample(half, 3.0), 0);
  ScriptedNoise extreme({word_for(1)});  // the farthest sample: b ln(2^-52)
  EXPECT_DOUBLE_EQ(laplace_sample(extreme, 1.0), -52 * std::log(2.0));
}

TEST(LaplaceSample, HasMeanZeroMeanAbsoluteValueBAndTheStatedTail) {
  for (double scale : {1.0, 2.5, 40.0}) {
    const std::vector<double> x = laplace_samples(20240613, scale);
    double sum = 0;
    double absolute = 0;
    int beyond = 0;
    for (double v : x) {
      sum += v;
      absolute += std::abs(v);
      beyond += std::abs(v) > scale * std::log(20.0);
    }
    EXPECT_NEAR(sum / kSamples, 0, 0.04 * scale) << scale;
    EXPECT_NEAR(absolute / kSamples, scale, 0.0283 * scale) << scale;
    EXPECT_NEAR(static_cast<double>(beyond) / kSamples, 0.05, 0.0062) << scale;
  }
}

TEST(LaplaceSample, PassesKolmogorovSmirnovAgainstTheLaplaceCdf) {
  const double critical = std::sqrt(std::log(2 / 0.01) / 2) / std::sqrt(static_cast<double>(kSamples));
  EXPECT_NEAR(critical, 0.01151, 1e-5);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    std::vector<double> x = laplace_samples(seed, 2.0);
    std::sort(x.begin(), x.end());
    double d = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double f = laplace_cdf(x[i], 2.0);
      d = std::max({d, f - static_cast<double>(i) / kSamples, static_cast<double>(i + 1) / kSamples - f});
    }
    EXPECT_LT(d, critical) << seed;
  }
  // And the test can fail: the same samples against a scale 5% off are rejected.
  std::vector<double> x = laplace_samples(1, 2.0);
  std::sort(x.begin(), x.end());
  double d = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    d = std::max(d, std::abs(laplace_cdf(x[i], 2.1) - static_cast<double>(i) / kSamples));
  EXPECT_GT(d, critical);
}

TEST(LaplaceDistribution, CdfAndHalfWidth) {
  EXPECT_DOUBLE_EQ(laplace_cdf(0, 2), 0.5);
  EXPECT_DOUBLE_EQ(laplace_cdf(-2, 2), 0.5 * std::exp(-1.0));
  EXPECT_DOUBLE_EQ(laplace_cdf(2, 2), 1 - 0.5 * std::exp(-1.0));
  EXPECT_DOUBLE_EQ(laplace_half_width(2, 0.95), 2 * std::log(20.0));
  const double h = laplace_half_width(3, 0.9);
  EXPECT_NEAR(laplace_cdf(h, 3) - laplace_cdf(-h, 3), 0.9, 1e-12);
  EXPECT_THROW((void)laplace_half_width(2, 1), std::invalid_argument);
  EXPECT_THROW((void)laplace_half_width(2, 0), std::invalid_argument);
  SeededNoise noise(1);
  EXPECT_THROW((void)laplace_sample(noise, 0), std::invalid_argument);
  EXPECT_THROW((void)laplace_sample(noise, -1), std::invalid_argument);
  EXPECT_THROW((void)laplace_sample(noise, std::nan("")), std::invalid_argument);
  EXPECT_THROW((void)laplace_cdf(1, std::numeric_limits<double>::infinity()), std::invalid_argument);
}

TEST(LaplaceLattice, TheGranularityIsTheNextPowerOfTwoOfTheScaleOver1024) {
  EXPECT_EQ(laplace_granularity(1024), 1);
  EXPECT_EQ(laplace_granularity(1025), 2);
  EXPECT_EQ(laplace_granularity(1), 0x1p-10);
  EXPECT_EQ(laplace_granularity(3), 0x1p-8);
  EXPECT_EQ(laplace_granularity(2048 + 1e-9), 4);
  EXPECT_THROW((void)laplace_granularity(0), std::invalid_argument);
}

TEST(LaplaceLattice, SnappedNoiseIsAMultipleOfTheGranularityAndAddsExactly) {
  EXPECT_EQ(snap_to_granularity(0.3, 0.25), 0.25);
  EXPECT_EQ(snap_to_granularity(0.375, 0.25), 0.5);  // halves away from zero
  EXPECT_EQ(snap_to_granularity(-0.375, 0.25), -0.5);
  SeededNoise noise(7);
  const double g = laplace_granularity(5.0);
  for (int i = 0; i < 1000; ++i) {
    const double x = snapped_laplace(noise, 5.0, g);
    EXPECT_EQ(std::fmod(x, g), 0) << x;
    const double value = 123456789 * g;  // a value on the lattice: the sum is exact
    EXPECT_EQ((value + x) - value, x);
  }
}

}  // namespace
}  // namespace tongban::domain
