/* bcryptprimitives.dll for the Wine test prefix only (tests/windows/run-cli.sh).
 *
 * Rust's standard library (1.78 and later) takes its random bytes, for the
 * hash maps' keys, from ProcessPrng in bcryptprimitives.dll, which Windows 10
 * and 11 have and Wine 8 does not, so under Wine 8 lectern.exe would not load.
 * This DLL exports ProcessPrng and fills the buffer from RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has. It never ships: the zip and
 * the installer hold only what Windows runs as it is. */
#include <windows.h>

/* RtlGenRandom; ntsecapi.h names it through a macro, so it is declared here. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length: fill large buffers in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}
