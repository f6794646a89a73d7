#include "pedalpower/db/statement.hpp"
#include "pedalpower/domain/listing.hpp"

namespace pedalpower::domain {

list_cursor::~list_cursor()
{
  if (rows_) rows_->reset();
}

void list_cursor::pause_after(int size) noexcept { rows_->pause_after(size); }

void list_cursor::batch_read()
{
  if (!rows_ || rows_->paused()) return;
  finished_ = true;
  rows_->reset();
  rows_ = nullptr;
}

}  // namespace pedalpower::domain
