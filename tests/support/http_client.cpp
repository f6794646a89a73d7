#include "http_client.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <nlohmann/json.hpp>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = beast::http;

namespace {

std::string lower_case(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<std::string> http_response::header(std::string_view name) const
{
  const auto wanted = lower_case(name);
  for (const auto& [key, value] : headers) {
    if (key == wanted) return value;
  }
  return std::nullopt;
}

std::string http_response::error_code() const { return nlohmann::json::parse(body).at("error").at("code"); }

struct http_client::impl {
  std::string host;
  unsigned short port;
  http_client_options options;
  net::io_context io;
  net::ssl::context tls_context{net::ssl::context::tls_client};
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  std::size_t opened = 0;
  bool last_was_head = false;

  bool connected() const { return plain || secure; }

  beast::tcp_stream& transport() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

  /// Runs one asynchronous step to its end, bounded by the step timeout.
  template <typename Start>
  beast::error_code complete(Start start)
  {
    std::optional<beast::error_code> result;
    transport().expires_after(options.step_timeout);
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    io.restart();
    io.run();
    return result.value_or(net::error::operation_aborted);
  }

  template <typename Operation>
  beast::error_code on_stream(Operation operation)
  {
    if (secure) return complete([&](auto handler) { operation(*secure, std::move(handler)); });
    return complete([&](auto handler) { operation(*plain, std::move(handler)); });
  }

  [[noreturn]] void fail(std::string_view step, const beast::error_code& ec)
  {
    disconnect();
    throw std::runtime_error(std::string(step) + " failed: " + ec.message());
  }

  void connect()
  {
    net::ip::tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(host, std::to_string(port));
    if (options.tls) {
      secure.emplace(io, tls_context);
    } else {
      plain.emplace(io);
    }
    ++opened;
    buffer.clear();
    beast::error_code ec;
    if (options.local_address.empty()) {
      ec = complete([&](auto handler) { transport().async_connect(endpoints, std::move(handler)); });
    } else {
      const auto remote = endpoints.begin()->endpoint();
      transport().socket().open(remote.protocol());
      transport().socket().bind({net::ip::make_address(options.local_address), 0});
      ec = complete([&](auto handler) { transport().async_connect(remote, std::move(handler)); });
    }
    if (ec) fail("connecting", ec);
    if (secure) {
      ec = complete([&](auto handler) { secure->async_handshake(net::ssl::stream_base::client, std::move(handler)); });
      if (ec) fail("the TLS handshake", ec);
    }
  }

  void disconnect()
  {
    plain.reset();
    secure.reset();
    buffer.clear();
  }
};

http_client::http_client(std::string host, unsigned short port, http_client_options options)
    : impl_(std::make_unique<impl>())
{
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->options = options;
  impl_->tls_context.set_verify_mode(net::ssl::verify_none);
}

http_client::~http_client() = default;
http_client::http_client(http_client&&) noexcept = default;
http_client& http_client::operator=(http_client&&) noexcept = default;

http_response http_client::request(std::string_view method, std::string_view target, std::string_view body,
                                   const header_list& headers)
{
  if (!impl_->connected()) impl_->connect();
  beast_http::request<beast_http::string_body> message;
  message.version(11);
  message.method_string(method);
  message.target(target);
  message.set(beast_http::field::host, impl_->host + ":" + std::to_string(impl_->port));
  for (const auto& [name, value] : headers) message.insert(name, value);
  message.body() = std::string(body);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") message.prepare_payload();

  const auto ec = impl_->on_stream([&](auto& stream, auto handler) { beast_http::async_write(stream, message, std::move(handler)); });
  if (ec) impl_->fail("sending the request", ec);
  impl_->last_was_head = method == "HEAD";
  return read_response();
}

void http_client::send_raw(std::string_view bytes)
{
  if (!impl_->connected()) impl_->connect();
  const auto ec =
      impl_->on_stream([&](auto& stream, auto handler) { net::async_write(stream, net::buffer(bytes), std::move(handler)); });
  if (ec) impl_->fail("sending raw bytes", ec);
}

http_response http_client::read_response()
{
  if (!impl_->connected()) throw std::runtime_error("reading a response: not connected");
  beast_http::response_parser<beast_http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  parser.skip(std::exchange(impl_->last_was_head, false));
  const auto ec = impl_->on_stream(
      [&](auto& stream, auto handler) { beast_http::async_read(stream, impl_->buffer, parser, std::move(handler)); });
  if (ec) impl_->fail("reading the response", ec);

  auto message = parser.release();
  http_response out;
  out.status = message.result_int();
  out.body = std::move(message.body());
  for (const auto& field : message) out.headers.emplace_back(lower_case(field.name_string()), std::string(field.value()));
  if (!message.keep_alive()) impl_->disconnect();
  return out;
}

bool http_client::wait_for_close()
{
  if (!impl_->connected()) return true;
  std::array<char, 4096> discarded;
  for (;;) {
    const auto ec = impl_->on_stream(
        [&](auto& stream, auto handler) { stream.async_read_some(net::buffer(discarded), std::move(handler)); });
    if (ec == beast::error::timeout) return false;
    if (ec) {
      impl_->disconnect();
      return true;
    }
  }
}

void http_client::disconnect() { impl_->disconnect(); }

bool http_client::connected() const { return impl_->connected(); }

std::size_t http_client::connections_opened() const { return impl_->opened; }
