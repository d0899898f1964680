package org.queueanalytics.producer.genesys;

/** A 4xx other than 401/403/408/429: Genesys refused this request as it is (400, 404, 413, …). */
public final class GenesysRequestRejectedException extends PermanentGenesysException {
    private final String code;

    public GenesysRequestRejectedException(String message, int status, String code) {
        super(message, status, null);
        this.code = code;
    }

    /** The Genesys error code (e.g. {@code bad.request}), empty when the body had none. */
    public String code() {
        return code;
    }

    /** 400 or 413 on a query: a smaller query may pass. */
    public boolean queryTooLarge() {
        return status() == 400 || status() == 413;
    }
}
