package org.bwnetflow.connect.netflow.decode;

/** Name and description of one interface, as an exporter's options data announced them. */
public record InterfaceInfo(String name, String description) {
}
