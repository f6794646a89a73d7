#include "connection_control.hpp"

#include <boost/asio/post.hpp>

#include "pending_response.hpp"

namespace pedalpower::http {

void connection_control::close_when_idle()
{
  boost::asio::post(executor_, [self = shared_from_this()]() {
    self->closing_ = true;
    if (self->idle_) self->cancel_transport();
  });
}

void connection_control::abandon_pending()
{
  if (const auto pending = pending_.lock()) pending->abandon();
  pending_.reset();
}

void connection_control::cancel_transport() noexcept
{
  if (!transport_) return;
  boost::system::error_code ignored;
  transport_->socket().cancel(ignored);
}

}  // namespace pedalpower::http
