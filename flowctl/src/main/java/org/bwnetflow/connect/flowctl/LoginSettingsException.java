package org.bwnetflow.connect.flowctl;

/**
 * A mistake in how a command was told to log in to Kafka (e.g. --sasl-user without --password-file): a usage
 * error, found when the client's settings are put together, that names the option.
 */
public final class LoginSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public LoginSettingsException(String message) {
        super(message);
    }

    public LoginSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
