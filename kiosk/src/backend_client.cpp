#include "pedalpower/kiosk/backend_client.hpp"

#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace pedalpower::kiosk {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;

struct backend_client::tls_state {
  ssl::context context{ssl::context::tls_client};
};

namespace {

constexpr std::size_t reply_body_limit = 4 * 1024 * 1024;

http::request<http::string_body> to_beast(const outgoing_request& out, const backend_url& url)
{
  http::request<http::string_body> req{http::string_to_verb(out.method), url.prefix + out.target, 11};
  req.set(http::field::host, url.host);
  req.set(http::field::user_agent, "pedalpower-kiosk");
  req.set(http::field::accept, "application/json");
  for (const auto& [name, value] : out.headers) req.set(name, value);
  if (!out.body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = out.body;
  }
  req.prepare_payload();
  return req;
}

template <typename Stream>
net::awaitable<incoming_reply> exchange(Stream& stream, http::request<http::string_body> req)
{
  co_await http::async_write(stream, req, net::use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(reply_body_limit);
  co_await http::async_read(stream, buffer, parser, net::use_awaitable);
  co_return incoming_reply{parser.get().result_int(), parser.get().body()};
}

net::awaitable<incoming_reply> plain_exchange(const backend_url& url, http::request<http::string_body> req)
{
  auto executor = co_await net::this_coro::executor;
  net::ip::tcp::resolver resolver(executor);
  beast::tcp_stream stream(executor);
  const auto endpoints = co_await resolver.async_resolve(url.host, url.port, net::use_awaitable);
  co_await stream.async_connect(endpoints, net::use_awaitable);
  auto reply = co_await exchange(stream, std::move(req));
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  co_return reply;
}

net::awaitable<incoming_reply> tls_exchange(const backend_url& url, ssl::context& context,
                                            http::request<http::string_body> req)
{
  auto executor = co_await net::this_coro::executor;
  net::ip::tcp::resolver resolver(executor);
  beast::ssl_stream<beast::tcp_stream> stream(executor, context);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
    throw network_error("cannot set the TLS server name");
  }
  stream.set_verify_mode(ssl::verify_peer);
  stream.set_verify_callback(ssl::host_name_verification(url.host));
  const auto endpoints = co_await resolver.async_resolve(url.host, url.port, net::use_awaitable);
  co_await beast::get_lowest_layer(stream).async_connect(endpoints, net::use_awaitable);
  co_await stream.async_handshake(ssl::stream_base::client, net::use_awaitable);
  auto reply = co_await exchange(stream, std::move(req));
  // The reply is complete; a peer that skips the TLS close_notify changes nothing for us.
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  co_return reply;
}

}  // namespace

backend_client::backend_client(client_settings settings) : settings_(std::move(settings))
{
  if (!settings_.url.tls) return;
  tls_ = std::make_shared<tls_state>();
  tls_->context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                            ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  try {
    if (settings_.ca_file.empty()) {
      tls_->context.set_default_verify_paths();
    } else {
      tls_->context.load_verify_file(settings_.ca_file);
    }
  } catch (const boost::system::system_error& failure) {
    throw std::runtime_error("cannot load the CA file '" + settings_.ca_file + "': " + failure.what());
  }
}

incoming_reply backend_client::send(const outgoing_request& out) const
{
  net::io_context io;
  std::optional<incoming_reply> reply;
  std::exception_ptr failure;
  auto work = settings_.url.tls ? tls_exchange(settings_.url, tls_->context, to_beast(out, settings_.url))
                                : plain_exchange(settings_.url, to_beast(out, settings_.url));
  net::co_spawn(io, std::move(work), [&](std::exception_ptr error, incoming_reply answer) {
    if (error) {
      failure = error;
    } else {
      reply = std::move(answer);
    }
  });
  io.run_for(settings_.timeout);
  if (reply) return std::move(*reply);
  if (!failure) throw network_error("no answer within " + std::to_string(settings_.timeout.count()) + " ms");
  try {
    std::rethrow_exception(failure);
  } catch (const network_error&) {
    throw;
  } catch (const std::exception& error) {
    throw network_error(error.what());
  }
}

}  // namespace pedalpower::kiosk
