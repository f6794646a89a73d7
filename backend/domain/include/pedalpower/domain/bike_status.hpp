#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace pedalpower::domain {

/// Where a bike is in its life; stored as text in bikes.status.
enum class bike_status { available, reserved, on_loan, maintenance, retired, lost };

inline constexpr std::array<bike_status, 6> bike_statuses{bike_status::available,   bike_status::reserved,
                                                          bike_status::on_loan,     bike_status::maintenance,
                                                          bike_status::retired,     bike_status::lost};

std::string_view to_string(bike_status status);
std::optional<bike_status> bike_status_from_string(std::string_view text);

struct bike_status_transition {
  bike_status from;
  bike_status to;
};

/// Every change of status a bike may make; anything not listed is refused. `retired` is final: a
/// retired bike has left the fleet (sold, scrapped, written off), so bringing one back is a new asset.
/// A lost bike that turns up goes back to `available`, or to `maintenance` for a check first.
inline constexpr auto bike_status_transitions = std::to_array<bike_status_transition>({
    {bike_status::available, bike_status::reserved},
    {bike_status::available, bike_status::on_loan},
    {bike_status::available, bike_status::maintenance},
    {bike_status::available, bike_status::retired},
    {bike_status::available, bike_status::lost},
    {bike_status::reserved, bike_status::available},
    {bike_status::reserved, bike_status::on_loan},
    {bike_status::reserved, bike_status::maintenance},
    {bike_status::on_loan, bike_status::available},
    {bike_status::on_loan, bike_status::maintenance},
    {bike_status::on_loan, bike_status::lost},
    {bike_status::maintenance, bike_status::available},
    {bike_status::maintenance, bike_status::retired},
    {bike_status::lost, bike_status::available},
    {bike_status::lost, bike_status::maintenance},
    {bike_status::lost, bike_status::retired},
});

/// Statuses that only the loan and reservation processes set or clear, because each stands for a
/// loan or reservation row that must change with it. Coordinators and technicians never set them by hand.
inline constexpr std::array<bike_status, 2> loan_managed_statuses{bike_status::reserved, bike_status::on_loan};

/// True if `bike_status_transitions` lists the change from `from` to `to`.
bool is_allowed_transition(bike_status from, bike_status to);

/// The statuses a bike in `from` may move to, in table order.
std::vector<bike_status> allowed_next_statuses(bike_status from);

/// True for the statuses in `loan_managed_statuses`.
bool is_loan_managed(bike_status status);

}  // namespace pedalpower::domain
