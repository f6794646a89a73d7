#pragma once

#include <array>
#include <string_view>

namespace pedalpower::domain {

struct commute_mode {
  std::string_view code;   ///< as the emissions estimator names the mode
  std::string_view label;  ///< as screens show it
};

/// How a staff member travelled to work before borrowing a bike. `none`: would not have made the
/// journey.
inline constexpr std::array<commute_mode, 9> commute_modes{{{"car_petrol", "Petrol car"},
                                                            {"car_diesel", "Diesel car"},
                                                            {"car_hybrid", "Hybrid car"},
                                                            {"car_electric", "Electric car"},
                                                            {"bus", "Bus"},
                                                            {"rail", "Train"},
                                                            {"walk", "Walking"},
                                                            {"cycle", "Own bicycle"},
                                                            {"none", "Would not have made the journey"}}};

bool is_commute_mode(std::string_view text);

}  // namespace pedalpower::domain
