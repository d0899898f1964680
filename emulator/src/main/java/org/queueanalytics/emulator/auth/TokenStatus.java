package org.queueanalytics.emulator.auth;

/** What the token store knows about a bearer token presented on an API call. */
public enum TokenStatus {
    VALID,
    /** Never issued by this emulator, or revoked. */
    UNKNOWN,
    EXPIRED
}
