package org.queueanalytics.producer.genesys;

/** 403: the OAuth client's roles lack {@link #permission()}. Fatal until an administrator adds it. */
public final class GenesysPermissionException extends UnresentGenesysException {
    private final String permission;

    public GenesysPermissionException(String message, String permission) {
        super(message, 403, null);
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
