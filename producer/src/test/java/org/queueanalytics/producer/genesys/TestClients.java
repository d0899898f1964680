package org.queueanalytics.producer.genesys;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.producer.time.Sleeper;

/** Builds the real client against a {@link ScriptedGenesys}, with a test clock and a recording sleeper. */
final class TestClients {
    static final RetrySettings RETRY = new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(10));

    private TestClients() {
    }

    static GenesysHttpClient client(ScriptedGenesys genesys, MutableClock clock, RecordingSleeper sleeper) {
        return client(genesys, clock, sleeper, RETRY, 1000);
    }

    /** With any clock and sleeper, e.g. the production {@link org.queueanalytics.producer.time.StopSignal}. */
    static GenesysHttpClient client(ScriptedGenesys genesys, Clock clock, Sleeper sleeper, RetrySettings retry,
                                    int maxPerMinute) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AccessTokens tokens = new AccessTokens(http, genesys.oauth(), clock, Duration.ofSeconds(10));
        RequestBudget budget = new RequestBudget(maxPerMinute, clock, sleeper);
        return new GenesysHttpClient(http, genesys.oauth()::apiUri, tokens, budget, retry, clock, sleeper,
                Duration.ofSeconds(10));
    }
}
