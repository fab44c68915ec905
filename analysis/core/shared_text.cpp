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
    bool printable = true, ascii = true;
    for (char c : text) {
        printable &= c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
        ascii &= static_cast<unsigned char>(c) < 0x80;
    }
    block_ = new (memory) Block{{1}, printable, ascii, text.size()};
    std::memcpy(reinterpret_cast<char*>(block_ + 1), text.data(), text.size());
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
