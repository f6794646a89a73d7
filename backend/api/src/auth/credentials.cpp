#include "auth/credentials.hpp"

#include "pedalpower/api/request.hpp"

namespace pedalpower::api::auth {
namespace {

std::string_view trim_spaces(std::string_view text)
{
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string cookie_attributes(bool secure)
{
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

}  // namespace

std::optional<std::string> cookie_value(const request& req, std::string_view name)
{
  for (const auto& [header, value] : req.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      const auto pair = trim_spaces(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      const auto equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) return std::string(pair.substr(equals + 1));
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> bearer_token(std::string_view authorization)
{
  authorization = trim_spaces(authorization);
  const auto space = authorization.find(' ');
  if (space == std::string_view::npos || !equals_ignoring_case(authorization.substr(0, space), "bearer")) {
    return std::nullopt;
  }
  const auto token = trim_spaces(authorization.substr(space + 1));
  if (token.empty()) return std::nullopt;
  return token;
}

std::string session_cookie(std::string_view token, std::int64_t max_age_seconds, bool secure)
{
  return std::string(session_cookie_name) + "=" + std::string(token) + "; Max-Age=" + std::to_string(max_age_seconds) +
         cookie_attributes(secure);
}

std::string cleared_session_cookie(bool secure)
{
  return std::string(session_cookie_name) + "=; Max-Age=0" + cookie_attributes(secure);
}

}  // namespace pedalpower::api::auth
