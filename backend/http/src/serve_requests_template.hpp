#pragma once

#include <chrono>
#include <string>
#include <tuple>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "graceful_close.hpp"
#include "pedalpower/http/access_log.hpp"
#include "pedalpower/http/logger.hpp"
#include "request_framing.hpp"
#include "serve_requests.hpp"

// The definition of serve_requests and the stream-typed steps it takes; included only by the files
// that instantiate it for one stream type.
namespace pedalpower::http {
namespace serving {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = beast::http;

inline constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
inline constexpr std::size_t read_chunk = 4096;

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

}  // namespace serving

template <typename Stream>
boost::asio::awaitable<void> serve_requests(Stream& stream, boost::beast::flat_buffer& buffer,
                                            connection_control& control,
                                            const connection_facts& facts, const session_context& context)
{
  using namespace serving;
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


}  // namespace pedalpower::http
