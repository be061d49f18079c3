// The refresh engine apart from the keyboard, so that keys are answered while a scan runs:
// the key loop asks for a refresh, goes on reading keys, and learns from a descriptor that
// the refresh is done. One refresh at a time; the Refresh it made is the caller's to read
// until the next one is asked for. The scans run on the process's main thread (run()),
// the keys on another: a task's state is its leader's, and top, which scans on its only
// thread, counts itself running; so does tdtop.
#pragma once

#include <condition_variable>
#include <exception>
#include <mutex>

#include "procscan/refresh.h"

namespace td::top {

class ScanWorker {
 public:
  explicit ScanWorker(procscan::Refresher& refresher);
  ~ScanWorker();
  // Scans whenever asked, until stop(); on the main thread.
  void run();
  void stop();
  ScanWorker(const ScanWorker&) = delete;
  ScanWorker& operator=(const ScanWorker&) = delete;

  // Starts a refresh; `primed` makes it two, top's 0.15 s apart (the first after threads
  // were turned on or off only primes the CPU figures). Only when !busy().
  void start(bool primed);
  bool busy() const { return busy_; }
  // Readable when a refresh is done.
  int done_fd() const { return done_fd_; }
  // After done_fd() became readable: the refresh (rethrows what the scan threw).
  const procscan::Refresh& finish();

 private:
  procscan::Refresher& refresher_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool asked_ = false, primed_ = false, stopping_ = false;
  bool busy_ = false;  // the loop's own view: asked and not yet finished
  const procscan::Refresh* result_ = nullptr;
  std::exception_ptr error_;
  int done_fd_ = -1;
};

}  // namespace td::top
