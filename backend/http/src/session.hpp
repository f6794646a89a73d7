#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "connection_registry.hpp"
#include "pedalpower/http/server.hpp"

namespace pedalpower::http {

/// What every connection of one server shares; outlives all of them.
struct session_context {
  const server_options& options;
  const dispatcher& dispatch;
  logger& log;
  boost::asio::ssl::context* tls;  ///< null: plain HTTP only
};

/// Serves one accepted connection (TLS or plain, detected from its first bytes) until the client
/// closes it, a limit or timeout drops it, or the server stops.
boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket, connection_registry::lease lease,
                                              const session_context& context);

}  // namespace pedalpower::http
