#pragma once

#include <string>
#include <string_view>

namespace pedalpower::exports {

/// Appends `text` as XML character data or an attribute value: & < > " escaped, bytes that are not
/// UTF-8 and characters XML 1.0 cannot hold (U+FFFE, U+FFFF) as U+FFFD, control characters other
/// than tab, line feed and carriage return left out.
void append_xml_escaped(std::string& out, std::string_view text);

/// Appends `text` as the content of an OpenDocument paragraph (text:p), escaped as above, with its
/// spacing kept as a reader would otherwise collapse it: runs of spaces as text:s, tabs as text:tab,
/// line ends (LF, CR LF or CR) as text:line-break.
void append_paragraph_text(std::string& out, std::string_view text);

}  // namespace pedalpower::exports
