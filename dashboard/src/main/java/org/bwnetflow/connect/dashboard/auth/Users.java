package org.bwnetflow.connect.dashboard.auth;

/** The logins as they are now: a users file read once, or one re-read when the operator changes it. */
public interface Users {

    UsersFile current();
}
