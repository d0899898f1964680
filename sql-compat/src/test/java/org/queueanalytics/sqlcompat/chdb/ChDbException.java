package org.queueanalytics.sqlcompat.chdb;

import java.util.OptionalInt;

/** A statement chDB refused: the engine's message, and its ClickHouse error code when it named one. */
public final class ChDbException extends Exception {
    private final int code;

    public ChDbException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The ClickHouse error code ({@code Code: N.}), e.g. 252 for TOO_MANY_PARTS. */
    public OptionalInt code() {
        return code < 0 ? OptionalInt.empty() : OptionalInt.of(code);
    }
}
