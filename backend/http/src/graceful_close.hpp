#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace pedalpower::http {

/// Ends a connection after a final response so the client can read it: half-closes, then discards
/// what the client still sends for a short while (closing with unread bytes would reset the
/// connection and could destroy the response in flight).
boost::asio::awaitable<void> close_gracefully(boost::beast::tcp_stream& stream);

/// Ends a TLS connection with close_notify, waiting a short while for the client's.
boost::asio::awaitable<void> close_gracefully(boost::beast::ssl_stream<boost::beast::tcp_stream>& stream);

}  // namespace pedalpower::http
