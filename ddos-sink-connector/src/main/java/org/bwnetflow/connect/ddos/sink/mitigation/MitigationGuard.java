package org.bwnetflow.connect.ddos.sink.mitigation;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;

/**
 * What must hold before a route is announced for an attack: the target is one address, it belongs to the
 * customer whose flows showed the attack (the CustomerId prefix list: the longest prefix holding it is that
 * customer's), and neither the customer's nor the total limit of routes is reached. A route for another
 * customer's address, or for an address of nobody, could blackhole traffic the attack never touched.
 */
public final class MitigationGuard {

    /** The customer of the longest listed prefix holding an address (4 or 16 bytes), 0 for none. */
    @FunctionalInterface
    public interface Owners {
        long customerOf(byte[] address);
    }

    private final Owners owners;
    private final int maxPerCustomer;
    private final int maxTotal;

    public MitigationGuard(Owners owners, int maxPerCustomer, int maxTotal) {
        this.owners = owners;
        this.maxPerCustomer = maxPerCustomer;
        this.maxTotal = maxTotal;
    }

    /**
     * Why no route may be announced for this attack, or null when one may; {@code customerRoutes} and
     * {@code totalRoutes} are the routes held now (announced, or waiting out their hold time).
     */
    public String refusal(AttackEvent attack, int customerRoutes, int totalRoutes) {
        if (!attack.hostTarget()) {
            return "the target " + attack.target() + " is a prefix; routes are announced for single addresses only";
        }
        byte[] address = addressBytes(attack.target());
        if (address == null) {
            return "the target '" + attack.target() + "' is not an IP address";
        }
        long owner = owners.customerOf(address);
        if (owner != attack.cid()) {
            return owner == 0 ? "the target " + attack.target() + " is in no prefix of customer " + attack.cid()
                    : "the target " + attack.target() + " belongs to customer " + owner + ", not to customer " + attack.cid();
        }
        if (customerRoutes >= maxPerCustomer) {
            return "customer " + attack.cid() + " holds " + customerRoutes + " routes, the limit per customer is " + maxPerCustomer;
        }
        if (totalRoutes >= maxTotal) {
            return totalRoutes + " routes are held, the limit in total is " + maxTotal;
        }
        return null;
    }

    /** The bytes of an address literal (no name lookup), null for anything else. */
    static byte[] addressBytes(String text) {
        String address = text.indexOf('/') < 0 ? text : text.substring(0, text.indexOf('/'));
        IPAddress parsed = new IPAddressString(address).getAddress();
        return parsed == null || parsed.isMultiple() ? null : parsed.getBytes();
    }
}
