// SharedText: an immutable string whose copies share one buffer.
#pragma once

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace cdls {

// A diagnostic's message. The shared rules keep each shell body's findings and copy them into
// every analysis of the document, thousands per keystroke in a large file: a copy of a
// SharedText is a reference count, not an allocation and a copy of the text, and the memo and
// the result hold one buffer between them. Never changed once made (assign a new one instead).
class SharedText {
public:
    SharedText() noexcept = default;
    SharedText(std::string_view text);
    SharedText(const std::string& text) : SharedText(std::string_view(text)) {}
    SharedText(const char* text) : SharedText(std::string_view(text)) {}
    SharedText(const SharedText& other) noexcept : block_(other.block_) { retain(); }
    SharedText(SharedText&& other) noexcept : block_(other.block_) { other.block_ = nullptr; }
    SharedText& operator=(const SharedText& other) noexcept {
        if (block_ != other.block_) {
            release();
            block_ = other.block_;
            retain();
        }
        return *this;
    }
    SharedText& operator=(SharedText&& other) noexcept {
        if (this != &other) {
            release();
            block_ = other.block_;
            other.block_ = nullptr;
        }
        return *this;
    }
    ~SharedText() { release(); }

    std::string_view view() const noexcept {
        return block_ ? std::string_view(text_of(block_), block_->size) : std::string_view();
    }
    operator std::string_view() const noexcept { return view(); }
    std::string str() const { return std::string(view()); }
    const char* data() const noexcept { return view().data(); }
    std::size_t size() const noexcept { return block_ ? block_->size : 0; }
    // Every byte printable ASCII other than '"' and '\\' (so a JSON string of the text holds its
    // bytes as they are). Found at the first question and kept with the text (`cdls check`
    // never asks; the server asks once a message, not once a publish).
    bool printable() const noexcept { return (kind() & kPrintable) != 0; }
    // Every byte ASCII (below 0x80).
    bool ascii() const noexcept { return (kind() & kAscii) != 0; }
    bool empty() const noexcept { return size() == 0; }
    std::size_t find(std::string_view what, std::size_t from = 0) const noexcept { return view().find(what, from); }
    std::size_t rfind(std::string_view what, std::size_t from = std::string_view::npos) const noexcept {
        return view().rfind(what, from);
    }

    // Copies of one text compare equal without reading it.
    friend bool operator==(const SharedText& a, const SharedText& b) noexcept {
        return a.block_ == b.block_ || a.view() == b.view();
    }
    friend bool operator==(const SharedText& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const SharedText& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const SharedText& a, const char* b) noexcept { return a.view() == b; }
    friend std::strong_ordering operator<=>(const SharedText& a, const SharedText& b) noexcept {
        return a.view() <=> b.view();
    }
    friend std::string operator+(std::string a, const SharedText& b) { return a.append(b.view()); }
    friend std::string operator+(const SharedText& a, std::string_view b) { return a.str().append(b); }
    friend std::ostream& operator<<(std::ostream& out, const SharedText& text) { return out << text.view(); }

private:
    struct Block {
        std::atomic<std::uint32_t> references;
        // kKnown | kPrintable | kAscii once asked (0 before); copies on other threads may ask
        // at once: each finds the same bits.
        mutable std::atomic<std::uint8_t> kind;
        std::size_t size;
    };
    static constexpr std::uint8_t kKnown = 1, kPrintable = 2, kAscii = 4;
    std::uint8_t kind() const noexcept {
        if (!block_) return kKnown | kPrintable | kAscii;
        std::uint8_t bits = block_->kind.load(std::memory_order_relaxed);
        return bits ? bits : classify();
    }
    std::uint8_t classify() const noexcept;
    static const char* text_of(const Block* block) noexcept { return reinterpret_cast<const char*>(block + 1); }
    void retain() noexcept {
        if (block_) block_->references.fetch_add(1, std::memory_order_relaxed);
    }
    void release() noexcept;

    Block* block_ = nullptr; // nullptr for the empty text
};

} // namespace cdls
