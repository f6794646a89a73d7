#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace pedalpower::domain {

/// NHS Agenda for Change pay bands, plus "other" for staff not on AfC (medical, dental, senior managers).
inline constexpr std::array<std::string_view, 13> pay_bands{"1", "2", "3", "4", "5", "6", "7",
                                                            "8a", "8b", "8c", "8d", "9", "other"};

/// The canonical spelling of a band ("8A" -> "8a", "Band 5" -> "5", "not on AfC" -> "other"), or nullopt.
std::optional<std::string_view> normalise_pay_band(std::string_view text);

}  // namespace pedalpower::domain
