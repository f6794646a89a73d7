#include <algorithm>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/domain/gbfs_feeds.hpp"
#include "pedalpower/core/secrets.hpp"
#include "routes/routes.hpp"

// The GBFS v3.0 feeds: open to anyone who can reach the server, which serves the trust's own network
// only, because they hold no personal data (see gbfs_feeds.hpp) and journey planners read them
// without signing in.
namespace pedalpower::api {
namespace {

constexpr std::string_view feeds_path = "/gbfs/v3/";

/// A host name, an IPv4 or bracketed IPv6 address, with an optional port: nothing that could
/// carry another address or break out of the JSON string into a journey planner's cache.
bool plain_host(std::string_view host)
{
  if (host.empty() || host.size() > 255) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == ':' || c == '[' || c == ']';
  });
}

/// Where the feeds are, for the absolute addresses gbfs.json lists: at the scheme's public address
/// when it has one, else as the caller reached them, since a Host header is the caller's to choose.
/// Throws api::error (400) for a Host header that is not a plain host.
std::string base_url(const request& req, const std::string& public_url)
{
  if (!public_url.empty()) return public_url + std::string(feeds_path);
  const auto host = req.header("host").value_or("127.0.0.1");
  if (!plain_host(host)) throw error(problem_kind::malformed, "invalid_host", "the Host header is not a host name or address", "Host");
  return std::string(req.secure ? "https://" : "http://") + std::string(host) + std::string(feeds_path);
}

void add_feed(router& routes, std::string_view name, std::function<nlohmann::json(const request&)> build)
{
  routes.add("GET", std::string(feeds_path) + std::string(name) + ".json", {},
             [build = std::move(build)](const request& req, responder respond) { respond(json_response(build(req))); });
}

}  // namespace

void add_gbfs_routes(router& routes, const app& application)
{
  const auto& settings = application.config().feeds;
  // Vehicle ids are drawn from a key that lives as long as the process: a restart rotates every id.
  const auto vehicle_id_key = pedalpower::random_token();
  add_feed(routes, "gbfs", [&settings, &public_url = application.config().public_url](const request& req) {
    return domain::gbfs_discovery(settings, pedalpower::current_time(), base_url(req, public_url));
  });
  add_feed(routes, "system_information",
           [&settings](const request&) { return domain::gbfs_system_information(settings, pedalpower::current_time()); });
  add_feed(routes, "vehicle_types", [&application, &settings](const request&) {
    return domain::gbfs_vehicle_types(application.reader(), settings, pedalpower::current_time());
  });
  add_feed(routes, "station_information", [&application, &settings](const request&) {
    return domain::gbfs_station_information(application.reader(), settings, pedalpower::current_time());
  });
  add_feed(routes, "station_status", [&application, &settings](const request&) {
    return domain::gbfs_station_status(application.reader(), settings, pedalpower::current_time());
  });
  add_feed(routes, "vehicle_status", [&application, &settings, vehicle_id_key](const request&) {
    return domain::gbfs_vehicle_status(application.reader(), settings, pedalpower::current_time(), vehicle_id_key);
  });
}

}  // namespace pedalpower::api
