package org.queueanalytics.consumer.faults;

import java.util.Random;

/** Queue names built to break naive escaping: quotes, backslashes, control characters, NUL, unicode, emoji, SQL. */
final class AdversarialNames {
    private static final String[] PIECES = {
        "'", "''", "\\", "\\\\", "\\'", "\"", "\n", "\r\n", "\t", "\0", "\u0001", "\u001f", "\u007f", "\b", "\f",
        "Støtte", "Служба", "客服", "サポート", "دعم", "😀", "👩🏽‍💻", "🇳🇴", "\u00a0", "\u2028", "\ufeff",
        "'); DROP TABLE analytics.queue_analytics; --", "' OR 1=1 --", "\\N", "NULL", "{\"json\":1}", ",(", "),(", " ", "a",
        "Customer Service", "%s", "${x}", "\\x41", "\\0", "`", ";", "--", "/*", "*/"
    };

    private AdversarialNames() {
    }

    static String next(Random random, int i) {
        StringBuilder b = new StringBuilder();
        int parts = 1 + random.nextInt(8);
        for (int p = 0; p < parts; p++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (i % 500 == 0) {
            b.append("x".repeat(2000)); // long names cross buffer and block boundaries
        }
        return b.toString();
    }
}
