#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/estimator.hpp"
#include "pedalpower/telematics/gpx.hpp"
#include "refusal.hpp"

using namespace pedalpower::telematics;
using std::chrono::duration_cast;
using std::chrono::hours;
using std::chrono::March;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

std::string refused_field(std::string_view xml)
{
  return refused_field_of([&] { parse_gpx(xml); });
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
  CHECK(fixes[0].time == sys_days{year{2025} / March / 3} + hours{7} + minutes{41} + seconds{5});
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

TEST_CASE("several segments are read one after another")
{
  const auto fixes = parse_gpx(R"(<gpx><trk>
<trkseg><trkpt lat="51.5" lon="0.4"><time>2025-03-03T07:41:05Z</time></trkpt></trkseg>
<trkseg><trkpt lat="51.6" lon="0.5"><time>2025-03-03T09:41:05Z</time></trkpt></trkseg>
</trk></gpx>)");
  REQUIRE(fixes.size() == 2);
  CHECK(fixes[1].lat == 51.6);
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

TEST_CASE("a track point without its coordinates or time is refused naming what is missing")
{
  CHECK(refusal("<gpx>\n<trkpt lon=\"0.4\"><time>2025-03-03T07:41:05Z</time></trkpt></gpx>") ==
        "trkpt.lat: is required (trkpt at line 2)");
  CHECK(refused_field("<gpx><trkpt lat=\"51.5\"><time>2025-03-03T07:41:05Z</time></trkpt></gpx>") == "trkpt.lon");
  CHECK(refused_field("<gpx><trkpt lat=\"51.5\" lon=\"0.4\"></trkpt></gpx>") == "trkpt.time");
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
