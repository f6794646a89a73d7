#include "pedalpower/kiosk/local_api.hpp"

#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/http/static_files.hpp"

namespace pedalpower::kiosk {
namespace {

std::string session_of(const api::request& req)
{
  return std::string(req.header("x-kiosk-session").value_or(""));
}

void require_method(const api::request& req, std::string_view method)
{
  if (req.method != method) throw api::error(problem_kind::method_not_allowed, "method_not_allowed", "use " + std::string(method));
}

}  // namespace

api::response local_api::route(const api::request& req)
{
  if (auto refused = guard_.refusal(req)) return std::move(*refused);
  const auto now = pedalpower::current_time();
  const auto& path = req.path;
  if (!path.starts_with("/local/")) {
    require_method(req, "GET");
    auto file = http::serve_static_file({.root = ui_root_}, path);
    if (path == "/" || path == "/index.html") guard_.hand_secret_to(file);
    return file;
  }
  if (path == "/local/status") {
    require_method(req, "GET");
    return service_.status();
  }
  if (path == "/local/offer") {
    require_method(req, "GET");
    return service_.offer(session_of(req), now);
  }
  if (path == "/local/loan-of-bike") {
    require_method(req, "GET");
    return service_.loan_of_bike(std::string(req.query_param("tag").value_or("")));
  }
  if (path == "/local/choices") {
    require_method(req, "GET");
    return service_.choices(now);
  }
  require_method(req, "POST");
  if (path == "/local/end") {
    service_.end(session_of(req));
    return api::json_response({{"ended", true}});
  }
  const auto body = api::json_body(req);
  if (path == "/local/identify") return service_.identify(body, now);
  if (path == "/local/checkout") return service_.checkout(session_of(req), body, now);
  if (path == "/local/return") return service_.return_bike(session_of(req), body, now);
  if (path == "/local/waitlist") return service_.waitlist(session_of(req), body, now);
  throw api::error(problem_kind::not_found, "not_found", "no such kiosk route");
}

api::response local_api::handle(const api::request& req)
{
  auto answer = api::guarded([&] { return route(req); });
  answer.headers.emplace_back("Cache-Control", "no-store");
  return answer;
}

}  // namespace pedalpower::kiosk
