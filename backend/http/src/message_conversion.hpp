#pragma once

#include <string_view>

#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"

namespace pedalpower::http {

using wire_request = boost::beast::http::request<boost::beast::http::string_body>;
using wire_response = boost::beast::http::response<boost::beast::http::string_body>;
using wire_file_response = boost::beast::http::response<boost::beast::http::file_body>;

/// Moves a parsed request into the API's type: lower-case header names, decoded path and query.
/// Returns false when the target is malformed.
bool to_api_request(wire_request&& in, std::string_view remote_address, bool secure, api::request& out);

/// How a response is framed on this connection.
struct response_framing {
  unsigned version = 11;
  bool keep_alive = true;
  bool head = false;    ///< a HEAD request: announce the length, send no body
  bool secure = false;  ///< under TLS: add Strict-Transport-Security
  bool no_store = false;  ///< an API or server-generated answer: must not be cached
};

/// The API's response as it goes on the wire, with the security headers every response carries.
wire_response to_wire_response(api::response&& in, const response_framing& framing);

/// The API's response whose body is a file (api::response::file), opened for sending, with the same
/// headers as to_wire_response gives. Fails with `ec` when the file cannot be opened.
wire_file_response to_wire_file_response(api::response&& in, const response_framing& framing,
                                         boost::beast::error_code& ec);

/// True for paths under /api, whose answers are never cached.
bool is_api_path(std::string_view path);

}  // namespace pedalpower::http
