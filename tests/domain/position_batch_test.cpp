#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/domain/positions.hpp"
#include "pedalpower/telematics/timestamp.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;
using pedalpower::telematics::time_point;

namespace {

// 2025-03-03T07:41:05Z, with the batch read an hour later.
constexpr std::int64_t fix_seconds = 1740987665;
const time_point read_at{std::chrono::seconds(fix_seconds + 3600)};

tracker_positions parsed(const std::string& body)
{
  auto batch = parse_position_batch(body, read_at);
  if (!batch) FAIL(batch.error().field << ": " << batch.error().message);
  return std::move(batch).value();
}

std::string item(const std::string& time, const std::string& extra = "")
{
  return R"({"time":)" + time + R"(,"lat":51.576,"lon":0.488)" + extra + "}";
}

}  // namespace

TEST_CASE("every time form a batch allows reads as the same instant")
{
  const auto batch = parsed(R"({"device_id":"controller-1","positions":[)" +
                            item(R"("2025-03-03T07:41:05Z")") + "," + item(R"("2025-03-03T08:41:05+01:00")") + "," +
                            item(R"("2025-03-03 07:41:05")") + "," + item("1740987665") + "," + item("1740987665000") +
                            "," + item("1740987665.0") + "]}");
  REQUIRE(batch.items().size() == 6);
  CHECK(batch.rejected().empty());
  for (const auto& [index, device, fix] : batch.items()) {
    INFO(index);
    CHECK(fix.time_ms == fix_seconds * 1000);
    CHECK(fix.lat_udeg == 51576000);
    CHECK(fix.lon_udeg == 488000);
    CHECK(batch.device_ids()[device] == "controller-1");
  }
}

TEST_CASE("a batch item carries its accuracy, odometer, battery and validity")
{
  const auto batch = parsed(R"({"device_id":"c","positions":[)" +
                            item("1740987665", R"(,"accuracy":4.5,"speed":5.2,"odometer":15234,"battery":0.87,"valid":false,"note":{"x":[1]})") +
                            "]}");
  REQUIRE(batch.items().size() == 1);
  const auto& fix = batch.items().front().fix;
  CHECK(fix.accuracy_dm == 45);
  CHECK(fix.odometer_m == 15234);
  CHECK(fix.battery_pct == 87);
  CHECK_FALSE(fix.valid);
}

TEST_CASE("an item's device_id overrides the batch's, and the batch's applies even when it comes last")
{
  const auto batch = parsed(R"({"positions":[)" + item("1740987665") + "," +
                            item("1740987666", R"(,"device_id":"phone-2")") + R"(],"device_id":"controller-1"})");
  REQUIRE(batch.items().size() == 2);
  std::vector<std::string> devices;
  for (const auto& entry : batch.items()) devices.push_back(batch.device_ids()[entry.device]);
  CHECK_THAT(devices, Catch::Matchers::UnorderedEquals(std::vector<std::string>{"controller-1", "phone-2"}));
}

TEST_CASE("a malformed item is rejected alone, naming its place and field")
{
  const auto batch = parsed(R"({"device_id":"c","positions":[)" + item("1740987665") + "," +
                            R"({"time":"yesterday","lat":51.5,"lon":0.4})" + "," + R"({"time":1740987667,"lon":0.4})" +
                            "," + item("1740987668", R"(,"lat":"north")") + "," + item("1740987669", R"(,"battery":87)") +
                            "," + R"("not an object")" + "," + item("1740987670") + "]}");
  CHECK(batch.items().size() == 2);
  REQUIRE(batch.rejected().size() == 5);
  const auto& rejected = batch.rejected();
  CHECK(rejected[0].index == 1);
  CHECK(rejected[0].field == "time");
  CHECK(rejected[1].index == 2);
  CHECK(rejected[1].field == "lat");
  CHECK(rejected[2].field == "lat");
  CHECK(rejected[3].field == "battery");
  CHECK(rejected[4].index == 5);
  for (const auto& reason : rejected) CHECK(reason.code == "invalid");
}

TEST_CASE("a position far in the future or at 0,0 is rejected")
{
  const auto batch = parsed(R"({"device_id":"c","positions":[)" + item("1741987665") + "," +
                            R"({"time":1740987665,"lat":0,"lon":0})" + "]}");
  CHECK(batch.items().empty());
  REQUIRE(batch.rejected().size() == 2);
  CHECK(batch.rejected()[0].field == "time");
  CHECK(batch.rejected()[1].field == "lat");
}

TEST_CASE("an item without any device id is rejected")
{
  const auto batch = parsed(R"({"positions":[)" + item("1740987665") + "]}");
  CHECK(batch.items().empty());
  REQUIRE(batch.rejected().size() == 1);
  CHECK(batch.rejected().front().field == "device_id");
}

TEST_CASE("a body that is not JSON is malformed, not a list of rejections")
{
  CHECK_THROWS_AS(parse_position_batch(R"({"positions":[{"time":1740987665,)", read_at), malformed_batch);
  CHECK_THROWS_AS(parse_position_batch("", read_at), malformed_batch);
}

TEST_CASE("a batch of the wrong shape is refused as a whole")
{
  for (const char* body : {R"([])", R"("positions")", R"({"device_id":"c"})", R"({"positions":{"time":1}})",
                           R"({"positions":7})", R"({"device_id":7,"positions":[]})"}) {
    INFO(body);
    const auto refused = parse_position_batch(body, read_at);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == problem_kind::invalid);
  }
}

TEST_CASE("a batch longer than the limit is refused as a whole")
{
  std::string body = R"({"device_id":"c","positions":[)";
  for (std::size_t i = 0; i <= max_batch_positions; ++i) body += (i ? "," : "") + item("1740987665");
  body += "]}";
  const auto refused = parse_position_batch(body, read_at);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "positions");
}
