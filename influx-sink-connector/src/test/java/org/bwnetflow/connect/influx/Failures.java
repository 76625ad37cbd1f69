package org.bwnetflow.connect.influx;

import com.influxdb.exceptions.InfluxException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import retrofit2.Response;

/** What influxdb-client-java throws for the database's error answers, for fake senders. */
final class Failures {

    private Failures() {
    }

    /** InfluxDB's answer to a write to a bucket that does not exist. */
    static InfluxException notFound(String bucket) {
        String body = "{\"code\":\"not found\",\"message\":\"bucket \\\"" + bucket + "\\\" not found\"}";
        return new InfluxException(Response.error(404, ResponseBody.create(body, MediaType.get("application/json"))));
    }
}
