#include "pedalpower/kiosk/backend_url.hpp"

#include <stdexcept>
#include <string>

#include "pedalpower/http/transport_policy.hpp"

namespace pedalpower::kiosk {
namespace {

bool loopback_host(const std::string& host)
{
  try {
    return http::is_loopback(host);
  } catch (const std::invalid_argument&) {
    return false;  // a DNS name other than localhost
  }
}

}  // namespace

backend_url parse_backend_url(std::string_view text)
{
  backend_url url;
  std::string_view rest;
  if (text.starts_with("https://")) {
    rest = text.substr(8);
  } else if (text.starts_with("http://")) {
    url.tls = false;
    rest = text.substr(7);
  } else {
    throw std::invalid_argument("--backend-url must start with https:// (or http:// for a loopback backend)");
  }
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) url.prefix = std::string(rest.substr(slash));
  while (!url.prefix.empty() && url.prefix.back() == '/') url.prefix.pop_back();

  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("--backend-url has an unclosed [IPv6] host");
    url.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (authority.starts_with(':')) url.port = std::string(authority.substr(1));
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    url.host = std::string(authority.substr(0, colon));
    url.port = std::string(authority.substr(colon + 1));
  } else {
    url.host = std::string(authority);
  }
  if (url.host.empty()) throw std::invalid_argument("--backend-url has no host");
  if (url.port.empty()) url.port = url.tls ? "443" : "80";
  if (url.port.find_first_not_of("0123456789") != std::string::npos || url.port.size() > 5) {
    throw std::invalid_argument("--backend-url has a port that is not a number");
  }
  if (!url.tls && !loopback_host(url.host)) {
    throw std::invalid_argument("--backend-url must use https:// for a backend that is not on this machine");
  }
  return url;
}

}  // namespace pedalpower::kiosk
