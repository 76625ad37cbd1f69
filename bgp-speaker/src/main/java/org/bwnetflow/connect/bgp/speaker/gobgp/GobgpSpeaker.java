package org.bwnetflow.connect.bgp.speaker.gobgp;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.bgp.speaker.BlackholeRoute;
import org.bwnetflow.connect.bgp.speaker.FlowSpecRule;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;
import org.bwnetflow.connect.bgp.speaker.MitigationSpeaker;
import org.bwnetflow.connect.bgp.speaker.SpeakerException;
import org.bwnetflow.connect.bgp.speaker.gobgp.GobgpPaths.RibPath;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.AddPathRequest;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.DeletePathRequest;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.Destination;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.Family;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.GetBgpRequest;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.Global;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.GobgpApiGrpc;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.ListPathRequest;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.ListPathResponse;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.Path;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.TableLookupPrefix;
import org.bwnetflow.connect.bgp.speaker.gobgp.api.TableType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mitigation routes through gobgpd's gRPC API, in gobgpd's global RIB, from where gobgpd announces them to the
 * neighbours configured for the family (ipv4/ipv6-unicast for blackhole routes, ipv4/ipv6-flowspec for FlowSpec).
 *
 * <p>What is ours: paths gobgpd originated itself (not learnt from a neighbour) that carry the configured marker
 * community. gobgpd keeps one originated path per NLRI, so a route of ours replaces a path of the same key that
 * gobgpd originated for someone else; {@link #announce} therefore refuses when such a path without the marker is
 * there, and {@link #withdraw} leaves it alone. gobgpd forgets originated paths when it restarts: after a restart of
 * gobgpd, {@link #announced()} is empty and the wanted routes must be announced again.
 *
 * <p>Each call has one deadline for all the requests it makes; a call to an unreachable gobgpd fails at once
 * (connection refused) or at the deadline (no answer), never later. Calls are serialised; gobgpd offers no
 * compare-and-set, so two processes working on the same key through one gobgpd can still race.
 */
public final class GobgpSpeaker implements MitigationSpeaker {

    private static final Logger log = LoggerFactory.getLogger(GobgpSpeaker.class);
    private static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private final GobgpSpeakerConfig config;
    private final GobgpPaths paths;
    private final ChannelCredentials credentials;
    private final String where;
    private ManagedChannel channel;
    private GobgpApiGrpc.GobgpApiBlockingStub api;
    private boolean closed;

    /** Prepares the connection; nothing is sent before the first call. */
    public GobgpSpeaker(GobgpSpeakerConfig config) throws SpeakerException {
        this.config = config;
        this.paths = new GobgpPaths(config.marker());
        this.where = "gobgpd at " + config.address() + (config.tlsTrustedCertificates().isPresent() ? " (TLS)" : "");
        this.credentials = credentials(config, where);
        connect();
    }

    private static ChannelCredentials credentials(GobgpSpeakerConfig config, String where) throws SpeakerException {
        if (config.tlsTrustedCertificates().isEmpty()) {
            return InsecureChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(config.tlsTrustedCertificates().get().toFile()).build();
        } catch (IOException | RuntimeException e) {
            throw new SpeakerException("cannot use " + config.tlsTrustedCertificates().get() + " as the trusted certificates for "
                    + where + ": " + e.getMessage(), e);
        }
    }

    /** A new channel; it connects on the first call. */
    private void connect() {
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilderForAddress(config.host(), config.port(), credentials)
                .userAgent("bwnetflow-connect-bgp-speaker").maxInboundMessageSize(MAX_INBOUND_BYTES);
        config.tlsServerName().ifPresent(builder::overrideAuthority);
        channel = builder.build();
        api = GobgpApiGrpc.newBlockingStub(channel);
    }

    @Override
    public synchronized void announce(MitigationRoute route) throws SpeakerException {
        String what = "announce " + route.describe();
        checkPolicy(route);
        Deadline deadline = start();
        Optional<RibPath> held = held(route, deadline, what);
        if (held.isPresent() && !held.get().marked()) {
            throw new SpeakerException(where + ": " + what + " refused: gobgpd holds a path for " + route.key()
                    + " that this system did not announce (no marker community " + config.marker() + "); it is not replaced");
        }
        if (held.isPresent() && route.equals(held.get().route())) {
            log.debug("{}: {} is announced already", where, route.describe());
            return;
        }
        Path path = paths.toPath(route);
        AddPathRequest request = AddPathRequest.newBuilder().setTableType(TableType.GLOBAL).setPath(path).build();
        call(what, () -> api.withDeadline(deadline).addPath(request));
        log.info("{}: announced {}{}", where, route.describe(), held.isPresent() ? " (replacing " + describe(held.get()) + ")" : "");
    }

    @Override
    public synchronized void withdraw(MitigationRoute route) throws SpeakerException {
        String what = "withdraw " + route.key();
        Deadline deadline = start();
        Optional<RibPath> held = held(route, deadline, what);
        if (held.isEmpty()) {
            log.debug("{}: {} is not announced", where, route.key());
            return;
        }
        if (!held.get().marked()) {
            log.warn("{}: not withdrawing {}: gobgpd's path for it was not announced by this system (no marker community {})", where,
                    route.key(), config.marker());
            return;
        }
        // Always with a path: a DeletePathRequest without one deletes every path gobgpd originated.
        Path path = paths.toPath(route);
        call(what, () -> api.withDeadline(deadline).deletePath(DeletePathRequest.newBuilder().setTableType(TableType.GLOBAL)
                .setFamily(GobgpPaths.familyOf(route)).setPath(path).build()));
        log.info("{}: withdrew {}", where, describe(held.get()));
    }

    @Override
    public synchronized List<MitigationRoute> announced() throws SpeakerException {
        Deadline deadline = start();
        List<MitigationRoute> routes = new ArrayList<>();
        for (Family family : GobgpPaths.FAMILIES) {
            for (Destination destination : list(family, null, deadline, "list announced routes")) {
                for (Path p : destination.getPathsList()) {
                    RibPath path = paths.read(p);
                    if (!path.local() || !path.marked()) {
                        continue;
                    }
                    if (path.route() != null) {
                        routes.add(path.route());
                    } else {
                        log.warn("{}: a path with the marker {} that is no route of this speaker ({} {}): {}", where, config.marker(),
                                GobgpPaths.familyName(family), destination.getPrefix(), path.problem());
                    }
                }
            }
        }
        routes.sort(Comparator.comparing(MitigationRoute::key));
        return routes;
    }

    /** gobgpd's AS and router id, e.g. {@code AS 64512, router-id 192.0.2.254}: whether and which gobgpd answers. */
    public synchronized String identify() throws SpeakerException {
        Deadline deadline = start();
        Global global = call("identify the speaker", () -> api.withDeadline(deadline).getBgp(GetBgpRequest.getDefaultInstance()))
                .getGlobal();
        return "AS " + Integer.toUnsignedLong(global.getAsn()) + ", router-id " + global.getRouterId();
    }

    /** {@code gobgpd at HOST:PORT}. */
    public String where() {
        return where;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        channel.shutdown();
        try {
            if (!channel.awaitTermination(config.deadline().toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The path gobgpd itself originated for the route's key, if any. */
    private Optional<RibPath> held(MitigationRoute route, Deadline deadline, String what) throws SpeakerException {
        String prefix = route instanceof BlackholeRoute ? route.destination().toString() : null;
        String key = route.key();
        for (Destination destination : list(GobgpPaths.familyOf(route), prefix, deadline, what)) {
            for (Path p : destination.getPathsList()) {
                RibPath path = paths.read(p);
                if (path.local() && key.equals(path.key())) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    /** A family's destinations in the global RIB: one prefix's (unicast) or all (FlowSpec: gobgpd filters no FlowSpec by prefix). */
    private List<Destination> list(Family family, String exactPrefix, Deadline deadline, String what) throws SpeakerException {
        ListPathRequest.Builder request = ListPathRequest.newBuilder().setTableType(TableType.GLOBAL).setFamily(family);
        if (exactPrefix != null) {
            request.addPrefixes(TableLookupPrefix.newBuilder().setPrefix(exactPrefix).setType(TableLookupPrefix.Type.EXACT));
        }
        return call(what, () -> {
            List<Destination> destinations = new ArrayList<>();
            Iterator<ListPathResponse> stream = api.withDeadline(deadline).listPath(request.build());
            while (stream.hasNext()) {
                destinations.add(stream.next().getDestination());
            }
            return destinations;
        });
    }

    private void checkPolicy(MitigationRoute route) {
        if (route instanceof BlackholeRoute blackhole && blackhole.communities().contains(config.marker())) {
            throw new IllegalArgumentException("the marker community " + config.marker() + " is the speaker's own; " + route.key()
                    + " must not name it");
        }
        if (route instanceof FlowSpecRule rule) {
            int min = rule.isIpv6() ? config.minFlowSpecPrefixIpv6() : config.minFlowSpecPrefixIpv4();
            if (rule.destination().length() < min) {
                throw new IllegalArgumentException(route.key() + ": the destination prefix is shorter than /" + min
                        + ", the shortest this speaker announces FlowSpec rules for");
            }
        }
    }

    /**
     * The operation's deadline. A channel that failed to connect is replaced: gRPC's own channel would fail every call
     * at once with its last error until its reconnect backoff (up to two minutes) let it try again, while gobgpd may be
     * back already; a new channel connects on the call and the call learns the outcome of that very attempt.
     */
    private Deadline start() {
        if (closed) {
            throw new IllegalStateException(where + ": the speaker is closed");
        }
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.shutdownNow();
            connect();
        }
        return Deadline.after(config.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T call(String what, GrpcCall<T> call) throws SpeakerException {
        try {
            return call.run();
        } catch (StatusRuntimeException e) {
            throw new SpeakerException(failure(what, e.getStatus()), e);
        }
    }

    private String failure(String what, Status status) {
        String detail = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription())
                + (status.getCause() == null ? "" : " (" + status.getCause() + ")");
        return switch (status.getCode()) {
            case UNAVAILABLE -> where + " is unreachable: " + what + " failed: " + detail;
            case DEADLINE_EXCEEDED -> where + " did not answer within " + config.deadline().toMillis() + " ms: " + what + " failed: "
                    + detail;
            default -> where + " refused: " + what + ": " + detail;
        };
    }

    private static String describe(RibPath path) {
        return path.route() != null ? path.route().describe() : path.key();
    }

    @FunctionalInterface
    private interface GrpcCall<T> {
        T run();
    }
}
