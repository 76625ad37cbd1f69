package org.bwnetflow.connect.dashboard.auth;

/** Who is logged in: an operator (sees every customer) or a customer (sees only {@code cid}). */
public record Principal(String user, Long cid) {

    public boolean isOperator() {
        return cid == null;
    }
}
