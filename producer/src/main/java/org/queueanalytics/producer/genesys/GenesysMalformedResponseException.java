package org.queueanalytics.producer.genesys;

/**
 * A 2xx answer that is not what the endpoint documents: an empty body (no bytes, or only
 * whitespace), a body that is not JSON, not a JSON object, or an object without the fields the
 * endpoint always sends (see {@link AnswerShape}). It is never read as data — an empty body is not
 * "no data" (Genesys says that with {@code {}}) — and it is retried with backoff like a 5xx: a
 * proxy or Genesys itself cut the answer short. When the retries run out the window fails for this
 * cycle and its checkpoint stays where it was.
 */
public final class GenesysMalformedResponseException extends TransientGenesysException {
    public GenesysMalformedResponseException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
