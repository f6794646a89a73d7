// The HTTP request path as a connection reads it: the raw header section checks, Beast's parser
// with the server's limits, the framing rules, then the conversion to the API's request with its
// decoded path and query.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "message_conversion.hpp"
#include "pedalpower/http/server_options.hpp"
#include "request_framing.hpp"

namespace beast = boost::beast;
namespace beast_http = beast::http;
using namespace pedalpower;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto end = http::header_section_end(bytes);
  if (end == std::string_view::npos || http::folds_header_lines(bytes.substr(0, end))) return 0;

  const http::server_options limits;
  beast_http::request_parser<beast_http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
  parser.body_limit(limits.body_limit);
  parser.eager(true);
  beast::error_code ec;
  std::size_t used = 0;
  while (!ec && !parser.is_done() && used < size) {
    const auto n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (n == 0 && !ec) break;
    used += n;
    if (!ec && parser.is_header_done() && http::framing_refusal(parser.get())) return 0;
  }
  if (ec || !parser.is_done()) return 0;

  api::request request;
  if (!http::to_api_request(parser.release(), "192.0.2.1", false, request)) return 0;
  (void)request.header("content-type");
  (void)request.query_param("page");
  (void)http::is_api_path(request.path);
  return 0;
}
