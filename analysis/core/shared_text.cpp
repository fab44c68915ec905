// SharedText: the header and the text in one allocation, freed with the last copy.
#include "analysis/core/shared_text.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

namespace cdls {

SharedText::SharedText(std::string_view text) {
    if (text.empty()) return;
    void* memory = std::malloc(sizeof(Block) + text.size());
    if (!memory) throw std::bad_alloc();
    block_ = new (memory) Block{{1}, {0}, text.size()};
    std::memcpy(reinterpret_cast<char*>(block_ + 1), text.data(), text.size());
}

std::uint8_t SharedText::classify() const noexcept {
    bool printable = true, ascii = true;
    for (char c : view()) {
        printable &= c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
        ascii &= static_cast<unsigned char>(c) < 0x80;
    }
    auto bits = static_cast<std::uint8_t>(kKnown | (printable ? kPrintable : 0) | (ascii ? kAscii : 0));
    block_->kind.store(bits, std::memory_order_relaxed);
    return bits;
}

void SharedText::release() noexcept {
    if (!block_) return;
    if (block_->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        block_->~Block();
        std::free(block_);
    }
    block_ = nullptr;
}

} // namespace cdls
