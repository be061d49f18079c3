// The scanner's two questions about the BPF fast path, for builds without BPF support
// (meson -Dbpf=disabled, or no clang, bpftool, libbpf or kernel BTF at build time).
#include "bpf/bpf_transport.h"

namespace procscan::bpf {

std::unique_ptr<taskdiag::Transport> open_transport(std::string& why) {
  why = "this build has no BPF support";
  return nullptr;
}

std::unique_ptr<taskdiag::Transport> open_side_transport(std::string& why) {
  why = "this build has no BPF support";
  return nullptr;
}

bool pays_off(std::string& why) {
  why = "this build has no BPF support";
  return false;
}

bool files_pay_off(std::string& why) {
  why = "this build has no BPF support";
  return false;
}

std::uint64_t offered_attributes() {
  return 0;
}

}  // namespace procscan::bpf
