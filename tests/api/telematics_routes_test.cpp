#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "telematics_api_fixture.hpp"

using namespace telematics_api;

namespace {

// Answers carry kilograms to the gram: a figure is within half a gram, a difference of two within a gram.
constexpr double half_a_gram = 0.0005;
constexpr double a_gram = 0.001;

std::vector<ride_fix> joined(std::vector<ride_fix> first, const std::vector<ride_fix>& second)
{
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

/// The body a coordinator reads at `target`, which must answer 200.
json coordinator_reads(const tracked_app& app, const std::string& target)
{
  const auto answer = app.coordinator("GET", target);
  INFO(target << ": " << answer.body);
  REQUIRE(answer.status == 200);
  return body_of(answer);
}

std::string loan_trips(std::int64_t loan_id) { return "/api/v1/loans/" + std::to_string(loan_id) + "/trips"; }

std::string bike_trips(std::int64_t bike_id, unix_seconds from, unix_seconds to)
{
  return "/api/v1/bikes/" + std::to_string(bike_id) + "/trips?from=" + pedalpower::utc_date(from) +
         "&to=" + pedalpower::utc_date(to);
}

struct tracked_loan {
  std::int64_t bike = 0;
  std::int64_t loan = 0;
};

/// A bike with tracker "controller-1" fitted two days before `now`, lent a day before `now` to a
/// band 3 rider who drove a petrol car.
tracked_loan lend_tracked_bike(tracked_app& app, unix_seconds now)
{
  const auto bike = app.add_bike(app.site);
  app.fit_tracker_since("controller-1", bike, now - 2 * day);
  return {bike, app.lend(app.add_staff("3", "car_petrol"), bike, now - day)};
}

std::string loan_tracks(std::int64_t loan_id) { return "/api/v1/loans/" + std::to_string(loan_id) + "/tracks"; }

}  // namespace

TEST_CASE("a batch of thousands of positions is stored once, however often it is sent", "[telematics-api]")
{
  tracked_app app;
  const auto now = pedalpower::current_time();
  const auto bike = app.add_bike(app.site);
  app.fit_tracker_since("controller-1", bike, now - 2 * day);
  const auto hour_ride = batch_of("controller-1", ride(now - day, 3600));
  const std::int64_t fixes = 3600 + 400 + 1;

  const auto first = app.gateway_batch(hour_ride);
  INFO(first.body);
  REQUIRE(first.status == 200);
  CHECK(body_of(first).at("accepted") == fixes);
  CHECK(body_of(first).at("duplicates") == 0);
  CHECK(body_of(first).at("rejected") == 0);
  CHECK(app.count("SELECT count(*) FROM positions") == fixes);

  const auto again = app.gateway_batch(hour_ride);
  REQUIRE(again.status == 200);
  CHECK(body_of(again).at("accepted") == 0);
  CHECK(body_of(again).at("duplicates") == fixes);
  CHECK(app.count("SELECT count(*) FROM positions") == fixes);
}

TEST_CASE("batch positions belong to the loan their bike was on at their time", "[telematics-api]")
{
  tracked_app app;
  const auto now = pedalpower::current_time();
  const auto bike = app.add_bike(app.site);
  app.fit_tracker_since("controller-1", bike, now - 4 * day);
  const auto first_loan = app.lend(app.add_staff("3", "car_petrol"), bike, now - 3 * day);
  app.give_back(first_loan, now - 2 * day);
  const auto second_loan = app.lend(app.add_staff("5", "bus"), bike, now - day);

  const auto on_first = now - 3 * day + hour;
  const auto between = now - 2 * day + hour;
  const auto on_second = now - day + hour;
  const auto sent = app.gateway_batch(
      batch_of("controller-1", joined(joined(ride(on_first, 600), ride(between, 600)), ride(on_second, 600))));
  INFO(sent.body);
  REQUIRE(sent.status == 200);
  CHECK(body_of(sent).at("rejected") == 0);

  const auto first_trips = coordinator_reads(app, loan_trips(first_loan)).at("data");
  REQUIRE(first_trips.size() == 1);
  CHECK(first_trips[0].at("started_at") == pedalpower::iso8601(on_first));
  CHECK(first_trips[0].at("loan_id") == first_loan);

  const auto second_trips = coordinator_reads(app, loan_trips(second_loan)).at("data");
  REQUIRE(second_trips.size() == 1);
  CHECK(second_trips[0].at("started_at") == pedalpower::iso8601(on_second));

  const auto all_trips = coordinator_reads(app, bike_trips(bike, now - 4 * day, now)).at("data");
  REQUIRE(all_trips.size() == 3);
  CHECK(all_trips[0].at("loan_id") == first_loan);
  CHECK(all_trips[1].at("loan_id").is_null());
  CHECK(all_trips[1].at("emissions").is_null());
  CHECK(all_trips[2].at("loan_id") == second_loan);
}

TEST_CASE("a batch keeps positions outside any loan for the bike alone and rejects the rest one by one",
          "[telematics-api]")
{
  tracked_app app;
  const auto now = pedalpower::current_time();
  const auto bike = app.add_bike(app.site);
  app.fit_tracker_since("controller-1", bike, now - 2 * day);
  const auto workshop_run = ride(now - day, 600);

  auto items = json::parse(batch_of("controller-1", workshop_run));
  items.at("positions").insert(items.at("positions").begin(), json{{"time", (now - 3 * day) * 1000}, {"lat", 51.5}, {"lon", 0.4}});
  items.at("positions").push_back({{"device_id", "stranger"}, {"time", now * 1000}, {"lat", 51.5}, {"lon", 0.4}});
  items.at("positions").push_back({{"time", now * 1000}, {"lat", 95.0}, {"lon", 0.4}});
  const auto last = workshop_run.size() + 1;

  const auto sent = app.gateway_batch(items.dump());
  INFO(sent.body);
  REQUIRE(sent.status == 200);
  const auto result = body_of(sent);
  CHECK(result.at("accepted") == workshop_run.size());
  REQUIRE(result.at("rejected") == 3);
  const auto& rejections = result.at("rejections");
  CHECK(rejections[0].at("index") == 0);
  CHECK(rejections[0].at("code") == "not_on_a_bike");
  CHECK(rejections[1].at("index") == last);
  CHECK(rejections[1].at("code") == "unknown_device");
  CHECK(rejections[2].at("index") == last + 1);
  CHECK(rejections[2].at("code") == "invalid");
  CHECK(rejections[2].at("field") == "lat");
  CHECK(app.count("SELECT count(*) FROM positions") == static_cast<std::int64_t>(workshop_run.size()));

  const auto trips = coordinator_reads(app, bike_trips(bike, now - 2 * day, now)).at("data");
  REQUIRE(trips.size() == 1);
  CHECK(trips[0].at("loan_id").is_null());
  const auto report =
      coordinator_reads(app, "/api/v1/reports/distance?from=" + pedalpower::utc_date(now - 2 * day) + "&to=" + pedalpower::utc_date(now));
  CHECK(report.at("totals").empty());
  CHECK(report.at("outside_loans").at("trips") == 1);
  CHECK(report.at("outside_loans").at("distance_km").get<double>() == Approx(3.0).epsilon(0.02));
}

TEST_CASE("a batch that is not JSON, or not a batch, is refused whole and stores nothing", "[telematics-api]")
{
  tracked_app app;
  const auto now = pedalpower::current_time();
  app.fit_tracker_since("controller-1", app.add_bike(app.site), now - 2 * day);
  const auto good = batch_of("controller-1", ride(now - day, 10));

  const auto cut_short = app.gateway_batch(good.substr(0, good.size() / 2));
  CHECK(status_and_code(cut_short) == "400 malformed_json");
  const auto no_positions = app.gateway_batch(R"({"device_id":"controller-1"})");
  CHECK(status_and_field(no_positions) == "422 positions");
  CHECK(app.count("SELECT count(*) FROM positions") == 0);
}

TEST_CASE("a loan's trips carry their distance, emissions and the factor set they were computed with",
          "[telematics-api]")
{
  tracked_app app;
  const auto now = pedalpower::current_time();
  const auto loan = lend_tracked_bike(app, now).loan;
  REQUIRE(app.gateway_batch(batch_of("controller-1", ride(now - day + hour, 600))).status == 200);

  const auto answer = coordinator_reads(app, loan_trips(loan));
  const auto& factors = answer.at("factors");
  CHECK(factors.at("year") == 2025);
  CHECK_FALSE(factors.at("scope").get<std::string>().empty());
  CHECK_FALSE(factors.at("source").get<std::string>().empty());
  CHECK(factors.at("ebike_wh_per_km") == 10.0);
  REQUIRE(answer.at("data").size() == 1);
  const auto& trip = answer.at("data")[0];
  CHECK(trip.at("recorded_by") == "tracker");
  const auto km = trip.at("distance_km").get<double>();
  CHECK(km == Approx(3.0).epsilon(0.02));
  const auto& emissions = trip.at("emissions");
  CHECK(emissions.at("avoided_kg").get<double>() == Approx(km * 0.16272).margin(half_a_gram));
  CHECK(emissions.at("ebike_kg").get<double>() == Approx(km * 10.0 / 1000.0 * grid_kg_per_kwh).margin(half_a_gram));
  CHECK(emissions.at("net_kg").get<double>() ==
        Approx(emissions.at("avoided_kg").get<double>() - emissions.at("ebike_kg").get<double>()).margin(a_gram));

  const auto measured = coordinator_reads(app, loan_trips(loan) + "?factor_year=2025&ebike_wh_per_km=6.5");
  CHECK(measured.at("factors").at("ebike_wh_per_km") == 6.5);
  CHECK(measured.at("data")[0].at("emissions").at("ebike_kg").get<double>() ==
        Approx(km * 6.5 / 1000.0 * grid_kg_per_kwh).margin(half_a_gram));
  const auto unknown_year = app.coordinator("GET", loan_trips(loan) + "?factor_year=1990");
  CHECK(status_and_field(unknown_year) == "422 factor_year");
  CHECK(app.coordinator("GET", loan_trips(999)).status == 404);
}

TEST_CASE("a GPX 1.1 ride imported to a loan is one of its trips, stored once however often it is imported",
          "[telematics-api]")
{
  tracked_app app;
  const auto now = pedalpower::current_time();
  const auto bike = app.add_bike(app.site);
  const auto loan = app.lend(app.add_staff("6", "bus"), bike, now - 2 * day);
  const auto start = now - 2 * day + hour;
  const auto commute = ride(start, 600);
  const auto points = static_cast<std::int64_t>(commute.size());

  const auto imported = app.coordinator("POST", loan_tracks(loan), gpx_of(commute), "application/gpx+xml");
  INFO(imported.body);
  REQUIRE(imported.status == 201);
  const auto receipt = body_of(imported);
  CHECK(receipt.at("loan_id") == loan);
  CHECK(receipt.at("bike_id") == bike);
  CHECK(receipt.at("points") == points);
  CHECK(receipt.at("accepted") == points);
  CHECK(receipt.at("first") == pedalpower::iso8601(start));
  CHECK(app.count("SELECT count(*) FROM positions WHERE from_gpx = 1") == points);

  const auto again = app.coordinator("POST", loan_tracks(loan), gpx_of(commute), "application/gpx+xml");
  REQUIRE(again.status == 201);
  CHECK(body_of(again).at("accepted") == 0);
  CHECK(body_of(again).at("duplicates") == points);
  CHECK(app.count("SELECT count(*) FROM positions") == points);

  const auto trips = coordinator_reads(app, loan_trips(loan)).at("data");
  REQUIRE(trips.size() == 1);
  CHECK(trips[0].at("recorded_by") == "gpx");
  const auto km = trips[0].at("distance_km").get<double>();
  CHECK(km == Approx(3.0).epsilon(0.02));
  CHECK(trips[0].at("emissions").at("avoided_kg").get<double>() == Approx(km * 0.10385).margin(half_a_gram));
}

TEST_CASE("a GPX file that cannot be read, lies outside its loan or names no loan stores nothing", "[telematics-api]")
{
  tracked_app app;
  const auto now = pedalpower::current_time();
  const auto loan = app.lend(app.add_staff("3", "walk"), app.add_bike(app.site), now - 2 * day);
  const auto commute = gpx_of(ride(now - 2 * day + hour, 60));

  const auto broken = app.coordinator("POST", loan_tracks(loan), commute.substr(0, commute.size() / 2), "application/gpx+xml");
  CHECK(status_and_code(broken) == "400 malformed_gpx");
  const auto before_checkout =
      app.coordinator("POST", loan_tracks(loan), gpx_of(ride(now - 3 * day, 60)), "application/gpx+xml");
  CHECK(status_and_code(before_checkout) == "422 outside_loan");
  const auto no_loan = app.coordinator("POST", loan_tracks(999), commute, "application/gpx+xml");
  CHECK(status_and_code(no_loan) == "404 loan_not_found");

  CHECK(app.count("SELECT count(*) FROM positions") == 0);
  CHECK(app.count("SELECT count(*) FROM audit_log WHERE action = 'loan.track_import'") == 0);
}

TEST_CASE("the distance report totals trips by the loan's site and the borrower's pay band, naming nobody",
          "[telematics-api]")
{
  // Raw figures of one or two riders, read back: nothing is hidden below a threshold of 1.
  tracked_app app([](api::app_config& config) { config.report_suppress_below = 1; });
  const auto now = pedalpower::current_time();
  const auto southend = app.add_site("SOU");
  const auto porters_bike = app.add_bike(app.site);
  const auto nurses_bike = app.add_bike(southend);
  app.fit_tracker_since("controller-1", porters_bike, now - 3 * day);
  app.fit_tracker_since("controller-2", nurses_bike, now - 3 * day);
  app.lend(app.add_staff("3", "car_petrol"), porters_bike, now - 2 * day);
  app.lend(app.add_staff("6", "bus"), nurses_bike, now - 2 * day);
  const auto before_loan = ride(now - 2 * day - 2 * hour, 600);
  REQUIRE(app.gateway_batch(batch_of("controller-1", joined(before_loan, ride(now - 2 * day + hour, 600)))).status == 200);
  REQUIRE(app.gateway_batch(batch_of("controller-2", ride(now - 2 * day + hour, 600))).status == 200);

  const auto answer =
      app.coordinator("GET", "/api/v1/reports/distance?from=" + pedalpower::utc_date(now - 3 * day) + "&to=" + pedalpower::utc_date(now));
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  CHECK(answer.body.find("Rider") == std::string::npos);
  CHECK(answer.body.find("S1000") == std::string::npos);
  const auto report = body_of(answer);
  CHECK(report.at("factors").at("year") == 2025);
  const auto& totals = report.at("totals");
  REQUIRE(totals.size() == 2);

  CHECK(totals[0].at("site_code") == "BAS");
  CHECK(totals[0].at("pay_band") == "3");
  CHECK(totals[0].at("trips") == 1);
  CHECK(totals[0].at("riders") == 1);
  const auto porters_km = totals[0].at("distance_km").get<double>();
  CHECK(porters_km == Approx(3.0).epsilon(0.02));
  CHECK(totals[0].at("avoided_kg").get<double>() == Approx(porters_km * 0.16272).margin(half_a_gram));

  CHECK(totals[1].at("site_code") == "SOU");
  CHECK(totals[1].at("pay_band") == "6");
  CHECK(totals[1].at("trips") == 1);
  CHECK(totals[1].at("avoided_kg").get<double>() == Approx(totals[1].at("distance_km").get<double>() * 0.10385).margin(half_a_gram));
  CHECK(totals[1].at("net_kg").get<double>() ==
        Approx(totals[1].at("avoided_kg").get<double>() - totals[1].at("ebike_kg").get<double>()).margin(a_gram));

  CHECK(report.at("outside_loans").at("trips") == 1);
  const auto no_period = app.coordinator("GET", "/api/v1/reports/distance?to=" + pedalpower::utc_date(now));
  CHECK(status_and_field(no_period) == "422 from");
}

TEST_CASE("a forged burst of fixes a millisecond apart far away counts no trip and no distance in the report",
          "[telematics-api]")
{
  tracked_app app;
  const auto now = pedalpower::current_time();
  const auto bike = lend_tracked_bike(app, now).bike;
  // 1,000 fixes 1 ms apart, 8.5 km a step, 5,000 km from Essex: the attack that made an 8,502 km trip.
  std::vector<ride_fix> burst;
  const auto start_ms = (now - day + hour) * 1000;
  for (int i = 0; i < 1000; ++i) burst.push_back({start_ms + i, 10.0 + 0.076 * i, 30.0});
  REQUIRE(app.gateway_batch(batch_of("controller-1", burst)).status == 200);

  CHECK(coordinator_reads(app, bike_trips(bike, now - 2 * day, now)).at("data").empty());
  const auto report =
      coordinator_reads(app, "/api/v1/reports/distance?from=" + pedalpower::utc_date(now - 2 * day) + "&to=" + pedalpower::utc_date(now));
  CHECK(report.at("totals").empty());
  CHECK(report.at("data_completeness").at("cycling_km") == 0.0);
}

TEST_CASE("a break in a tracker's record is left out of the distance and reported as unobserved, in the trip and the report",
          "[telematics-api]")
{
  // Raw figures of one or two riders, read back: nothing is hidden below a threshold of 1.
  tracked_app app([](api::app_config& config) { config.report_suppress_below = 1; });
  const auto now = pedalpower::current_time();
  const auto loan = lend_tracked_bike(app, now).loan;
  // 300 s east at 5 m/s, then nothing for two minutes, then 1 km north of there and on east.
  auto first = ride(now - day + hour, 300);
  first.resize(301);
  auto second = ride(now - day + hour + 420, 300);
  for (auto& fix : second) {
    fix.lat += 0.009;
    fix.lon += first.back().lon - first.front().lon;
  }
  const double across_m =
      telematics::haversine_m({first.back().lat, first.back().lon}, {second.front().lat, second.front().lon});
  REQUIRE(app.gateway_batch(batch_of("controller-1", joined(first, second))).status == 200);

  const auto trips = coordinator_reads(app, loan_trips(loan)).at("data");
  REQUIRE(trips.size() == 1);
  CHECK(trips[0].at("distance_km").get<double>() == Approx(3.0).epsilon(0.02));
  CHECK(trips[0].at("unobserved_distance_km").get<double>() == Approx(across_m / 1000.0).epsilon(0.02));

  const auto report =
      coordinator_reads(app, "/api/v1/reports/distance?from=" + pedalpower::utc_date(now - 2 * day) + "&to=" + pedalpower::utc_date(now));
  REQUIRE(report.at("totals").size() == 1);
  CHECK(report.at("totals")[0].at("unobserved_km").get<double>() == Approx(across_m / 1000.0).epsilon(0.02));
  const auto& completeness = report.at("data_completeness");
  CHECK(completeness.at("unobserved_km").get<double>() == Approx(across_m / 1000.0).epsilon(0.02));
  CHECK(completeness.at("vehicle_km") == 0.0);
  const auto cycling_km = completeness.at("cycling_km").get<double>();
  CHECK(completeness.at("unobserved_share").get<double>() ==
        Approx(completeness.at("unobserved_km").get<double>() / (cycling_km + completeness.at("unobserved_km").get<double>())).epsilon(0.001));
}
