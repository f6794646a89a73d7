#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pedalpower::telematics::detail {

/// One step through a document: an element opening, closing, or text between tags.
struct xml_event {
  enum class kind { start, end, text };
  kind type = kind::text;
  std::string_view name;  ///< local name, namespace prefix removed; empty for text
  std::string_view text;  ///< the raw text (entities left as written) or CDATA content
  std::size_t offset = 0;
};

/// A pull scanner for the plain XML that GPX files use: elements, attributes in either quote
/// style, text, CDATA, comments, processing instructions and a DOCTYPE without an internal subset.
/// It checks that tags nest and close, which is what catches a truncated or mangled file.
/// Entities are left undecoded: the values GPX needs (numbers and times) never contain them.
class xml_scanner {
public:
  explicit xml_scanner(std::string_view xml) : xml_(xml) {}

  /// The next event, or nullopt at the end of a well-formed document. A self-closing tag yields a
  /// start and then an end. Throws invalid_input (field "xml") with the line on malformed markup.
  std::optional<xml_event> next();

  /// An attribute of the element just started, by local name.
  std::optional<std::string_view> attribute(std::string_view local_name) const noexcept;

  /// The 1-based line holding `offset`, for messages. Counts on from the offset asked before, so
  /// asking in document order (a line for every trkpt) reads the document once, not once per ask.
  std::size_t line_of(std::size_t offset) const noexcept;

private:
  [[noreturn]] void fail(std::size_t offset, const std::string& why) const;
  void skip_past(std::string_view terminator, const char* unterminated);
  xml_event start_tag();
  xml_event end_tag();
  void read_attributes(std::size_t tag_offset);

  std::string_view xml_;
  std::size_t pos_ = 0;
  std::vector<std::string_view> open_;  ///< qualified names of the elements not yet closed
  std::vector<std::pair<std::string_view, std::string_view>> attributes_;
  bool close_pending_ = false;  ///< the last start tag was self-closing
  mutable std::size_t counted_to_ = 0;    ///< line_of has counted the line breaks before this offset
  mutable std::size_t counted_lines_ = 1;  ///< the line at counted_to_
  bool seen_root_ = false;
};

}  // namespace pedalpower::telematics::detail
