#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "connection_control.hpp"
#include "request_steps.hpp"
#include "session.hpp"

namespace pedalpower::http {

/// Serves the requests of one connection over `stream` until the client closes it, a limit or
/// timeout drops it, or the server stops. Instantiated for the plain and the TLS stream, each in a
/// file of its own (serve_plain_requests.cpp, serve_tls_requests.cpp) so the two heavy coroutine
/// instantiations compile in parallel.
template <typename Stream>
boost::asio::awaitable<void> serve_requests(Stream& stream, boost::beast::flat_buffer& buffer,
                                            connection_control& control, const connection_facts& facts,
                                            const session_context& context);

}  // namespace pedalpower::http
