#include "scan_worker.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace td::top {

namespace {

constexpr useconds_t kPrimingMicroseconds = 150000;  // LIB_USLEEP

}  // namespace

ScanWorker::ScanWorker(procscan::Refresher& refresher)
    : refresher_(refresher), done_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

ScanWorker::~ScanWorker() {
  if (done_fd_ >= 0) ::close(done_fd_);
}

void ScanWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
}

void ScanWorker::start(bool primed) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    asked_ = true;
    primed_ = primed;
  }
  busy_ = true;
  wake_.notify_one();
}

const procscan::Refresh& ScanWorker::finish() {
  std::uint64_t count = 0;
  while (::read(done_fd_, &count, sizeof count) < 0) {
  }
  std::lock_guard<std::mutex> lock(mutex_);
  busy_ = false;
  if (error_) std::rethrow_exception(error_);
  return *result_;
}

void ScanWorker::run() {
  for (;;) {
    bool primed = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return asked_ || stopping_; });
      if (stopping_) return;
      asked_ = false;
      primed = primed_;
    }
    const procscan::Refresh* result = nullptr;
    std::exception_ptr error;
    try {
      if (primed) {
        refresher_.refresh();
        ::usleep(kPrimingMicroseconds);
      }
      result = &refresher_.refresh();
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      result_ = result;
      error_ = error;
    }
    const std::uint64_t one = 1;
    const ssize_t n = ::write(done_fd_, &one, sizeof one);
    (void)n;
  }
}

}  // namespace td::top
