#include "io_pool.hpp"

#include <stdexcept>
#include <thread>

namespace pedalpower::http {

io_pool::io_pool(int threads)
{
  if (threads < 1) throw std::invalid_argument("a server needs at least one io thread");
  for (int i = 0; i < threads; ++i) {
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    keep_waiting_.emplace_back(contexts_.back()->get_executor());
  }
}

boost::asio::io_context& io_pool::next() noexcept
{
  auto& chosen = *contexts_[turn_];
  turn_ = (turn_ + 1) % contexts_.size();
  return chosen;
}

void io_pool::run(const std::function<void(boost::asio::io_context&)>& run_one)
{
  std::vector<std::jthread> helpers;
  for (std::size_t i = 1; i < contexts_.size(); ++i) {
    helpers.emplace_back([&run_one, &context = *contexts_[i]] { run_one(context); });
  }
  run_one(first());
}

void io_pool::stop() noexcept
{
  for (auto& context : contexts_) context->stop();
}

}  // namespace pedalpower::http
