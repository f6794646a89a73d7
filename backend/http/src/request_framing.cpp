#include "request_framing.hpp"

#include <string>
#include <vector>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/field.hpp>

namespace pedalpower::http {
namespace beast = boost::beast;
namespace beast_http = beast::http;

namespace {

constexpr std::string_view blank_line = "\r\n\r\n";

std::string_view trimmed(std::string_view text)
{
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// Every transfer coding named, in order, over all Transfer-Encoding fields; an empty element
/// stays, as an empty name, so it is refused like any unknown coding.
std::vector<std::string_view> transfer_codings(const beast_http::request_header<>& header)
{
  std::vector<std::string_view> codings;
  const auto [first, last] = header.equal_range(beast_http::field::transfer_encoding);
  for (auto field = first; field != last; ++field) {
    std::string_view list = field->value();
    for (;;) {
      const auto comma = list.find(',');
      codings.push_back(trimmed(list.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  return codings;
}

api::response bad_framing(std::string_view message) { return api::error_response(problem_kind::malformed, "bad_request", message); }

/// RFC 9112 section 3.2: an HTTP/1.1 request names its host, and no request names two, which a
/// proxy and this server could read differently.
std::optional<api::response> host_refusal(const beast_http::request_header<>& header)
{
  const auto hosts = header.count(beast_http::field::host);
  if (hosts > 1) return bad_framing("a request may carry only one Host header");
  if (hosts == 0 && header.version() >= 11) return bad_framing("an HTTP/1.1 request must carry a Host header");
  return std::nullopt;
}

}  // namespace

std::size_t header_section_end(std::string_view bytes)
{
  std::size_t start = 0;
  while (bytes.substr(start, 2) == "\r\n") start += 2;
  const auto end = bytes.find(blank_line, start);
  return end == std::string_view::npos ? end : end + blank_line.size();
}

bool folds_header_lines(std::string_view header_section)
{
  for (auto newline = header_section.find('\n'); newline != std::string_view::npos && newline + 1 < header_section.size();
       newline = header_section.find('\n', newline + 1)) {
    const char next = header_section[newline + 1];
    if (next == ' ' || next == '\t') return true;
  }
  return false;
}

std::optional<api::response> framing_refusal(const beast_http::request_header<>& header)
{
  if (auto refusal = host_refusal(header)) return refusal;
  if (header.find(beast_http::field::transfer_encoding) == header.end()) return std::nullopt;
  if (header.find(beast_http::field::content_length) != header.end()) {
    return bad_framing("a request may not carry both Transfer-Encoding and Content-Length");
  }
  if (header.version() < 11) return bad_framing("Transfer-Encoding is not allowed in HTTP/1.0");
  const auto codings = transfer_codings(header);
  if (!beast::iequals(codings.back(), "chunked")) {
    return bad_framing("the last transfer coding must be chunked, or the body's length cannot be known");
  }
  for (std::size_t i = 0; i + 1 < codings.size(); ++i) {
    if (beast::iequals(codings[i], "chunked")) return bad_framing("chunked may be applied only once");
  }
  if (codings.size() > 1) {
    return api::error_response(problem_kind::not_implemented, "not_implemented",
                               "the only transfer coding accepted is chunked; send the body without " +
                                   std::string(codings.front()));
  }
  return std::nullopt;
}

}  // namespace pedalpower::http
