// Random streams: xoshiro256** (Blackman and Vigna, 2018) seeded through splitmix64.
//
// Seed derivation. splitmix64_step(x) = finalize(x + 0x9E3779B97F4A7C15) with the splitmix64 finalizer
// (xor-shift 30, multiply 0xBF58476D1CE4E5B9, xor-shift 27, multiply 0x94D049BB133111EB, xor-shift 31). Both
// parts are bijections of 64-bit words, so each step is one too.
//   k0 = splitmix64_step(seed)
//   k1 = splitmix64_step(k0 ^ replication)
//   k2 = splitmix64_step(k1 ^ stable_hash(stable_id))
// then the 4 state words are the first 4 outputs of a splitmix64 generator started at state k2 (state += golden
// gamma, output = finalize(state)). With two of (seed, replication, id hash) fixed, the map from the third to k2
// is a bijection, so streams differing in exactly one component never share a key. The 4 outputs come from 4
// distinct splitmix states through a bijective finalizer, so they are distinct and at most one is zero: the
// xoshiro state is never all-zero.
#include "models/random.hpp"

namespace irpsim::models {

namespace {

constexpr std::uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ull;

constexpr std::uint64_t splitmix64_finalize(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

constexpr std::uint64_t splitmix64_step(std::uint64_t x) { return splitmix64_finalize(x + kGoldenGamma); }

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

__extension__ typedef unsigned __int128 uint128;

}  // namespace

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xCBF29CE484222325ull;   // FNV-1a 64 offset basis
  for (char c : text) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 0x00000100000001B3ull;              // FNV-1a 64 prime
  }
  return h;
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view stable_id) {
  const std::uint64_t k0 = splitmix64_step(seed);
  const std::uint64_t k1 = splitmix64_step(k0 ^ replication);
  std::uint64_t state = splitmix64_step(k1 ^ stable_hash(stable_id));
  for (std::uint64_t& word : s_) {
    state += kGoldenGamma;
    word = splitmix64_finalize(state);
  }
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform01() {
  // The top 53 bits, scaled by 2^-53: every multiple of 2^-53 in [0, 1) with equal probability.
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double RandomStream::uniform_open01() {
  // The top 52 bits plus one half, scaled by 2^-52: midpoints (k + 0.5) * 2^-52 for k in [0, 2^52), so the result
  // lies in [2^-53, 1 - 2^-53], exactly representable, never 0 nor 1.
  return (static_cast<double>(next_u64() >> 12) + 0.5) * 0x1.0p-52;
}

std::uint64_t RandomStream::below(std::uint64_t n) {
  // Lemire, "Fast Random Integer Generation in an Interval" (2019): the high word of x * n, rejecting the
  // (2^64 mod n) low words that would make some results more likely than others.
  if (n <= 1) return 0;
  uint128 m = static_cast<uint128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    while (low < threshold) {
      m = static_cast<uint128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

}  // namespace irpsim::models
