// A plain-text table with aligned columns for terminal output. Internal to the report module.
#pragma once

#include <string>
#include <vector>

namespace footfall::report_detail {

class TextTable {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string header;
    Align align = Align::kRight;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
  // A row with one cell per column (missing cells are blank, extra ones dropped).
  void add_row(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }
  // Header, a rule of dashes (both left out when with_header is false) and the rows, each line starting with indent
  // and ending in "\n"; columns two spaces apart, widths in UTF-8 code points.
  std::string render(const std::string& indent = "  ", bool with_header = true) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text in code points.
std::size_t text_width(const std::string& text);

}  // namespace footfall::report_detail
