#pragma once

#include <array>
#include <string>
#include <string_view>

namespace pedalpower::domain {

struct commute_mode {
  std::string_view code;   ///< as the emissions estimator names the mode
  std::string_view label;  ///< as screens show it
};

/// How a staff member travelled to work before borrowing a bike. `none`: would not have made the
/// journey.
inline constexpr std::array<commute_mode, 9> commute_modes{{{"car_petrol", "Car, petrol"},
                                                            {"car_diesel", "Car, diesel"},
                                                            {"car_hybrid", "Car, hybrid"},
                                                            {"car_electric", "Car, electric"},
                                                            {"bus", "Bus"},
                                                            {"rail", "Train"},
                                                            {"walk", "Walking"},
                                                            {"cycle", "Cycling"},
                                                            {"none", "Would not have travelled"}}};

bool is_commute_mode(std::string_view text);
/// The words a reader sees for a mode's code ("car_diesel" reads "Car, diesel"); an unknown code as it is.
std::string_view commute_mode_label(std::string_view code);
/// The code a person's words most likely mean: a mode's label in any case ("car, diesel", as a staff
/// file exports it), or a code spelt loosely ("Car Petrol", "car-petrol"); checked by the caller.
std::string commute_mode_named(std::string_view text);

}  // namespace pedalpower::domain
