#include "pedalpower/kiosk/backoff.hpp"

#include <algorithm>

namespace pedalpower::kiosk {

std::chrono::milliseconds backoff_policy::delay(int failures, double unit_random) const
{
  auto doubled = first;
  for (int i = 1; i < failures && doubled < longest; ++i) doubled *= 2;
  doubled = std::min(doubled, longest);
  const auto half = doubled / 2;
  const auto spread = static_cast<double>((doubled - half).count()) * std::clamp(unit_random, 0.0, 1.0);
  return half + std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(spread));
}

}  // namespace pedalpower::kiosk
