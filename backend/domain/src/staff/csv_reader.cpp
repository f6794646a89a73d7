#include "pedalpower/domain/csv_reader.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view utf8_byte_order_mark = "\xEF\xBB\xBF";

/// Consumes a line end at `i` (CRLF counts as one) and returns true, or returns false if there is none.
bool take_line_end(std::string_view text, std::size_t& i)
{
  if (text[i] == '\n') {
    ++i;
    return true;
  }
  if (text[i] == '\r') {
    ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    return true;
  }
  return false;
}

bool is_blank(const csv_record& record) { return record.fields.size() == 1 && record.fields.front().empty(); }

}  // namespace

csv_document read_csv(std::string_view text)
{
  if (text.starts_with(utf8_byte_order_mark)) text.remove_prefix(utf8_byte_order_mark.size());
  csv_document document;
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    csv_record record{line, {std::string()}};
    bool record_ended = false;
    while (i < text.size() && !record_ended) {
      auto& field = record.fields.back();
      if (text[i] == '"' && field.empty()) {
        const int opened_on = line;
        ++i;
        bool closed = false;
        while (i < text.size() && !closed) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
            } else {
              closed = true;
              ++i;
            }
          } else if (take_line_end(text, i)) {
            field += '\n';
            ++line;
          } else {
            field += text[i++];
          }
        }
        if (!closed) {
          document.unterminated_quote_line = opened_on;
          return document;
        }
      } else if (text[i] == ',') {
        record.fields.emplace_back();
        ++i;
      } else if (take_line_end(text, i)) {
        ++line;
        record_ended = true;
      } else {
        field += text[i++];
      }
    }
    if (!is_blank(record)) document.records.push_back(std::move(record));
  }
  return document;
}

}  // namespace pedalpower::domain
