// Provides the one libstdc++ symbol that TorchSharp's native library wants from GLIBCXX_3.4.32
// (GCC 13+). Older libstdc++ builds (Debian 12: GCC 12) lack it. GCC 13 uses this function to make
// sure the standard streams are constructed before use; a function-local static Init does the same.
#include <ios>

namespace std
{
    __attribute__((visibility("default"))) void ios_base_library_init()
    {
        static ios_base::Init init;
    }
}
