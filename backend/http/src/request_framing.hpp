#pragma once

#include <optional>
#include <string_view>

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>

#include "pedalpower/api/response.hpp"

namespace pedalpower::http {

/// Where the header section in `bytes` ends (just past its blank line), skipping empty lines before
/// the request line; npos while it is incomplete.
std::size_t header_section_end(std::string_view bytes);

/// True when a line of the header section starts with a space or tab: a field value folded over
/// lines (obs-fold), or whitespace before the first field. RFC 9112 (sections 2.2 and 5.2) lets a
/// server refuse both; the parser would join a folded value silently, which is what request
/// smuggling is built from.
bool folds_header_lines(std::string_view header_section);

/// The refusal RFC 9112 asks for when the request's host or its body's framing cannot be trusted:
/// 400 for an HTTP/1.1 request without Host or any with two (section 3.2), for Transfer-Encoding
/// beside Content-Length, in HTTP/1.0, or not ending in exactly one "chunked" (section 6); 501 for a
/// transfer coding other than chunked. Nullopt when the request is sound.
std::optional<api::response> framing_refusal(const boost::beast::http::request_header<>& header);

}  // namespace pedalpower::http
