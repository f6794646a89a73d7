#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "pedalpower/api/principal.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"

namespace pedalpower::api {

/// Serves one matched request. It must call `respond` exactly once, now or later from any thread.
using handler = std::function<void(const request& req, responder respond)>;

struct route {
  std::string method;
  std::string pattern;      ///< "/api/v1/bikes/{id}": `{name}` matches one path segment
  std::vector<role> roles;  ///< who may call it; empty means anyone, signed in or not
  handler handle;
  std::vector<std::string> segments;  ///< the pattern split at '/', once, so matching allocates nothing
  bool slow = false;  ///< runs on the slow lane, away from the thread that read the request
  /// Also answers at its path with one of these added to the last segment (".csv"); the handler
  /// reads which from the request's path.
  std::vector<std::string> endings{};
  /// Runs a request on the slow lane, though the route is not slow, when this says so (an export
  /// asked for by Accept). It must not throw.
  std::function<bool(const request&)> slow_if{};
  /// The query parameters it takes, each at most once; a request naming another is refused, so a
  /// misspelt filter is never an unfiltered answer; its handler may read no other (request::query_param).
  /// Unset: any (a protocol whose clients add their own).
  std::optional<std::vector<std::string>> query_names{};
  /// The fields its JSON body may hold (json_body refuses any other, and null where it is not allowed).
  /// Unset: any.
  std::optional<body_fields> body{};
  /// The media types its answers come in; a request whose Accept welcomes none of them is refused
  /// before it runs. Empty: any (an answer with no body, or a route with endings, which chooses itself).
  std::vector<std::string> answer_types{};
};

/// Runs a job on another thread; false, without running it, when too many are already taken in.
using slow_lane = std::function<bool(std::function<void()> job)>;

/// Finds the route for a request, checks who is calling, and turns any failure into a JSON error.
class router {
public:
  /// Identifies the caller from cookies or a bearer token; nullopt when there are none.
  /// Throws api::error (unauthenticated) for credentials that are present but wrong or expired.
  using authenticator = std::function<std::optional<principal>(const request&)>;

  void add(std::string method, std::string pattern, std::initializer_list<role> roles, handler handle);
  void set_authenticator(authenticator identify) { identify_ = std::move(identify); }

  /// Runs the route registered for `method` and `pattern` on the slow lane: for answers that take
  /// long enough (large reports, exports) to hold up every other request on the caller's thread.
  /// Throws std::invalid_argument when no such route is registered.
  void mark_slow(std::string_view method, std::string_view pattern);
  /// The route registered for `method` and `pattern` also answers at its path ending in any of
  /// `endings` (".csv", ".xlsx"), and runs a request on the slow lane when `slow_if` (if set) says so.
  /// Throws std::invalid_argument when no such route is registered.
  void add_endings(std::string_view method, std::string_view pattern, std::vector<std::string> endings,
                   std::function<bool(const request&)> slow_if = {});
  /// The route registered for `method` and `pattern` takes only the query parameters `names`.
  /// Throws std::invalid_argument when no such route is registered.
  void declare_query(std::string_view method, std::string_view pattern, std::vector<std::string> names);
  /// The route registered for `method` and `pattern` takes a JSON body of only these fields.
  /// Throws std::invalid_argument when no such route is registered.
  void declare_body(std::string_view method, std::string_view pattern, body_fields fields);
  /// The route registered for `method` and `pattern` answers in one of `types` ("application/json").
  /// Throws std::invalid_argument when no such route is registered.
  void declare_answers(std::string_view method, std::string_view pattern, std::vector<std::string> types);
  /// Where slow routes run; past its limit they are answered 503 with Retry-After. Without one they
  /// run on the caller's thread like any other.
  void set_slow_lane(slow_lane lane) { slow_lane_ = std::move(lane); }

  /// 404 for an unknown path, 405 (with Allow) for a known path and another method, 401 without
  /// credentials, 403 for a role the route does not allow or a missing CSRF token on a cookie change,
  /// 422 for a query parameter the route does not take or that is not text, 406 for an Accept that
  /// welcomes none of the route's answer types, 503 (with Retry-After)
  /// for a slow route when the slow lane is full.
  void dispatch(request req, responder respond) const;

  const std::vector<route>& routes() const noexcept { return routes_; }

private:
  route& registered(std::string_view method, std::string_view pattern);

  std::vector<route> routes_;
  authenticator identify_;
  slow_lane slow_lane_;
};

/// Runs `body`, turning any exception it throws into the matching JSON error response.
response guarded(const std::function<response()>& body);

}  // namespace pedalpower::api
