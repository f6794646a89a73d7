#include "reports/small_numbers.hpp"

#include "reports/report_basis.hpp"

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

void small_numbers::hidden_together(std::size_t first, std::size_t second)
{
  pairs_.emplace_back(first, second);
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
    for (const auto& [first, second] : pairs_) {
      auto& one = counts_[first];
      auto& other = counts_[second];
      if (one.hidden == other.hidden) continue;
      auto& shown = one.hidden ? other : one;
      if (shown.people == 0) continue;
      shown.hidden = true;
      hid = true;
    }
  }
  settled_ = true;
}

report_cell small_numbers::cell(std::size_t handle)
{
  const auto& found = counts_.at(handle);
  return hidden(handle) ? hidden_people_cell(found.people, threshold_) : report_cell(found.people);
}

bool small_numbers::hidden(std::size_t handle)
{
  if (!settled_) settle();
  return counts_.at(handle).hidden;
}

}  // namespace pedalpower::domain
