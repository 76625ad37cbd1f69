package org.bwnetflow.connect.netflow.decode;

/** A template as saved for a restart, with when the exporter last sent it (Unix ms). */
public record SavedTemplate(Template template, long refreshedMillis) {
}
