package org.queueanalytics.emulator.web;

import io.javalin.http.Context;
import java.time.Duration;
import org.queueanalytics.emulator.auth.Permissions;
import org.queueanalytics.emulator.auth.TokenStore;
import org.queueanalytics.emulator.errors.GenesysErrors;
import org.queueanalytics.emulator.faults.Fault;
import org.queueanalytics.emulator.faults.FaultInjector;
import org.queueanalytics.emulator.ratelimit.RateLimitDecision;
import org.queueanalytics.emulator.ratelimit.RateLimiter;

/**
 * The stages every {@code /api/v2} call passes before its handler, in the order a real
 * gateway applies them: injected faults, bearer token, per-token rate limit, permission. A broken
 * answer (an injected 200 with an empty or malformed body) is thrown as {@link BrokenAnswerSent},
 * so the handler never runs and nothing is recorded as served.
 * A stage that refuses throws the {@link org.queueanalytics.emulator.errors.ApiException} to answer.
 */
public final class ApiGate {
    private static final String BEARER = "Bearer ";

    private final FaultInjector faults;
    private final TokenStore tokens;
    private final RateLimiter rateLimiter;
    private final Permissions permissions;

    public ApiGate(FaultInjector faults, TokenStore tokens, RateLimiter rateLimiter, Permissions permissions) {
        this.faults = faults;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.permissions = permissions;
    }

    void admit(Context ctx, String endpoint, String permission) throws InterruptedException {
        applyFault(ctx, endpoint);
        String token = authenticate(ctx.header("Authorization"));
        RateLimitDecision decision = rateLimiter.acquire(token);
        decision.headers().forEach(ctx::header);
        if (!decision.allowed()) {
            throw GenesysErrors.tooManyRequests(decision.resetSeconds(), decision.headers());
        }
        permissions.require(permission);
    }

    private void applyFault(Context ctx, String endpoint) throws InterruptedException {
        Fault fault = faults.next(endpoint);
        Duration delay = fault.delay();
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
        if (fault instanceof Fault.Drop) {
            throw ConnectionDropper.drop(ctx);
        }
        if (fault instanceof Fault.Fail fail) {
            throw GenesysErrors.injected(fail.status());
        }
        if (fault instanceof Fault.Broken broken) {
            throw new BrokenAnswerSent(broken.answer());
        }
    }

    private String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.length() == BEARER.length()) {
            throw GenesysErrors.authenticationRequired("No authentication bearer token specified in authorization header.");
        }
        String token = authorization.substring(BEARER.length()).trim();
        switch (tokens.check(token)) {
            case VALID:
                return token;
            case EXPIRED:
                throw GenesysErrors.credentialsExpired("The bearer token has expired; request a new one.");
            default:
                throw GenesysErrors.authenticationRequired("Invalid login credentials: the bearer token is not known.");
        }
    }
}
