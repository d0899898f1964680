package org.queueanalytics.consumer.clickhouse.compression;

import java.util.HexFormat;

final class Hex {
    private Hex() {
    }

    static byte[] decode(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String encode(byte[] bytes, int off, int len) {
        return HexFormat.of().formatHex(bytes, off, off + len);
    }

    static String encodeLongLe(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return HexFormat.of().formatHex(b);
    }
}
