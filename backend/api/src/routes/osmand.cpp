// The OsmAnd protocol, as the Traccar Client app and many trackers speak it: one position per
// request, in the query string or a form body (any method), or as JSON from Traccar Client 9 on.
// The device id is the only credential the protocol has, so the route is public and the tracker
// registry decides. Answers follow Traccar's server: 200 with an empty body once stored (a fix
// sent again included), 400 for a request it cannot read. An unknown device gets 403: a client
// keeps a refused fix and retries it every 30 seconds whatever the status, so no code makes it
// stop, and 403 tells whoever reads the client's log what to fix.

#include <chrono>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/domain/positions.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/form_urlencoded.hpp"
#include "pedalpower/telematics/osmand.hpp"
#include "pedalpower/telematics/traccar_json.hpp"
#include "pedalpower/telematics/validation.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

bool is_json(const request& req)
{
  if (const auto type = req.header("content-type"); type && type->starts_with("application/json")) return true;
  const auto first = req.body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && req.body[first] == '{';
}

/// The position a request carries. The query string and a form body may both hold fields; a
/// field sent in both with different values is refused by parse_osmand. Throws telematics::invalid_input.
telematics::position read_position(const request& req)
{
  if (is_json(req)) return telematics::parse_traccar_json(req.body);
  const auto question = req.target.find('?');
  auto fields = telematics::parse_form_urlencoded(question == std::string::npos ? std::string_view{}
                                                                                 : std::string_view(req.target).substr(question + 1));
  const auto from_body = telematics::parse_form_urlencoded(req.body);
  fields.insert(fields.end(), from_body.begin(), from_body.end());
  return telematics::parse_osmand(fields);
}

void receive(const app& application, const request& req, responder respond)
{
  domain::tracker_positions received;
  try {
    const auto fix = read_position(req);
    telematics::validate_position(fix, telematics::time_point(std::chrono::seconds(domain::current_time())));
    received.add(fix.device_id, 0, domain::to_stored_fix(fix));
  } catch (const telematics::invalid_input& bad) {
    respond(error_response(400, "invalid_position", bad.what(), bad.field()));
    return;
  }
  application.write(req, std::move(respond),
                    [received = std::move(received)](db::connection& db, const domain::actor&, domain::unix_seconds) {
                      const auto stored = domain::store_tracker_positions(db, received);
                      if (!stored.rejected.empty() && stored.rejected.front().code == "unknown_device") {
                        return error_response(403, "unknown_device", stored.rejected.front().message, "id");
                      }
                      // Stored, stored before, or taken while the tracker was on no bike: a retry
                      // could change nothing, so each is 200.
                      return response{200, "", "", {}};
                    });
}

}  // namespace

void add_osmand_routes(router& routes, const app& application)
{
  for (const char* method : {"GET", "POST"}) {
    routes.add(method, "/osmand", {}, [&application](const request& req, responder respond) {
      receive(application, req, std::move(respond));
    });
  }
}

}  // namespace pedalpower::api
