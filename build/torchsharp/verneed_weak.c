/*
 * Marks one version requirement (an entry of .gnu.version_r) of an ELF64 shared object weak, so that
 * the dynamic loader accepts a libstdc++ that does not define that version. With the symbol's own
 * version cleared too (patchelf --clear-symbol-version), nothing binds to the missing version.
 *
 * usage: verneed_weak FILE VERSION     exit 0 when marked (or already weak), 1 when absent, 2 on error.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *file, const char *what)
{
    fprintf(stderr, "verneed_weak: %s: %s\n", file, what);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc != 3)
    {
        fprintf(stderr, "usage: verneed_weak FILE VERSION\n");
        return 2;
    }
    const char *file = argv[1];
    const char *version = argv[2];

    int fd = open(file, O_RDWR);
    if (fd < 0) return fail(file, "cannot open for writing");
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(Elf64_Ehdr)) return fail(file, "too small to be ELF");
    unsigned char *base = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) return fail(file, "cannot map");
    size_t size = (size_t)st.st_size;

    Elf64_Ehdr *eh = (Elf64_Ehdr *)base;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64)
        return fail(file, "not a 64-bit ELF file");
    if (eh->e_shoff == 0 || eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > size)
        return fail(file, "section headers out of range");

    Elf64_Shdr *sh = (Elf64_Shdr *)(base + eh->e_shoff);
    int result = 1;
    for (int i = 0; i < eh->e_shnum; i++)
    {
        if (sh[i].sh_type != SHT_GNU_verneed) continue;
        if (sh[i].sh_link >= eh->e_shnum) return fail(file, "verneed string table index out of range");
        const Elf64_Shdr *strtab = &sh[sh[i].sh_link];
        const char *strings = (const char *)(base + strtab->sh_offset);

        size_t need_off = sh[i].sh_offset;
        for (unsigned n = 0; n < sh[i].sh_info; n++)
        {
            if (need_off + sizeof(Elf64_Verneed) > size) return fail(file, "verneed entry out of range");
            Elf64_Verneed *need = (Elf64_Verneed *)(base + need_off);
            size_t aux_off = need_off + need->vn_aux;
            for (unsigned a = 0; a < need->vn_cnt; a++)
            {
                if (aux_off + sizeof(Elf64_Vernaux) > size) return fail(file, "vernaux entry out of range");
                Elf64_Vernaux *aux = (Elf64_Vernaux *)(base + aux_off);
                if (aux->vna_name < strtab->sh_size && strcmp(strings + aux->vna_name, version) == 0)
                {
                    aux->vna_flags |= VER_FLG_WEAK;
                    result = 0;
                }
                if (aux->vna_next == 0) break;
                aux_off += aux->vna_next;
            }
            if (need->vn_next == 0) break;
            need_off += need->vn_next;
        }
    }
    if (msync(base, size, MS_SYNC) != 0) return fail(file, "cannot write back");
    munmap(base, size);
    close(fd);
    if (result == 1) fprintf(stderr, "verneed_weak: %s: no requirement named %s\n", file, version);
    return result;
}
