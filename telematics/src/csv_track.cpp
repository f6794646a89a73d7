#include "pedalpower/telematics/csv_track.hpp"

#include <array>
#include <optional>
#include <string>

#include "number_text.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/timestamp.hpp"

namespace pedalpower::telematics {

namespace {

enum column { time_column, lat_column, lon_column, accuracy_column, speed_column, odometer_column, column_count };
constexpr std::array<std::string_view, column_count> column_names{"time", "lat", "lon", "accuracy", "speed", "odometer"};

/// Splits one line at commas; a double-quoted cell may hold commas, and "" inside it is a quote.
std::vector<std::string> cells_of(std::string_view line)
{
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back().push_back(c);
    }
  }
  return cells;
}

std::string at_line(std::size_t line) { return " (line " + std::to_string(line) + ")"; }

/// Next line without its line end; advances `text`.
std::string_view take_line(std::string_view& text)
{
  const auto newline = text.find('\n');
  auto line = text.substr(0, newline);
  text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

}  // namespace

std::vector<position> parse_csv_track(std::string_view text)
{
  std::array<std::optional<std::size_t>, column_count> where{};
  std::size_t line_number = 0;
  bool have_header = false;
  std::vector<position> fixes;

  while (!text.empty()) {
    const auto line = take_line(text);
    ++line_number;
    if (detail::trim(line).empty()) continue;
    const auto cells = cells_of(line);

    if (!have_header) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        for (std::size_t c = 0; c < column_count; ++c) {
          if (detail::equals_ignoring_case(detail::trim(cells[i]), column_names[c])) where[c] = i;
        }
      }
      for (auto needed : {time_column, lat_column, lon_column}) {
        if (!where[needed]) {
          throw invalid_input(std::string(column_names[needed]), "the header row has no such column" + at_line(line_number));
        }
      }
      have_header = true;
      continue;
    }

    const auto cell = [&](column c) -> std::optional<std::string_view> {
      if (!where[c]) return std::nullopt;
      if (*where[c] >= cells.size()) {
        throw invalid_input(std::string(column_names[c]), "the row is too short" + at_line(line_number));
      }
      const auto value = detail::trim(cells[*where[c]]);
      return value.empty() ? std::nullopt : std::optional{value};
    };
    const auto required = [&](column c) {
      const auto value = cell(c);
      if (!value) throw invalid_input(std::string(column_names[c]), "is empty" + at_line(line_number));
      return *value;
    };
    const auto number = [&](column c, std::string_view value) {
      try {
        return detail::parse_number(value, column_names[c]);
      } catch (const invalid_input& bad) {
        throw invalid_input(bad.field(), bad.reason() + at_line(line_number));
      }
    };
    const auto optional_number = [&](column c) -> std::optional<double> {
      const auto value = cell(c);
      return value ? std::optional{number(c, *value)} : std::nullopt;
    };

    position fix;
    const auto time_text = required(time_column);
    try {
      fix.time = parse_timestamp(time_text, "time");
    } catch (const invalid_input& bad) {
      throw invalid_input("time", bad.reason() + at_line(line_number));
    }
    fix.lat = number(lat_column, required(lat_column));
    fix.lon = number(lon_column, required(lon_column));
    fix.accuracy_m = optional_number(accuracy_column);
    fix.speed_mps = optional_number(speed_column);
    fix.odometer_m = optional_number(odometer_column);
    fixes.push_back(std::move(fix));
  }
  if (!have_header) throw invalid_input("header", "the file is empty; expected a header row with time,lat,lon");
  return fixes;
}

}  // namespace pedalpower::telematics
