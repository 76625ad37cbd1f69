package org.bwnetflow.connect.bmp.rib;

/** A record of the RIB topic that is not a RouteKey or Route: what is wrong, for a dead letter queue or a log. */
public class MalformedRibRecordException extends RuntimeException {

    public MalformedRibRecordException(String message) {
        super(message);
    }

    public MalformedRibRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
