// The one error a scan throws: what tools catch, and what every backend may throw without
// knowing the scanner that chose it.
#pragma once

#include <stdexcept>

namespace procscan {

// The run cannot go on: /proc is not mounted, or a backend the caller insisted on is
// unavailable. Tools turn it into the reference tool's message and exit status.
class FatalScanError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace procscan
