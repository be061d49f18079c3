#include "option_reader.h"

namespace tdlsof {

OptionReader::OptionReader(std::vector<std::string> args, std::string letters)
    : args_(std::move(args)), letters_(std::move(letters)) {}

OptionReader::Step OptionReader::next() {
  Step step;
  if (at_ == 0) {
    if (word_ >= args_.size()) return step;
    const std::string& word = args_[word_];
    if ((word[0] != '-' && word[0] != '+') || word.size() < 2) return step;
    if (word == "--" || word == "++") {
      ++word_;
      return step;
    }
    prefix_ = word[0];
    at_ = 1;
  }
  const std::string& word = args_[word_];
  const char letter = word[at_];
  step.letter = letter;
  step.prefix = prefix_;
  const std::size_t rule = letter == ':' ? std::string::npos : letters_.find(letter);
  if (letter == ':' || rule == std::string::npos) {
    step.kind = letter == ':' ? Kind::Colon : Kind::Unknown;
    if (++at_ >= word.size()) {
      ++word_;
      at_ = 0;
    }
    return step;
  }
  step.kind = Kind::Option;
  if (rule + 1 < letters_.size() && letters_[rule + 1] == ':') {
    if (at_ + 1 < word.size()) {
      back_word_ = word_;
      back_at_ = ++at_;
      step.has_value = true;
      step.value = std::string_view(args_[word_]).substr(at_);
      ++word_;
    } else if (++word_ < args_.size()) {
      back_word_ = word_;
      back_at_ = 0;
      if (args_[word_] != "--") {
        step.has_value = true;
        step.value = args_[word_];
        ++word_;
      }
    }
    at_ = 0;
  } else if (++at_ >= word.size()) {
    at_ = 0;
    ++word_;
  }
  return step;
}

void OptionReader::give_back(std::size_t skip) {
  word_ = back_word_;
  at_ = back_at_ + skip;
  // A value that was a whole word is read again as a word of its own.
  if (at_ == 0) return;
  if (at_ >= args_[word_].size()) {
    ++word_;
    at_ = 0;
  }
}

std::vector<std::string> OptionReader::operands() const {
  return {args_.begin() + static_cast<std::ptrdiff_t>(std::min(word_, args_.size())), args_.end()};
}

}  // namespace tdlsof
