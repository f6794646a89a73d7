#include "message_conversion.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace pedalpower::http {
namespace beast_http = boost::beast::http;

namespace {

std::string lower_case(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool to_api_request(wire_request&& in, std::string_view remote_address, bool secure, api::request& out)
{
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  if (!api::parse_target(out.target, out.path, out.query)) return false;
  out.headers.clear();
  for (const auto& field : in) {
    out.headers.emplace_back(lower_case(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(in.body());
  out.remote_address = std::string(remote_address);
  out.secure = secure;
  return true;
}

namespace {

template <typename Body>
void set_headers(beast_http::response<Body>& out, api::response& in, bool has_body, const response_framing& framing)
{
  if (!in.content_type.empty() && has_body) out.set(beast_http::field::content_type, in.content_type);
  for (auto& [name, value] : in.headers) out.insert(name, value);
  if (framing.no_store && out.find(beast_http::field::cache_control) == out.end()) {
    out.set(beast_http::field::cache_control, "no-store");
  }
  out.set("X-Content-Type-Options", "nosniff");
  if (framing.secure) out.set(beast_http::field::strict_transport_security, "max-age=31536000");
  out.keep_alive(framing.keep_alive);
}

}  // namespace

wire_response to_wire_response(api::response&& in, const response_framing& framing)
{
  wire_response out{static_cast<beast_http::status>(in.status), framing.version};
  set_headers(out, in, !in.body.empty(), framing);
  out.body() = std::move(in.body);
  out.prepare_payload();
  if (framing.head) out.body().clear();
  return out;
}

wire_file_response to_wire_file_response(api::response&& in, const response_framing& framing,
                                         boost::beast::error_code& ec)
{
  wire_file_response out{static_cast<beast_http::status>(in.status), framing.version};
  out.body().open(in.file->path().c_str(), boost::beast::file_mode::scan, ec);
  if (ec) return out;
  set_headers(out, in, true, framing);
  out.prepare_payload();
  return out;
}

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

}  // namespace pedalpower::http
