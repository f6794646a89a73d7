#include "graceful_close.hpp"

#include <array>
#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace pedalpower::http {
namespace net = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr auto linger_timeout = std::chrono::seconds(2);

}  // namespace

net::awaitable<void> close_gracefully(beast::tcp_stream& stream)
{
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream.expires_after(linger_timeout);
  std::array<char, 4096> discarded;
  for (;;) {
    auto [ec, n] = co_await stream.async_read_some(net::buffer(discarded), use_tuple);
    if (ec) co_return;
  }
}

net::awaitable<void> close_gracefully(beast::ssl_stream<beast::tcp_stream>& stream)
{
  beast::get_lowest_layer(stream).expires_after(linger_timeout);
  co_await stream.async_shutdown(use_tuple);  // the client may just close: nothing to do about it
}

}  // namespace pedalpower::http
