#pragma once

#include <boost/asio/awaitable.hpp>

#include "connection_control.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"
#include "session.hpp"

namespace pedalpower::http {

/// Hands `request` to the dispatcher and suspends the connection until the responder is called,
/// from any thread. A dispatcher that throws gets a 500.
boost::asio::awaitable<api::response> dispatch_request(api::request request, connection_control& control,
                                                       const session_context& context);

}  // namespace pedalpower::http
