// Built without liburing: every file is opened the plain way.
#include "procfs/open_batch.h"

namespace procscan::procfs {

std::unique_ptr<OpenBatch> OpenBatch::create() {
  return nullptr;
}

}  // namespace procscan::procfs
