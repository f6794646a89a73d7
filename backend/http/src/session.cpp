#include "session.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "dispatch_bridge.hpp"
#include "graceful_close.hpp"
#include "message_conversion.hpp"
#include "pedalpower/http/access_log.hpp"
#include "pedalpower/http/logger.hpp"
#include "pedalpower/http/transport_policy.hpp"
#include "request_framing.hpp"

namespace pedalpower::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = beast::http;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr std::size_t read_chunk = 4096;

struct connection_facts {
  std::string remote_address;
  bool secure = false;
  bool plain_permitted = true;  ///< false: plain requests are redirected to https
};

/// Points the control at the socket under the stream in use for as long as it lives.
class transport_attachment {
public:
  transport_attachment(connection_control& control, beast::tcp_stream& transport) : control_(control)
  {
    control_.attach(&transport);
  }
  ~transport_attachment() { control_.attach(nullptr); }
  transport_attachment(const transport_attachment&) = delete;
  transport_attachment& operator=(const transport_attachment&) = delete;

private:
  connection_control& control_;
};

/// A request as read from the wire: the request, or the error answer to a request that could not be
/// read (the connection closes after it), or neither when the client went away or timed out.
struct incoming {
  std::optional<wire_request> request;
  std::optional<api::response> refusal;
};

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

/// Waits for the first byte of the next request. False when the client closed, stayed idle too long
/// or the server is stopping.
template <typename Stream>
net::awaitable<bool> await_next_request(Stream& stream, beast::flat_buffer& buffer, connection_control& control,
                                        const server_options& options)
{
  if (control.closing()) co_return false;
  if (buffer.size() > 0) co_return true;
  control.set_idle(true);
  beast::get_lowest_layer(stream).expires_after(options.idle_timeout);
  auto [ec, n] = co_await stream.async_read_some(buffer.prepare(read_chunk), use_tuple);
  control.set_idle(false);
  if (ec) co_return false;
  buffer.commit(n);
  co_return true;
}

std::string_view buffered(const beast::flat_buffer& buffer)
{
  return {static_cast<const char*>(buffer.data().data()), buffer.size()};
}

/// Reads until the buffer holds the whole header section, or more bytes than a header may have
/// (the parser then answers 431), so the raw lines can be checked before the parser joins them.
template <typename Stream>
net::awaitable<beast::error_code> buffer_header_section(Stream& stream, beast::flat_buffer& buffer, std::size_t limit)
{
  while (header_section_end(buffered(buffer)) == std::string_view::npos && buffer.size() <= limit) {
    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(read_chunk), use_tuple);
    if (ec) co_return ec;
    buffer.commit(n);
  }
  co_return beast::error_code{};
}

template <typename Stream>
net::awaitable<incoming> read_request(Stream& stream, beast::flat_buffer& buffer, const server_options& options)
{
  beast_http::request_parser<beast_http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
  parser.body_limit(options.body_limit);
  beast::get_lowest_layer(stream).expires_after(options.request_timeout);

  if (const auto ec = co_await buffer_header_section(stream, buffer, options.header_limit)) co_return incoming{};
  const auto section = buffered(buffer).substr(0, header_section_end(buffered(buffer)));
  if (folds_header_lines(section)) {
    co_return incoming{std::nullopt, api::error_response(problem_kind::malformed, "bad_request",
                                                         "header lines may not be folded or start with white space")};
  }
  auto [ec, n] = co_await beast_http::async_read_header(stream, buffer, parser, use_tuple);
  if (!ec) {
    if (auto refusal = framing_refusal(parser.get())) co_return incoming{std::nullopt, std::move(refusal)};
  }
  if (!ec && !parser.is_done() && beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
    beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_, parser.get().version()};
    std::tie(ec, n) = co_await beast_http::async_write(stream, go_on, use_tuple);
  }
  if (!ec && !parser.is_done()) std::tie(ec, n) = co_await beast_http::async_read(stream, buffer, parser, use_tuple);
  if (ec) co_return incoming{std::nullopt, refusal_for(ec)};
  co_return incoming{parser.release(), std::nullopt};
}

struct answer {
  api::response response;
  bool no_store = true;
};

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

/// How far an answer got: the write's outcome and the bytes of its body sent.
struct sent_answer {
  beast::error_code ec;
  std::size_t body_bytes = 0;
};

/// The pace a download keeps: each window ends `window` after the last one was filled with
/// `min_bytes`, and a write still waiting when its window ends fails, so the connection closes.
class download_pace {
public:
  download_pace(std::size_t min_bytes, std::chrono::milliseconds window)
      : min_bytes_(min_bytes), window_(window), window_end_(std::chrono::steady_clock::now() + window)
  {
  }
  std::chrono::steady_clock::time_point deadline() const { return window_end_; }
  void sent(std::size_t bytes)
  {
    in_window_ += bytes;
    if (in_window_ < min_bytes_) return;
    in_window_ = 0;
    window_end_ = std::chrono::steady_clock::now() + window_;
  }

private:
  std::size_t min_bytes_;
  std::chrono::milliseconds window_;
  std::chrono::steady_clock::time_point window_end_;
  std::size_t in_window_ = 0;
};

/// Sends a response whose body is a file a piece at a time at the pace of the server's download
/// options: a large export over a slow link is not cut off while it keeps moving, a reader that
/// barely moves is, and the file is never read whole into memory. The file is deleted once the
/// response is dropped, sent or not. Answers 500 when the file cannot be opened.
template <typename Stream>
net::awaitable<sent_answer> send_file_response(Stream& stream, api::response response, const response_framing& framing,
                                               const server_options& options)
{
  beast::error_code ec;
  auto wire = to_wire_file_response(std::move(response), framing, ec);
  if (ec) {
    auto failed = to_wire_response(api::error_response(problem_kind::internal, "internal", "the file to send could not be read"), framing);
    beast::get_lowest_layer(stream).expires_after(options.write_timeout);
    auto [write_ec, n] = co_await beast_http::async_write(stream, failed, use_tuple);
    co_return sent_answer{write_ec};
  }
  beast_http::response_serializer<beast_http::file_body> serializer{wire};
  beast::get_lowest_layer(stream).expires_after(options.write_timeout);
  auto [header_ec, header_bytes] = co_await beast_http::async_write_header(stream, serializer, use_tuple);
  if (header_ec || framing.head) co_return sent_answer{header_ec};
  sent_answer sent;
  download_pace pace(options.download_min_bytes, options.download_window);
  while (!serializer.is_done()) {
    beast::get_lowest_layer(stream).expires_at(pace.deadline());
    auto [write_ec, n] = co_await beast_http::async_write_some(stream, serializer, use_tuple);
    sent.body_bytes += n;
    if (write_ec) {
      sent.ec = write_ec;
      co_return sent;
    }
    pace.sent(n);
  }
  co_return sent;
}

/// Sends a response whose body is in memory, within the write timeout.
template <typename Stream>
net::awaitable<sent_answer> send_response(Stream& stream, api::response response, const response_framing& framing,
                                          std::chrono::milliseconds timeout)
{
  auto wire = to_wire_response(std::move(response), framing);
  beast_http::response_serializer<beast_http::string_body> serializer{wire};
  beast::get_lowest_layer(stream).expires_after(timeout);
  auto [header_ec, header_bytes] = co_await beast_http::async_write_header(stream, serializer, use_tuple);
  if (header_ec || framing.head) co_return sent_answer{header_ec};
  auto [ec, n] = co_await beast_http::async_write(stream, serializer, use_tuple);
  co_return sent_answer{ec, n};
}

template <typename Stream>
net::awaitable<void> serve_requests(Stream& stream, beast::flat_buffer& buffer, connection_control& control,
                                    const connection_facts& facts, const session_context& context)
{
  const auto& options = context.options;
  for (;;) {
    const bool request_arriving = co_await await_next_request(stream, buffer, control, options);
    if (!request_arriving) co_return;
    const auto started_at = std::chrono::system_clock::now();
    const auto started = std::chrono::steady_clock::now();
    auto next = co_await read_request(stream, buffer, options);
    if (!next.request && !next.refusal) co_return;

    const bool logged = context.log.enabled(log_level::info);
    std::string method = "-";
    std::string target = "-";
    response_framing framing{.keep_alive = false, .secure = facts.secure, .no_store = true};
    api::response response;
    if (next.refusal) {
      response = std::move(*next.refusal);
    } else {
      auto& request = *next.request;
      if (logged) {
        method = std::string(request.method_string());
        target = std::string(request.target());
      }
      framing.version = request.version();
      framing.keep_alive = request.keep_alive();
      framing.head = request.method() == beast_http::verb::head;
      auto answered = co_await answer_request(std::move(request), facts, control, context);
      response = std::move(answered.response);
      framing.no_store = answered.no_store;
      framing.keep_alive = framing.keep_alive && !control.closing();
    }

    const auto status = response.status;
    sent_answer sent;
    if (response.file) {
      sent = co_await send_file_response(stream, std::move(response), framing, options);
    } else {
      sent = co_await send_response(stream, std::move(response), framing, options.write_timeout);
    }
    if (logged) {
      context.log.write_line(log_level::info, format_access_line({started_at, facts.remote_address, method, target,
                                                                  status, std::chrono::steady_clock::now() - started,
                                                                  sent.body_bytes, static_cast<bool>(sent.ec)}));
    }
    if (sent.ec) co_return;
    if (!framing.keep_alive) {
      co_await close_gracefully(stream);
      co_return;
    }
  }
}

}  // namespace

net::awaitable<void> serve_connection(net::ip::tcp::socket socket, connection_registry::lease lease,
                                      const session_context& context)
{
  auto& control = lease.control();
  beast::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) co_return;
  connection_facts facts{remote.address().to_string()};

  beast::tcp_stream stream(std::move(socket));
  const transport_attachment plain_attachment(control, stream);
  beast::flat_buffer buffer;
  if (!context.tls) {
    co_await serve_requests(stream, buffer, control, facts, context);
    co_return;
  }

  control.set_idle(true);
  stream.expires_after(context.options.idle_timeout);
  auto [detect_ec, is_tls] = co_await beast::async_detect_ssl(stream, buffer, use_tuple);
  control.set_idle(false);
  if (detect_ec || control.closing()) co_return;
  if (!is_tls) {
    facts.plain_permitted = plain_http_permitted(facts.remote_address, context.options.allow_plain_http);
    co_await serve_requests(stream, buffer, control, facts, context);
    co_return;
  }

  beast::ssl_stream<beast::tcp_stream> tls_stream(std::move(stream), *context.tls);
  const transport_attachment tls_attachment(control, beast::get_lowest_layer(tls_stream));
  beast::get_lowest_layer(tls_stream).expires_after(context.options.request_timeout);
  auto [handshake_ec, used] =
      co_await tls_stream.async_handshake(net::ssl::stream_base::server, buffer.data(), use_tuple);
  if (handshake_ec) co_return;
  buffer.consume(used);
  facts.secure = true;
  co_await serve_requests(tls_stream, buffer, control, facts, context);
}

}  // namespace pedalpower::http
