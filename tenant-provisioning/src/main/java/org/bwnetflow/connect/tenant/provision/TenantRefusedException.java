package org.bwnetflow.connect.tenant.provision;

/**
 * A tenant command refused to touch a user it did not create (the super-user, a login made with
 * Kafka's own tools, a user of another tenant); nothing was changed.
 */
public final class TenantRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TenantRefusedException(String message) {
        super(message);
    }
}
