#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pedalpower/api/principal.hpp"

namespace pedalpower::api {

/// The top-level fields a route's JSON body may hold, and those of them that may be null.
struct body_fields {
  std::vector<std::string> names;
  std::vector<std::string> nullable;
};

/// An HTTP request as the API sees it, free of any network library's types.
struct request {
  std::string method;  ///< upper case: "GET", "POST", ...
  std::string target;  ///< as received: path and query
  std::string path;    ///< percent-decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;    ///< decoded query parameters, in order
  std::vector<std::pair<std::string, std::string>> headers;  ///< names in lower case
  std::string body;
  std::string remote_address;
  bool secure = false;  ///< arrived over TLS

  /// Filled by the router: `{id}` segments of the matched route, and the authenticated caller.
  std::vector<std::pair<std::string, std::string>> path_params;
  std::optional<principal> caller;
  /// Filled by the router: the query parameters the matched route takes; null when it takes any.
  const std::vector<std::string>* query_names = nullptr;
  /// Filled by the router: the fields the matched route's JSON body may hold; null when any.
  const body_fields* documented_body = nullptr;

  /// The first header named `name` (lower case), if any.
  std::optional<std::string_view> header(std::string_view name) const;
  /// The first query parameter named `name`, if any. Throws std::logic_error when the route does not
  /// take `name`: a handler reading a parameter its route's document leaves out is a fault in the
  /// server, which any test that runs the read finds, with the parameter asked or not.
  std::optional<std::string_view> query_param(std::string_view name) const;
  /// The value of path parameter `name`; throws std::out_of_range if the route has none.
  const std::string& path_param(std::string_view name) const;
  /// Path parameter `name` as a positive integer id; throws api::error 404 if it is not one.
  std::int64_t path_id(std::string_view name) const;
};

/// Splits a `target` into path and decoded query parameters. Returns false if it is malformed.
bool parse_target(std::string_view target, std::string& path, std::vector<std::pair<std::string, std::string>>& query);

}  // namespace pedalpower::api
