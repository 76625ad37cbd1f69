package org.bwnetflow.connect.bgp.speaker;

import java.util.List;

/**
 * Announces and withdraws mitigation routes through a BGP speaker. Every call returns or fails within the speaker's
 * deadline; calls are idempotent: announcing an announced route and withdrawing a route that is not announced change
 * nothing and are no error. Routes this system announces carry a marker community, by which {@link #announced()}
 * tells them from every other route in the speaker, also after this process restarted.
 */
public interface MitigationSpeaker extends AutoCloseable {

    /** Announces the route, replacing this system's route of the same {@link MitigationRoute#key() key}. */
    void announce(MitigationRoute route) throws SpeakerException;

    /** Withdraws this system's route of the route's key, if the speaker holds one. */
    void withdraw(MitigationRoute route) throws SpeakerException;

    /** Every route this system announced that the speaker holds now, sorted by key. */
    List<MitigationRoute> announced() throws SpeakerException;

    /** Closes the connection to the speaker. The routes stay announced. */
    @Override
    void close();
}
