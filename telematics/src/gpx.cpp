#include "pedalpower/telematics/gpx.hpp"

#include <optional>
#include <string>

#include "number_text.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/timestamp.hpp"
#include "xml_scanner.hpp"

namespace pedalpower::telematics {

namespace {

using detail::xml_event;

/// What is known of the trkpt being read.
struct open_point {
  position fix;
  std::size_t line = 0;
  std::size_t depth = 0;  ///< element depth of the trkpt itself
  std::optional<std::string_view> reading;  ///< "time" or "ele" while inside that child
  std::string text;
  bool has_time = false;
};

std::string at_line(std::size_t line) { return " (trkpt at line " + std::to_string(line) + ")"; }

double coordinate(const detail::xml_scanner& xml, std::string_view name, std::size_t line)
{
  const auto value = xml.attribute(name);
  const auto field = "trkpt." + std::string(name);
  if (!value) throw invalid_input(field, "is required" + at_line(line));
  try {
    return detail::parse_number(*value, field);
  } catch (const invalid_input& bad) {
    throw invalid_input(field, bad.reason() + at_line(line));
  }
}

void finish_child(open_point& point)
{
  const auto text = detail::trim(point.text);
  const auto line = at_line(point.line);
  try {
    if (*point.reading == "time") {
      point.fix.time = parse_timestamp(text, "trkpt.time");
      point.has_time = true;
    } else {
      point.fix.altitude_m = detail::parse_number(text, "trkpt.ele");
    }
  } catch (const invalid_input& bad) {
    throw invalid_input(bad.field(), bad.reason() + line);
  }
  point.reading.reset();
  point.text.clear();
}

}  // namespace

std::vector<position> parse_gpx(std::string_view xml)
{
  detail::xml_scanner scanner(xml);
  std::vector<position> points;
  std::optional<open_point> point;
  std::size_t depth = 0;
  bool first = true;

  while (const auto event = scanner.next()) {
    if (event->type == xml_event::kind::start) {
      ++depth;
      if (first && event->name != "gpx") {
        throw invalid_input("gpx", "the root element is <" + std::string(event->name) + ">, not <gpx>");
      }
      first = false;
      if (event->name == "trkpt") {
        const auto line = scanner.line_of(event->offset);
        if (point) throw invalid_input("trkpt", "nested inside another trkpt" + at_line(line));
        point.emplace();
        point->line = line;
        point->depth = depth;
        point->fix.lat = coordinate(scanner, "lat", line);
        point->fix.lon = coordinate(scanner, "lon", line);
      } else if (point && depth == point->depth + 1 && (event->name == "time" || event->name == "ele")) {
        point->reading = event->name;
      }
    } else if (event->type == xml_event::kind::text) {
      if (point && point->reading && depth == point->depth + 1) point->text.append(event->text);
    } else {
      if (point && point->reading && depth == point->depth + 1) finish_child(*point);
      if (point && depth == point->depth) {
        if (!point->has_time) throw invalid_input("trkpt.time", "is required" + at_line(point->line));
        points.push_back(std::move(point->fix));
        point.reset();
      }
      --depth;
    }
  }
  return points;
}

}  // namespace pedalpower::telematics
