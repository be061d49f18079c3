// Which source serves a query: the choice tools take as --backend= and PROCSCAN_BACKEND,
// shared by the task Scanner (scanner.h) and the open-files query (open_files.h).
#pragma once

#include <string_view>

namespace procscan {

enum class BackendChoice { Auto, TaskDiag, Bpf, Procfs };

// Parses "auto", "taskdiag", "bpf", "procfs"; false for anything else.
bool parse_backend_choice(std::string_view text, BackendChoice& out);

}  // namespace procscan
