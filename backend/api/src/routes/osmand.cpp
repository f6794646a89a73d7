// The OsmAnd protocol, as the Traccar Client app and many trackers speak it: one position per
// request, in the query string or a form body (any method), or as JSON from Traccar Client 9 on.
// The device id (and, where a tracker has one, the secret in its URL) is the only credential the
// protocol has, so the route is public and the tracker registry decides. Answers follow Traccar's
// server: 200 with an empty body, 400 for a request it cannot read. A fix from an unknown device
// or with a wrong secret gets the same 200 after the same work (a write to the database), so
// the answer never tells which ids are registered; such senders are listed for coordinators in
// refused_senders instead. A device sending faster than its rate gets 429 whoever it is.

#include <chrono>
#include <memory>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/domain/positions.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/form_urlencoded.hpp"
#include "pedalpower/telematics/osmand.hpp"
#include "pedalpower/telematics/traccar_json.hpp"
#include "pedalpower/telematics/validation.hpp"
#include "routes/device_rate_limit.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

/// The query key of a tracker's secret, set as part of the server URL in the device.
constexpr std::string_view secret_key = "secret";

bool is_json(const request& req)
{
  if (const auto type = req.header("content-type"); type && type->starts_with("application/json")) return true;
  const auto first = req.body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && req.body[first] == '{';
}

/// A request's position and the secret it presents ("" for none).
struct device_request {
  telematics::position fix;
  std::string secret;
};

/// The position a request carries. The query string and a form body may both hold fields; a
/// field sent in both with different values is refused by parse_osmand. A fix without a time
/// takes `received`. Throws telematics::invalid_input.
device_request read_request(const request& req, telematics::time_point received)
{
  const auto question = req.target.find('?');
  auto fields = telematics::parse_form_urlencoded(question == std::string::npos ? std::string_view{}
                                                                                 : std::string_view(req.target).substr(question + 1));
  device_request read;
  std::erase_if(fields, [&](const auto& field) {
    if (field.first != secret_key) return false;
    read.secret = field.second;
    return true;
  });
  if (is_json(req)) {
    read.fix = telematics::parse_traccar_json(req.body);
    return read;
  }
  const auto from_body = telematics::parse_form_urlencoded(req.body);
  fields.insert(fields.end(), from_body.begin(), from_body.end());
  read.fix = telematics::parse_osmand(fields, received);
  return read;
}

void receive(const app& application, device_rate_limit& limit, const request& req, responder respond)
{
  const auto received = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  domain::tracker_positions positions;
  try {
    auto [fix, secret] = read_request(req, received);
    if (!limit.take(fix.device_id, device_rate_limit::clock::now())) {
      auto slow_down = error_response(problem_kind::rate_limited, "rate_limited", "this device is sending faster than a tracker needs; send more slowly");
      slow_down.headers.emplace_back("Retry-After", "1");
      respond(std::move(slow_down));
      return;
    }
    telematics::validate_position(fix, received);
    positions.add(fix.device_id, 0, domain::to_stored_fix(fix));
    positions.present_secret(std::move(secret));
  } catch (const telematics::invalid_input& bad) {
    respond(error_response(problem_kind::malformed, "invalid_position", bad.what(), bad.field()));
    return;
  }
  const domain::scheme_area area{application.config().scheme_radius_m};
  application.write(req, std::move(respond),
                    [positions = std::move(positions), area](db::connection& db, const domain::actor&,
                                                             pedalpower::unix_seconds now) {
                      // Stored, stored before, taken while the tracker was on no bike, or refused
                      // as from no tracker: a retry could change nothing, so each is 200.
                      domain::store_tracker_positions(db, positions, area, now);
                      return response{200, "", "", {}};
                    });
}

}  // namespace

void add_osmand_routes(router& routes, const app& application)
{
  const auto limit = std::make_shared<device_rate_limit>(
      device_rate{application.config().tracker_fixes_per_second, application.config().tracker_burst});
  for (const char* method : {"GET", "POST"}) {
    routes.add(method, "/osmand", {}, [&application, limit](const request& req, responder respond) {
      receive(application, *limit, req, std::move(respond));
    });
  }
}

}  // namespace pedalpower::api
