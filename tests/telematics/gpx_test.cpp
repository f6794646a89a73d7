#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "commute_start.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/estimator.hpp"
#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/gpx.hpp"
#include "refusal.hpp"

using namespace pedalpower::telematics;
using std::chrono::hours;
using std::chrono::March;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

std::string refused_field(std::string_view xml)
{
  return refused_field_of([&] { parse_gpx(xml); });
}

std::string fixture(const std::string& name)
{
  std::ifstream file(std::string(PEDALPOWER_TELEMATICS_TEST_DIR "/gpx/") + name, std::ios::binary);
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

/// Along each recorded segment, and straight across the breaks between them.
struct recorded_lengths {
  double along_m = 0.0;
  double across_m = 0.0;
};

recorded_lengths lengths_of(const std::vector<position>& fixes)
{
  recorded_lengths lengths;
  for (std::size_t i = 1; i < fixes.size(); ++i) {
    const double step = haversine_m({fixes[i - 1].lat, fixes[i - 1].lon}, {fixes[i].lat, fixes[i].lon});
    (fixes[i].follows_break ? lengths.across_m : lengths.along_m) += step;
  }
  return lengths;
}

std::string refusal(std::string_view xml)
{
  return refusal_of([&] { parse_gpx(xml); });
}

constexpr std::string_view two_points = R"(<gpx version="1.1"><trk><trkseg>
<trkpt lat="51.5" lon="0.4"><time>2025-03-03T07:41:05Z</time></trkpt>
<trkpt lat="51.6" lon="0.5"><time>2025-03-03T07:41:06Z</time></trkpt>
</trkseg></trk></gpx>)";

}  // namespace

TEST_CASE("a plain GPX 1.1 track parses in document order")
{
  const auto fixes = parse_gpx(two_points);
  REQUIRE(fixes.size() == 2);
  CHECK(fixes[0].lat == 51.5);
  CHECK(fixes[0].lon == 0.4);
  CHECK(fixes[0].time == commute_start);
  CHECK(fixes[1].lat == 51.6);
  CHECK_FALSE(fixes[0].altitude_m);
}

TEST_CASE("namespaces, attribute order, quotes, whitespace, comments and extensions are tolerated")
{
  const auto fixes = parse_gpx(R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE gpx>
<!-- exported by a bike computer -->
<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1" xmlns:x="urn:ext" version='1.1'>
  <g:metadata><g:name>Ride &amp; more</g:name><g:time>2025-01-01T00:00:00Z</g:time></g:metadata>
  <g:trk><g:trkseg>
    <g:trkpt
        lon = '0.4'   lat="51.5" >
      <g:ele> 12.5 </g:ele>
      <g:time>
        2025-03-03T07:41:05Z
      </g:time>
      <g:extensions><x:speed>5.0</x:speed><x:time>not a time, not read</x:time></g:extensions>
    </g:trkpt>
    <g:trkpt lat="51.6" lon="0.5"><g:time><![CDATA[2025-03-03T07:41:06Z]]></g:time><g:extensions/></g:trkpt>
  </g:trkseg></g:trk>
</g:gpx>
)");
  REQUIRE(fixes.size() == 2);
  CHECK(fixes[0].lat == 51.5);
  CHECK(fixes[0].lon == 0.4);
  CHECK(fixes[0].altitude_m == 12.5);
  CHECK(fixes[1].time - fixes[0].time == seconds{1});
}

TEST_CASE("several segments are read one after another, each new one marked as following a break")
{
  const auto fixes = parse_gpx(R"(<gpx><trk>
<trkseg><trkpt lat="51.5" lon="0.4"><time>2025-03-03T07:41:05Z</time></trkpt>
<trkpt lat="51.51" lon="0.4"><time>2025-03-03T07:42:05Z</time></trkpt></trkseg>
<trkseg><trkpt lat="51.6" lon="0.5"><time>2025-03-03T09:41:05Z</time></trkpt></trkseg>
</trk></gpx>)");
  REQUIRE(fixes.size() == 3);
  CHECK(fixes[2].lat == 51.6);
  CHECK_FALSE(fixes[0].follows_break);
  CHECK_FALSE(fixes[1].follows_break);
  CHECK(fixes[2].follows_break);
}

TEST_CASE("malformed XML is refused with its line")
{
  CHECK(refusal("<gpx><trk><trkseg>\n<trkpt lat=\"51.5\" lon=\"0.4\"><time>2025-03-03T07:41:05Z</time>\n</trkseg></trk></gpx>") ==
        "xml: </trkseg> does not close <trkpt> (line 3)");
  CHECK(refused_field("<gpx><trk>") == "xml");
  CHECK(refused_field("<gpx><trkpt lat=51.5 lon=\"0.4\"/></gpx>") == "xml");
  CHECK(refused_field("<gpx><trkpt lat=\"51.5 lon=\"0.4\"/></gpx>") == "xml");
  CHECK(refused_field("<gpx></gpx><gpx></gpx>") == "xml");
  CHECK(refused_field("<gpx></gpx>trailing") == "xml");
  CHECK(refused_field("") == "xml");
  CHECK(refused_field("<gpx><!-- never closed </gpx>") == "xml");
}

TEST_CASE("lines are still counted right for a fault after many track points")
{
  // Each point's line is counted on from the one before, not from the start of the file.
  std::string points = "<gpx><trk><trkseg>\n";
  for (int i = 0; i < 200; ++i) points += "<trkpt lat=\"51.5\" lon=\"0.4\">\n<time>2025-03-03T07:41:05Z</time></trkpt>\n";
  const auto late_fault = points + "<trkpt lat=\"51.5\" lon=\"0.4\">\n<time>later</time></trkpt>\n</trkseg></trk></gpx>";
  CHECK(refused_field(late_fault) == "trkpt.time");
  CHECK(refusal(late_fault).ends_with("(trkpt at line 402)"));
  CHECK(refusal(points + "</trkseg></trk>\n</gpx><gpx/>") == "xml: a second root element (line 403)");
}

TEST_CASE("a track point without its coordinates or time is refused naming what is missing")
{
  CHECK(refusal("<gpx>\n<trkpt lon=\"0.4\"><time>2025-03-03T07:41:05Z</time></trkpt></gpx>") ==
        "trkpt.lat: is required (trkpt at line 2)");
  CHECK(refused_field("<gpx><trkpt lat=\"51.5\"><time>2025-03-03T07:41:05Z</time></trkpt></gpx>") == "trkpt.lon");
  CHECK(refusal("<gpx><trkpt lat=\"51.5\" lon=\"0.4\"></trkpt></gpx>") ==
        "trkpt.time: is required: a track without times is a planned route, not a recorded ride (trkpt at line 1)");
  CHECK(refused_field("<gpx><trkpt lat=\"north\" lon=\"0.4\"><time>2025-03-03T07:41:05Z</time></trkpt></gpx>") ==
        "trkpt.lat");
  CHECK(refused_field("<gpx><trkpt lat=\"51.5\" lon=\"0.4\"><time>soon</time></trkpt></gpx>") == "trkpt.time");
  CHECK(refused_field("<gpx><trkpt lat=\"51.5\" lon=\"0.4\"><ele>high</ele><time>2025-03-03T07:41:05Z</time></trkpt></gpx>") ==
        "trkpt.ele");
}

TEST_CASE("a document that is not GPX is refused")
{
  CHECK(refused_field("<kml><trkpt lat=\"51.5\" lon=\"0.4\"><time>2025-03-03T07:41:05Z</time></trkpt></kml>") == "gpx");
}

TEST_CASE("the shipped sample commute is one trip of its known length")
{
  std::ifstream file(PEDALPOWER_TELEMATICS_DATA_DIR "/sample_commute.gpx");
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  const auto fixes = parse_gpx(text.str());
  CHECK(fixes.size() == 402);
  const auto track = to_track(fixes);
  const auto estimate = estimate_track(track);
  REQUIRE(estimate.segments.trips.size() == 1);
  // The generator drew 3565.1 m of road; 2 s fixes with 3 m of noise.
  CHECK(estimate.distance_m == Approx(3565.1).epsilon(0.01));
}

TEST_CASE("a file that begins with a UTF-8 byte-order mark is read")
{
  const auto text = fixture("byte_order_mark.gpx");
  REQUIRE(text.starts_with("\xEF\xBB\xBF"));
  const auto fixes = parse_gpx(text);
  REQUIRE(fixes.size() == 80);
  CHECK(fixes[0].lat == Approx(51.576));
  CHECK(fixes[0].time == sys_days{year{2025} / March / 3} + hours{17} + minutes{30});
  CHECK(estimate_track(to_track(fixes)).distance_m == Approx(395.0).epsilon(0.03));
}

TEST_CASE("a GPX 1.0 log of several tracks and segments, one empty and one of a single point, is not joined across its breaks")
{
  const auto fixes = parse_gpx(fixture("paused_gpx10.gpx"));
  REQUIRE(fixes.size() == 121 + 90 + 1 + 173);
  // Breaks: into the second segment, into the lone point, and out of it into the last track.
  std::vector<std::size_t> breaks;
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    if (fixes[i].follows_break) breaks.push_back(i);
  }
  CHECK(breaks == std::vector<std::size_t>{121, 211, 212});
  // An extension's own <time> (without a namespace) is not the point's time.
  CHECK(fixes.back().time == fixes[212].time + seconds{172});

  const auto recorded = lengths_of(fixes);
  CHECK(recorded.along_m == Approx(600.0 + 400.5 + 860.0).epsilon(0.001));
  const auto estimate = estimate_track(to_track(fixes));
  CHECK(estimate.distance_m == Approx(recorded.along_m).epsilon(0.01));
  CHECK(estimate.unobserved_distance_m == Approx(recorded.across_m).epsilon(0.01));
  CHECK(recorded.across_m > 2000.0);
  CHECK(estimate.segments.trips.size() == 3);
}

TEST_CASE("a GPX without times says plainly that it is a planned route")
{
  CHECK(refusal(fixture("planned_route.gpx")) ==
        "trkpt.time: is required: a track without times is a planned route, not a recorded ride (trkpt at line 4)");
}
