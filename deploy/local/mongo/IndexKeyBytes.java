import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Secondary index entries as byte strings whose unsigned order is MongoDB's value order, value
 * after value. A B-tree of these compares with one vectorised array comparison and holds each
 * entry as one array (about 100 bytes for a statement's (store, agent, stored, id)), where value
 * lists took ~500 bytes of objects each, compared value by value through instanceof chains and
 * were decoded string by string from every page read: under batch-100 ingest, index inserts,
 * page writes and page reads of those lists were half the server's CPU, and their garbage the
 * bulk of its collections.
 *
 * Each value is a type tag in MongoDB's type order, then a body that sorts within the type and
 * never is a prefix of another value's body, so a list of values encodes to a prefix of any
 * longer list starting with the same values: an equality prefix is one range. Documents, arrays
 * and the rarer BSON types are encoded as their BSON bytes: equal values match exactly, but their
 * order among themselves is not MongoDB's (no index here sorts on such a field).
 */
final class IndexKeyBytes {

    private static final byte MIN_KEY = 0x01;
    private static final byte NULL = 0x02;
    private static final byte NUMBER = 0x03;
    private static final byte STRING = 0x04;
    private static final byte DOCUMENT = 0x05;
    private static final byte ARRAY = 0x06;
    private static final byte BINARY = 0x07;
    private static final byte OBJECT_ID = 0x08;
    private static final byte BOOLEAN = 0x09;
    private static final byte DATE = 0x0A;
    private static final byte OTHER = 0x0B;
    private static final byte MAX_KEY = 0x7E;
    /** After every tag: appended to a prefix, it bounds the range of entries that start with it. */
    private static final byte AFTER_ALL = (byte) 0xFF;

    private IndexKeyBytes() {
    }

    /** The entry for a document's values (null for a missing one) and its _id. */
    static byte[] entry(List<Object> values, Object id) {
        Writer out = new Writer().values(values);
        out.value(id);
        return out.bytes();
    }

    static byte[] prefix(List<Object> values) {
        return new Writer().values(values).bytes();
    }

    /** Greater than every entry that starts with the prefix, and than nothing else that does not. */
    static byte[] upperBound(byte[] prefix) {
        byte[] bound = Arrays.copyOf(prefix, prefix.length + 1);
        bound[prefix.length] = AFTER_ALL;
        return bound;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A growable buffer that writes values in their ordered form. */
    private static final class Writer {
        private byte[] buffer = new byte[64];
        private int length;

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }

        Writer values(List<Object> values) {
            for (Object value : values) {
                value(value);
            }
            return this;
        }

        void value(Object value) {
            if (value == null || value instanceof Missing) {
                put(NULL);
            } else if (value instanceof String) {
                put(STRING);
                string((String) value);
            } else if (value instanceof Number && !(value instanceof de.bwaldvogel.mongo.bson.Decimal128)) {
                put(NUMBER);
                number((Number) value);
            } else if (value instanceof Boolean) {
                put(BOOLEAN);
                put((byte) ((Boolean) value ? 1 : 0));
            } else if (value instanceof Instant) {
                put(DATE);
                signedLong(((Instant) value).toEpochMilli());
            } else if (value instanceof java.util.Date) {
                put(DATE);
                signedLong(((java.util.Date) value).getTime());
            } else if (value instanceof ObjectId) {
                put(OBJECT_ID);
                put(((ObjectId) value).toByteArray());
            } else if (value instanceof UUID) {
                // BinData sorts by length, then subtype, then bytes; a UUID is 16 bytes of subtype 4.
                put(BINARY);
                int32(16);
                put((byte) 4);
                signedLong(((UUID) value).getMostSignificantBits() ^ Long.MIN_VALUE);
                signedLong(((UUID) value).getLeastSignificantBits() ^ Long.MIN_VALUE);
            } else if (value instanceof byte[]) {
                byte[] data = (byte[]) value;
                put(BINARY);
                int32(data.length);
                put((byte) 0);
                put(data);
            } else if (value instanceof MinKey) {
                put(MIN_KEY);
            } else if (value instanceof MaxKey) {
                put(MAX_KEY);
            } else {
                bson(value);
            }
        }

        /** UTF-8 in byte order, as MongoDB compares strings; 0 is escaped, and 0 0 ends the string. */
        private void string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length * 2 + 2);
            for (byte b : utf8) {
                buffer[length++] = b;
                if (b == 0) {
                    buffer[length++] = AFTER_ALL;
                }
            }
            buffer[length++] = 0;
            buffer[length++] = 0;
        }

        /**
         * The double in sortable bits (NaN first, as MongoDB sorts it), then the exact integer, so
         * that two longs beyond 2^53 that share a double still sort by value.
         */
        private void number(Number number) {
            double value = number.doubleValue();
            long bits;
            if (Double.isNaN(value)) {
                bits = Long.MIN_VALUE;
            } else {
                long raw = Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
                bits = raw < 0 ? ~raw : raw | Long.MIN_VALUE;
                bits ^= Long.MIN_VALUE;
            }
            signedLong(bits);
            boolean integral = number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte;
            signedLong(integral ? number.longValue() : (long) value);
        }

        private void bson(Object value) {
            byte type = BsonEncoder.determineType(value);
            ByteBuf encoded = Unpooled.buffer(32);
            BsonEncoder.encodeValue(type, value, encoded);
            int size = encoded.readableBytes();
            put(type == 3 ? DOCUMENT : type == 4 ? ARRAY : OTHER);
            put(type);
            int32(size);
            ensure(size);
            encoded.readBytes(buffer, length, size);
            length += size;
        }

        /** Big-endian with the sign bit flipped, so unsigned byte order is signed numeric order. */
        private void signedLong(long value) {
            long flipped = value ^ Long.MIN_VALUE;
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[length++] = (byte) (flipped >>> shift);
            }
        }

        private void int32(int value) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[length++] = (byte) (value >>> shift);
            }
        }

        private void put(byte b) {
            ensure(1);
            buffer[length++] = b;
        }

        private void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }

    /** The map's key type: the bytes, compared unsigned. */
    static final class KeyType extends BasicDataType<byte[]> {
        static final KeyType INSTANCE = new KeyType();

        @Override
        public int compare(byte[] a, byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }

        @Override
        public int getMemory(byte[] key) {
            return 24 + key.length;
        }

        @Override
        public void write(WriteBuffer buff, byte[] key) {
            buff.putVarInt(key.length).put(key);
        }

        @Override
        public byte[] read(ByteBuffer buff) {
            byte[] key = new byte[DataUtils.readVarInt(buff)];
            buff.get(key);
            return key;
        }

        @Override
        public byte[][] createStorage(int size) {
            return new byte[size][];
        }
    }
}
