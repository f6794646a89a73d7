#include "track_smoother.hpp"

#include <algorithm>
#include <chrono>

#include "flat_metric.hpp"

namespace pedalpower::telematics::detail {

namespace {

/// Before the second fix nothing is known of the velocity: (20 m/s)² admits anything a bike,
/// car or train does.
constexpr double unknown_velocity_variance = 400.0;

double seconds_between(const track_point& a, const track_point& b) noexcept
{
  return std::chrono::duration<double>(b.time - a.time).count();
}

/// The covariance of one axis after `dt` seconds of white-noise acceleration of density `q`.
struct covariance {
  double pp;
  double pv;
  double vv;
};

covariance predict(double pp, double pv, double vv, double dt, double q) noexcept
{
  return {pp + 2.0 * dt * pv + dt * dt * vv + q * dt * dt * dt / 3.0, pv + dt * vv + q * dt * dt / 2.0, vv + q * dt};
}

}  // namespace

track_smoother::track_smoother(const smoothing_options& options) : options_(options)
{
  // One more than a block and its overlap: a new run's first fix joins the buffer while the
  // previous run's fixes are still being handed out.
  buffer_.reserve(block + overlap + 1);
}

std::span<const track_smoother::entry> track_smoother::push(const track_point& fix, std::size_t index)
{
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(released_));
  released_ = 0;
  if (!options_.enabled) {
    buffer_.push_back({{fix, index}});
    return release(1);
  }
  if (buffer_.empty()) {
    start_run(fix, index);
    return {};
  }
  // Across a break in the record, or where a time is only the time of arrival, nothing is known
  // of the velocity between the fixes: each side is smoothed on its own.
  const auto& last = buffer_.back().out.fix;
  if (fix.time - last.time > options_.restart_after || fix.follows_break || fix.time_estimated || last.time_estimated) {
    smooth_buffer();
    const auto done = release(buffer_.size());
    start_run(fix, index);
    return done;
  }
  filter(fix, index);
  if (buffer_.size() < block + overlap) return {};
  smooth_buffer();
  return release(block);
}

std::span<const track_smoother::entry> track_smoother::finish()
{
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(released_));
  if (options_.enabled) smooth_buffer();
  return release(buffer_.size());
}

void track_smoother::start_run(const track_point& fix, std::size_t index)
{
  lat0_ = fix.lat;
  lon0_ = fix.lon;
  east_ = metres_per_degree_east(lat0_);
  buffer_.push_back({{fix, index}, 0.0, 0.0, 0.0, 0.0, measurement_variance(fix), 0.0, unknown_velocity_variance});
}

void track_smoother::filter(const track_point& fix, std::size_t index)
{
  const auto& prior = buffer_.back();
  const double dt = seconds_between(prior.out.fix, fix);
  const auto p = predict(prior.pp, prior.pv, prior.vv, dt, process_noise(prior));
  const double r = measurement_variance(fix);
  const double inverse_s = 1.0 / (p.pp + r);
  const double gain_p = p.pp * inverse_s;
  const double gain_v = p.pv * inverse_s;
  const double x = prior.x + dt * prior.vx;
  const double y = prior.y + dt * prior.vy;
  const double innovation_x = (fix.lon - lon0_) * east_ - x;
  const double innovation_y = (fix.lat - lat0_) * metres_per_degree - y;
  buffer_.push_back({{fix, index}, x + gain_p * innovation_x, prior.vx + gain_v * innovation_x, y + gain_p * innovation_y,
                     prior.vy + gain_v * innovation_y, (1.0 - gain_p) * p.pp, (1.0 - gain_p) * p.pv,
                     p.vv - gain_v * p.pv});
}

void track_smoother::smooth_buffer()
{
  if (buffer_.empty()) return;
  // Rauch–Tung–Striebel: pull each filtered state towards what the later fixes say.
  const auto& last = buffer_.back();
  double x = last.x;
  double vx = last.vx;
  double y = last.y;
  double vy = last.vy;
  const auto place = [&](entry& e) {
    e.out.fix.lat = lat0_ + y / metres_per_degree;
    e.out.fix.lon = lon0_ + x / east_;
  };
  place(buffer_.back());
  for (std::size_t k = buffer_.size() - 1; k-- > 0;) {
    auto& now = buffer_[k];
    const double dt = seconds_between(now.out.fix, buffer_[k + 1].out.fix);
    const auto p = predict(now.pp, now.pv, now.vv, dt, process_noise(now));
    const double det = p.pp * p.vv - p.pv * p.pv;
    double sx = now.x;
    double svx = now.vx;
    double sy = now.y;
    double svy = now.vy;
    if (det > 0.0) {
      // gain = P·Fᵀ·(predicted P)⁻¹, with F the constant-velocity transition over dt
      const double inverse_det = 1.0 / det;
      const double a = now.pp + dt * now.pv;
      const double b = now.pv;
      const double c = now.pv + dt * now.vv;
      const double d = now.vv;
      const double g_pp = (a * p.vv - b * p.pv) * inverse_det;
      const double g_pv = (b * p.pp - a * p.pv) * inverse_det;
      const double g_vp = (c * p.vv - d * p.pv) * inverse_det;
      const double g_vv = (d * p.pp - c * p.pv) * inverse_det;
      const double dx = x - (now.x + dt * now.vx);
      const double dvx = vx - now.vx;
      const double dy = y - (now.y + dt * now.vy);
      const double dvy = vy - now.vy;
      sx += g_pp * dx + g_pv * dvx;
      svx += g_vp * dx + g_vv * dvx;
      sy += g_pp * dy + g_pv * dvy;
      svy += g_vp * dy + g_vv * dvy;
    }
    x = sx;
    vx = svx;
    y = sy;
    vy = svy;
    place(now);
  }
}

double track_smoother::process_noise(const entry& state) const noexcept
{
  // The allowance squared, compared squared to spare a square root per fix.
  const double per_speed = options_.acceleration_per_speed * options_.acceleration_per_speed;
  return std::max(per_speed * (state.vx * state.vx + state.vy * state.vy),
                  options_.min_acceleration * options_.min_acceleration);
}

double track_smoother::measurement_variance(const track_point& fix) const noexcept
{
  // A reported accuracy is a 68 % radius, about 1.5 per-axis standard deviations; below 1 m it is
  // optimism, not precision.
  const double sigma = fix.accuracy_m ? std::max(*fix.accuracy_m / 1.5, 1.0) : options_.default_sigma_m;
  return sigma * sigma;
}

std::span<const track_smoother::entry> track_smoother::release(std::size_t count)
{
  released_ = count;
  return {buffer_.data(), count};
}

}  // namespace pedalpower::telematics::detail
