package org.bwnetflow.connect.stack;

import java.net.URI;

/** The Connect REST API answered with a non-2xx status. The message carries status and body. */
public class ConnectRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Bodies (e.g. Jetty error pages) are cut here so messages stay readable. */
    private static final int MAX_BODY_IN_MESSAGE = 4000;

    private final String method;
    private final URI uri;
    private final int status;
    private final String body;

    public ConnectRestException(String method, URI uri, int status, String body) {
        super(method + " " + uri + " failed: HTTP " + status + ": " + abbreviate(body));
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.body = body;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    private static String abbreviate(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        return body.length() <= MAX_BODY_IN_MESSAGE ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
