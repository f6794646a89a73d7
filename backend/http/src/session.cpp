#include "session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "pedalpower/http/transport_policy.hpp"
#include "serve_requests.hpp"

namespace pedalpower::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

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
