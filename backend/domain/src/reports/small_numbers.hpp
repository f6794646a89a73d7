#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "pedalpower/domain/report_writer.hpp"

namespace pedalpower::domain {

/// Which counts of people a sheet hides. A count of 1 to threshold - 1 in a pay band × site row is
/// hidden as "<N". A published sum of such counts would give a hidden count back (the sum less the
/// other parts), so wherever a sum has exactly one hidden member, its smallest other non-zero
/// member (a part, or the sum itself) is hidden too, as "[c]", until no sum has one. A row whose
/// people are hidden shows no km or CO2e either: those add up like its loans, so they are covered
/// by the same rule.
class small_numbers {
public:
  explicit small_numbers(int threshold) : threshold_(threshold) {}

  /// A count shown in a band × site row: hidden when 1 to threshold - 1. Returns its handle.
  std::size_t band_by_site(std::int64_t people);
  /// A count shown as a subtotal or total: hidden only to keep another hidden count hidden.
  std::size_t total(std::int64_t people);
  /// Says the sheet shows `sum` as the sum of `parts`, all handles of this object.
  void adds_up(std::size_t sum, std::vector<std::size_t> parts);

  /// Says that when either count is hidden the other is too: the loans and the riders of one row,
  /// whose km and CO2e are then left out as well.
  void hidden_together(std::size_t first, std::size_t second);

  /// The cell to show for a handle: the count, "<N" or "[c]".
  report_cell cell(std::size_t handle);
  /// Whether the count of a handle is hidden.
  bool hidden(std::size_t handle);

 private:
  struct count {
    std::int64_t people = 0;
    bool hidden = false;
  };
  struct sum_of {
    std::size_t sum;
    std::vector<std::size_t> parts;
  };

  void settle();
  /// Hides one more member of `relation` when exactly one is hidden; true when it did.
  bool cover(const sum_of& relation);

  int threshold_;
  std::vector<count> counts_;
  std::vector<sum_of> relations_;
  std::vector<std::pair<std::size_t, std::size_t>> pairs_;
  bool settled_ = false;
};

}  // namespace pedalpower::domain
