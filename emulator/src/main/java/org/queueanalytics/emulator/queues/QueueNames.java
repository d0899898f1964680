package org.queueanalytics.emulator.queues;

import java.util.List;

/**
 * Deterministic queue names. Every other queue among the first ones carries an adversarial
 * name, so even a small catalog exercises escaping in JSON, SQL VALUES, logs and CSV.
 */
public final class QueueNames {
    /** Names that break naive string handling somewhere in a pipeline. */
    public static final List<String> ADVERSARIAL = List.of(
            "'); DROP TABLE queue_analytics; --",
            "Sales \"Premium\" Line",
            "O'Brien's Escalations",
            "Back\\slash \\\\ Queue \\",
            "Multi\nLine\r\nQueue",
            "Tab\tSeparated\tQueue",
            "Ünïcödé Støtte – 日本語サポート",
            "Emoji Support 📞☎️🎧👩‍💻",
            "Robert\"); DELETE FROM queues; --",
            "{\"json\": \"injection\", \"n\": [1,2]}",
            "Comma, Semi; Colon: Pipe| Percent %s %d",
            "<script>alert('x')</script> & Co",
            "  Leading and trailing spaces  ",
            "שירות לקוחות عربي RTL",
            "\\N",
            "Long " + "x".repeat(240));

    private static final List<String> REGULAR = List.of(
            "Customer Service", "Billing", "Sales", "Technical Support", "Retention", "Claims",
            "Collections", "Onboarding", "VIP Desk", "Returns", "Field Service", "Partner Line");

    private QueueNames() {
    }

    public static String nameAt(int index) {
        if (index % 2 == 1 && index / 2 < ADVERSARIAL.size()) {
            return ADVERSARIAL.get(index / 2);
        }
        String base = REGULAR.get(index % REGULAR.size());
        return base + " " + (index + 1);
    }
}
