package org.queueanalytics.common.record;

/**
 * Whether bytes are well-formed UTF-8 (RFC 3629): shortest forms only, no surrogates
 * (U+D800–U+DFFF), nothing above U+10FFFF, no sequence cut short. That is the only input on
 * which every decoder agrees, so {@link JsonCursor} decodes a string itself only when it passes
 * and leaves anything else to databind.
 */
final class Utf8Validator {
    private Utf8Validator() {
    }

    /** Whether {@code b[from, to)} is well-formed UTF-8. */
    static boolean isWellFormed(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false; // a continuation byte first, C0/C1 (always overlong) or F5–FF
            }
            if (i + need >= to) {
                return false; // truncated sequence
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false; // overlong, beyond Unicode, or a surrogate
            }
            i += need + 1;
        }
        return true;
    }
}
