#include "pending_response.hpp"

#include <utility>

#include <boost/asio/post.hpp>

namespace pedalpower::http {

pending_response::pending_response(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

pending_response::~pending_response()
{
  if (!answered_) answer(api::error_response(problem_kind::internal, "internal_error", "the request was not answered"));
}

void pending_response::answer(api::response answer)
{
  const std::lock_guard lock(mutex_);
  if (answered_) return;
  answered_ = true;
  if (resume_) {
    post_resume(std::move(answer));
  } else {
    early_answer_ = std::move(answer);
  }
}

std::optional<api::response> pending_response::take_early_answer()
{
  const std::lock_guard lock(mutex_);
  return std::exchange(early_answer_, std::nullopt);
}

void pending_response::wait(handler resume)
{
  const std::lock_guard lock(mutex_);
  resume_.swap(resume);  // Boost 1.81's move assignment of any_completion_handler recurses forever
  if (early_answer_) {
    auto answer = std::move(*early_answer_);
    early_answer_.reset();
    post_resume(std::move(answer));
  } else {
    keep_running_.emplace(executor_);
  }
}

void pending_response::post_resume(api::response answer)
{
  handler resume;
  resume.swap(resume_);
  boost::asio::post(executor_, [resume = std::move(resume), answer = std::move(answer)]() mutable {
    std::move(resume)(std::move(answer));
  });
  keep_running_.reset();
}

void pending_response::abandon()
{
  handler dropped;
  const std::lock_guard lock(mutex_);
  answered_ = true;
  dropped.swap(resume_);
  keep_running_.reset();
}

}  // namespace pedalpower::http
