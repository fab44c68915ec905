// The cdls executable: the language server over stdio, and `cdls check` for CI.
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("cdls %s\n", "0.1.0");
        return 0;
    }
    std::fprintf(stderr, "cdls: the server is not built yet in this tree\n");
    return 2;
}
