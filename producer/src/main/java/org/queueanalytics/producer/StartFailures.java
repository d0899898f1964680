package org.queueanalytics.producer;

import java.net.BindException;
import org.queueanalytics.common.config.AdminSettings;

/**
 * What a failure while the service starts means, in one line naming the component and the fix
 * (printed by {@link ProducerMain}, exit 1). The other start failures have their own types: an
 * invalid configuration is a {@code ConfigException} (exit 2, every key named), a Kafka client that
 * cannot be created a {@code publish.KafkaClientException}, refused Genesys credentials a
 * non-retryable {@code genesys.GenesysException} — the last two reach {@link ProducerMain} as a
 * {@link ProducerFailure} from the first cycle.
 */
final class StartFailures {
    private StartFailures() {
    }

    /** The admin server did not start on {@code admin.host:admin.port}. */
    static String adminServer(AdminSettings admin, RuntimeException failure) {
        String where = admin.host() + ":" + admin.port();
        BindException bind = bindFailure(failure);
        if (bind != null) {
            return "admin server: cannot listen on " + where + " (" + bind.getMessage() + "); another process may be "
                    + "using admin.port " + admin.port() + ": stop it or set admin.port to a free port, and check that "
                    + "admin.host is an address of this machine";
        }
        return "admin server: could not start on " + where + " (" + failure + "); check admin.host and admin.port";
    }

    private static BindException bindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        return null;
    }
}
