#include "pedalpower/telematics/gpx.hpp"

#include <optional>
#include <string>
#include <utility>

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

constexpr std::string_view utf8_byte_order_mark = "\xEF\xBB\xBF";

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
  // Windows tools and some apps begin a UTF-8 file with a byte-order mark; it is not text.
  if (xml.starts_with(utf8_byte_order_mark)) xml.remove_prefix(utf8_byte_order_mark.size());
  detail::xml_scanner scanner(xml);
  std::vector<position> points;
  std::optional<open_point> point;
  std::size_t depth = 0;
  bool first = true;
  bool after_break = true;  // set by each track and segment: the next point follows a break

  while (const auto event = scanner.next()) {
    if (event->type == xml_event::kind::start) {
      ++depth;
      if (first && event->name != "gpx") {
        throw invalid_input("gpx", "the root element is <" + std::string(event->name) + ">, not <gpx>");
      }
      first = false;
      if (event->name == "trk" || event->name == "trkseg") {
        after_break = true;
      } else if (event->name == "trkpt") {
        const auto line = scanner.line_of(event->offset);
        if (point) throw invalid_input("trkpt", "nested inside another trkpt" + at_line(line));
        point.emplace();
        point->line = line;
        point->depth = depth;
        point->fix.lat = coordinate(scanner, "lat", line);
        point->fix.lon = coordinate(scanner, "lon", line);
        point->fix.follows_break = std::exchange(after_break, false) && !points.empty();
      } else if (point && depth == point->depth + 1 && (event->name == "time" || event->name == "ele")) {
        point->reading = event->name;
      }
    } else if (event->type == xml_event::kind::text) {
      if (point && point->reading && depth == point->depth + 1) point->text.append(event->text);
    } else {
      if (point && point->reading && depth == point->depth + 1) finish_child(*point);
      if (point && depth == point->depth) {
        if (!point->has_time) {
          throw invalid_input("trkpt.time", "is required: a track without times is a planned route, not a recorded ride" +
                                                at_line(point->line));
        }
        points.push_back(std::move(point->fix));
        point.reset();
      }
      --depth;
    }
  }
  return points;
}

}  // namespace pedalpower::telematics
