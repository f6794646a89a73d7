// A position batch is read as a stream of JSON events rather than a document: a batch carries
// thousands of positions, and building a tree of them costs about twice as much as the reading.

#include <charconv>
#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/positions.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/timestamp.hpp"
#include "pedalpower/telematics/validation.hpp"

namespace pedalpower::domain {
namespace {

/// One JSON value that is not an object or an array.
struct scalar {
  enum class kind { null, boolean, number, text };
  kind type = kind::null;
  bool flag = false;
  double number = 0.0;
  std::string_view text;  ///< a string's content, or a number as written
};

/// One batch item as it is read.
struct item_reader {
  std::size_t index = 0;
  std::optional<std::string> device_id;
  telematics::position fix;
  bool has_time = false;
  bool has_lat = false;
  bool has_lon = false;
  std::optional<position_rejection> error;

  void fail(std::string field, std::string message)
  {
    if (!error) error = position_rejection{index, "invalid", std::move(field), std::move(message)};
  }

  std::optional<double> number(const std::string& field, const scalar& value)
  {
    if (value.type == scalar::kind::number) return value.number;
    if (value.type != scalar::kind::null) fail(field, field + " must be a number");
    return std::nullopt;
  }

  void set(const std::string& field, const scalar& value)
  {
    if (field == "device_id") {
      if (value.type == scalar::kind::text) {
        device_id = std::string(value.text);
      } else if (value.type != scalar::kind::null) {
        fail(field, "device_id must be a string");
      }
    } else if (field == "time") {
      set_time(value);
    } else if (field == "lat") {
      if (const auto lat = number(field, value)) {
        fix.lat = *lat;
        has_lat = true;
      }
    } else if (field == "lon") {
      if (const auto lon = number(field, value)) {
        fix.lon = *lon;
        has_lon = true;
      }
    } else if (field == "accuracy") {
      fix.accuracy_m = number(field, value);
    } else if (field == "speed") {
      fix.speed_mps = number(field, value);
    } else if (field == "odometer") {
      fix.odometer_m = number(field, value);
    } else if (field == "battery") {
      fix.battery = number(field, value);
    } else if (field == "valid") {
      if (value.type == scalar::kind::boolean) {
        fix.valid = value.flag;
      } else if (value.type != scalar::kind::null) {
        fail(field, "valid must be true or false");
      }
    }
  }

  void set_time(const scalar& value)
  {
    if (value.type == scalar::kind::null) return;
    if (value.type != scalar::kind::text && value.type != scalar::kind::number) {
      fail("time", "time must be an ISO 8601 string or epoch seconds or milliseconds");
      return;
    }
    try {
      fix.time = telematics::parse_timestamp(value.text, "time");
      has_time = true;
    } catch (const telematics::invalid_input& bad) {
      fail("time", bad.reason());
    }
  }

  /// The stored form, or the first reason the item cannot be stored.
  std::optional<stored_fix> finish(telematics::time_point now)
  {
    if (!has_time) fail("time", "time is required");
    if (!has_lat) fail("lat", "lat is required");
    if (!has_lon) fail("lon", "lon is required");
    if (error) return std::nullopt;
    try {
      telematics::validate_position(fix, now);
      return to_stored_fix(fix);
    } catch (const telematics::invalid_input& bad) {
      // The library names the time by its OsmAnd key; a batch calls it "time".
      fail(bad.field() == "timestamp" ? "time" : bad.field(), bad.reason());
      return std::nullopt;
    }
  }
};

class batch_reader final : public nlohmann::json_sax<nlohmann::json> {
public:
  explicit batch_reader(telematics::time_point now) : now_(now) {}

  bool null() override { return on_scalar({}); }
  bool boolean(bool value) override { return on_scalar({scalar::kind::boolean, value, 0.0, {}}); }
  bool number_integer(number_integer_t value) override { return on_integer(value); }
  bool number_unsigned(number_unsigned_t value) override { return on_integer(value); }
  bool number_float(number_float_t value, const string_t& written) override
  {
    return on_scalar({scalar::kind::number, false, value, written});
  }
  bool string(string_t& value) override { return on_scalar({scalar::kind::text, false, 0.0, value}); }
  bool binary(binary_t&) override { return on_scalar({}); }

  bool start_object(std::size_t) override
  {
    if (skipping_ > 0) {
      ++skipping_;
      return true;
    }
    if (level_ == level::document) {
      level_ = level::batch;
      return true;
    }
    if (level_ == level::positions) {
      if (!count_item()) return false;
      item_ = item_reader{};
      item_.index = items_ - 1;
      level_ = level::item;
      return true;
    }
    return begin_container();
  }

  bool end_object() override
  {
    if (skipping_ > 0) {
      --skipping_;
      return true;
    }
    if (level_ == level::item) {
      finish_item();
      level_ = level::positions;
    } else if (level_ == level::batch) {
      level_ = level::done;
    }
    return true;
  }

  bool start_array(std::size_t) override
  {
    if (skipping_ > 0) {
      ++skipping_;
      return true;
    }
    if (level_ == level::batch && key_ == "positions") {
      level_ = level::positions;
      saw_positions_ = true;
      return true;
    }
    if (level_ == level::positions && !count_item()) return false;
    return begin_container();
  }

  bool end_array() override
  {
    if (skipping_ > 0) {
      --skipping_;
    } else if (level_ == level::positions) {
      level_ = level::batch;
    }
    return true;
  }

  bool key(string_t& name) override
  {
    if (skipping_ == 0) key_ = name;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& failure) override
  {
    syntax_error_ = failure.what();
    return false;
  }

  /// What the events described, once sax_parse has finished.
  outcome<tracker_positions> result(bool parsed)
  {
    if (shape_problem_) return *shape_problem_;
    if (!parsed) throw malformed_batch(syntax_error_.empty() ? "the request body is not valid JSON" : syntax_error_);
    if (!saw_positions_) return invalid("positions", "positions is required: a list of positions");
    for (auto& [index, fix] : undirected_) {
      if (batch_device_) {
        positions_.add(*batch_device_, index, fix);
      } else {
        positions_.reject({index, "invalid", "device_id", "device_id is required, in the position or the batch"});
      }
    }
    return std::move(positions_);
  }

private:
  enum class level { document, batch, positions, item, done };

  /// A container where a scalar was expected, or one whose content is not read: it is skipped.
  bool begin_container()
  {
    if (level_ == level::document) return shape(invalid("body", "the body must be a JSON object"));
    if (level_ == level::batch && key_ == "positions") return shape(not_a_list());
    if (level_ == level::batch && key_ == "device_id") return shape(invalid("device_id", "device_id must be a string"));
    if (level_ == level::item && is_item_field(key_)) item_.fail(key_, key_ + " has the wrong type");
    if (level_ == level::positions) positions_.reject({items_ - 1, "invalid", "", "each position must be an object"});
    ++skipping_;
    return true;
  }

  bool on_integer(auto value)
  {
    const auto [end, ec] = std::to_chars(digits_, digits_ + sizeof digits_, value);
    return on_scalar({scalar::kind::number, false, static_cast<double>(value),
                      std::string_view(digits_, ec == std::errc{} ? static_cast<std::size_t>(end - digits_) : 0)});
  }

  bool on_scalar(const scalar& value)
  {
    if (skipping_ > 0) return true;
    switch (level_) {
      case level::document: return shape(invalid("body", "the body must be a JSON object"));
      case level::batch:
        if (key_ == "positions" && value.type != scalar::kind::null) return shape(not_a_list());
        if (key_ == "device_id") {
          if (value.type == scalar::kind::text) {
            batch_device_ = std::string(value.text);
          } else if (value.type != scalar::kind::null) {
            return shape(invalid("device_id", "device_id must be a string"));
          }
        }
        return true;
      case level::positions:
        if (!count_item()) return false;
        positions_.reject({items_ - 1, "invalid", "", "each position must be an object"});
        return true;
      case level::item: item_.set(key_, value); return true;
      case level::done: return true;
    }
    return true;
  }

  bool count_item()
  {
    if (++items_ <= max_batch_positions) return true;
    return shape(invalid("positions", "a batch holds at most " + std::to_string(max_batch_positions) +
                                          " positions; send the rest in another request"));
  }

  void finish_item()
  {
    const auto fix = item_.finish(now_);
    if (!fix) {
      positions_.reject(std::move(*item_.error));
    } else if (item_.device_id) {
      positions_.add(*item_.device_id, item_.index, *fix);
    } else {
      undirected_.emplace_back(item_.index, *fix);  // the batch's device_id may still follow
    }
  }

  static bool is_item_field(const std::string& name)
  {
    for (const char* field : {"device_id", "time", "lat", "lon", "accuracy", "speed", "odometer", "battery", "valid"}) {
      if (name == field) return true;
    }
    return false;
  }

  static problem not_a_list() { return invalid("positions", "positions must be a list of positions"); }

  bool shape(problem failure)
  {
    shape_problem_ = std::move(failure);
    return false;
  }

  telematics::time_point now_;
  level level_ = level::document;
  int skipping_ = 0;
  std::string key_;
  std::size_t items_ = 0;
  bool saw_positions_ = false;
  std::optional<std::string> batch_device_;
  item_reader item_;
  std::vector<std::pair<std::size_t, stored_fix>> undirected_;
  tracker_positions positions_;
  std::optional<problem> shape_problem_;
  std::string syntax_error_;
  char digits_[24] = {};
};

}  // namespace

outcome<tracker_positions> parse_position_batch(std::string_view body, telematics::time_point now)
{
  batch_reader reader(now);
  const bool parsed = nlohmann::json::sax_parse(body.begin(), body.end(), &reader);
  return reader.result(parsed);
}

}  // namespace pedalpower::domain
