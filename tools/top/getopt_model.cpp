#include "getopt_model.h"

namespace td::top {

GetoptModel::GetoptModel(std::vector<std::string> args, std::string_view short_options,
                         std::span<const LongOption> long_options,
                         std::span<const LongOption> exact_options)
    : args_(std::move(args)),
      short_options_(short_options),
      long_options_(long_options),
      exact_options_(exact_options) {
  if (args_.empty()) args_.emplace_back("top");
}

GetoptEvent GetoptModel::error(std::string message) {
  GetoptEvent event;
  event.kind = GetoptEvent::Error;
  event.code = '?';
  event.message = args_[0] + ": " + message + "\n";
  return event;
}

Argument GetoptModel::short_argument(char c) const {
  const std::size_t at = short_options_.find(c);
  if (c == ':' || at == std::string::npos) return Argument::None;
  if (at + 1 < short_options_.size() && short_options_[at + 1] == ':')
    return at + 2 < short_options_.size() && short_options_[at + 2] == ':' ? Argument::Optional
                                                                           : Argument::Required;
  return Argument::None;
}

GetoptEvent GetoptModel::next() {
  if (cluster_ != 0) return next_in_cluster();
  while (index_ < args_.size()) {
    const std::string& word = args_[index_];
    if (word == "--") {
      ++index_;
      for (; index_ < args_.size(); ++index_)
        leftovers_.push_back(args_[index_]);
      break;
    }
    if (word.size() < 2 || word[0] != '-') {
      leftovers_.push_back(word);
      ++index_;
      continue;
    }
    if (word[1] == '-') return long_option(word);
    cluster_ = 1;
    return next_in_cluster();
  }
  GetoptEvent end;
  if (!leftovers_.empty()) end.leftover = leftovers_.front();
  return end;
}

GetoptEvent GetoptModel::next_in_cluster() {
  const std::string& word = args_[index_];
  const char c = word[cluster_++];
  const bool last = cluster_ >= word.size();
  auto finish_word = [&] {
    cluster_ = 0;
    ++index_;
  };
  if (c == ':' || short_options_.find(c) == std::string::npos) {
    if (last) finish_word();
    return error(std::string("invalid option -- '") + c + "'");
  }
  GetoptEvent event;
  event.kind = GetoptEvent::Option;
  event.code = static_cast<unsigned char>(c);
  switch (short_argument(c)) {
    case Argument::None:
      if (last) finish_word();
      break;
    case Argument::Optional:
      if (!last) event.argument = word.substr(cluster_);
      finish_word();
      break;
    case Argument::Required:
      if (!last) {
        event.argument = word.substr(cluster_);
        finish_word();
      } else {
        finish_word();
        if (index_ >= args_.size())
          return error(std::string("option requires an argument -- '") + c + "'");
        event.argument = args_[index_++];
      }
      break;
  }
  return event;
}

GetoptEvent GetoptModel::long_option(const std::string& word) {
  const std::string_view rest = std::string_view(word).substr(2);
  const std::size_t equals = rest.find('=');
  const std::string_view name = rest.substr(0, equals);
  ++index_;

  const LongOption* found = nullptr;
  for (const LongOption& option : exact_options_)
    if (option.name == name) found = &option;
  if (!found) {
    for (const LongOption& option : long_options_)
      if (option.name == name) found = &option;
  }
  if (!found) {
    std::vector<const LongOption*> candidates;
    for (const LongOption& option : long_options_)
      if (option.name.substr(0, name.size()) == name) candidates.push_back(&option);
    // Prefixes of several entries that mean the same thing are no ambiguity (glibc).
    bool ambiguous = false;
    for (const LongOption* option : candidates)
      if (option->code != candidates.front()->code ||
          option->argument != candidates.front()->argument)
        ambiguous = true;
    if (ambiguous) {
      std::string message = "option '--" + std::string(rest) + "' is ambiguous; possibilities:";
      for (const LongOption* option : candidates)
        message += " '--" + std::string(option->name) + "'";
      return error(message);
    }
    if (candidates.empty()) return error("unrecognized option '--" + std::string(rest) + "'");
    found = candidates.front();
  }

  GetoptEvent event;
  event.kind = GetoptEvent::Option;
  event.code = found->code;
  if (equals != std::string_view::npos) {
    if (found->argument == Argument::None)
      return error("option '--" + std::string(found->name) + "' doesn't allow an argument");
    event.argument = std::string(rest.substr(equals + 1));
  } else if (found->argument == Argument::Required) {
    if (index_ >= args_.size())
      return error("option '--" + std::string(found->name) + "' requires an argument");
    event.argument = args_[index_++];
  }
  return event;
}

std::optional<std::string> GetoptModel::take_next_word() {
  if (index_ < args_.size() && (args_[index_].empty() || args_[index_][0] != '-'))
    return args_[index_++];
  return std::nullopt;
}

std::optional<std::string> GetoptModel::take_word() {
  if (index_ < args_.size()) return args_[index_++];
  return std::nullopt;
}

}  // namespace td::top
