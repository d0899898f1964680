package org.queueanalytics.producer.genesys;

import java.util.List;

/**
 * The one place that turns a non-2xx API answer into a typed {@link GenesysException}, by status.
 * The body contributes the message (and, for 403, the permission's name) but never decides the
 * class. It does decide one flag: whether a 400 refused the request as too large, which
 * {@link QueryTooLarge} reads from the body's code or message (see there for why the message).
 */
final class HttpErrorClassifier {
    /** The permissions this producer needs; a 403 message naming one of them is reported as such. */
    static final List<String> KNOWN_PERMISSIONS = List.of(
            ApiCall.AGGREGATES_PERMISSION, ApiCall.QUEUES_PERMISSION, ApiCall.OBSERVATIONS_PERMISSION);

    private HttpErrorClassifier() {
    }

    static GenesysException classify(ApiCall call, int status, String body) {
        ErrorBody error = ErrorBody.parse(body);
        String what = "Genesys Cloud " + call.describe() + " answered HTTP " + status + " (" + error.summary() + ")";
        if (status == 401) {
            return new GenesysAuthenticationException(what + ": a freshly issued token was refused too — check that "
                    + "oauth.base_url and oauth.login_url name the same Genesys Cloud region", status);
        }
        if (status == 403) {
            String permission = namedPermission(error.message(), call.requiredPermission());
            return new GenesysPermissionException(what + ": the OAuth client lacks the permission " + permission
                    + " — add a role granting it to the OAuth client (Admin > Integrations > OAuth > Roles)", permission);
        }
        if (status == 429) {
            return new GenesysRateLimitedException(what + ": still rate limited after waiting as told; "
                    + "lower analytics.max_requests_per_minute or ask Genesys to raise the limit");
        }
        if (status == 408 || status >= 500) {
            return new GenesysUnavailableException(what + ": Genesys Cloud is unavailable or slow; will retry", status, null);
        }
        return new GenesysRequestRejectedException(what, status, error.code(), error.message(),
                QueryTooLarge.refusedAsTooLarge(status, error));
    }

    private static String namedPermission(String message, String required) {
        for (String permission : KNOWN_PERMISSIONS) {
            if (message.contains(permission)) {
                return permission;
            }
        }
        return required;
    }
}
