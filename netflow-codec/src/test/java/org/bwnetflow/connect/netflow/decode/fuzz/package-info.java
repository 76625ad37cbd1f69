/**
 * Jazzer fuzz tests of the datagram decoders ("Untrusted input" in docs/architecture.md: nothing a
 * datagram contains may crash, hang or grow memory without bound).
 *
 * <ul>
 *   <li>{@link org.bwnetflow.connect.netflow.decode.fuzz.NetFlowV5FuzzTest},
 *       {@link org.bwnetflow.connect.netflow.decode.fuzz.NetFlowV9FuzzTest},
 *       {@link org.bwnetflow.connect.netflow.decode.fuzz.IpfixFuzzTest},
 *       {@link org.bwnetflow.connect.netflow.decode.fuzz.SFlowFuzzTest}: one per decoder; what
 *       they decode and check is described in
 *       {@link org.bwnetflow.connect.netflow.decode.fuzz.DecoderFuzzHarness}.
 *   <li>{@link org.bwnetflow.connect.netflow.decode.fuzz.DatagramLengthFuzzTest}:
 *       {@code NetFlowDecoder.datagramLength}.
 * </ul>
 *
 * <p>Running them:
 *
 * <pre>
 * # regression mode (part of every `mvn test`): replays the seeds and any committed crash files
 * mvn -pl netflow-codec test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false
 *
 * # bounded fuzzing, one JVM per fuzz test, fails the build on a finding
 * mvn -pl netflow-codec test -Dfuzz.duration=60s
 *
 * # a single fuzz test (execution ids: fuzz-netflow-v5, fuzz-netflow-v9, fuzz-ipfix, fuzz-sflow, fuzz-datagram-length)
 * mvn -pl netflow-codec test-compile surefire:test@fuzz-netflow-v9 -Dfuzz.duration=10m
 * </pre>
 *
 * <p>Seeds are the shared {@code testdata/netflow/*.dat} (sFlow: the datagrams the codec's test
 * builder {@code SFlowDatagrams} makes, until there are sFlow captures), which the build copies into
 * {@code target/test-classes/.../<TestClass>Inputs/<method>/} (Jazzer's resource convention),
 * plus the template-then-data sequences of each test's {@code @MethodSource}. A fuzzing run works
 * in {@code target/fuzz/<TestClass>/}: the generated corpus grows in {@code .cifuzz-corpus/}, a
 * finding is written there as {@code crash-<sha1>} (its bytes are also printed, in hex and
 * Base64), and {@code target/fuzz/<TestClass>.summary} holds the number of executions. A hang (one
 * input longer than {@code -Dfuzz.hang.seconds}, default 30) halts the JVM after writing
 * {@code target/fuzz/<TestClass>.hang-input} and {@code .hang.txt}. To turn a finding into a
 * regression test, copy its file into
 * {@code src/test/resources/org/bwnetflow/connect/netflow/decode/fuzz/<TestClass>Inputs/<method>/}.
 */
package org.bwnetflow.connect.netflow.decode.fuzz;
