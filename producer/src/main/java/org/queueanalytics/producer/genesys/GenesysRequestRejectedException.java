package org.queueanalytics.producer.genesys;

/** A 4xx other than 401/403/408/429: Genesys refused this request as it is (400, 404, 413, …). */
public final class GenesysRequestRejectedException extends UnresentGenesysException {
    private final String code;
    private final String genesysMessage;
    private final boolean tooLarge;

    /**
     * @param code           the error body's code, empty when it had none
     * @param genesysMessage the error body's message, empty when it had none
     * @param tooLarge       refused because the request is too large (decided by {@link QueryTooLarge})
     */
    public GenesysRequestRejectedException(String message, int status, String code, String genesysMessage, boolean tooLarge) {
        super(message, status, null);
        this.code = code;
        this.genesysMessage = genesysMessage;
        this.tooLarge = tooLarge;
    }

    /** The Genesys error code (e.g. {@code bad.request}), empty when the body had none. */
    public String code() {
        return code;
    }

    /** Genesys' own message (shortened), empty when the body had none. */
    public String genesysMessage() {
        return genesysMessage;
    }

    /** A 413, or a 400 that says the query is too large: a smaller query may pass. */
    public boolean queryTooLarge() {
        return tooLarge;
    }
}
