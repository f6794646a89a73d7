#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace pedalpower::domain {

/// Random choices for the demo data that come out the same on every platform: the raw output of
/// std::mt19937_64 is fixed by the standard, unlike the std distributions built on it.
class demo_random {
public:
  explicit demo_random(std::uint64_t seed) : engine_(seed) {}

  /// A whole number in [low, high].
  std::int64_t between(std::int64_t low, std::int64_t high)
  {
    return low + static_cast<std::int64_t>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }

  /// True with probability `percent` / 100.
  bool chance(int percent) { return between(1, 100) <= percent; }

  /// An index into `weights`, each chosen in proportion to its weight.
  std::size_t weighted(std::span<const int> weights)
  {
    std::int64_t total = 0;
    for (const int weight : weights) total += weight;
    std::int64_t pick = between(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (pick < weights[i]) return i;
      pick -= weights[i];
    }
    return weights.size() - 1;
  }

  template <typename T>
  const T& pick(std::span<const T> choices)
  {
    return choices[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(choices.size()) - 1))];
  }

private:
  std::mt19937_64 engine_;
};

}  // namespace pedalpower::domain
