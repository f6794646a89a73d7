#include "track_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "pedalpower/telematics/csv_track.hpp"
#include "pedalpower/telematics/gpx.hpp"

namespace pedalpower::telematics::cli {

namespace {

bool ends_with_ignoring_case(const std::string& text, std::string_view suffix)
{
  if (text.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    const char c = text[text.size() - suffix.size() + i];
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != suffix[i]) return false;
  }
  return true;
}

}  // namespace

std::string read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read '" + path + "'");
  return text.str();
}

std::vector<position> read_track_file(const std::string& path)
{
  const auto text = read_file(path);
  if (ends_with_ignoring_case(path, ".gpx")) return parse_gpx(text);
  if (ends_with_ignoring_case(path, ".csv")) return parse_csv_track(text);
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string::npos && text[first] == '<' ? parse_gpx(text) : parse_csv_track(text);
}

}  // namespace pedalpower::telematics::cli
