// The floor under reading a position batch: nlohmann::json parses a body the batch benchmark sent
// into a document and every position's fields are read out, over and over from one thread, with
// no HTTP, no validation and no storage.
//
// Usage: bare_json_parse BODY_FILE MAX_SECONDS
// Prints positions read per second.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

// Where the values read go, so the compiler cannot skip reading them.
volatile double sink = 0.0;

/// Parses a batch and reads the fields position_batch reads from each item; returns the item count.
std::size_t read_positions(const std::string& body)
{
  const auto batch = nlohmann::json::parse(body);
  double total = static_cast<double>(batch.at("device_id").get_ref<const std::string&>().size());
  const auto& positions = batch.at("positions");
  for (const auto& item : positions) {
    total += item.at("time").get<double>() + item.at("lat").get<double>() + item.at("lon").get<double>();
    for (const char* optional : {"accuracy", "speed", "battery"}) {
      if (const auto found = item.find(optional); found != item.end()) total += found->get<double>();
    }
  }
  sink = total;
  return positions.size();
}

}  // namespace

int main(int argc, char** argv)
{
  const int max_seconds = argc == 3 ? std::atoi(argv[2]) : 0;
  std::ifstream file(argc == 3 ? argv[1] : "");
  if (argc != 3 || max_seconds < 1 || !file) {
    std::cerr << "Usage: " << argv[0] << " BODY_FILE MAX_SECONDS\n";
    return 2;
  }
  std::ostringstream text;
  text << file.rdbuf();
  const auto body = text.str();

  using clock = std::chrono::steady_clock;
  const auto started = clock::now();
  const auto limit = started + std::chrono::seconds(max_seconds);
  std::size_t positions = 0;
  auto now = started;
  try {
    do {
      positions += read_positions(body);
      now = clock::now();
    } while (now < limit);
  } catch (const nlohmann::json::exception& broken) {
    std::cerr << argv[1] << ": not a position batch: " << broken.what() << "\n";
    return 1;
  }
  const auto seconds = std::chrono::duration<double>(now - started).count();
  std::printf("bare JSON parse of a %zu-byte batch: %zu positions in %.2f s, rate=%.1f\n", body.size(), positions,
              seconds, static_cast<double>(positions) / seconds);
  return 0;
}
