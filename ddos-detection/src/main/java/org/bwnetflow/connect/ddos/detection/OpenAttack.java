package org.bwnetflow.connect.ddos.detection;

import java.util.List;

/**
 * An open attack as its last event (start or update) reported it: what a restarted detector needs to
 * carry it on under the same id, and to end it with the top lists it had when it has seen nothing of
 * the target since.
 *
 * @param reportedAt the second of the last event
 * @param peak the highest window rates up to the last event
 */
record OpenAttack(Prefix target, String id, long start, long reportedAt, Rates peak, Rates rates, double flowsPerSecond,
                  List<Alert.Source> topSources, List<Alert.Port> topPorts) {
}
