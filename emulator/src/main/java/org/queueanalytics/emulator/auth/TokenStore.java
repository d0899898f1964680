package org.queueanalytics.emulator.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues opaque bearer tokens and answers whether one is still valid. Expiry follows the
 * injected clock, so tests move time instead of sleeping. Thread-safe.
 */
public final class TokenStore {
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();

    public TokenStore(Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token TTL must be positive, got " + ttl);
        }
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token valid for the configured TTL from now. */
    public String issue() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiryByToken.put(token, clock.instant().plus(ttl));
        issued.incrementAndGet();
        return token;
    }

    public TokenStatus check(String token) {
        Instant expiry = expiryByToken.get(token);
        if (expiry == null) {
            return TokenStatus.UNKNOWN;
        }
        return clock.instant().isBefore(expiry) ? TokenStatus.VALID : TokenStatus.EXPIRED;
    }

    /** Forget every issued token: the next API call with any of them gets a 401. */
    public void revokeAll() {
        expiryByToken.clear();
    }

    public Duration ttl() {
        return ttl;
    }

    public long issuedCount() {
        return issued.get();
    }
}
