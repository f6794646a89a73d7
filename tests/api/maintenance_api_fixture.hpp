#pragma once

#include <string>

#include "fleet_api_fixture.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/sites.hpp"

// The API app with two sites and bikes made straight through the domain, for the maintenance routes.
namespace maintenance_api {

using namespace fleet_api;

struct workshop_app : api_app {
  std::int64_t site = 0;
  std::int64_t other_site = 0;

  workshop_app()
  {
    site = on_writer([](db::connection& db) {
      return domain::create_site(db, domain::actor{"test"}, 0, {"BAS", "Basildon", ""}).value().id;
    });
    other_site = on_writer([](db::connection& db) {
      return domain::create_site(db, domain::actor{"test"}, 0, {"SOU", "Southend", ""}).value().id;
    });
  }

  std::int64_t bike(std::int64_t at_site, const std::string& model = "Motus", std::int64_t odometer_m = 0)
  {
    const auto number = ++bikes_;
    return on_writer([=](db::connection& db) {
      domain::bike_details details;
      details.asset_tag = "EB-" + std::to_string(1000 + number);
      details.frame_number = "FR" + std::to_string(5000 + number);
      details.make = "Raleigh";
      details.model = model;
      details.site_id = at_site;
      details.odometer_m = odometer_m;
      return domain::create_bike(db, domain::actor{"test"}, 0, details).value().id;
    });
  }

  std::string bike_status(std::int64_t bike_id) const
  {
    return on_writer([bike_id](db::connection& db) {
      return std::string(domain::to_string(domain::find_bike(db, bike_id).value().status));
    });
  }

  /// POSTs as `who` and answers the body, requiring `status`.
  json posted(api::role who, const std::string& target, const json& body, unsigned status = 201) const
  {
    const auto answer = call(who, "POST", target, body.dump());
    INFO(target << ": " << answer.body);
    REQUIRE(answer.status == status);
    return body_of(answer);
  }

private:
  int bikes_ = 0;
};

inline std::string location_of(const api::response& answer)
{
  for (const auto& [name, value] : answer.headers) {
    if (name == "Location") return value;
  }
  return {};
}

}  // namespace maintenance_api
