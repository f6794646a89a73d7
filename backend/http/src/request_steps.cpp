#include "request_steps.hpp"

#include <boost/beast/http/error.hpp>

#include "dispatch_bridge.hpp"

namespace pedalpower::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = beast::http;

std::optional<api::response> refusal_for(const beast::error_code& ec)
{
  if (ec == beast_http::error::body_limit) {
    return api::error_response(problem_kind::too_large, "payload_too_large", "the request body is larger than this server accepts");
  }
  if (ec == beast_http::error::header_limit) {
    return api::error_response(problem_kind::headers_too_large, "header_too_large", "the request header is larger than this server accepts");
  }
  const bool client_went_away = ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message;
  if (ec.category() == beast_http::make_error_code(beast_http::error::bad_method).category() && !client_went_away) {
    return api::error_response(problem_kind::malformed, "bad_request", "the request is not valid HTTP/1.1");
  }
  return std::nullopt;
}

api::response https_redirect(const wire_request& request)
{
  const auto host = request[beast_http::field::host];
  if (host.empty()) return api::error_response(problem_kind::malformed, "https_required", "this server accepts HTTPS only");
  api::response answer{308, "text/plain; charset=utf-8", "this server accepts HTTPS only\n", {}};
  answer.headers.emplace_back("Location", "https://" + std::string(host) + std::string(request.target()));
  return answer;
}

std::string_view buffered(const beast::flat_buffer& buffer)
{
  return {static_cast<const char*>(buffer.data().data()), buffer.size()};
}

net::awaitable<answer> answer_request(wire_request&& wire, const connection_facts& facts, connection_control& control,
                                      const session_context& context)
{
  if (!facts.plain_permitted) co_return answer{https_redirect(wire)};
  api::request request;
  if (!to_api_request(std::move(wire), facts.remote_address, facts.secure, request)) {
    co_return answer{api::error_response(problem_kind::malformed, "bad_request", "the request target is malformed")};
  }
  const bool no_store = is_api_path(request.path);
  auto response = co_await dispatch_request(std::move(request), control, context);
  co_return answer{std::move(response), no_store};
}

void download_pace::sent(std::size_t bytes)
{
  in_window_ += bytes;
  if (in_window_ < min_bytes_) return;
  in_window_ = 0;
  window_end_ = std::chrono::steady_clock::now() + window_;
}

}  // namespace pedalpower::http
