package org.bwnetflow.connect.netflow.decode;

/**
 * A flow or state listener threw: that is a bug of the listener's owner (e.g. the source task's
 * record building), not of the decoder, so the decoder's last-resort guard lets it through
 * instead of counting it as a decoder error. The cause is the listener's exception.
 */
public final class ListenerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ListenerFailure(RuntimeException cause) {
        super("listener failed: " + cause, cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
