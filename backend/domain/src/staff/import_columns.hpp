#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pedalpower::domain {

/// The staff fields a CSV import can fill, each from one column.
enum class import_field {
  staff_number,
  name,
  first_name,
  last_name,
  email,
  pay_band,
  department,
  site,
  induction_date,
  commute_mode,
  commute_km,
};
inline constexpr std::size_t import_field_count = 11;

/// The field name used in error reports ("staff_number", "commute_distance_km", ...).
std::string_view field_name(import_field field);

/// Which column holds each field, from the header row.
struct import_columns {
  std::array<std::optional<std::size_t>, import_field_count> position;

  std::optional<std::size_t> of(import_field field) const { return position[static_cast<std::size_t>(field)]; }
};

struct header_problem {
  std::string field;
  std::string message;
};

/// Maps header cells to fields by the names HR systems use ("Staff Number", "Employee No", "AfC Band",
/// "Forename", ...), ignoring case, spaces and punctuation; columns it does not know are ignored.
/// Fails when a required field has no column or two columns claim the same field.
std::optional<import_columns> map_columns(const std::vector<std::string>& header, std::vector<header_problem>& problems);

}  // namespace pedalpower::domain
