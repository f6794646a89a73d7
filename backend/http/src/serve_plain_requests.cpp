#include <boost/beast/core/tcp_stream.hpp>

#include "serve_requests_template.hpp"

namespace pedalpower::http {

template boost::asio::awaitable<void> serve_requests(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                                     connection_control& control, const connection_facts& facts,
                                                     const session_context& context);

}  // namespace pedalpower::http
