#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"

namespace pedalpower::http {

/// A folder of web pages served as they are, for the kiosk's touch screen and the web admin.
struct static_site {
  std::string root;  ///< the folder; nothing outside it is ever read
  /// A page that is not a file (a path whose last segment has no dot) answers index.html, so the
  /// pages' own router can show it. A missing file with a dot is still 404.
  bool single_page = false;
};

/// The file at `path` ("/" or "" is index.html) under `site.root`: its content type, a strict
/// Content-Security-Policy (nothing from any other origin, no inline script or style, no framing)
/// and cache headers (files under assets/ carry a content hash in their name and are kept a year;
/// everything else is checked again each time). 404 for a path that leaves the folder or is missing.
api::response serve_static_file(const static_site& site, std::string_view path);

/// A static site mounted under `prefix` ("/admin"): GET and HEAD of `prefix/...` are its files,
/// `prefix` alone is redirected to `prefix/`. Any other request is not the site's: nullopt.
std::optional<api::response> serve_mounted(const static_site& site, std::string_view prefix, const api::request& req);

}  // namespace pedalpower::http
