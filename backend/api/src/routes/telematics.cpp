#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/domain/distance_report_file.hpp"
#include "pedalpower/domain/positions.hpp"
#include "pedalpower/domain/privacy_zones.hpp"
#include "pedalpower/domain/scheme_area.hpp"
#include "pedalpower/domain/telematics_reports.hpp"
#include "pedalpower/domain/trackers.hpp"
#include "auth/access_state.hpp"
#include "pedalpower/domain/trips.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/gpx.hpp"
#include "domain_answers.hpp"
#include "files/exportable_list.hpp"
#include "files/file_answer.hpp"
#include "files/requested_format.hpp"
#include "routes/list_page.hpp"
#include "routes/list_params.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

constexpr int default_trip_days = 30;

telematics::time_point time_of(pedalpower::unix_seconds at) { return telematics::time_point(std::chrono::seconds(at)); }

/// Which factor set and e-bike energy to report with: `factor_year` and `ebike_wh_per_km`, both optional.
domain::emissions_basis emissions_basis_of(const request& req)
{
  domain::emissions_basis basis;
  basis.factor_year = query_number(req, "factor_year", 1900, 2999);
  if (const auto value = query_decimal(req, "ebike_wh_per_km", "a number of watt-hours per km")) {
    basis.ebike_wh_per_km = *value;
  }
  return basis;
}

bool wants_track(const request& req)
{
  const auto text = req.query_param("track");
  if (!text || *text == "false") return false;
  if (*text == "true") return true;
  throw error(problem_kind::invalid, "invalid", "track must be true or false", "track");
}

/// The body's `bike_id`: a bike, or null to take the tracker off its bike; required either way.
std::optional<std::int64_t> bike_to_fit(const nlohmann::json& body)
{
  if (!body.contains("bike_id")) throw error(problem_kind::invalid, "required", "bike_id is required: a bike, or null", "bike_id");
  return optional_int(body, "bike_id");
}

response answer(const auto& result, unsigned status = 200)
{
  return json_or_problem(result, status);
}

/// A page of trips as every list is, with the emission factors every trip on it was estimated with.
response trip_page(const pedalpower::outcome<domain::trip_list>& found, const request& req)
{
  if (!found) return problem_response(found.error());
  const auto page = domain::page_of_trips(found->trips, page_request_of(req));
  if (!page) return problem_response(page.error());
  auto listed = list_json(page.value());
  listed["factors"] = found->factors;
  return json_response(listed);
}

void add_tracker_routes(router& routes, const app& application)
{
  routes.add("POST", "/api/v1/trackers", {role::coordinator}, [&application](const request& req, responder respond) {
    const auto body = json_body(req);
    const domain::new_tracker details{required_string(body, "device_id"), optional_string(body, "note").value_or(""),
                                      optional_int(body, "bike_id")};
    // The answer holds the tracker's secret, shown this once: it is never kept for a replay.
    application.write(
        auth::without_replay(req), std::move(respond),
        [details](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) -> response {
          const auto registered = domain::register_tracker(db, who, now, details);
          if (!registered) return problem_response(registered.error());
          return created_response(registered.value(), "/api/v1/trackers/" + std::to_string(registered->fitted.id));
        });
  });
  routes.add("GET", "/api/v1/trackers/{id}", {role::coordinator, role::technician},
             [&application](const request& req, responder respond) {
               respond(answer(domain::find_tracker(application.reader(), req.path_id("id"))));
             });
  // Technicians fit trackers and look for missing bikes, so they see which tracker is on which bike.
  using kind = domain::column_kind;
  add_exportable_list(routes, application, "/api/v1/trackers", {role::coordinator, role::technician},
                      {"trackers",
                       {{"id", "Id", kind::integer},
                        {"device_id", "Device id"},
                        {"bike_id", "Bike id", kind::integer},
                        {"active", "Active"},
                        {"has_secret", "Has a secret"},
                        {"note", "Note"},
                        {"created_at", "Created at", kind::date}},
                       [&application](const request& req, const domain::page_request& wanted) {
                         domain::tracker_filter filter;
                         filter.bike_id = query_id(req, "bike_id");
                         filter.active = query_flag(req, "active");
                         return listed_page(domain::list_trackers(application.reader(), filter, wanted));
                       }});
  routes.add("PUT", "/api/v1/trackers/{id}/bike", {role::coordinator}, [&application](const request& req, responder respond) {
    const auto tracker_id = req.path_id("id");
    const auto bike_id = bike_to_fit(json_body(req));
    application.write(req, std::move(respond),
                      [tracker_id, bike_id](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                        return answer(domain::assign_tracker(db, who, now, tracker_id, bike_id));
                      });
  });
  // The secret is shown once, in this answer; a device then sends it in its URL as `secret=`.
  routes.add("POST", "/api/v1/trackers/{id}/secret", {role::coordinator},
             [issue = answer_changed(application, domain::issue_tracker_secret, 201)](
                 const request& req, responder respond) { issue(auth::without_replay(req), std::move(respond)); });
  routes.add("DELETE", "/api/v1/trackers/{id}/secret", {role::coordinator},
             answer_changed(application, domain::clear_tracker_secret));
  // OsmAnd answers a device it does not know as it answers a known one, so this is where a
  // coordinator sees a device sending with a wrong id or secret.
  routes.add("GET", "/api/v1/telematics/refused-senders", {role::coordinator},
             [&application](const request& req, responder respond) {
               respond(list_answer(req, domain::list_refused_senders(application.reader()),
                                   {"last_at", "fixes", "device_id", "reason"}, "-last_at"));
             });
  routes.add("PUT", "/api/v1/sites/{id}/location", {role::coordinator}, [&application](const request& req, responder respond) {
    const auto site_id = req.path_id("id");
    const auto body = json_body(req);
    const auto lat = optional_number(body, "lat");
    const auto lon = optional_number(body, "lon");
    if (!lat) throw error(problem_kind::invalid, "required", "lat is required", "lat");
    if (!lon) throw error(problem_kind::invalid, "required", "lon is required", "lon");
    application.write(req, std::move(respond),
                      [site_id, lat = *lat, lon = *lon](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                        return answer(domain::set_site_location(db, who, now, site_id, lat, lon));
                      });
  });
  routes.add("DELETE", "/api/v1/trackers/{id}", {role::coordinator},
             answer_deleted(application, domain::deactivate_tracker));
}

void add_ingest_routes(router& routes, const app& application)
{
  // Read on the connection's thread, so the single writer only stores.
  routes.add("POST", "/api/v1/telematics/positions", {role::telematics},
             [&application](const request& req, responder respond) {
               auto parsed = [&] {
                 try {
                   return domain::parse_position_batch(req.body, time_of(pedalpower::current_time()));
                 } catch (const domain::malformed_batch& broken) {
                   throw error(problem_kind::malformed, "malformed_json", broken.what());
                 }
               }();
               if (!parsed) return respond(problem_response(parsed.error()));
               const domain::scheme_area area{application.config().scheme_radius_m};
               application.write(req, std::move(respond),
                                 [batch = std::move(parsed).value(), area](db::connection& db, const domain::actor&,
                                                                           pedalpower::unix_seconds now) {
                                   return json_response(domain::store_tracker_positions(db, batch, area, now));
                                 });
             });

  routes.add("POST", "/api/v1/loans/{id}/tracks", {role::coordinator}, [&application](const request& req, responder respond) {
    const auto loan_id = req.path_id("id");
    std::vector<telematics::position> points;
    try {
      points = telematics::parse_gpx(req.body);
    } catch (const telematics::invalid_input& broken) {
      throw error(problem_kind::malformed, "malformed_gpx", broken.what(), broken.field());
    }
    application.write(req, std::move(respond),
                      [loan_id, points = std::move(points)](db::connection& db, const domain::actor& who,
                                                            pedalpower::unix_seconds now) {
                        const auto imported = domain::import_gpx_track(db, who, now, loan_id, points);
                        if (!imported) return problem_response(imported.error());
                        return created_response(imported.value(), "/api/v1/loans/" + std::to_string(loan_id) + "/trips");
                      });
  });
}

void add_trip_routes(router& routes, const app& application)
{
  // A loan's trips, with tracks on request, are one person's movements: coordinators only.
  routes.add("GET", "/api/v1/loans/{id}/trips", {role::coordinator}, [&application](const request& req, responder respond) {
    const auto found = domain::loan_trips(application.reader(), req.path_id("id"), emissions_basis_of(req), wants_track(req));
    respond(trip_page(found, req));
  });
  routes.mark_slow("GET", "/api/v1/loans/{id}/trips");
  // A bike's trips carry no tracks; technicians plan servicing by distance ridden.
  routes.add("GET", "/api/v1/bikes/{id}/trips", {role::coordinator, role::technician},
             [&application](const request& req, responder respond) {
               const auto now = pedalpower::current_time();
               const auto to = std::string(req.query_param("to").value_or(pedalpower::utc_date(now)));
               const auto from = std::string(
                   req.query_param("from").value_or(pedalpower::utc_date(now - std::int64_t{default_trip_days - 1} * pedalpower::seconds_per_day)));
               const auto found =
                   domain::bike_trips(application.reader(), req.path_id("id"), from, to, emissions_basis_of(req));
               respond(trip_page(found, req));
             });
  routes.mark_slow("GET", "/api/v1/bikes/{id}/trips");
  // Aggregates by site and pay band, never a person: what report authors need. As JSON, CSV, XLSX or ODS.
  add_report_route(routes, "/api/v1/reports/distance", {role::coordinator, role::reporter},
                   [&application](const request& req, responder respond) {
                     const auto format = requested_format(req);
                     const auto from = req.query_param("from");
                     const auto to = req.query_param("to");
                     if (!from) throw error(problem_kind::invalid, "required", "from is required, YYYY-MM-DD", "from");
                     if (!to) throw error(problem_kind::invalid, "required", "to is required, YYYY-MM-DD", "to");
                     const auto report = domain::distance_by_site_and_band(
                         application.reader(), std::string(*from), std::string(*to), emissions_basis_of(req),
                         application.config().report_suppress_below);
                     if (!report || format == exports::file_format::json) return respond(answer(report));
                     respond(file_answer(application, format, "distance-" + report->from + "-to-" + report->to,
                                         [&report](domain::report_writer& out) {
                                           domain::write_distance_report(report.value(), out);
                                         }));
                   });
}

void add_privacy_zone_routes(router& routes, const app& application)
{
  // A zone's centre is a home address in all but name: coordinators only, until riders sign in.
  const std::string path = "/api/v1/staff/{id}/privacy-zone";
  routes.add("GET", path, {role::coordinator}, [&application](const request& req, responder respond) {
    const auto found = domain::find_privacy_zone(application.reader(), req.path_id("id"));
    if (!found) return respond(problem_response(found.error()));
    if (!found.value()) {
      return respond(problem_response(pedalpower::not_found("privacy_zone_not_set", "this person has no privacy zone")));
    }
    respond(json_response(*found.value()));
  });
  routes.add("PUT", path, {role::coordinator}, [&application](const request& req, responder respond) {
    const auto staff_id = req.path_id("id");
    const auto body = json_body(req);
    const auto lat = optional_number(body, "lat");
    const auto lon = optional_number(body, "lon");
    if (!lat) throw error(problem_kind::invalid, "required", "lat is required", "lat");
    if (!lon) throw error(problem_kind::invalid, "required", "lon is required", "lon");
    const domain::privacy_zone_setting zone{*lat, *lon,
                                            optional_int(body, "radius_m").value_or(domain::privacy_zone_setting{}.radius_m)};
    application.write(req, std::move(respond),
                      [staff_id, zone](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                        return answer(domain::set_privacy_zone(db, who, now, staff_id, zone));
                      });
  });
  routes.add("DELETE", path, {role::coordinator}, answer_deleted(application, domain::clear_privacy_zone));
}

}  // namespace

void add_telematics_routes(router& routes, const app& application)
{
  add_tracker_routes(routes, application);
  add_ingest_routes(routes, application);
  add_trip_routes(routes, application);
  add_privacy_zone_routes(routes, application);
}

}  // namespace pedalpower::api
