package org.bwnetflow.connect.tenant.provision;

/** A provisioning step failed; the message says which and why in an operator's words (never a secret). */
public final class TenantAdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TenantAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
