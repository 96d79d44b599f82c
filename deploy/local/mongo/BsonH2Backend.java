import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map.Entry;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * mongo-java-server's H2 backend with the two costs that dominated a profile of the LRS removed.
 *
 * <p>The stock backend opens every map with H2's {@code ObjectDataType}. Its index keys
 * ({@code KeyValue}) are not {@code Comparable}, so each comparison in a B-tree search
 * Java-serialises both keys; documents are Java-serialised whenever a page is written. Under
 * the ingest benchmark that was about 80% of the server's CPU. Here index keys and document ids
 * compare by value (MongoDB's order, with fast paths for strings and numbers) and documents are
 * stored as BSON. The file format differs from the stock backend's, so the stack gives this one
 * its own data file.
 */
final class BsonH2Backend extends H2Backend {

    /**
     * The backend's constructor opens existing databases before a subclass field could be set,
     * and a process runs one server: the store is held here for the overrides to find.
     */
    private static MVStore store;

    private BsonH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    static synchronized BsonH2Backend open(MVStore mvStore) {
        store = mvStore;
        return new BsonH2Backend(mvStore);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonH2Database(databaseName, store, getCursorRegistry());
    }

    /** Opens collections and unique indexes with the value-comparing, BSON-storing types. */
    static final class BsonH2Database extends H2Database {

        BsonH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
            super(databaseName, mvStore, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                        List<IndexKey> keys, boolean sparse) {
            // The same map name as H2Database uses, so its dropIndex removes this map.
            String name = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            MVMap<KeyValue, Object> map = store.openMap(name,
                new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE).valueType(ValueType.INSTANCE));
            return new UniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The same map names as H2Database uses, so its drop and rename find these maps.
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = store.openMap("databases." + fullName,
                new MVMap.Builder<Object, Document>().keyType(ValueType.INSTANCE).valueType(DocumentType.INSTANCE));
            MVMap<String, Object> metaMap = store.openMap("meta." + fullName);
            return new CopyingCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }
    }

    /**
     * Answers queries with copies of the stored documents. mongo-java-server updates the
     * documents a query returned in place, and encodes replies outside the collection's lock:
     * on the stored objects, that raced H2's background page writer and other clients' reply
     * encoding (a ConcurrentModificationException that closed the store, or broke a reply).
     * Updates now change a copy and put it, so a stored document never changes after its put.
     */
    static final class CopyingCollection extends H2Collection {

        CopyingCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                          MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                          CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        @Override
        protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
            List<Document> copies = new ArrayList<>(matchedDocuments.size());
            for (Document document : matchedDocuments) {
                copies.add(document.cloneDeeply());
            }
            return super.createQueryResult(copies, batchSize);
        }
    }

    /** H2UniqueIndex, whose constructor is package-private, over a map of this backend's types. */
    static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /** MongoDB's value order, without Java serialisation; strings and numbers take a fast path. */
    static int compareValues(Object a, Object b) {
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (isPlainNumber(a) && isPlainNumber(b)) {
            Number x = (Number) a;
            Number y = (Number) b;
            int byDouble = Double.compare(x.doubleValue(), y.doubleValue());
            if (byDouble != 0 || !isIntegral(x) || !isIntegral(y)) {
                return byDouble;
            }
            // Two longs beyond 2^53 can share a double: only then do their exact values decide.
            return Long.compare(x.longValue(), y.longValue());
        }
        return ValueComparator.ascWithoutListHandling().compare(a, b);
    }

    private static boolean isPlainNumber(Object value) {
        return value instanceof Number && !(value instanceof Decimal128);
    }

    private static boolean isIntegral(Number value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static final byte MISSING = 0;
    private static final byte STRING = 1;
    private static final byte BSON_VALUE = 2;

    static void writeValue(WriteBuffer buff, Object value) {
        if (value instanceof Missing) {
            buff.put(MISSING);
        } else if (value instanceof String) {
            String text = (String) value;
            buff.put(STRING).putVarInt(text.length()).putStringData(text, text.length());
        } else {
            // One BSON element body, with its type byte in front: no wrapping document.
            byte type = BsonEncoder.determineType(value);
            ByteBuf encoded = Unpooled.buffer(32);
            BsonEncoder.encodeValue(type, value, encoded);
            int length = encoded.readableBytes();
            buff.put(BSON_VALUE).put(type).putVarInt(length);
            buff.put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), length);
        }
    }

    static Object readValue(ByteBuffer buff) {
        byte tag = buff.get();
        switch (tag) {
            case MISSING:
                return Missing.getInstance();
            case STRING:
                return DataUtils.readString(buff, DataUtils.readVarInt(buff));
            case BSON_VALUE: {
                byte type = buff.get();
                byte[] bytes = new byte[DataUtils.readVarInt(buff)];
                buff.get(bytes);
                return BsonDecoder.decodeValue(type, Unpooled.wrappedBuffer(bytes));
            }
            default:
                throw new IllegalStateException("unknown value tag " + tag);
        }
    }

    /**
     * Stored documents no longer change after their put (see CopyingCollection); should any path
     * still change one while H2's background thread writes its page, the encoding is retried, and
     * the put that follows such a change dirties the page again for the next commit.
     */
    static void writeDocument(WriteBuffer buff, Document document) {
        ByteBuf encoded = encodeRetrying(document);
        int length = encoded.readableBytes();
        buff.putVarInt(length);
        buff.put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), length);
    }

    private static ByteBuf encodeRetrying(Document document) {
        for (int attempt = 1; ; attempt++) {
            try {
                ByteBuf encoded = Unpooled.buffer(256);
                BsonEncoder.encodeDocument(document, encoded);
                return encoded;
            } catch (ConcurrentModificationException e) {
                if (attempt == MAX_ENCODE_ATTEMPTS) {
                    throw e;
                }
                Thread.yield();
            }
        }
    }

    private static final int MAX_ENCODE_ATTEMPTS = 1_000;

    static Document readDocument(ByteBuffer buff) {
        int length = DataUtils.readVarInt(buff);
        byte[] bytes = new byte[length];
        buff.get(bytes);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    /** A rough size for H2's page cache accounting; it only needs to grow with the value. */
    static int estimateMemory(Object value) {
        try {
            return estimate(value);
        } catch (ConcurrentModificationException e) {
            // Changing under an update (see writeDocument): any plausible size will do.
            return 1024;
        }
    }

    private static int estimate(Object value) {
        if (value instanceof String) {
            return 48 + 2 * ((String) value).length();
        }
        if (value instanceof Document) {
            int size = 64;
            for (Entry<String, Object> entry : ((Document) value).entrySet()) {
                size += 48 + 2 * entry.getKey().length() + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof List) {
            int size = 48;
            for (Object item : (List<?>) value) {
                size += 8 + estimate(item);
            }
            return size;
        }
        return 32;
    }

    /** Document ids and index positions: any BSON value, or Missing. */
    static final class ValueType extends BasicDataType<Object> {
        static final ValueType INSTANCE = new ValueType();

        @Override
        public int compare(Object a, Object b) {
            return compareValues(a, b);
        }

        @Override
        public int getMemory(Object value) {
            return estimateMemory(value);
        }

        @Override
        public void write(WriteBuffer buff, Object value) {
            writeValue(buff, value);
        }

        @Override
        public Object read(ByteBuffer buff) {
            return readValue(buff);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** Stored documents, as BSON. */
    static final class DocumentType extends BasicDataType<Document> {
        static final DocumentType INSTANCE = new DocumentType();

        @Override
        public int getMemory(Document document) {
            return estimateMemory(document);
        }

        @Override
        public void write(WriteBuffer buff, Document document) {
            writeDocument(buff, document);
        }

        @Override
        public Document read(ByteBuffer buff) {
            return readDocument(buff);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** Unique index keys: the indexed values in order, compared value by value. */
    static final class KeyValueType extends BasicDataType<KeyValue> {
        static final KeyValueType INSTANCE = new KeyValueType();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int shared = Math.min(a.size(), b.size());
            for (int i = 0; i < shared; i++) {
                int cmp = compareValues(a.get(i), b.get(i));
                if (cmp != 0) {
                    return cmp;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int size = 48;
            for (Object value : key) {
                size += 8 + estimateMemory(value);
            }
            return size;
        }

        @Override
        public void write(WriteBuffer buff, KeyValue key) {
            buff.putVarInt(key.size());
            for (Object value : key) {
                writeValue(buff, value);
            }
        }

        @Override
        public KeyValue read(ByteBuffer buff) {
            int size = DataUtils.readVarInt(buff);
            Object[] values = new Object[size];
            for (int i = 0; i < size; i++) {
                values[i] = readValue(buff);
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }
}
