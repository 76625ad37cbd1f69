package org.bwnetflow.connect.influx.write;

import com.influxdb.exceptions.InfluxException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bwnetflow.connect.influx.write.WriteFailure.Kind;

/**
 * Turns what the InfluxDB client threw into a {@link WriteFailure}: retriable for 5xx, 429, 408
 * and every I/O error (refused connection, timeout, reset), fatal for the rest, with a message
 * that names the config key to fix ({@code influx.url}, {@code influx.org}, {@code influx.bucket},
 * {@code influx.token}, {@code influx.username}, {@code influx.password}). The token or password
 * never appears in a message: the server's text is redacted in case it echoes it back, and user
 * info in the url is dropped.
 *
 * <p>Pure logic without network, so each status can be tested directly.
 */
public final class FailureClassifier {

    /** Longest piece of the server's message or of a line quoted in a failure message. */
    static final int MAX_QUOTE = 400;
    private static final Pattern CLIENT_PREFIX = Pattern.compile("^HTTP status code: \\d+; Message: ");

    private final String url;
    private final String org;
    private final Credentials credentials;

    /**
     * A classifier for writes to {@code url} (user info is dropped) in {@code org} with
     * {@code credentials}, whose secrets are removed from every server message.
     */
    public FailureClassifier(String url, String org, Credentials credentials) {
        this.url = safeUrl(url);
        this.org = org;
        this.credentials = credentials == null ? Credentials.none() : credentials;
    }

    /** Classifies what {@code WriteApiBlocking.writeRecords} threw while writing {@code batch} to {@code bucket}. */
    public WriteFailure classify(RuntimeException error, String bucket, List<String> batch) {
        if (error instanceof InfluxException influx && influx.status() > 0) {
            return classify(influx.status(), serverMessage(influx), lineNumber(influx.errorBody()), bucket, batch, null);
        }
        IOException io = ioCause(error);
        if (io != null) {
            return new WriteFailure(Kind.RETRIABLE, WriteFailure.NO_STATUS, where(bucket, batch)
                    + ": cannot reach the server (" + describe(io) + "); check influx.url if this persists", null);
        }
        return new WriteFailure(Kind.FATAL, WriteFailure.NO_STATUS, where(bucket, batch) + ": unexpected client error ("
                + describe(error) + ")", null);
    }

    /**
     * Classifies an HTTP error answer.
     *
     * @param serverMessage the server's error text (may be null)
     * @param line the 1-based number of the offending line when the server names it, else 0
     */
    public WriteFailure classify(int status, String serverMessage, int line, String bucket, List<String> batch,
            Throwable cause) {
        String prefix = where(bucket, batch) + ": HTTP " + status + says(serverMessage);
        String bucketAndOrg = "bucket '" + bucket + "' in org '" + org + "'";
        Kind kind = Kind.FATAL;
        String advice;
        if (status >= 500 || status == 429 || status == 408) {
            kind = Kind.RETRIABLE;
            advice = status == 429 ? "the server is rate limiting writes" : "the server is unavailable or overloaded";
        } else if (status == 401) {
            advice = credentials.whenRefused();
        } else if (status == 403) {
            advice = credentials.subject() + " may not write to " + bucketAndOrg + ": check the permissions of "
                    + credentials.keys() + ", and influx.org and influx.bucket";
        } else if (status == 404) {
            advice = bucketAndOrg + " does not exist (InfluxDB answers 404 for a missing bucket or org): "
                    + "check influx.bucket and influx.org (and that influx.url is the server's base url)";
        } else if (status == 400) {
            advice = "the server rejected the line protocol; " + offendingLine(batch, line);
        } else if (status == 422) {
            advice = "the server stored the batch but dropped points it cannot keep (e.g. older than the bucket's retention)";
        } else if (status == 415) {
            advice = "the server does not accept this request encoding (QuestDB refuses gzip): turn gzip off";
        } else if (status == 413) {
            advice = "the request is too large for the server: lower the batch size";
        } else {
            advice = "the server refused the write";
        }
        return new WriteFailure(kind, status, prefix + "; " + advice, cause);
    }

    private String where(String bucket, List<String> batch) {
        return "writing " + batch.size() + " lines to influx.url=" + url + " influx.bucket=" + bucket;
    }

    private String says(String serverMessage) {
        if (serverMessage == null || serverMessage.isBlank()) {
            return "";
        }
        return " (server: " + quote(serverMessage) + ")";
    }

    private String offendingLine(List<String> batch, int line) {
        if (line >= 1 && line <= batch.size()) {
            return "offending line " + line + " of the batch: " + quote(batch.get(line - 1));
        }
        return batch.isEmpty() ? "the batch was empty" : "first line of the batch: " + quote(batch.get(0));
    }

    /** Shortened, single-line, without the token or password. */
    String quote(String text) {
        String redacted = text;
        for (String secret : credentials.secrets()) {
            redacted = secret.isEmpty() ? redacted : redacted.replace(secret, "[redacted]");
        }
        String oneLine = redacted.replace('\n', ' ').replace('\r', ' ').strip();
        return oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE) + "...";
    }

    private String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + quote(message));
    }

    /** The {@code message} of the JSON error body (InfluxDB, QuestDB), else the client's text without its prefix. */
    private static String serverMessage(InfluxException influx) {
        Map<String, Object> body = influx.errorBody();
        if (body != null && body.get("message") instanceof String message && !message.isBlank()) {
            return message;
        }
        String text = influx.getMessage();
        return text == null ? null : CLIENT_PREFIX.matcher(text).replaceFirst("");
    }

    /** The offending line number QuestDB puts into its error body ({@code "line": 3}), else 0. */
    static int lineNumber(Map<String, Object> errorBody) {
        Object line = errorBody == null ? null : errorBody.get("line");
        if (line instanceof Number number) {
            return number.intValue();
        }
        if (line instanceof String text) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static IOException ioCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The url without user info, query or fragment, which could carry credentials. */
    static String safeUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "(unparsable url)";
        }
    }
}
