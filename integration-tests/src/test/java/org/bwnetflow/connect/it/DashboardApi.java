package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The dashboard's JSON API as a login sees it (HTTP Basic). */
final class DashboardApi {

    private DashboardApi() {
    }

    /** The answer's status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            if (status != 200) {
                throw new IllegalStateException("dashboard answered " + status + ": " + body);
            }
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("the dashboard's answer is not JSON: " + body, e);
            }
        }
    }

    static Answer get(String dashboardUrl, String pathAndQuery, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(
                StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(dashboardUrl + pathAndQuery))
                            .header("Authorization", "Basic " + credentials).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("asking the dashboard", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
