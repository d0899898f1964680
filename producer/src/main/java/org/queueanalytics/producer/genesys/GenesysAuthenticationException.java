package org.queueanalytics.producer.genesys;

/** The login host refused the client credentials, or the API refused a freshly issued token. */
public final class GenesysAuthenticationException extends UnresentGenesysException {
    public GenesysAuthenticationException(String message, int status) {
        super(message, status, null);
    }
}
