#include "pending_response.hpp"

#include <boost/asio/post.hpp>

namespace pedalpower::http {

pending_response::pending_response(handler resume, boost::asio::any_io_executor strand)
    : resume_(std::move(resume)), strand_(std::move(strand)), keep_running_(strand_)
{
}

pending_response::~pending_response()
{
  if (resume_) answer(api::error_response(500, "internal_error", "the request was not answered"));
}

void pending_response::answer(api::response answer)
{
  const std::lock_guard lock(mutex_);
  if (!resume_) return;
  boost::asio::post(strand_, [resume = std::move(resume_), answer = std::move(answer)]() mutable {
    std::move(resume)(std::move(answer));
  });
  keep_running_.reset();
}

void pending_response::abandon()
{
  handler dropped;
  {
    const std::lock_guard lock(mutex_);
    dropped.swap(resume_);  // Boost 1.81's move assignment of any_completion_handler recurses forever
    keep_running_.reset();
  }
}

}  // namespace pedalpower::http
