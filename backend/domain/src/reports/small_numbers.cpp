#include "reports/small_numbers.hpp"

#include <string>

namespace pedalpower::domain {

std::size_t small_numbers::band_by_site(std::int64_t people)
{
  counts_.push_back({people, people > 0 && people < threshold_});
  settled_ = false;
  return counts_.size() - 1;
}

std::size_t small_numbers::total(std::int64_t people)
{
  counts_.push_back({people, false});
  settled_ = false;
  return counts_.size() - 1;
}

void small_numbers::adds_up(std::size_t sum, std::vector<std::size_t> parts)
{
  relations_.push_back({sum, std::move(parts)});
  settled_ = false;
}

bool small_numbers::cover(const sum_of& relation)
{
  std::size_t hidden = 0;
  std::size_t smallest_shown = counts_.size();
  const auto consider = [&](std::size_t member) {
    const auto& found = counts_[member];
    if (found.hidden) {
      ++hidden;
    } else if (found.people > 0 && (smallest_shown == counts_.size() || found.people < counts_[smallest_shown].people)) {
      smallest_shown = member;
    }
  };
  consider(relation.sum);
  for (const auto part : relation.parts) consider(part);
  if (hidden != 1 || smallest_shown == counts_.size()) return false;
  counts_[smallest_shown].hidden = true;
  return true;
}

void small_numbers::settle()
{
  // Each pass hides at least one more count or ends, so this stops within counts_.size() passes.
  for (bool hid = true; hid;) {
    hid = false;
    for (const auto& relation : relations_) hid = cover(relation) || hid;
  }
  settled_ = true;
}

report_cell small_numbers::cell(std::size_t handle)
{
  if (!settled_) settle();
  const auto& found = counts_.at(handle);
  if (!found.hidden) return found.people;
  if (found.people < threshold_) return "<" + std::to_string(threshold_);
  return std::string("[c]");
}

}  // namespace pedalpower::domain
