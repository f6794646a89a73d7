#include "pedalpower/domain/bikes_by_charge.hpp"

#include <algorithm>

namespace pedalpower::domain {
namespace {

/// 0: charged enough, 1: no recent report, 2: charging.
int charge_group(const offered_bike& listed)
{
  if (listed.charging) return 2;
  return listed.charge.percent ? 0 : 1;
}

}  // namespace

std::vector<offered_bike> by_charge(db::connection& db, std::vector<bike> bikes, int min_charge_pct, unix_seconds now)
{
  std::vector<offered_bike> listed;
  for (auto& free : bikes) {
    auto charge = last_charge(db, free.id, now);
    const bool charging = needs_charging(charge, min_charge_pct);
    listed.push_back({std::move(free), std::move(charge), charging});
  }
  std::stable_sort(listed.begin(), listed.end(), [](const offered_bike& a, const offered_bike& b) {
    const auto group_a = charge_group(a);
    const auto group_b = charge_group(b);
    if (group_a != group_b) return group_a < group_b;
    const auto percent_a = a.charge.percent.value_or(-1);
    const auto percent_b = b.charge.percent.value_or(-1);
    if (percent_a != percent_b) return percent_a > percent_b;
    return a.offered.asset_tag < b.offered.asset_tag;
  });
  return listed;
}

}  // namespace pedalpower::domain
