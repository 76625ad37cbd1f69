package org.bwnetflow.connect.ddos.detection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of {@link StateRecord}s, version {@value StateRecord#VERSION}: a version byte, a kind
 * byte ({@code C}lock, {@code B}aseline, {@code A}ttack), then the kind's fields, big-endian as
 * {@link DataOutputStream} writes them (texts as its modified UTF-8 with a 2-byte length). Reading is
 * strict: another version, another kind than the key says, a value cut short or with bytes after its
 * end, a target other than the key's, or a number out of its range is an {@link InvalidStateException}
 * naming the key. Nothing read is trusted to size an allocation: list lengths are one byte.
 */
final class StateCodec {

    static final byte CLOCK = 'C';
    static final byte BASELINE = 'B';
    static final byte ATTACK = 'A';

    /** The detector's clock as read back. */
    record Clock(long watermark, String zone) {
    }

    private StateCodec() {
    }

    static byte[] clock(long watermark, String zone) {
        return write(CLOCK, out -> {
            out.writeLong(watermark);
            out.writeUTF(zone);
        });
    }

    static Clock clock(String key, byte[] value) {
        return read(key, value, CLOCK, in -> {
            long watermark = in.readLong();
            String zone = in.readUTF();
            if (watermark < 0) {
                throw new InvalidStateException(key, "negative watermark " + watermark);
            }
            return new Clock(watermark, zone);
        });
    }

    /** Only the hours learned are written: a 24-bit mask, then rates and windows of each, earliest hour first. */
    static byte[] baseline(BaselineEntry entry) {
        return write(BASELINE, out -> {
            out.writeUTF(entry.target());
            out.writeLong(entry.lastLearned());
            int mask = 0;
            for (int hour = 0; hour < HourlyBaseline.HOURS; hour++) {
                mask |= entry.windows()[hour] > 0 ? 1 << hour : 0;
            }
            out.writeInt(mask);
            for (int hour = 0; hour < HourlyBaseline.HOURS; hour++) {
                if (entry.windows()[hour] > 0) {
                    out.writeDouble(entry.bitsPerSecond()[hour]);
                    out.writeDouble(entry.packetsPerSecond()[hour]);
                    out.writeInt(entry.windows()[hour]);
                }
            }
        });
    }

    static BaselineEntry baseline(String key, byte[] value) {
        return read(key, value, BASELINE, in -> {
            String target = target(key, StateRecord.BASELINE_PREFIX, in.readUTF());
            long lastLearned = in.readLong();
            int mask = in.readInt();
            if (lastLearned < 0 || mask >>> HourlyBaseline.HOURS != 0) {
                throw new InvalidStateException(key, "corrupt (last learned " + lastLearned + ", hours " + Integer.toHexString(mask)
                        + ")");
            }
            double[] bits = new double[HourlyBaseline.HOURS];
            double[] packets = new double[HourlyBaseline.HOURS];
            int[] windows = new int[HourlyBaseline.HOURS];
            for (int hour = 0; hour < HourlyBaseline.HOURS; hour++) {
                if ((mask & 1 << hour) != 0) {
                    bits[hour] = rate(key, in.readDouble());
                    packets[hour] = rate(key, in.readDouble());
                    windows[hour] = in.readInt();
                    if (windows[hour] <= 0) {
                        throw new InvalidStateException(key, "hour " + hour + " learned from " + windows[hour] + " windows");
                    }
                }
            }
            return new BaselineEntry(target, lastLearned, bits, packets, windows);
        });
    }

    static byte[] attack(OpenAttack attack) {
        return write(ATTACK, out -> {
            out.writeUTF(attack.target().text());
            byte[] address = attack.target().address();
            out.writeByte(address.length);
            out.write(address);
            out.writeByte(attack.target().length());
            out.writeUTF(attack.id());
            out.writeLong(attack.start());
            out.writeLong(attack.reportedAt());
            writeRates(out, attack.peak());
            writeRates(out, attack.rates());
            out.writeDouble(attack.flowsPerSecond());
            out.writeByte(attack.topSources().size());
            for (Alert.Source source : attack.topSources()) {
                out.writeUTF(source.address());
                out.writeDouble(source.bitsPerSecond());
            }
            out.writeByte(attack.topPorts().size());
            for (Alert.Port port : attack.topPorts()) {
                out.writeShort(port.proto());
                out.writeShort(port.port());
                out.writeDouble(port.bitsPerSecond());
            }
        });
    }

    static OpenAttack attack(String key, byte[] value) {
        return read(key, value, ATTACK, in -> {
            String text = target(key, StateRecord.ATTACK_PREFIX, in.readUTF());
            byte[] address = new byte[in.readUnsignedByte()];
            in.readFully(address);
            Prefix target = Prefix.restore(address, in.readUnsignedByte());
            if (target == null || !target.text().equals(text)) {
                throw new InvalidStateException(key, "its address is not " + text);
            }
            String id = in.readUTF();
            long start = in.readLong();
            long reportedAt = in.readLong();
            if (start <= 0 || reportedAt < start || id.isEmpty()) {
                throw new InvalidStateException(key, "corrupt (id '" + id + "', start " + start + ", reported " + reportedAt + ")");
            }
            Rates peak = readRates(key, in);
            Rates rates = readRates(key, in);
            double flowsPerSecond = rate(key, in.readDouble());
            List<Alert.Source> sources = new ArrayList<>();
            for (int n = in.readUnsignedByte(); n > 0; n--) {
                sources.add(new Alert.Source(in.readUTF(), rate(key, in.readDouble())));
            }
            List<Alert.Port> ports = new ArrayList<>();
            for (int n = in.readUnsignedByte(); n > 0; n--) {
                ports.add(new Alert.Port(in.readUnsignedShort(), in.readUnsignedShort(), rate(key, in.readDouble())));
            }
            return new OpenAttack(target, id, start, reportedAt, peak, rates, flowsPerSecond, List.copyOf(sources),
                    List.copyOf(ports));
        });
    }

    /** The target a value names, which must be the one its key names. */
    private static String target(String key, String prefix, String target) {
        if (!key.equals(prefix + target)) {
            throw new InvalidStateException(key, "holds the state of " + target);
        }
        return target;
    }

    private static void writeRates(DataOutputStream out, Rates rates) throws IOException {
        out.writeDouble(rates.bitsPerSecond());
        out.writeDouble(rates.packetsPerSecond());
    }

    private static Rates readRates(String key, DataInputStream in) throws IOException {
        return new Rates(rate(key, in.readDouble()), rate(key, in.readDouble()));
    }

    /** A rate: finite (or +infinity, a saturated counter's scaled rate may be huge, never NaN) and not negative. */
    private static double rate(String key, double rate) {
        if (!(rate >= 0)) {
            throw new InvalidStateException(key, "a rate of " + rate);
        }
        return rate;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(byte kind, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(StateRecord.VERSION);
            out.writeByte(kind);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from memory; a text beyond 65535 bytes of UTF-8, which no target is
        }
        return bytes.toByteArray();
    }

    private static <T> T read(String key, byte[] value, byte kind, Reader<T> reader) {
        if (value.length < 2) {
            throw new InvalidStateException(key, "cut short (" + value.length + " bytes)");
        }
        if (value[0] != StateRecord.VERSION) {
            throw new InvalidStateException(key, "version " + (value[0] & 0xFF) + ", this detector reads version "
                    + StateRecord.VERSION);
        }
        if (value[1] != kind) {
            throw new InvalidStateException(key, "a value of kind '" + (char) (value[1] & 0xFF) + "' where '" + (char) kind
                    + "' belongs");
        }
        ByteArrayInputStream bytes = new ByteArrayInputStream(value, 2, value.length - 2);
        try (DataInputStream in = new DataInputStream(bytes)) {
            T read = reader.read(in);
            if (bytes.available() > 0) {
                throw new InvalidStateException(key, bytes.available() + " bytes after the end of the value");
            }
            return read;
        } catch (EOFException e) {
            throw new InvalidStateException(key, "cut short (" + value.length + " bytes)", e);
        } catch (IOException e) {
            throw new InvalidStateException(key, "corrupt: " + e.getMessage(), e); // e.g. text that is no modified UTF-8
        }
    }
}
