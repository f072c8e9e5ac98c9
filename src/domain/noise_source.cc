#include "domain/noise_source.h"

#include <sodium.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace tongban::domain {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;  // idempotent and thread-safe; this only reports its failure
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

void check_scale(double scale) {
  if (!std::isfinite(scale) || !(scale > 0))
    throw std::invalid_argument("laplace: the scale must be finite and positive, not " + std::to_string(scale));
}

}  // namespace

double NoiseSource::uniform() {
  for (;;) {
    const std::uint64_t k = bits() >> 11;                 // 53 bits
    if (k != 0) return static_cast<double>(k) * 0x1p-53;  // exact: k < 2^53
  }
}

SodiumNoise::SodiumNoise() {
  ensure_sodium();
}

std::uint64_t SodiumNoise::bits() {
  std::uint64_t x = 0;
  randombytes_buf(&x, sizeof x);
  return x;
}

SeededNoise::SeededNoise(std::uint64_t seed) {
  for (std::uint64_t& word : state_) word = splitmix64(seed);  // never all zero: splitmix64 is a bijection of a counter
}

std::uint64_t SeededNoise::bits() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double laplace_sample(NoiseSource& noise, double scale) {
  check_scale(scale);
  const double u = noise.uniform();
  if (u < 0.5) return scale * std::log(2 * u);  // 2u is exact
  return -scale * std::log(2 * (1 - u));        // 1 - u is exact (see uniform()); u = 1/2 gives 0
}

double laplace_cdf(double x, double scale) {
  check_scale(scale);
  if (x < 0) return 0.5 * std::exp(x / scale);
  return 1 - 0.5 * std::exp(-x / scale);
}

double laplace_half_width(double scale, double confidence) {
  check_scale(scale);
  if (!(confidence > 0 && confidence < 1))
    throw std::invalid_argument("laplace: the confidence must be between 0 and 1, not " + std::to_string(confidence));
  return -scale * std::log1p(-confidence);
}

double laplace_granularity(double nominal_scale) {
  check_scale(nominal_scale);
  int exponent = 0;
  const double mantissa = std::frexp(nominal_scale / kLaplaceGranularityDivisor, &exponent);  // in [1/2, 1)
  if (mantissa == 0.5) return std::ldexp(1.0, exponent - 1);                                  // already a power of 2
  return std::ldexp(1.0, exponent);
}

double snap_to_granularity(double x, double granularity) {
  return std::round(x / granularity) * granularity;  // x / g and the product are exact for a power of 2
}

double snapped_laplace(NoiseSource& noise, double scale, double granularity) {
  return snap_to_granularity(laplace_sample(noise, scale), granularity);
}

}  // namespace tongban::domain
